"""Typed records shared by extractors, classifiers, flags, store and reports.

Everything that crosses a module boundary is one of these dataclasses, so a
record can be cached in SQLite (``to_dict``/``from_dict``) and shipped to a
worker process or a Dask worker unchanged.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal, Optional

# (x0, top, x1, bottom), page-relative. PDF text: PDF points; OCR: pixels of the
# rendered page image (see Passage.source / Document.render_dpi).
BBox = tuple[float, float, float, float]

DocStatus = Literal["ok", "failed", "empty"]
PassageSource = Literal["text", "ocr"]


@dataclass
class Passage:
    """One paragraph, table row or OCR block, with where it came from."""

    file: str                      # relative to the unit folder, '/'-separated; zip members 'a.zip/inner/x.pdf'
    page: int                      # 1-based page; sheet number for spreadsheets; 1 for plain text
    text: str
    source: PassageSource = "text"
    bbox: Optional[BBox] = None
    confidence: Optional[float] = None   # OCR confidence 0..1 (mean of the block's lines)
    sheet: Optional[str] = None          # spreadsheet sheet name
    index: int = 0                       # order of the passage within its document

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Passage":
        d = dict(d)
        if d.get("bbox") is not None:
            d["bbox"] = tuple(d["bbox"])
        return cls(**d)


@dataclass
class PageError:
    page: int
    code: str        # machine code, e.g. "ocr_failed", "timeout", "render_failed"
    message: str     # Chinese, for the reviewer


IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp")


@dataclass
class Document:
    """The result of extracting one submitted file (or one zip member)."""

    file: str
    status: DocStatus = "ok"
    pages: int = 0
    ocr_pages: int = 0
    passages: list[Passage] = field(default_factory=list)
    error: Optional[str] = None          # Chinese message when status != ok (or a warning)
    error_code: Optional[str] = None     # see extractors.errors codes
    page_errors: list[PageError] = field(default_factory=list)
    sha256: str = ""
    size: int = 0
    extractor: str = ""                  # "name@version"
    page_ocr_confidence: dict[int, float] = field(default_factory=dict)
    render_dpi: Optional[int] = None
    # filled by analysis (classifiers), not by extractors
    doc_type: Optional[str] = None       # id from checklists/doctypes.yaml
    doc_kind: Optional[str] = None       # record | plan | rule | pledge | notice | other
    doc_date: Optional[str] = None       # ISO date of the document's own date
    blank_form: bool = False             # a template or an unfilled form: shows nothing done
    container: Optional[str] = None      # the zip file this member came from
    part: Optional[str] = None           # pages of a binder this document is one part of ("第5-6页"); matching only

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.passages)

    @property
    def is_image(self) -> bool:
        """A photo or scan submitted as an image file (judged by its name)."""
        return self.file.lower().endswith(IMAGE_EXTS)

    @property
    def ocr_confidence(self) -> Optional[float]:
        vals = list(self.page_ocr_confidence.values())
        return sum(vals) / len(vals) if vals else None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["page_ocr_confidence"] = {str(k): v for k, v in self.page_ocr_confidence.items()}
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        d = dict(d)
        d["passages"] = [Passage.from_dict(p) for p in d.get("passages", [])]
        d["page_errors"] = [PageError(**e) for e in d.get("page_errors", [])]
        d["page_ocr_confidence"] = {int(k): v for k, v in (d.get("page_ocr_confidence") or {}).items()}
        return cls(**d)


@dataclass
class Flag:
    """A reason for a reviewer to spot-check a document."""

    file: str
    page: Optional[int]
    rule: str                  # rule id, e.g. "leader-speaks-first"
    severity: Literal["high", "medium", "low"]
    message: str               # Chinese: what was seen and why it matters
    text: str = ""             # the triggering passage
    bbox: Optional[BBox] = None
    related: list[dict] = field(default_factory=list)   # e.g. [{"unit":…, "file":…, "similarity":0.93}]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Unit:
    """One unit's submission folder."""

    folder: str                # folder name under the submissions root
    path: str                  # absolute path
    name: str
    unit_type: Optional[str]   # contract code or None until inferred from content
    type_source: str           # manifest | folder-name | content
    period_start: Optional[str] = None
    period_end: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
