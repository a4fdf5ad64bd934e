"""OCR lines (or a text layer's lines) → passages: reading order, rows, paragraphs, and pages set in two columns.

Used for OCR'd pages and for text-layer PDFs alike; boxes are (x0, top, x1, bottom) in the page's pixels or points.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from extractors.chat import SCREEN_TIME_RE
from pipeline.models import BBox, Passage

if TYPE_CHECKING:
    from extractors.ocr import OcrLine


def _join(a: str, b: str, sep_if_gap: bool = False) -> str:
    if not a:
        return b
    if sep_if_gap or (a[-1].isascii() and a[-1].isalnum() and b[:1].isascii() and b[:1].isalnum()):
        return f"{a} {b}"
    return a + b


def _union(boxes: Iterable[BBox]) -> BBox:
    bs = list(boxes)
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


@dataclass
class _Row:
    lines: list[OcrLine]

    @property
    def bbox(self) -> BBox:
        return _union(ln.bbox for ln in self.lines)

    @property
    def height(self) -> float:
        return statistics.median(ln.bbox[3] - ln.bbox[1] for ln in self.lines)

    def text(self) -> str:
        out = ""
        prev: Optional[OcrLine] = None
        for ln in sorted(self.lines, key=lambda l: l.bbox[0]):
            gap = prev is not None and ln.bbox[0] - prev.bbox[2] > (ln.bbox[3] - ln.bbox[1])
            out = _join(out, ln.text, sep_if_gap=gap)
            prev = ln
        return out


def _rows(lines: list[OcrLine]) -> list[_Row]:
    """Merge lines whose vertical extents overlap by more than half into rows."""
    rows: list[_Row] = []
    for ln in sorted(lines, key=lambda l: ((l.bbox[1] + l.bbox[3]) / 2, l.bbox[0])):
        top, bottom = ln.bbox[1], ln.bbox[3]
        if rows:
            r = rows[-1]
            rt, rb = r.bbox[1], r.bbox[3]
            overlap = min(bottom, rb) - max(top, rt)
            if overlap > 0.5 * min(bottom - top, r.height):
                r.lines.append(ln)
                continue
        rows.append(_Row([ln]))
    return rows


# a page set in two columns (a 简报, a 院报): at least this many lines on each side of a gutter, and the lines of
# each column mostly reaching across it (table cells side by side are short, so a table is never read as columns)
_COLUMN_MIN_LINES = 3
_COLUMN_FILL = 0.6


def _column_groups(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """The page's lines in reading order groups: what runs across above the columns, the left column, the right
    column, what runs across below — or all lines as one group when the page is not set in two columns."""
    if len(lines) < 2 * _COLUMN_MIN_LINES:
        return [lines]
    left, right = min(ln.bbox[0] for ln in lines), max(ln.bbox[2] for ln in lines)
    best: tuple[tuple[int, int], float, list[OcrLine], list[OcrLine]] = ((0, 0), 0.0, [], [])
    for k in range(35, 66):     # the gutter fewest lines run across, with enough lines on both sides
        gutter = left + (right - left) * k / 100
        lo = [ln for ln in lines if ln.bbox[2] <= gutter]
        hi = [ln for ln in lines if ln.bbox[0] >= gutter]
        if min(len(lo), len(hi)) >= _COLUMN_MIN_LINES and (len(lo) + len(hi), min(len(lo), len(hi))) > best[0]:
            best = ((len(lo) + len(hi), min(len(lo), len(hi))), gutter, lo, hi)
    _, gutter, lo, hi = best
    if not lo:
        return [lines]
    if statistics.median(ln.bbox[2] - ln.bbox[0] for ln in lo) < _COLUMN_FILL * (gutter - left) or \
            statistics.median(ln.bbox[2] - ln.bbox[0] for ln in hi) < _COLUMN_FILL * (right - gutter):
        return [lines]
    top, bottom = min(ln.bbox[1] for ln in lo + hi), max(ln.bbox[3] for ln in lo + hi)
    sides = {id(ln) for ln in lo + hi}
    across = [ln for ln in lines if id(ln) not in sides]
    above = [ln for ln in across if ln.bbox[3] <= top + 1]
    below = [ln for ln in across if ln.bbox[1] >= bottom - 1]
    if len(above) + len(below) < len(across):
        return [lines]          # a line runs across the gutter between the columns' lines: no gutter there
    return [g for g in (above, lo, hi, below) if g]


def lines_to_passages(lines: Sequence[OcrLine], file: str, page: int) -> list[Passage]:
    """Reading order + paragraphs: a page set in two columns is read column by column (``_column_groups``);
    within a group, see ``_group_passages``."""
    out: list[Passage] = []
    for group in _column_groups([ln for ln in lines if ln.text.strip()]):
        out.extend(_group_passages(group, file, page))
    return out


def _group_passages(lines: Sequence[OcrLine], file: str, page: int) -> list[Passage]:
    """Rows (lines at the same height) are read top to bottom, each left to right.
    A new paragraph starts after a vertical gap larger than ~0.9 line height, at a
    first-line indent (≥ ~1.2 characters right of the paragraph's left edge), or
    after a row that stops well short of the right margin (last line of a paragraph).
    """
    rows = _rows(list(lines))
    if not rows:
        return []
    right = max(r.bbox[2] for r in rows)
    # a chat screenshot's bubbles are narrower than the screen: a line is short against its own bubble, not the page
    bubbles = any(SCREEN_TIME_RE.match(r.text()) for r in rows)
    paras: list[list[_Row]] = []
    for r in rows:
        if paras:
            cur = paras[-1]
            prev = cur[-1]
            h = max(1.0, statistics.median([prev.height, r.height]))
            gap = r.bbox[1] - prev.bbox[3]
            left = min(x.bbox[0] for x in cur)
            indented = r.bbox[0] - left > 1.2 * h
            edge = max([x.bbox[2] for x in cur] + [r.bbox[2]]) if bubbles else right
            prev_short = edge - prev.bbox[2] > 2.5 * h
            multi = len(r.lines) > 1 or len(prev.lines) > 1   # table-like rows stay separate
            if not (gap > 0.9 * h or indented or prev_short or multi):
                cur.append(r)
                continue
        paras.append([r])
    out: list[Passage] = []
    for para in paras:
        text = ""
        for r in para:
            text = _join(text, r.text())
        confs = [ln.confidence for r in para for ln in r.lines]
        out.append(
            Passage(
                file=file,
                page=page,
                text=text,
                source="ocr",
                bbox=_union(r.bbox for r in para),
                confidence=round(statistics.fmean(confs), 4),
            )
        )
    return out
