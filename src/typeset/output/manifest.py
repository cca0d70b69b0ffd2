"""manifest.json in a print folder: what the print build sent, and what `typeset preflight`
checks the folder against. One model for both, so writer and reader cannot drift apart."""

from __future__ import annotations

from pydantic import BaseModel

from typeset.issue.paper import ImagePpi, Press, Standard

MANIFEST = "manifest.json"


class ManifestPage(BaseModel):
    page: int
    file: str
    bytes: int  # the file's size
    standard: Standard
    sha256: str


class ManifestImage(BaseModel):
    """A photo or ad image as embedded, so preflight can name it by its source file."""

    sha256: str  # of the image's data as it stands in the PDF (the press JPEG)
    source: str  # the file in the issue folder, e.g. images/wang.png
    owner: str  # who places it, e.g. article 'lead'
    pages: list[int]


class Manifest(BaseModel):
    issue: str
    paper: str
    title: str
    standard: Standard
    trim_mm: tuple[float, float]
    bleed_mm: float
    output_profile: str
    image_ppi: ImagePpi
    max_ink_percent: float = Press().max_ink_percent
    overprint_black: bool = True
    overset: list[str]  # the places where text was over, as the report names them
    forced: bool  # built despite overset text
    pages: list[ManifestPage]
    images: list[ManifestImage] = []  # pydantic copies a default list

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"
