"""Proof rounds: each proof build is the next round, stamped with its number and time."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

ROUND_FOLDER = re.compile(r"round-(\d+)")


@dataclass(frozen=True)
class ProofRound:
    """One round of proofs: its number and when it was built."""

    number: int
    built: datetime

    @property
    def name(self) -> str:
        return f"round-{self.number}"

    @property
    def stamp(self) -> str:
        """The mark in each page's margin, so a sheet on the desk names its round."""
        return f"校样 第{self.number}轮 · {self.built:%Y-%m-%d %H:%M}"


def next_round(proof_folder: Path, zone: tzinfo) -> ProofRound:
    """The round after the highest one in `proof_folder` (round 1 when there is none), at
    the time in the paper's time `zone`."""
    return ProofRound(last_round(proof_folder) + 1, build_time(zone))


def last_round(proof_folder: Path) -> int:
    """The highest round number written so far, 0 when none was."""
    found = (ROUND_FOLDER.fullmatch(path.name) for path in _folders(proof_folder))
    return max((int(match.group(1)) for match in found if match), default=0)


def build_time(zone: tzinfo) -> datetime:
    """From SOURCE_DATE_EPOCH when set (reproducible proofs), else now; in `zone`, never
    in the machine's local time, so that TZ changes no byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), zone) if epoch else datetime.now(zone)


def _folders(proof_folder: Path) -> list[Path]:
    return (
        [path for path in proof_folder.iterdir() if path.is_dir()] if proof_folder.is_dir() else []
    )
