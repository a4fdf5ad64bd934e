"""A binder (合订本, 资料汇编, 佐证材料) scanned as one file holds several documents one after another: a 方案, minutes,
a sign-in sheet, a 制度, a pledge, a photo page. Typed as one document, its plan pages would count as records (or its
records as plan). For matching, each part is read as a document of its own, typed by its own title: a part starts on
a page one of whose first two lines is a title (short, naming a kind of document). The file, its pages and the report stay one;
flags read the whole file (``pipeline/flags/bundle.py`` splits it for dates)."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath

from classifiers.text_utils import NUMBERED_ITEM_RE
from pipeline.analysis import annotate
from pipeline.models import Document, Passage


def parts(doc: Document, cues: dict) -> list[Document]:
    """The binder's parts as documents (same file, own pages, own type), or ``[doc]`` for any other file.
    A file not named as a binder (扫描件1.pdf: a stack scanned together) is split only when its parts are of
    different kinds — the second page of the same minutes must keep the first page's date and attendees.
    ``cues``: ``binders`` in checklists/matching.yaml."""
    if doc.status != "ok" or doc.is_image or doc.pages < cues["stack_min_pages"]:
        return [doc]
    named = re.search(cues["name"], PurePosixPath(doc.file).stem + " " + _first_lines(doc))
    if named and doc.pages < cues["min_pages"]:
        return [doc]
    out = _split(doc, cues)
    if not named and len({part.doc_type for part in out} - {None, "other"}) < 2:
        return [doc]
    return out


def _split(doc: Document, cues: dict) -> list[Document]:
    segments: list[tuple[str, list[Passage]]] = []
    for page in sorted({p.page for p in doc.passages}):
        on_page = [p for p in doc.passages if p.page == page]
        title = _title(on_page, cues)
        if title is not None or not segments:
            segments.append((title or PurePosixPath(doc.file).stem, []))
        segments[-1][1].extend(on_page)
    if len(segments) < 2:
        return [doc]
    out = []
    for title, passages in segments:
        first, last = passages[0].page, passages[-1].page
        part = replace(doc, passages=passages, pages=last - first + 1,
                       part=f"第{first}页" if first == last else f"第{first}-{last}页",
                       doc_type=None, doc_kind=None, doc_date=None)
        out.append(annotate(part, name=title))
    return out


def _first_lines(doc: Document) -> str:
    return " ".join(p.text for p in doc.passages[:3])


def _title(passages: list[Passage], cues: dict) -> str | None:
    """The page's title when it opens a new document: one of its first lines, short, naming a kind of document
    ("琴溪中学落实“双减”工作实施方案", "教师拒绝有偿补课承诺书（签名页）")."""
    words = cues["title_words"]
    sectioned = False
    for i, p in enumerate(passages[:2]):
        line = p.text.strip().split("\n", 1)[0]
        if i == 0 and re.fullmatch(cues["section_heading"], line):
            sectioned = True
            continue            # a binder's own section heading ("三、医德医风建设实") over the document filed under it
        if i == 1 and sectioned:
            if re.fullmatch(r"[（(].*[)）]", line):
                return None     # the section's contents note ("（干部选拔任用工作台账、…材料）"), no document
            line = re.sub(cues["section_item"], "", line)    # "5-1 …激励干部担当作为实施方案": the section's first item
        if re.search(cues["continued"], line) or NUMBERED_ITEM_RE.match(line):
            return None         # "校务会记录（续）", a numbered section ("三、管好集体三资"): the same document goes on
        # a note after the title: "…实施方案（隆交党组〔2024〕7号）", "…集体决策制度（2021年4月党组会议通过）"
        line = re.sub(r"[（(][^（()）]{1,24}[)）]$", "", line)
        head, colon, _rest = re.split(r"([:：])", line, maxsplit=1) if re.search(r"[:：]", line) else (line, "", "")
        if colon:       # "…签到表时间：2024年6月27日" (a scan ran the title into its first field), not "会议决定：…"
            titled = re.search(rf"({words}).{{2,}}$", head)
        else:           # "琴溪中学落实“双减”工作实施方案", "…党支部活动记录2024年3月22日支部党员大会"
            titled = re.search(rf"({words})[^。；;，,、]{{0,16}}$", line)
        if titled and len(head) <= cues["title_max"]:
            return head if colon else line
    return None
