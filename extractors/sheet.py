"""Spreadsheets (XLSX, XLS, CSV): one passage per data row, 'page' = sheet number.

The header row is the first row whose cells are mostly non-empty strings and
that has at least two cells; rows above it (titles such as '2023年度…台账')
become passages of their own.
"""
from __future__ import annotations

import csv
import io
import math
import shutil
import struct
import tempfile
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import xlrd

from extractors.base import ExtractContext, Extractor, row_text
from extractors.errors import CorruptError, EmptyError, EncryptedError
from extractors.text import decode_text
from pipeline.models import Document, Passage


def _cell(v: object) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime):      # also pandas' Timestamp (and NaT, which is not equal to itself)
        if v != v:
            return ""
        midnight = (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0)
        return v.strftime("%Y-%m-%d") if midnight else v.isoformat(sep=" ")
    return " ".join(str(v).split())


def _is_header(row: list[str]) -> bool:
    filled = [c for c in row if c]
    if len(filled) < 2:
        return False
    textual = [c for c in filled if not c.replace(".", "", 1).replace("-", "").isdigit()]
    return len(textual) >= 0.8 * len(filled) and len(filled) >= 0.5 * len(row)


def rows_to_passages(rows: list[list[str]], rel: str, page: int, sheet: str | None) -> list[Passage]:
    rows = [r for r in rows if any(r)]
    # trim columns that are empty in every row
    width = max((max((i for i, c in enumerate(r) if c), default=-1) + 1 for r in rows), default=0)
    rows = [r[:width] + [""] * (width - len(r)) for r in rows]
    out: list[Passage] = []
    header: list[str] = []
    start = 0
    for k, r in enumerate(rows[:10]):
        if _is_header(r):
            header, start = r, k + 1
            break
    for r in rows[: max(0, start - 1)]:  # title rows above the header
        out.append(Passage(file=rel, page=page, text=" ".join(c for c in r if c), sheet=sheet))
    if header:
        out.append(Passage(file=rel, page=page, text="；".join(c for c in header if c), sheet=sheet))
    for r in rows[start:]:
        text = row_text(header, r)
        if text:
            out.append(Passage(file=rel, page=page, text=text, sheet=sheet))
    return out


class SheetExtractor(Extractor):
    name = "sheet"
    version = "1"

    def extract(self, path: Path, rel: str, doc: Document, ctx: ExtractContext) -> None:
        kind = "csv" if path.suffix.lower() == ".csv" or _is_text(path) else None
        if kind == "csv":
            sheets = {"": _read_csv(path)}
        else:
            try:
                sheets = _read_workbook(path)
            except CorruptError:
                if not _is_ole(path) or shutil.which("soffice") is None:
                    raise
                sheets = _via_soffice(path, ctx)  # newer WPS .et and BIFF variants xlrd rejects
        doc.pages = len(sheets)
        for n, (name, rows) in enumerate(sheets.items(), start=1):
            doc.passages.extend(rows_to_passages(rows, rel, n, name or None))
        if not doc.passages:
            raise EmptyError("表格中没有任何内容")


def _is_ole(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _via_soffice(path: Path, ctx: ExtractContext) -> dict[str, list[list[str]]]:
    from extractors.legacy import convert

    with tempfile.TemporaryDirectory(prefix="qinglian-soffice-") as tmp:
        return _read_workbook(convert(path, ".xls", "xlsx", Path(tmp), ctx.options.soffice_timeout))


def _is_text(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(8)
    return not (head.startswith(b"PK") or head.startswith(b"\xd0\xcf\x11\xe0"))


def _read_csv(path: Path) -> list[list[str]]:
    text, _ = decode_text(path.read_bytes())
    sample = text[:5000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
        delim = dialect.delimiter
    except csv.Error:
        delim = "\t" if sample.count("\t") > sample.count(",") else ","
    return [[" ".join(c.split()) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delim)]


def _read_workbook(path: Path) -> dict[str, list[list[str]]]:
    with path.open("rb") as f:
        head = f.read(8)
    if not head.startswith(b"PK"):
        return _read_xls(path)
    import pandas as pd     # here, not at the top: the coordinating process never reads a workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        frames = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl", dtype=object)
    except (InvalidFileException, zipfile.BadZipFile, zlib.error, KeyError, ValueError, OSError, EOFError, NotImplementedError, AssertionError) as e:
        raise CorruptError("Excel 文件损坏或格式无法识别，请重新导出后提交", detail=repr(e)) from e
    return {str(name): [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)] for name, df in frames.items()}


def _read_xls(path: Path) -> dict[str, list[list[str]]]:
    """BIFF .xls/.et with xlrd directly (dates need the workbook's datemode)."""
    try:
        book = xlrd.open_workbook(str(path))
    except xlrd.biffh.XLRDError as e:
        if "encrypt" in str(e).lower():
            raise EncryptedError(detail=str(e)) from e
        raise CorruptError("Excel 文件损坏或格式无法识别，请重新导出后提交", detail=str(e)) from e
    except (xlrd.compdoc.CompDocError, AssertionError, IndexError, KeyError, ValueError, struct.error, OSError) as e:
        # xlrd reports damaged BIFF records as plain IndexError/struct.error/UnicodeDecodeError (a ValueError)
        raise CorruptError("Excel 文件损坏或格式无法识别，请重新导出后提交", detail=repr(e)) from e
    out: dict[str, list[list[str]]] = {}
    try:
        for sh in book.sheets():
            rows: list[list[str]] = []
            for r in range(sh.nrows):
                row = []
                for c in sh.row(r):
                    if c.ctype == xlrd.XL_CELL_DATE:
                        try:
                            row.append(_cell(xlrd.xldate_as_datetime(c.value, book.datemode)))
                        except (xlrd.xldate.XLDateError, OverflowError):
                            row.append(_cell(c.value))
                    elif c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                        row.append("")
                    else:
                        row.append(_cell(c.value))
                rows.append(row)
            out[sh.name] = rows
    finally:
        book.release_resources()
    return out
