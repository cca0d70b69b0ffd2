"""An issue among the others of its repository: where the layouts and fonts are, and
whether it repeats another issue's date or numbers (a copy not yet updated)."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

import typeset
from typeset.diagnostics import Diagnostics
from typeset.issue.model import IssueHeader
from typeset.issue.yaml_source import YamlDocument


def repository_of(folder: Path) -> Path:
    """The repository the issue is in; else the working directory's or the installed
    package's, so that `typeset` runs from any directory."""
    found = issue_repository(folder)
    if found is not None:
        return found
    for candidate in (Path.cwd(), Path(typeset.__file__).resolve().parents[2]):
        if _is_repository(candidate):
            return candidate
    return Path.cwd()


def issue_repository(folder: Path) -> Path | None:
    """The folder above the issue that holds `layouts/` and `fonts/`, if any."""
    return next((p for p in folder.resolve().parents if _is_repository(p)), None)


def _is_repository(folder: Path) -> bool:
    return (folder / "layouts").is_dir() and (folder / "fonts").is_dir()


def check_siblings(folder: Path, header: IssueHeader, doc: YamlDocument, out: Diagnostics) -> None:
    """Warnings for a date, 期号 or 总期号 that another issue beside this one already has,
    and for a folder named for another date than the issue's."""
    named = _date_in(folder.name)
    if named is not None and named != header.date:
        out.warning(
            doc.locate(("date",)),
            f"the folder is named '{folder.name}' but the issue's date is {header.date} "
            "(a copied issue? rename the folder or correct the date)",
        )
    for other, data in _other_issues(folder):
        for key, label in (("date", "date"), ("number", "期号"), ("total_number", "总期号")):
            if data.get(key) == getattr(header, key):
                out.warning(
                    doc.locate((key,)),
                    f"issue '{other.name}' has the same {label}, {getattr(header, key)} "
                    "(a copied issue not yet updated?)",
                )


def _date_in(name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(name[:10])
    except ValueError:
        return None


def _other_issues(folder: Path) -> list[tuple[Path, dict]]:
    """The top keys of the other issues in the same parent folder; unreadable ones are
    left out (their own build reports them)."""
    found = []
    mine = folder.resolve()
    for path in sorted(folder.resolve().parent.glob("*/issue.yaml")):
        if path.parent == mine:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            found.append((path.parent, data))
    return found
