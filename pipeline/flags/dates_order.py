"""dates-out-of-order: a contract signed before its award notice, approval or collective-decision minutes.

The prerequisite may be in any file of the unit; it is matched to the contract by supplier, project name or
amount. When several prerequisites are later than the signing, the award notice is reported first, then the
approval, then the minutes. A reported minutes or approval is listed as a related file (it may have been made
afterwards to cover the contract); an award notice is not, since it is issued by the tendering side.
Minutes that recall an earlier decision are not the decision itself.

The contract's own file is read too: a bundle whose later parts (比价记录, 会议记录, 审批单, a 发包程序记录 whose steps
may leave out the year; minutes without a date label are dated by the sentence that holds the meeting) are dated
after the signing, a basis the contract cites ("根据2025年5月20日村民代表会议决议", or by title and date: "根据《关于…的批复》
（…，2023年9月20日）") that is dated after it, and an acceptance or payment part dated before it (paid or accepted
before there was a contract). A contract whose amount the purchase rules cannot read ("承包费：每年…") still has its own file read.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Optional

from pipeline.flags import bundle
from pipeline.flags.common import doc_text, find_dates, first_date_after, fmt_yuan, make_flag, ordered_passages
from pipeline.flags.common import parse_amounts, parse_iso, trim
from pipeline.flags.cues import alternation, cues
from pipeline.flags.purchases import SIGNING_LABELS, Purchase, doc_kind, project_key, sign_date, supplier_key
from pipeline.models import Document, Flag

_LABEL_GAP = 4     # characters between a label and its date ("签订日期 ： 2024年…")
_EXCLUDE_PREREQ = re.compile(r"验收|付款|支付|报销|结算|审计|决算|履约")
PRIORITY = ("award", "approval", "minutes", "procedure", "selection", "basis")
PROJECT_OVERLAP = 0.8    # share of the project name's character pairs found in the other document
WHAT = {"award": "成交/中标通知书", "approval": "审批", "minutes": "集体决策会议", "procedure": "程序记录所载环节",
        "selection": "比价/比选",
        "basis": "合同所依据事项"}
LABELS = {"award": ("通知日期", "发出日期", "成交日期", "中标日期", "发文日期"),
          "approval": ("审批日期", "批准日期", "批复日期"),
          "minutes": ("会议时间", "时间", "日期"),
          "selection": ("比价日期", "比选日期", "询价日期", "评审日期", "评标日期", "开标日期", "报价日期")}
# a generic '日期' label that names another event (开标日期, 合同签订截止日期 …) is not the document's date
_OTHER_EVENT_RE = re.compile(r"(?:开标|签订|签约|截止|开工|竣工|交货|完成|有效|付款|申请|报名)[^\n：:]{0,4}$")


@lru_cache(maxsize=1)
def _cue_res() -> dict[str, re.Pattern]:
    c = cues()["dates"]
    out = {k: re.compile(alternation(c[k])) for k in ("recalled", "ratified", "decision", "deadline", "held")}
    out["lead"] = re.compile(f"(?:{alternation(c['basis']['lead'])})[^，,。；;\n]{{0,80}}")
    out["basis"] = re.compile(alternation(c["basis"]["nouns"]))
    return out


def _issue_date(doc_date: Optional[str], text: str, kind: str) -> Optional[tuple[dt.date, str]]:
    """The prerequisite's own date: a labelled date, else (notices, approvals) the last date that is not a
    deadline ('请于…前签订合同'), else the document date (none for a part of a file)."""
    found = first_date_after(text, LABELS[kind])
    if found:
        return found
    if kind != "minutes":
        for m in re.finditer(r"日期\s*[:：]?", text):
            if _OTHER_EVENT_RE.search(text[max(0, m.start() - 8): m.start()]):
                continue
            hits = find_dates(text[m.end(): m.end() + 20])
            if hits:
                return hits[0].date, text[m.start(): m.end() + hits[0].span[1]]
        deadline = _cue_res()["deadline"]
        own = [h for h in find_dates(text) if not deadline.match(text[h.span[1]: h.span[1] + 3])]
        if own:
            h = own[-1]
            return h.date, text[h.span[0]: h.span[1]]
    d = parse_iso(doc_date)
    return (d, f"文件日期 {doc_date}") if d else None


def _sentences_about(text: str, c: Purchase) -> list[str]:
    keys = [k for k in (supplier_key(c.supplier), project_key(c.project)) if k and len(k) >= 2]
    return [s for s in re.split(r"[。；;\n]", text) if any(k in re.sub(r"\s", "", s) for k in keys)]


def _recalls_earlier(text: str, c: Purchase, sign: dt.date) -> bool:
    """Minutes that recall an earlier decision on the purchase rather than make it (a decision dated on or
    before the signing, or words such as 此前/回顾/已研究), unless they ratify it after the fact (追认)."""
    res = _cue_res()
    about = _sentences_about(text, c) or [text]
    if any(res["ratified"].search(s) for s in about):
        return False
    if any(res["recalled"].search(s) for s in about):
        return True
    for s in about:
        for clause in re.split(r"[，,]", s):
            if "《" in clause or not res["decision"].search(clause):
                continue   # a regulation's date, or a date of something other than a decision
            if any(h.date <= sign for h in find_dates(clause)):
                return True
    return False


def _about(text: str, p: Purchase) -> bool:
    """The document concerns this purchase: its supplier, its project (also reworded) or its exact amount."""
    sk, pk = supplier_key(p.supplier), project_key(p.project)
    flat = re.sub(r"\s", "", text)
    if sk and len(sk) >= 2 and sk in text:
        return True
    if pk and len(pk) >= 3 and pk in flat:
        return True
    grams = {pk[i:i + 2] for i in range(len(pk) - 1)}
    if len(pk) >= 4 and sum(g in flat for g in grams) >= PROJECT_OVERLAP * len(grams):
        return True
    return any(abs(v - p.amount) < 1 for v, _ in parse_amounts(text))


def title_line(d: Document) -> str:
    """File name and first line: a 验收/付款 document says so there; minutes that decide a contract may
    mention its payment terms in the body and are still the decision. A form often opens with the letterhead
    ("某某食品有限公司") and has its title ("合同审批单") on the next line: both heading lines are read."""
    lines = [p.text for p in ordered_passages(d) if p.text.strip()][:2]
    first = lines[0] if lines else ""
    head = first[:60]
    if len(lines) == 2 and bundle.is_title_line(first) and bundle.is_title_line(lines[1]):
        head += " " + lines[1].strip()
    return PurePosixPath(d.file).stem + " " + head


def _later_prereqs(c: Purchase, sign: dt.date,
                   docs: list[tuple[Document, str, str]]) -> list[tuple[str, Document, dt.date, str]]:
    out = []
    for d, text, title in docs:
        if d is c.doc:
            continue
        kind = "minutes" if d.doc_type in ("minutes", "collective_decision") else doc_kind(text)
        if kind not in PRIORITY or _EXCLUDE_PREREQ.search(title) or not _about(text, c):
            continue
        pre = _issue_date(d.doc_date, text, kind)
        if not pre or pre[0] <= sign:
            continue
        if kind == "minutes" and _recalls_earlier(text, c, sign):
            continue
        out.append((kind, d, pre[0], pre[1]))
    return sorted(out, key=lambda x: (PRIORITY.index(x[0]), x[2]))


def _own_file(c: Purchase, sign: dt.date, sign_text: str) -> list[tuple[str, Document, dt.date, str]]:
    """Prerequisites inside the contract's own file: later parts of a bundle (about this purchase, or the file
    holds one contract only) and a basis the contract's own part cites."""
    text = doc_text(c.doc)
    one_contract = len(_signings(text)) <= 1
    out = []
    own_part = text
    for kind, part in bundle.parts(text):
        if sign_text in part:
            own_part = part
        if kind not in PRIORITY or sign_text in part or not (one_contract or _about(part, c)):
            continue
        pre = _procedure_step(part, sign) if kind == "procedure" else \
            _issue_date(None, part, kind) or (_held_date(part) if kind == "minutes" else None)
        if pre and pre[0] > sign and not (kind == "minutes" and _recalls_earlier(part, c, sign)):
            out.append((kind, c.doc, pre[0], pre[1]))
    scanned = any(p.source == "ocr" for p in c.doc.passages)
    return out + [("basis", c.doc, d, t) for d, t in _cited_basis(_unwrapped(own_part) if scanned else own_part, sign)]


def _signings(text: str) -> list[str]:
    """The signing dates a file states ("签订日期：2024年8月2日"); a table's header cell ("金额（元）；签订日期") is no
    signing. "合同签订日期" contains "签订日期": counted once."""
    labels = "|".join(w for w in SIGNING_LABELS if w != "合同签订日期")
    out = []
    for m in re.finditer(labels, text):
        hits = find_dates(text[m.end(): m.end() + _LABEL_GAP + 20])
        if hits and hits[0].span[0] <= _LABEL_GAP:
            out.append(text[m.start(): m.end() + hits[0].span[1]])
    return out


def _held_date(part: str) -> Optional[tuple[dt.date, str]]:
    """A meeting record with no labelled date (a part of a bundle): the date of the sentence that says the meeting
    was held ("2024年8月9日，包文军主持召开总经理办公会…")."""
    held = _cue_res()["held"]
    for sentence in re.split(r"[。；;\n]", part):
        hits = find_dates(sentence)
        if hits and held.search(sentence):
            return hits[0].date, sentence.strip()
    return None


_FIELD_START_RE = re.compile(r"^\s*[^\s:：，,。；;]{1,10}\s*[:：]")
_LINE_END_RE = re.compile(r"[。！？!?；;：:，,]\s*$")


def _unwrapped(text: str) -> str:
    """A scan's lines joined where the sentence runs on ("根据甲方2025年3月18日院务会" / "遴选结果，双方…"): a line not
    ended by punctuation continues on the next, unless the next opens a field ("签订日期：…")."""
    out: list[str] = []
    for line in text.splitlines():
        if out and out[-1].strip() and not _LINE_END_RE.search(out[-1]) and not _FIELD_START_RE.match(line):
            out[-1] += line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _procedure_step(part: str, sign: dt.date) -> Optional[tuple[dt.date, str]]:
    """The first step of a procedure record (商议, 决议, 公示, 审核 …) dated after the signing; a date without a
    year is in the signing's year."""
    steps = re.compile(alternation(cues()["dates"]["procedure_steps"]))
    for line in part.splitlines():
        hits = bundle.dates_in(line, sign.year)
        if hits and steps.search(line) and hits[0].date > sign:
            return hits[0].date, line.strip()
    return None


def _settled_before(c: Purchase, sign: dt.date, sign_text: str) -> Optional[tuple[str, dt.date, str]]:
    """An acceptance or payment part of the contract's own file dated before the signing: (part title, date, text).
    Not for a supplementary, renewed or settlement contract, which comes after the work by nature."""
    spec = cues()["dates"]
    text = doc_text(c.doc)
    split = bundle.parts(text)
    own = next((part for kind, part in split if kind == "contract" and sign_text in part), None)
    if own is None or any(w in title_line(c.doc) + own.split("\n", 1)[0]
                          for w in spec["contract_form"]["exclude"] if w not in spec["settled"]["titles"]):
        return None
    for kind, part in split:
        title = part.split("\n", 1)[0]
        if kind != "exclude" or not any(w in title for w in spec["settled"]["titles"]):
            continue
        found = first_date_after(part, spec["settled"]["labels"])
        if found and found[0] < sign:
            return title.strip(), found[0], found[1]
    return None


# a cited document's title and the bracket after it that gives its number and date: "《关于…的批复》（某教〔2023〕41号，
# 2023年9月20日）"
_CITATION_RE = re.compile(r"《([^《》\n]{1,80})》\s*[（(]")
_BRACKET_MAX = 50


def _bracket(text: str, start: int) -> str:
    """The text of the bracket opened just before ``start``, up to the bracket that closes it; OCR may misread the
    document number's own brackets ("（新教计财（2023】41号，…）") so that none closes it: then up to the last
    closing bracket of the line (within ``_BRACKET_MAX`` characters)."""
    window = re.split(r"[\n。]", text[start: start + _BRACKET_MAX], maxsplit=1)[0]
    depth = 1
    for i, ch in enumerate(window):
        depth += (ch in "（(") - (ch in "）)")
        if depth == 0:
            return window[:i]
    return window[:max(window.rfind("）"), window.rfind(")"), 0)]


def _cited_documents(text: str, lead: re.Match, sign: dt.date) -> list[tuple[dt.date, str]]:
    """Dates after the signing of the documents a '根据/依据…' clause cites by title and date: a title that ends in a
    kind of basis (…的批复, …会议纪要) and a date in the bracket after it; the bracket may hold commas, which end
    the clause itself."""
    res = _cue_res()
    out = []
    for m in _CITATION_RE.finditer(text, lead.start()):
        if m.start() >= lead.end():
            break
        if not re.search(f"(?:{res['basis'].pattern})\\s*$", m.group(1)):
            continue
        bracket = _bracket(text, m.end())
        for h in find_dates(bracket):
            if h.date > sign and not res["deadline"].match(bracket[h.span[1]:].strip()):
                out.append((h.date, f"…{m.group(1)[-10:]}》（{bracket[:h.span[1]]}"))   # the quote shows the date
    return out


def _cited_basis(text: str, sign: dt.date) -> list[tuple[dt.date, str]]:
    """Dates of what a '根据/依据…' clause names as the basis (决议, 结果, 批复 …) that are after the signing;
    not a deadline ('…前完成') nor a date inside a cited document's title (《…》), but the date that follows the
    title of a cited document of such a kind (``_cited_documents``)."""
    res = _cue_res()
    out = []
    for m in res["lead"].finditer(text):
        out += _cited_documents(text, m, sign)
        clause = m.group(0)
        hits = find_dates(clause)
        for i, h in enumerate(hits):
            end = hits[i + 1].span[0] if i + 1 < len(hits) else len(clause)
            after = clause[h.span[1]: end]
            before = clause[:h.span[0]]
            in_title = before.count("《") > before.count("》")
            if h.date > sign and not in_title and not res["deadline"].match(after.strip()) \
                    and res["basis"].search(after):
                out.append((h.date, clause[:end]))
    return out


def _bare_contracts(docs: list[Document], covered: set[int]) -> list[Purchase]:
    """Contracts the purchase rules do not read (no amount they know: "承包费：每年48,000元") but whose file holds a
    signed contract part: their own file can still show a procedure dated after the signing."""
    out = []
    for d in docs:
        if d.status != "ok" or id(d) in covered:
            continue
        text = doc_text(d)
        sd = sign_date(d)
        if sd and any(k == "contract" and sd[1] in part for k, part in bundle.parts(text)):
            psg = next((p for p in ordered_passages(d) if sd[1][:6] in p.text), None) or ordered_passages(d)[0]
            out.append(Purchase(d, psg, 0.0, sd[0], kind="contract"))
    return out


def check(purchases: list[Purchase], docs: list[Document]) -> list[Flag]:
    flags = []
    contracts = [r for p in purchases for r in [p] + p.records if r.kind == "contract"]
    bare = _bare_contracts(docs, {id(c.doc) for c in contracts})
    bare_ids = {id(b) for b in bare}
    texts = [(d, doc_text(d), title_line(d)) for d in docs if d.status == "ok"] if contracts else []   # once per unit
    for c in contracts + bare:
        sd = sign_date(c.doc)
        if not sd:
            continue
        sign, sign_text = sd
        # other files are matched by supplier, project or amount, which a bare contract lacks
        others = [] if id(c) in bare_ids else _later_prereqs(c, sign, texts)
        later = sorted(others + _own_file(c, sign, sign_text), key=lambda x: (PRIORITY.index(x[0]), x[2]))
        if not later:
            settled = None if id(c) in bare_ids else _settled_before(c, sign, sign_text)
            if settled:
                flags.append(_settled_flag(c, sign, sign_text, *settled))
            continue
        kind, d, date, date_text = later[0]
        where = "本文件" if d is c.doc else d.file
        msg = (f"合同签订日期 {sign.isoformat()}（“{trim(sign_text, 40)}”）早于{WHAT[kind]}日期 {date.isoformat()}"
               f"（{where}：“{trim(date_text, 40)}”），项目：{c.project or '—'}，供应商：{c.supplier or '—'}，"
               f"金额：{fmt_yuan(c.amount) if c.amount else '—'}。先签合同后走程序，请核对。")
        psg = next((p for p in ordered_passages(c.doc) if sign_text[:6] in p.text), c.passage)
        related = [] if kind == "award" or d is c.doc else [{"file": d.file, "date": date.isoformat()}]
        flags.append(make_flag(c.doc, "dates-out-of-order", msg, passage=psg, related=related))
    return flags


def _settled_flag(c: Purchase, sign: dt.date, sign_text: str, title: str, date: dt.date, date_text: str) -> Flag:
    msg = (f"本文件中“{trim(title, 20)}”的日期 {date.isoformat()}（“{trim(date_text, 40)}”）早于合同签订日期 "
           f"{sign.isoformat()}（“{trim(sign_text, 40)}”），项目：{c.project or '—'}，供应商：{c.supplier or '—'}，"
           f"金额：{fmt_yuan(c.amount)}。先验收/付款后签合同，合同可能系事后补签，请核对。")
    psg = next((p for p in ordered_passages(c.doc) if date_text[:6] in p.text), c.passage)
    return make_flag(c.doc, "dates-out-of-order", msg, passage=psg)
