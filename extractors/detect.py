"""Format detection by magic bytes, falling back to the extension.

A file whose content does not match its extension is read by the extractor of
its real format; the mismatch becomes a warning on the document, not an error.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Optional

# kind → label used in Chinese messages
KIND_LABELS: dict[str, str] = {
    "pdf": "PDF",
    "image": "图片",
    "docx": "Word 文档（DOCX）",
    "xlsx": "Excel 表格（XLSX）",
    "xls": "Excel 表格（XLS）",
    "csv": "CSV 表格",
    "text": "纯文本",
    "legacy": "旧版 Word/WPS 文档",
    "zip": "ZIP 压缩包",
}

EXT_KINDS: dict[str, str] = {
    ".pdf": "pdf",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".bmp": "image",
    ".tif": "image", ".tiff": "image", ".gif": "image", ".webp": "image",
    ".docx": "docx", ".docm": "docx",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".xls": "xls", ".et": "xls",
    ".csv": "csv",
    ".txt": "text", ".md": "text", ".text": "text",
    ".doc": "legacy", ".wps": "legacy", ".rtf": "legacy",
    ".zip": "zip",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ext_kind(rel: str) -> Optional[str]:
    return EXT_KINDS.get(Path(rel).suffix.lower())


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "zip"  # let the archive extractor report the corruption
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl <= len(head) // 100


def sniff(path: Path, rel: str) -> Optional[str]:
    """The real kind of the file from its first bytes; None when unknown."""
    with path.open("rb") as f:
        head = f.read(4096)
    ek = ext_kind(rel)
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"GIF8")):
        return "image"
    if head.startswith(b"BM") and len(head) > 26 and ek in ("image", None):
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(_OLE):
        # OLE2 compound file: .doc/.wps or .xls/.et; the extension tells which family.
        return "xls" if ek == "xls" else "legacy"
    if head.startswith(b"{\\rtf"):
        return "legacy"
    if head and _looks_like_text(head):
        if ek in ("text", "csv"):
            return ek
        if ek == "xls":
            return "csv"  # "xls" exported as tab/comma separated text
        return None
    return None


def resolve_kind(path: Path, rel: str) -> tuple[Optional[str], Optional[str]]:
    """(kind to use, Chinese mismatch warning or None)."""
    ek = ext_kind(rel)
    real = sniff(path, rel)
    if real is None:
        return ek, None
    if ek is not None and real != ek and not (ek == "text" and real == "csv"):
        return real, f"扩展名与实际格式不符（实际为 {KIND_LABELS[real]}）"
    return real, None
