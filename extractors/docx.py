"""DOCX: body paragraphs and tables in document order; embedded images OCR'd in place.

A DOCX has no pages: every passage is on page 1. Table rows become
'表头1: 值1；表头2: 值2' with the first row as header.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError
from PIL import Image, UnidentifiedImageError

from extractors.base import ExtractContext, Extractor, add_page_error, form_row_text, is_form_table, row_text
from extractors.errors import CorruptError
from extractors.ocr import OcrFailedError, ocr_image
from pipeline.models import Document, Passage

_BLIP = ".//*[local-name()='blip']/@*[local-name()='embed']"
_MIN_IMAGE_SIDE = 48   # icons and bullets carry no evidence text


class DocxExtractor(Extractor):
    name = "docx"
    version = "4"   # 2: form tables read as label：value pairs; 3: turned images read turned; 4: two-column images column by column

    def extract(self, path: Path, rel: str, doc: Document, ctx: ExtractContext) -> None:
        try:
            d = docx.Document(str(path))
        except (OpcError, zipfile.BadZipFile, zlib.error, KeyError, XMLSyntaxError, ValueError, NotImplementedError, EOFError, OSError) as e:
            # zipfile/zlib errors from damaged members; NotImplementedError: unknown compression
            raise CorruptError("Word 文档损坏或不是有效的 DOCX 文件，请重新导出后提交", detail=repr(e)) from e
        doc.pages = 1
        seen_images: set[str] = set()
        for block in d.iter_inner_content():
            if isinstance(block, Paragraph):
                text = block.text.strip()
                if text:
                    doc.passages.append(Passage(file=rel, page=1, text=text))
                for rid in block._p.xpath(_BLIP):
                    if rid not in seen_images:
                        seen_images.add(rid)
                        self._ocr_image(d, rid, rel, doc, ctx)
            elif isinstance(block, Table):
                doc.passages.extend(_table_passages(block, rel))

    def _ocr_image(self, d, rid: str, rel: str, doc: Document, ctx: ExtractContext) -> None:
        if not ctx.options.ocr:
            return
        part = d.part.related_parts.get(rid)
        if part is None:
            return
        try:
            img = Image.open(io.BytesIO(part.blob))
            img.load()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return  # EMF/WMF drawings and broken thumbnails: nothing to read
        if min(img.size) < _MIN_IMAGE_SIDE:
            return
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        doc.ocr_pages = 1
        try:
            passages, conf = ocr_image(ctx.ocr, img, rel, 1, ctx.options.max_image_side)
        except OcrFailedError as e:
            add_page_error(doc, 1, e.code, f"文档内图片{e.message}")
            return
        for p in passages:
            p.bbox = None  # pixel boxes of an embedded image mean nothing on the page
        doc.passages.extend(passages)
        if conf is not None:
            prev = doc.page_ocr_confidence.get(1)
            doc.page_ocr_confidence[1] = round(conf if prev is None else (prev + conf) / 2, 4)


def _cell_texts(row) -> list[str]:
    out: list[str] = []
    prev_tc = None
    for cell in row.cells:
        if cell._tc is prev_tc:   # horizontally merged cells repeat the same cell
            continue
        prev_tc = cell._tc
        out.append(" ".join(cell.text.split()))
    return out


def _table_passages(table: Table, rel: str) -> list[Passage]:
    rows = [_cell_texts(r) for r in table.rows]
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return []
    if is_form_table(rows):
        return [Passage(file=rel, page=1, text=t) for t in (form_row_text(r) for r in rows) if t]
    header = rows[0]
    out = [Passage(file=rel, page=1, text="；".join(c for c in header if c))]
    for r in rows[1:]:
        text = row_text(header, r)
        if text:
            out.append(Passage(file=rel, page=1, text=text))
    return out


