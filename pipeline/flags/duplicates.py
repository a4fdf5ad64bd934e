"""near-duplicate: documents whose text (templates removed) is nearly the same, within and across units.

Before comparing, the unit's own name, dates and numbers are normalised away (a copy with the names and
dates swapped is still a copy) and character shingles are taken. Shared by design and not flagged: rules,
pledges, forwarded notices, record forms (contracts, ledgers, sign-in sheets), fill-in templates, text close
to the campaign standard, and any text that several units submit (``template_units``). Nor is one unit's record
filed twice (the same file, or a photo and a scan of the same minutes: names, dates and figures all the same).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pipeline.flags import purchases
from pipeline.flags.common import doc_text, make_flag, normalise
from pipeline.flags.cues import alternation, cues
from pipeline.flags.thresholds import NearDuplicate, Thresholds
from pipeline.models import Document, Flag, Unit

SHARED_KINDS = {"notice", "rule", "pledge"}
SHARED_TYPES = {"rules", "photo", "pledge", "signin", "procurement", "ledger"}
_STRIP_RE = re.compile(r"[\s\W_]+", re.UNICODE)
_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*(?:年|[-./])\s*(?:\d{1,2}\s*(?:月|[-./]))?(?:\s*\d{1,2}\s*日?)?"
                      r"|[二〇○零一三四五六七八九]{4}年(?:[一二三四五六七八九十]{1,2}月)?(?:[一二三四五六七八九十]{1,3}日)?"
                      r"|\d{1,2}\s*月\s*\d{1,2}\s*日")
_NUM_RE = re.compile(r"\d+(?:\.\d+)?")
_REGION_RE = re.compile(r"^[\u4e00-\u9fa5]{1,6}?(?:省|自治州|市|州|县|区|乡|镇|街道)")
LONG_LINE = 15          # a line longer than this (characters) is prose, not a form label
FORM_SHARE = 0.35       # below this share of prose characters a document is a fill-in form
PROSE_SHARE = 0.6       # at or above this share of sentence characters a ledger-typed file is written as prose
# a table row as extractors write it: '表头: 值；表头: 值'
_ROW_RE = re.compile(r"[^；:：]{1,20}[:：][^；]*；")


def _name_variants(unit: Unit) -> list[str]:
    """The unit's name and folder, also without leading region names (武陵源区溪峰公司 → 溪峰公司)."""
    out: set[str] = set()
    for name in (unit.name, unit.folder):
        name = unicodedata.normalize("NFKC", name or "")
        while len(name) >= 4:
            out.add(name)
            m = _REGION_RE.match(name)
            if not m:
                break
            name = name[m.end():]
    return sorted(out, key=len, reverse=True)


def _clean(text: str, names: list[str], keep_numbers: bool = False) -> str:
    text = unicodedata.normalize("NFKC", text)
    for n in names:
        text = text.replace(n, "")
    text = _DATE_RE.sub("D", text)
    return text if keep_numbers else _NUM_RE.sub("0", text)


@lru_cache(maxsize=1)
def _template_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    c = cues()["near_duplicate"]
    return (re.compile(alternation(c["template_titles"])), re.compile(alternation(c["template_text"])),
            re.compile(rf"(?:{alternation(c['notice_titles'])})$|转发|印发"))


def _title(doc: Document) -> str:
    for p in sorted(doc.passages, key=lambda p: (p.page, p.index)):
        for line in p.text.splitlines():
            if line.strip():
                return _STRIP_RE.sub("", normalise(line))
    return ""


def _written_as_prose(doc: Document) -> bool:
    """A file typed as a ledger (its name says 清单) but written in sentences — a 个人查摆问题清单, one's own list of
    failings and remedies — is a personal text, not a register of entries every unit keeps alike."""
    total = prose = 0
    for p in doc.passages:
        t = p.text.strip()
        total += len(t)
        if p.sheet is None and len(t) > LONG_LINE and re.search(r"[，。]", t) and not _ROW_RE.match(t):
            prose += len(t)
    return bool(total) and prose / total >= PROSE_SHARE


@lru_cache(maxsize=1)
def _pledge_re() -> re.Pattern:
    return re.compile(alternation(cues()["near_duplicate"]["pledge_words"]))


def _not_a_pledge(doc: Document, lines: list[str]) -> bool:
    """Typed a pledge (for its 责任人 column, say) yet neither named, titled nor worded as one: a table of risk
    points filled in by a workshop is its own text, unlike the pledge all staff sign alike."""
    if "pledge" not in (doc.doc_kind, doc.doc_type):
        return False
    pledge = _pledge_re()
    return not (pledge.search(doc.file.rsplit("/", 1)[-1]) or any(pledge.search(ln) for ln in lines))


def _agreement(doc: Document, text: str) -> bool:
    c = cues()["near_duplicate"]
    return (any(w in _title(doc) for w in c["agreement_titles"])
            or all(w in text for w in c["parties"]))


def _no_purchase(doc: Document) -> bool:
    """Typed a procurement record (for its 供应商, 比价 words) yet neither a contract or agreement nor recording a
    purchase (no amount, no register row): a 廉洁风险点排查表 each department fills in for itself is its own text,
    unlike contracts and agreements on one template."""
    return (doc.doc_type == "procurement" and doc.doc_kind not in SHARED_KINDS
            and not _agreement(doc, doc_text(doc))
            and purchases.document_purchase(doc) is None and not purchases.ledger_rows(doc))


def shared_by_design(doc: Document, lines: list[str], titled_as_own: bool = False) -> bool:
    """Rules, pledges, forwarded notices, record forms and fill-in templates: alike across units on purpose.
    A rule whose title names the unit itself ("祥云县第二人民医院医德医风考评办法") is the unit's own text: alike
    another unit's own rule but for the names, it is a copy (a model text many units adopt is caught by the
    template-line count instead)."""
    own_rule = titled_as_own and (doc.doc_kind == "rule" or doc.doc_type == "rules")
    own_text = own_rule or (doc.doc_type == "ledger" and doc.doc_kind not in SHARED_KINDS and _written_as_prose(doc))
    own_text = own_text or _not_a_pledge(doc, lines) or _no_purchase(doc)
    if (doc.doc_kind in SHARED_KINDS or doc.doc_type in SHARED_TYPES) and not own_text:
        return True
    tpl_title, tpl_text, notice = _template_res()
    title = _title(doc)
    name = doc.file.rsplit("/", 1)[-1]
    if tpl_title.search(title) or tpl_title.search(name) or tpl_text.search("".join(lines[:5])):
        return True
    if notice.search(title):
        return True
    total = sum(len(ln) for ln in lines)
    prose = sum(len(ln) for ln in lines if len(ln) > LONG_LINE)
    return bool(total) and prose / total < FORM_SHARE


def _titled_as_own(doc: Document, names: list[str]) -> bool:
    title = _title(doc)
    return any(_STRIP_RE.sub("", normalise(n)) in title for n in names)


@dataclass
class Entry:
    key: int
    unit: Unit
    doc: Document
    shingles: set[str]
    short: bool = False
    # a dated record on a form or photo alike across units by design: compared only with the unit's own records
    own_only: bool = False


def _lines(doc: Document, names: list[str], keep_numbers: bool = False) -> list[str]:
    out = []
    for p in sorted(doc.passages, key=lambda p: (p.page, p.index)):
        for line in p.text.splitlines():
            line = _STRIP_RE.sub("", _clean(normalise(line), names, keep_numbers))
            if line:
                out.append(line)
    return out


def _shingles(text: str, k: int) -> set[str]:
    return {text[i:i + k] for i in range(max(1, len(text) - k + 1))} if text else set()


@lru_cache(maxsize=4)
def _standard_shingles(k: int) -> frozenset[str]:
    from checklists import ChecklistError, load_checklists
    try:
        stds = load_checklists()
    except (ChecklistError, OSError):
        return frozenset()
    out: set[str] = set()
    for std in stds.values():
        for c in std.criteria:
            out |= _shingles(_STRIP_RE.sub("", _clean(normalise(c.text), [])), k)
    return frozenset(out)


def _entries(units: list[tuple[Unit, list[Document]]], cfg: NearDuplicate) -> list[Entry]:
    line_units: dict[str, set[str]] = defaultdict(set)
    docs_lines = []
    for unit, docs in units:
        names = _name_variants(unit)
        for doc in docs:
            if doc.status != "ok":
                continue
            lines = _lines(doc, names)
            for ln in set(lines):
                line_units[ln].add(unit.folder)
            docs_lines.append((unit, doc, lines))
    std = _standard_shingles(cfg.shingle)
    entries = []
    for unit, doc, lines in docs_lines:
        own_only = shared_by_design(doc, lines, _titled_as_own(doc, _name_variants(unit)))
        if own_only and not _dated_record(doc):
            continue
        own = [len(ln) < 6 or len(line_units[ln]) < cfg.template_units for ln in lines]
        kept = "".join(ln for ln, keep in zip(lines, own) if keep)
        short = len(kept) < cfg.min_chars
        if short and len(kept) < cfg.short_min_chars:
            continue
        # a form filled in again (a sign-in sheet: the same members each time) is alike but for its own figures and
        # names: compared as strictly as a short text; a photographed page of prose (a class record) is not a form
        short = short or (own_only and doc.doc_type != "photo")
        if short:
            # a short report is mostly its figures: a copy keeps them too ("共巡查62次", "隐患3处"), while the
            # same form filled in again has its own — so compare with the numbers kept, and more strictly
            with_numbers = _lines(doc, _name_variants(unit), keep_numbers=True)
            kept = "".join(ln for ln, keep in zip(with_numbers, own) if keep)
        sh = _shingles(kept, cfg.shingle)
        if std and len(sh & std) / len(sh) >= cfg.standard_overlap:
            continue
        entries.append(Entry(len(entries), unit, doc, sh, short, own_only))
    return entries


def _dated_record(doc: Document) -> bool:
    """A dated record on a form alike by design (a sign-in sheet, a photographed class record): unlike another
    unit's, but two of one unit's alike in all but the date or a label are one record re-dated or relabelled."""
    return doc.doc_kind == "record" and doc.doc_date is not None


def _raw(doc: Document) -> str:
    return "".join(_STRIP_RE.sub("", unicodedata.normalize("NFKC", normalise(p.text)))
                   for p in sorted(doc.passages, key=lambda p: (p.page, p.index)))


def same_record(a: Document, b: Document) -> bool:
    """One record filed twice (a phone photo and a scan of the same minutes): word for word the same, names, dates
    and figures kept; only layout, line breaks and punctuation may differ. A copy changes something — a name, the
    month (三月 → 四月), the sign-off — however little, so nothing short of the same text is let through."""
    ta = _raw(a)
    return bool(ta) and ta == _raw(b)


def _find(parent: dict[int, int], x: int) -> int:
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def check(units: list[tuple[Unit, list[Document]]], th: Thresholds) -> dict[str, list[Flag]]:
    from datasketch import MinHash, MinHashLSH     # here: it loads scipy (~80 MB), needed only now

    cfg = th.near_duplicate
    entries = _entries(units, cfg)
    lsh = MinHashLSH(threshold=max(0.1, cfg.jaccard - 0.1), num_perm=cfg.num_perm)
    for e in entries:
        mh = MinHash(num_perm=cfg.num_perm, seed=1)
        mh.update_batch([s.encode("utf-8") for s in e.shingles])
        lsh.insert(str(e.key), mh)
        e.mh = mh  # type: ignore[attr-defined]
    pairs: dict[tuple[int, int], float] = {}
    for e in entries:
        for k in lsh.query(e.mh):  # type: ignore[attr-defined]
            o = entries[int(k)]
            if o.key <= e.key or ((e.own_only or o.own_only) and o.unit.folder != e.unit.folder):
                continue
            if o.unit.folder == e.unit.folder and (e.doc.sha256 and e.doc.sha256 == o.doc.sha256
                                                   or same_record(e.doc, o.doc)):
                continue  # the same file, or the same record, submitted twice by one unit
            sim = len(e.shingles & o.shingles) / len(e.shingles | o.shingles)
            if sim >= (cfg.short_jaccard if e.short or o.short else cfg.jaccard):
                pairs[(e.key, o.key)] = sim
    parent: dict[int, int] = {}
    for a, b in pairs:
        parent[_find(parent, a)] = _find(parent, b)
    cluster_units: dict[int, set[str]] = defaultdict(set)
    for a, b in pairs:
        for x in (a, b):
            cluster_units[_find(parent, x)].add(entries[x].unit.folder)
    others: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (a, b), sim in pairs.items():
        if len(cluster_units[_find(parent, a)]) >= cfg.template_units:
            continue  # a template many units use
        others[a].append((b, sim))
        others[b].append((a, sim))
    out: dict[str, list[Flag]] = defaultdict(list)
    for k, lst in others.items():
        e = entries[k]
        lst.sort(key=lambda x: -x[1])
        desc = "；".join(
            f"{'本单位' if entries[o].unit.folder == e.unit.folder else '单位“' + entries[o].unit.name + '”（' + entries[o].unit.folder + '）'}"
            f"的 {entries[o].doc.file}（相似度 {sim:.0%}）" for o, sim in lst[:3])
        psg = next((p for p in e.doc.passages if len(p.text.strip()) >= 20), None)
        msg = (f"文件内容与其他材料高度雷同（去除通用模板文字后比较）：{desc}。"
               f"可能是套用、复制他人材料或同一材料改日期重复提交，请对照两份文件核实。")
        related = [{"unit": entries[o].unit.folder, "file": entries[o].doc.file, "similarity": round(sim, 3)}
                   for o, sim in lst]
        out[e.unit.folder].append(make_flag(e.doc, "near-duplicate", msg, passage=psg, related=related))
    return dict(out)
