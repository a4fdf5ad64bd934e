"""Plain text (.txt/.md): robust Chinese decoding, paragraphs on blank lines/newlines."""
from __future__ import annotations

from pathlib import Path

import charset_normalizer

from extractors.base import ExtractContext, Extractor, split_paragraphs, text_passages
from extractors.chat import chat_threads
from extractors.errors import CorruptError, EmptyError
from pipeline.models import Document

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Never latin-1/cp1252: they decode anything and turn GBK into mojibake silently.
_ACCEPTED = {"utf_8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf_16", "utf_16_le", "utf_16_be", "hz", "cp950"}


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding). BOM → that; strict UTF-8; strict GB18030; charset-normalizer (CJK codecs only)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None and best.encoding in _ACCEPTED:
        return data.decode(best.encoding, errors="replace"), best.encoding
    # Mostly-GBK files with a few broken bytes: keep what decodes.
    text = data.decode("gb18030", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 50):
        raise CorruptError("文本文件编码无法识别，请另存为 UTF-8 编码后提交")
    return text, "gb18030"


class TextExtractor(Extractor):
    name = "text"
    version = "2"   # 2: chat exports read as day threads

    def extract(self, path: Path, rel: str, doc: Document, ctx: ExtractContext) -> None:
        text, _enc = decode_text(path.read_bytes())
        doc.pages = 1
        paragraphs = split_paragraphs(text)
        doc.passages.extend(text_passages(rel, 1, chat_threads(paragraphs) or paragraphs))
        if not doc.passages:
            raise EmptyError("文本文件无文字内容")
