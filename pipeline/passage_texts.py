"""The text matching reads for a passage: its own, normalised; a table row's prefixed with its table's title; a chat
thread's without its questions; a document's title line (file name and first passage); and what a passage with
negated or deferred clauses still affirms."""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Optional

from classifiers.negation import affirmed_text, negation_status
from classifiers.text_utils import normalize
from extractors.chat import HEADER_RE
from pipeline.models import Document, Passage
from pipeline.passage_cues import QUESTION_RE
from pipeline.table_rows import row_titles


def passage_texts(doc: Document) -> dict[int, str]:
    """id(passage) → the text it is matched on: its own, normalised; a table row's prefixed with the title of
    its table (a row of 医药代表来访备案登记 records a 医药代表's visit, though the row names only 代表姓名)."""
    titles = {id(p): t for p, t in row_titles(doc)}
    return {id(p): normalize(f"{titles[id(p)]}：{p.text}" if id(p) in titles else _unasked(p.text)) for p in doc.passages}


def _unasked(text: str) -> str:
    """A chat thread without its questions: "镇里问我们红白理事会成立了没有" asks, the answer tells
    ("还没成立，等年底换届后再说"; "路灯今天修好了")."""
    if "\n" not in text:
        return text
    kept = [line for line in text.split("\n") if not (HEADER_RE.match(line) and QUESTION_RE.search(line))]
    return "\n".join(kept) or text


def title_passage(doc: Document) -> Optional[Passage]:
    """The document's title line as a passage of its own: the file name and the first passage."""
    if not doc.passages:
        return None
    first = doc.passages[0]
    stem = PurePosixPath(doc.file).stem
    return Passage(file=doc.file, page=first.page, text=f"{stem} {first.text}"[:200],
                   source=first.source, bbox=first.bbox, confidence=first.confidence, index=first.index)


def affirmed_remainder(text: str) -> Optional[str]:
    """What a passage with negated or deferred clauses still affirms ("" if nothing); None if it has none."""
    clauses = negation_status(text).clauses
    if not any(c.negated or c.deferred for c in clauses):
        return None
    return affirmed_text(text)
