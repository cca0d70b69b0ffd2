"""manifest.json in a print folder: what the print build sent, and what `typeset preflight`
checks the folder against. One model for both, so writer and reader cannot drift apart."""

from __future__ import annotations

from pydantic import BaseModel

from typeset.issue.paper import ImagePpi, Standard

MANIFEST = "manifest.json"


class ManifestPage(BaseModel):
    page: int
    file: str
    bytes: int  # the file's size
    standard: Standard
    sha256: str


class Manifest(BaseModel):
    issue: str
    paper: str
    title: str
    standard: Standard
    trim_mm: tuple[float, float]
    bleed_mm: float
    output_profile: str
    image_ppi: ImagePpi
    overset: list[str]  # the places where text was over, as the report names them
    forced: bool  # built despite overset text
    pages: list[ManifestPage]

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
