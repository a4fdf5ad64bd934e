"""dates-out-of-order in a reply (批复, 复函, 答复): dated before the request it answers ("你委《关于…的请示》
（…19号，2024年4月8日报送）收悉" in a 批复 signed on 4-2) — the reply, or the request, was dated to fit.

The request's date is the latest date its citation gives, else, when the request itself is in the folder (found by
the document number or the title the reply cites), that file's date. A date without a day ("2024年4月") counts as the
first of its month, so only a reply surely earlier is flagged. Cue words are data (``cues.dates.reply``)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pipeline.flags import bundle
from pipeline.flags.common import doc_text, make_flag, ordered_passages, parse_iso, signoff_date, trim
from pipeline.flags.cues import alternation, cues
from pipeline.flags.dates_order import title_line
from pipeline.models import Document, Flag

# a document number: 河西城管〔2024〕19号, OCR'd with any bracket ("（2024）", "〔2024]")
_DOC_NO_RE = re.compile(r"[\u4e00-\u9fa5]{1,10}\s*[〔［\[（(【]\s*(?:19|20)\d{2}\s*[〕］\]）)】]\s*第?\s*\d{1,4}\s*号")
_TITLE_RE = re.compile(r"《([^》]{4,60})》")


def _key(text: str) -> str:
    return re.sub(r"[\s〔〕［\]\[（）()【】第]", "", text)


def _citation(text: str, received: re.Pattern) -> Optional[str]:
    """The sentence that cites the request, up to the word saying it was received."""
    for sentence in re.split(r"[。；;\n]", text):
        m = received.search(sentence)
        if m and ("《" in sentence[:m.start()] or _DOC_NO_RE.search(sentence[:m.start()])
                  or bundle.dates_in(sentence[:m.start()], 2000)):
            return sentence[:m.start()]
    return None


def _cited_date(citation: str, year: int) -> Optional[dt.date]:
    hits = bundle.dates_in(_TITLE_RE.sub("《》", citation), year)
    return max((h.date for h in hits), default=None)


def _request_file(reply: Document, citation: str, docs: list[Document], reply_words: re.Pattern) -> Optional[Document]:
    """The cited request among the folder's files: its head holds the cited document number or title."""
    numbers = [_key(m.group(0)) for m in _DOC_NO_RE.finditer(citation)]
    titles = [_key(t) for t in _TITLE_RE.findall(citation)]
    for d in docs:
        if d is reply or d.status != "ok" or reply_words.search(title_line(d)):
            continue
        head = _key(" ".join(p.text for p in ordered_passages(d)[:4]) + " " + d.file)
        if any(n in head for n in numbers) or any(t in head for t in titles):
            return d
    return None


def check(docs: list[Document]) -> list[Flag]:
    spec = cues()["dates"]["reply"]
    reply_words = re.compile(alternation(spec["titles"]))
    received = re.compile(alternation(spec["received"]))
    flags = []
    for doc in docs:
        if doc.status != "ok" or not reply_words.search(title_line(doc)):
            continue
        own = signoff_date(doc) or parse_iso(doc.doc_date)
        citation = _citation(doc_text(doc), received) if own else None
        if citation is None:
            continue
        request = _request_file(doc, citation, docs, reply_words)
        asked = _cited_date(citation, own.year) or (parse_iso(request.doc_date) if request else None)
        if asked is None or asked <= own:
            continue
        related = [{"file": request.file}] if request else []
        psg = next((p for p in ordered_passages(doc) if citation.strip()[:8] in p.text), None)
        flags.append(make_flag(doc, "dates-out-of-order",
                               f"批复/复函落款日期 {own.isoformat()} 早于其所答复的请示（{asked.isoformat()}）："
                               f"“{trim(citation.strip(), 50)}”。先有批复、后有请示，可能系倒签或事后补办，请核对原件。",
                               passage=psg, related=related))
    return flags
