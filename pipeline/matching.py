"""Passages → criterion matches, by checklist keywords and the trained classifier.

Each passage of a readable document is scored against the unit's criteria:
keyword/synonym/pattern hits per indicator (checklists/<type>.yaml) and the
classifier's probability. A match then "counts as" a record of something done
or as paper (plan, rule, pledge), from its document's kind and the passage's
own kind. Negated or deferred activities ("未开展", "拟于明年") and passages
that merely restate the standard are set aside, with the reason kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Optional, Sequence


from checklists import Indicator, Standard, read_yaml
from classifiers.dates import CN_YEAR
from classifiers.negation import NegationResult, affirmed_text, negation_status
from classifiers.text_utils import TABLE_TITLE_MAX, is_header_row, normalize
from extractors.chat import HEADER_RE, without_headers
from pipeline.flags.meetings import leader_spoke_last
from pipeline.models import Document, Passage, Unit
from pipeline.sections import section_headings, section_states

# dates in Chinese numerals too, as formal documents and hand-kept books write them ("二〇二四年四月十八日")
DATE_RE = re.compile(r"(19|20)\d{2}\s*[年./-]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日"
                     rf"|{CN_YEAR}年|[一二三四五六七八九十]{{1,3}}月[一二三四五六七八九十]{{1,3}}[日号]")
# concrete specifics of something done: a date, or a count of people / times / sessions
SPECIFICS_RE = re.compile(DATE_RE.pattern + r"|\d+\s*(人|名|次|场|期|批|份|篇|户|个|项|起|件|宗|例|笔|家|轮|余人|人次|户次|场次|批次)"
                          r"|(?<![第\d])\d+\s*条")     # 意见31条, not 第3条 (an article of rules)


# counts of things done ("备案43人", "遴选17种")
_COUNT_RE = re.compile(r"\d+\s*(人|名|次|场|期|批|份|篇|户|个|项|起|件|宗|例|笔|家|轮|种|类|台|套)")
# a report titled for a period ("2024年第三季度…简报", "2024年1-9月工作情况") is dated by it
_PERIOD_TITLE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*(?:第?[一二三四1-4]\s*季度|上半年|下半年|\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月|\d{1,2}\s*月|度)")
# a heading run into its section's first sentence: "四、下步打算。严格执行…"
# clauses and numbered items ("1．建立…；2．设立…；3．签订…")
_CLAUSE_SPLIT = re.compile(r"[。；;！？\n，,]|(?<![\d.])\d{1,2}\s*[．.、](?!\d)")


@dataclass
class MatchConfig:
    raw: dict

    @classmethod
    def load(cls, path: Optional[Path] = None) -> "MatchConfig":
        path = path or Path(str(resources.files("checklists") / "matching.yaml"))
        return cls(read_yaml(Path(path).read_text(encoding="utf-8")))

    def __getattr__(self, name: str):
        try:
            return self.raw[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


@dataclass
class PassageMatch:
    doc: Document
    passage: Passage
    criterion: str
    indicators: list[str]
    terms: list[str]
    kw_score: float
    clf_score: float
    score: float
    method: str                 # keyword | classifier | both
    counts_as: str              # record | paper
    is_title: bool = False
    flawed: Optional[str] = None   # rule id of a flag that keeps this record from counting
    forwarded: bool = False        # from a forwarded higher-level notice (paper: passed on, not done)
    doc_topic: bool = False        # the classifier reads most of the document's passages as this criterion


@dataclass
class SetAside:
    """A passage that mentions a criterion but does not count, and why."""
    doc: Document
    passage: Passage
    criterion: str
    why: str                    # negated | deferred | restates-standard
    cue: str = ""


@dataclass
class UnitMatches:
    matches: list[PassageMatch] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)


def period_years(unit: Unit) -> Optional[tuple[int, int]]:
    """The first and last year of the unit's assessment period, or None when it is not given."""
    if not (unit.period_start and unit.period_end):
        return None
    return int(str(unit.period_start)[:4]), int(str(unit.period_end)[:4])


def _denied(neg) -> bool:
    """Negated or deferred ("预告：讲座即将举办"): not something shown as done."""
    return neg.negated or neg.deferred


_ROW_RE = re.compile(r"^[^；:：。]{1,16}[:：]\s*\S.*；")
TOPIC_LINE_MAX = 30         # an agenda item or list entry naming a topic ("议题三：…专项整治")
_STANDARD_TITLE_RE = re.compile(r"(创建|建设|评价|考核|评分)标准")
_KEY_NOTE_RE = re.compile(r"[（(][^）)]{0,12}[）)]")     # "进度（9月底）": a column name's note
_POINTER_RE = re.compile(r"^\s*(详见|参见|另见|见)")
_RULE_MAKING_RE = re.compile(r"(制定|修订|修改|完善|出台|印发|起草)[^；;]{0,16}(办法|制度|规定|细则|规则|规程|清单|章程|公约)")
LOG_MIN_DATES = 3           # distinct dates that make a notebook a dated log
_NOTE_RE = re.compile(r"^(?:[（(]|注|说明|备注|单位[:：]|填报|制表)")     # a note under a title is no title


def _row_titles(doc: Document):
    """(row passage, title of its table): the last short line above the table (a sheet's title rows, the
    caption before a form) on the same page, or the sheet's name."""
    title, page = "", None
    for p in doc.passages:
        if p.page != page:
            title, page = (p.sheet or "") if p.sheet and not p.sheet.lower().startswith("sheet") else "", p.page
        text = p.text.strip()
        if _ROW_RE.match(text):
            if title:
                yield p, title
        elif not is_header_row(text) and len(text) <= TABLE_TITLE_MAX and not _NOTE_RE.match(text):
            title = text


def _passage_texts(doc: Document) -> dict[int, str]:
    """id(passage) → the text it is matched on: its own, normalised; a table row's prefixed with the title of
    its table (a row of 医药代表来访备案登记 records a 医药代表's visit, though the row names only 代表姓名)."""
    titles = {id(p): t for p, t in _row_titles(doc)}
    return {id(p): normalize(f"{titles[id(p)]}：{p.text}" if id(p) in titles else _unasked(p.text)) for p in doc.passages}


def _unasked(text: str) -> str:
    """A chat thread without its questions: "镇里问我们红白理事会成立了没有" asks, the answer tells
    ("还没成立，等年底换届后再说"; "路灯今天修好了")."""
    if "\n" not in text:
        return text
    kept = [line for line in text.split("\n") if not (HEADER_RE.match(line) and _QUESTION_RE.search(line))]
    return "\n".join(kept) or text


# an article of rules ("第四条 收受红包、回扣经查实的，考评直接定为较差") is a rule wherever it is filed (a binder
# of evidence puts the rules next to the minutes)
_RULE_ARTICLE_RE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]{1,4}条(?![件款])")
# a question ("…还评不评？", "镇里问我们红白理事会成立了没有，村村响什么时候装")
_QUESTION_RE = re.compile(r"[？?]\s*$|(了没有|有没有|什么时候[^，。；]{0,10}|吗|呢)\s*[。]?\s*$")


def doc_key(doc: Document) -> tuple[str, Optional[str]]:
    """What tells documents apart in matching: a binder's parts share their file (pipeline/binders.py)."""
    return doc.file, doc.part


def classifier_view(text: str) -> str:
    """What the classifier reads of a passage: chat messages without their time-and-sender headers."""
    return without_headers(text)


def _ngrams(text: str, n: int = 4) -> set[str]:
    text = re.sub(r"[\s，。、；：“”\"'（）()《》\-—·,.;:!?！？]", "", text)
    return {text[i:i + n] for i in range(max(0, len(text) - n + 1))}


_ASCII_TERM = re.compile(r"^[0-9A-Za-z+\-]+$")


def contains_term(text: str, term: str) -> bool:
    """Substring match; a pure ASCII term (12345, SPD) must not be part of a longer number or word."""
    if not term or term not in text:
        return False
    if not _ASCII_TERM.match(term):
        return True
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(term)}(?![0-9A-Za-z])", text) is not None


def term_hits(text: str, indicator: Indicator, weights: dict) -> tuple[float, list[str], bool]:
    """Best weight of the indicator's terms found in text, plus a little for each further term; the terms;
    and whether a keyword or pattern (not only synonyms) was hit."""
    hits: list[str] = []
    best = 0.0
    for kw in indicator.keywords:
        if contains_term(text, kw):
            hits.append(kw)
            best = max(best, weights["keyword"])
    for syn in indicator.synonyms:
        if syn not in hits and contains_term(text, syn):
            hits.append(syn)
            best = max(best, weights["synonym"])
    for pattern in indicator.patterns:
        m = pattern.search(text)
        if m:
            hits.append(m.group(0))
            best = max(best, weights["keyword"])
    if not hits:
        return 0.0, [], False
    return min(1.0, best + weights["extra_hit"] * (len(hits) - 1)), hits, best >= weights["keyword"]


class Matcher:
    """Scores one unit's documents against its standard. Stateless across units."""

    def __init__(self, standard: Standard, all_standards: dict[str, Standard], config: MatchConfig,
                 classifier=None, mode: str = "full", period_years: Optional[tuple[int, int]] = None):
        self.standard = standard
        self.period_years = period_years     # the assessment period's first and last year, when known
        self.config = config
        self.classifier = classifier if mode == "full" else None
        self.mode = mode
        self._standard_text = "".join(c.title + c.text for s in all_standards.values() for c in s.criteria)
        self._people: dict[str, bool] = {}
        self._logs: dict[str, bool] = {}
        self._executed: dict[str, bool] = {}
        self._copies: dict[str, bool] = {}
        self._dated: dict[str, bool] = {}
        self._announcing: dict[str, bool] = {}
        self._keyword_cache: dict[str, dict] = {}
        self._forwarded = re.compile("|".join(config.forwarded_cues))
        self._deficiency = re.compile("|".join(config.deficiency_cues))
        self._contact_line = re.compile(config.contact_line)
        self._honour_year = re.compile(config.honour_year)
        self._byline = re.compile(config.byline)
        self._pledge_signing = re.compile(config.pledge_signing["text"])
        self._score_field = re.compile(config.bare_claim["score_fields"])
        self._prohibition = re.compile(config.conduct_criteria["prohibition"])
        self._claim_facts = re.compile(config.bare_claim["facts"])
        self._event_photo = re.compile(config.poster_photos["event_cues"])
        self._photographed_rule = re.compile(config.photographed_rule)
        self._adopts_rule = re.compile(config.adopts_rule)
        self._evidence_index = re.compile(config.evidence_index)
        self._claim_year = re.compile(config.bare_claim["year"])
        self._education_text = re.compile(config.conduct_criteria["education_text"])
        self._conduct_record = re.compile(config.conduct_criteria["conduct_record"])
        sections = config.report_sections
        self._heading = re.compile(sections["heading"])
        self._section_cues = {state: re.compile("|".join(sections[state])) for state in ("shortcomings", "future")}

    @cached_property
    def _standard_grams(self) -> set[str]:
        return _ngrams(self._standard_text)

    def _restates_standard(self, text: str) -> bool:
        grams = _ngrams(text)
        if len(grams) < 8:
            return False
        share = len(grams & self._standard_grams) / len(grams)
        return share >= self.config.thresholds["restates_standard"]

    def _dated_log(self, doc: Document) -> bool:
        """A register or notebook of dated entries ("2月12日 二组肖长庚…", "7月18日补偿款…打到他卡上"): its entries
        date themselves, though it has no date of its own."""
        if doc_key(doc) not in self._logs:
            self._logs[doc_key(doc)] = len({m.group(0) for m in DATE_RE.finditer(doc.text)}) >= LOG_MIN_DATES
        return self._logs[doc_key(doc)]

    def _has_people(self, doc: Document) -> bool:
        """Computed once per document (this sits on the per-passage, per-criterion path)."""
        if doc_key(doc) not in self._people:
            text = doc.text
            self._people[doc_key(doc)] = any(cue in text for cue in self.config.people_cues)
        return self._people[doc_key(doc)]

    def _counts_as(self, doc: Document, passage: Passage, kind_probs: Optional[dict], criterion,
                   is_title: bool, indicators: Sequence[str] = ()) -> str:
        """record: shows the thing done; paper: plans, rules, pledges, claims without specifics, blank forms."""
        cfg = self.config
        kind = doc.doc_kind or "other"
        if kind in cfg.paper_kinds and self._row_done(passage.text):
            return "record"      # a plan's row whose 执行情况 reports it done ("10月26日开展，党员19人参加")
        if not is_title and self._unexecuted_row(doc, passage.text):
            return "paper"       # a row of a plan table whose 完成情况 is left blank, while other rows fill it
        if kind in cfg.paper_kinds or (not is_title and (is_header_row(passage.text)
                                                         or _RULE_ARTICLE_RE.match(passage.text))):
            return "paper"
        if self._pledge_only(passage.text, criterion, indicators) or self._pledge_register_row(doc, passage.text, criterion, indicators) \
                or self._conduct_rule(passage.text, criterion, indicators):
            return "paper"
        if self._adopts_rule.search(passage.text) and not _COUNT_RE.search(self._adopts_rule.sub("", passage.text)):
            return "paper"       # a rule made ("审议通过《考评办法》"), with nothing counted done beside it
        paperish = max((kind_probs or {}).get(k, 0.0) for k in ("plan", "rule", "pledge")) if kind_probs else 0.0
        if kind in cfg.record_kinds:
            if doc.doc_type in cfg.needs_date_or_people and not (doc.doc_date or self._has_people(doc)
                                                                  or self._dated_log(doc)):
                return "paper"
            if doc.is_image and self._announces(doc):
                return "paper"       # a poster of a coming event: an announcement, not a record that it happened
            if doc.is_image and doc.doc_type not in cfg.photographed_records and self._photographed_rule.search(
                    passage.text) and not DATE_RE.search(passage.text):
                return "paper"       # a rule on the wall
            if doc.is_image and doc.doc_type not in cfg.photographed_records and not self._has_specifics(doc, passage) \
                    and not any(cue in criterion.text for cue in cfg.photo_record_cues):
                return "paper"       # a poster of rules on the wall is a rule, except for 阵地/宣传 criteria;
                                     # a photographed certificate is the honour itself
            return "paper" if paperish >= cfg.thresholds["kind_override"] else "record"
        if kind not in cfg.self_report_kinds and self._is_culture(criterion):
            return "record"          # the artifact itself (a journal, a poster, a screenshot) shows the culture
        # reports and others: a passage counts as a record only when it reports specifics of something
        # done (an undated report's claims need a date; other text a date or a count)
        dated = doc.doc_date or _PERIOD_TITLE_RE.search(PurePosixPath(doc.file).stem + " " + doc.passages[0].text[:60])
        needed = DATE_RE if kind in cfg.self_report_kinds and not dated else SPECIFICS_RE
        if is_title or not needed.search(passage.text):
            return "paper"
        if kind_probs:
            return "paper" if paperish >= cfg.thresholds["kind_override"] else "record"
        return "record"

    def _pledge_only(self, text: str, criterion, indicators: Sequence[str]) -> bool:
        """The passage shows, for this criterion, only that pledges were signed (its other clauses do
        not match the criterion), and the criterion's matched clauses do not ask for the signing."""
        if not self._pledge_signing.search(text):
            return False
        clauses = [i.clause for i in criterion.indicators if i.id in indicators] or [criterion.text]
        if any(cue in c for c in clauses for cue in self.config.pledge_signing["clause_cues"]):
            return False
        rest = "。".join(s for s in _CLAUSE_SPLIT.split(text) if not self._pledge_signing.search(s))
        return self._keyword_scores(rest)[criterion.id][0] < self.config.thresholds["keyword_min"]

    def _pledge_register_row(self, doc: Document, text: str, criterion, indicators: Sequence[str]) -> bool:
        """A row of a register of pledges signed (承诺书签订台账): each row is a pledge signed, unless the criterion's
        matched clauses ask for the signing."""
        head = PurePosixPath(doc.file).stem + " " + (doc.passages[0].text[:40] if doc.passages else "")
        if not (_ROW_RE.match(text) and self._pledge_signing.search(head)):
            return False
        clauses = [i.clause for i in criterion.indicators if i.id in indicators] or [criterion.text]
        return not any(cue in c for c in clauses for cue in self.config.pledge_signing["clause_cues"])

    def _conduct_rule(self, text: str, criterion, indicators: Sequence[str]) -> bool:
        """A prohibition matched to a clause about conduct or outcomes ("…得到有效治理", "自觉抵制利益输送"): the
        rule, not the conduct — unless the clause asks for the signing of it (an integrity agreement)."""
        return bool(self._prohibition.search(text)) and self._conduct_clause(criterion, indicators)

    def _conduct_clause(self, criterion, indicators: Sequence[str]) -> bool:
        """The matched clauses are about conduct or outcomes and do not ask for a signing."""
        spec = self.config.conduct_criteria
        clauses = [i.clause for i in criterion.indicators if i.id in indicators] or [criterion.text]
        conduct = any(cue in c for c in clauses for cue in spec["criterion_cues"])
        return conduct and not any(cue in c for c in clauses for cue in self.config.pledge_signing["clause_cues"])

    def _bare_claim(self, doc: Document, text: str, is_title: bool, affirmed: str) -> bool:
        """A sentence of the unit's own summary with no fact in it — no date, no count, no number ("群众诉求件件有
        回音、事事有着落，满意度不断提升"): a claim, not even paper. The facts must be in what it affirms: "原计划在
        5月16日组织签订承诺书，活动延期，尚未开展。会员企业总体守法经营" dates only what did not happen."""
        spec = self.config.bare_claim
        return doc.doc_kind in self.config.self_report_kinds and not is_title and len(text) >= spec["min_chars"] \
            and not self._claim_facts.search(self._claim_year.sub("", self._without_scores(affirmed)))

    def _without_scores(self, text: str) -> str:
        """A self-assessment row without its score and rubric columns (matching.yaml bare_claim.score_fields); a
        column's value runs on over "；" until the next "name: value"."""
        fields = re.split(r"[;；]", text)
        if len(fields) < 2:
            return text
        kept, drop = [], False
        for field_ in fields:
            # the first field may carry the table's title before it ("…自评打分表:序号: 4")
            head = re.match(r"(.*)[:：]", field_)
            if head:
                drop = bool(self._score_field.fullmatch(_KEY_NOTE_RE.sub("", re.split("[：:]", head.group(1))[-1]).strip()))
            if not drop:
                kept.append(field_)
        return "；".join(kept)

    def _copies_standard(self, doc: Document) -> bool:
        """Most of the document is the standard's own text (a copy of 创建标准 filed as is)."""
        if doc_key(doc) not in self._copies:
            texts = [normalize(p.text) for p in doc.passages if len(p.text) >= 12]
            hits = sum(1 for t in texts if self._restates_standard(t))
            self._copies[doc_key(doc)] = bool(texts) and hits / len(texts) >= 0.5
        return self._copies[doc_key(doc)]

    def _has_specifics(self, doc: Document, passage: Passage) -> bool:
        """A photo of a 公示 with its dates ("公示期：2024年7月3日至7月9日") records something done; a
        poster of rules or slogans has none. The document-wide date check runs once per document."""
        if SPECIFICS_RE.search(passage.text):
            return True
        if doc_key(doc) not in self._dated:
            self._dated[doc_key(doc)] = bool(DATE_RE.search(doc.text))
        return self._dated[doc_key(doc)]

    def _earlier_honour(self, text: str) -> bool:
        """An honour or title from another year ("徐建平2022年被评为‘优秀公务员’") says nothing of this period."""
        if not self.period_years:
            return False
        years = [int(y) for y in self._honour_year.findall(text)]
        first, last = self.period_years
        return bool(years) and all(y < first or y > last for y in years)

    def _announces(self, doc: Document) -> bool:
        if doc_key(doc) not in self._announcing:
            self._announcing[doc_key(doc)] = bool(re.search(self.config.announcement, doc.text))
        return self._announcing[doc_key(doc)]

    def _education_only(self, doc: Document, criterion) -> bool:
        """Criteria about conduct or outcomes ("没有发生行贿…") are not shown by education documents."""
        spec = self.config.conduct_criteria
        return doc.doc_type in spec["education_doc_types"] and any(c in criterion.text for c in spec["criterion_cues"])

    def _education_passage(self, text: str, criterion) -> bool:
        """A passage telling of an education activity ("警示教育大会通报2起收受回扣案例", "8名护士讲述拒收红包的
        经历"), wherever it is written, shows the education, not the conduct — unless it records cases dealt with."""
        spec = self.config.conduct_criteria
        return bool(any(c in criterion.text for c in spec["criterion_cues"]) and self._education_text.search(text)
                    and not self._conduct_record.search(text))

    def _is_culture(self, criterion) -> bool:
        return any(cue in criterion.text for cue in self.config.photo_record_cues)

    def _poster_matches(self, doc: Document, already: set[str], result: UnitMatches) -> None:
        """A photo of integrity posters, slogans or a family motto on a wall is itself evidence for the
        criteria about 阵地/宣传/文化/家风, whatever words the posters use."""
        cfg = self.config.poster_photos
        if not (doc.is_image and doc.doc_type == "photo") or self._copies_standard(doc) or self._announces(doc) \
                or self._event_photo.search(doc.text):
            return      # a poster of a coming event announces it; it shows no culture built yet; a photo of an
                        # event (an oath taken, a group photo) shows the event, not a wall
        lines = [p for p in doc.passages if any(w in p.text for w in cfg["text_cues"])
                 and not _denied(negation_status(p.text))]
        if not lines:
            return
        for criterion in self.standard.criteria:
            if criterion.id in already or not any(c in criterion.text for c in cfg["criterion_cues"]):
                continue
            for p in lines[:3]:
                terms = [w for w in cfg["text_cues"] if w in p.text]
                result.matches.append(PassageMatch(
                    doc=doc, passage=p, criterion=criterion.id, indicators=[], terms=terms,
                    kw_score=cfg["score"], clf_score=0.0, score=cfg["score"], method="keyword",
                    counts_as="record"))

    def _closing_word_matches(self, doc: Document, result: UnitMatches) -> None:
        """Minutes in which the principal speaks last, after every member (verbatim turns, a speaking-order
        table), show 末位表态 and the collective decision carried out, whatever words they use."""
        cfg = self.config.leader_last
        turns = leader_spoke_last(doc)
        if not turns:
            return
        for criterion in self.standard.criteria:
            indicators = [i.id for i in criterion.indicators if any(c in i.clause for c in cfg["clause_cues"])]
            for p in turns if indicators else []:
                result.matches.append(PassageMatch(
                    doc=doc, passage=p, criterion=criterion.id, indicators=indicators, terms=[cfg["term"]],
                    kw_score=cfg["score"], clf_score=0.0, score=cfg["score"], method="keyword", counts_as="record"))

    def _title_passage(self, doc: Document) -> Optional[Passage]:
        if not doc.passages:
            return None
        first = doc.passages[0]
        stem = PurePosixPath(doc.file).stem
        return Passage(file=doc.file, page=first.page, text=f"{stem} {first.text}"[:200],
                       source=first.source, bbox=first.bbox, confidence=first.confidence, index=first.index)

    @classmethod
    def classifier_texts(cls, doc: Document, config: MatchConfig) -> list[str]:
        """The texts ``match`` may ask the classifier about for this document (its passages under their
        headings, its title line and what its negated passages still affirm), for scoring them ahead of time."""
        if doc.status != "ok" or not doc.passages:
            return []
        own = _passage_texts(doc)
        texts = list(own.values())
        first = doc.passages[0]
        texts.append(normalize(f"{PurePosixPath(doc.file).stem} {first.text}"[:200]))
        headed = [f"{h}：{own[k]}" for k, h in section_headings(doc, config.report_sections).items()]
        return [classifier_view(t) for t in texts + headed
                + [r for r in (cls._affirmed_remainder(t) for t in texts) if r]]

    def match(self, docs: list[Document]) -> UnitMatches:
        cfg = self.config
        th = cfg.thresholds
        items: list[tuple[Document, Passage, bool]] = []
        for doc in docs:
            if doc.status != "ok":
                continue
            title = self._title_passage(doc)
            if title is not None and doc.doc_kind not in cfg.paper_kinds:
                items.append((doc, title, True))
            items.extend((doc, p, False) for p in doc.passages)
        own = {k: t for doc in docs if doc.status == "ok" for k, t in _passage_texts(doc).items()}
        texts = [normalize(p.text) if is_title else own[id(p)] for _, p, is_title in items]
        # a passage with negated or deferred clauses is scored on what it affirms: the classifier must not
        # take "本年度未单独组织讲解员培训" as a training record
        remainders = [self._affirmed_remainder(t) for t in texts]
        extra = sorted({r for r in remainders if r})
        heads = {k: h for doc in docs if doc.status == "ok" for k, h in section_headings(doc, cfg.report_sections).items()}
        read = [f"{heads[id(p)]}：{t}" if not is_title and id(p) in heads else t
                for (_, p, is_title), t in zip(items, texts)]
        if self.classifier:
            scored = self._predict(read + extra)
            preds, by_remainder = scored[:len(texts)], dict(zip(extra, scored[len(texts):]))
        else:
            preds, by_remainder = [None] * len(items), {}
        result = UnitMatches()
        forwarded = {doc_key(doc) for doc in docs if self._is_forwarded(doc)}
        section = {id(p): state for doc in docs for p, state in self._sections(doc)}
        topic_denied = {id(p): neg for doc in docs for p, neg in self._denied_topic_lines(doc)}
        named = {doc_key(doc): self._clauses_named(doc, own) for doc in docs if doc.status == "ok"}
        for (doc, passage, is_title), text, pred, rest in zip(items, texts, preds, remainders):
            state = None if is_title else section.get(id(passage))
            if len(text) < th["min_chars"] or state == "heading" or (is_title and self._copies_standard(doc)) \
                    or self._contact_line.search(text) or (not is_title and self._byline.search(text)):
                continue        # a board or file that just reproduces the standard is no evidence by its name
            pred_rest = by_remainder.get(rest) if rest else None
            self._match_passage(doc, passage, is_title, text, pred, result, doc_key(doc) in forwarded, state,
                                pred_rest if rest is not None else pred,
                                topic_denied.get(id(doc.passages[0] if is_title else passage)), named[doc_key(doc)])
        topics = self._doc_topics(items, texts, preds)
        for m in result.matches:
            m.doc_topic = topics.get(doc_key(m.doc)) == m.criterion
        for doc in docs:
            if doc.status == "ok":
                already = {m.criterion for m in result.matches if m.doc is doc and m.counts_as == "record"}
                self._poster_matches(doc, already, result)
                self._closing_word_matches(doc, result)
        return result

    def _clauses_named(self, doc: Document, texts: dict[int, str]) -> dict[str, set[str]]:
        """criterion id → the clauses whose terms the document names somewhere (in what it affirms)."""
        named: dict[str, set[str]] = {}
        for p in doc.passages:
            text = texts[id(p)]
            rest = self._affirmed_remainder(text)
            for cid, (_score, indicators, _terms, _strong) in self._keyword_scores(text if rest is None else rest).items():
                if indicators:
                    named.setdefault(cid, set()).update(indicators)
        return named

    def _doc_topics(self, items, texts, preds) -> dict[str, str]:
        """file → the criterion the classifier ranks first for most of the document's passages (at least
        ``doc_topic_min`` passages and ``doc_topic_share`` of them): what the whole document is about, though
        each passage alone may be too indirect to score high (minutes of a 支委会 that never name 党组织建设)."""
        th = self.config.thresholds
        votes: dict[str, dict[str, int]] = {}
        totals: dict[str, int] = {}
        for (doc, _passage, is_title), text, pred in zip(items, texts, preds):
            if pred is None or is_title or len(text) < th["min_chars"]:
                continue
            totals[doc_key(doc)] = totals.get(doc_key(doc), 0) + 1
            top = max(pred.criteria, key=pred.criteria.get, default=None)
            if top is not None and pred.criteria[top] >= th["doc_topic_vote"]:
                votes.setdefault(doc_key(doc), {})[top] = votes.setdefault(doc_key(doc), {}).get(top, 0) + 1
        out = {}
        for file, tally in votes.items():
            cid, n = max(tally.items(), key=lambda kv: kv[1])
            if n >= th["doc_topic_min"] and n >= th["doc_topic_share"] * totals[file]:
                out[file] = cid
        return out

    @staticmethod
    def _affirmed_remainder(text: str) -> Optional[str]:
        """What a passage with negated or deferred clauses still affirms ("" if nothing); None if it has none."""
        clauses = negation_status(text).clauses
        if not any(c.negated or c.deferred for c in clauses):
            return None
        return affirmed_text(text)

    def _denied_topic_lines(self, doc: Document):
        """(topic line, the denial that follows it): a short line naming a topic, with nothing done in it (no
        date, no count), whose next passage says it was not done or put off — the agenda item
        "议题三：“四个不合理”专项整治" of minutes that go on "待市级方案下发后再行研究部署，目前暂不单独开展";
        a question whose answer puts it off. A coming event announced ("时间：将于11月16日举办") is a notice, not a denial."""
        for p, nxt in zip(doc.passages, doc.passages[1:]):
            text = normalize(p.text).strip()
            question = bool(_QUESTION_RE.search(text))    # "今年'金牌讲解员'还评不评？" answered "评选暂时不搞了"
            if not question and (len(text) > TOPIC_LINE_MAX or text.endswith("。") or SPECIFICS_RE.search(text)):
                continue
            following = normalize(nxt.text)
            neg = negation_status(following)
            if neg.negated or (neg.deferred and not re.search(self.config.announcement, following)):
                yield p, neg

    def _sections(self, doc: Document):
        return section_states(doc, self._heading, self._section_cues)

    def _keyword_ok(self, kw: float, strong: bool, clf: float, pred, n_indicators: int = 1) -> bool:
        """A keyword match, unless the classifier scores the criterion so low that the word is used in
        another sense (vetoed). A keyword or pattern hit (the criterion's own terms) needs the classifier to be
        surer of the other sense (``classifier_veto_strong``) than a synonym-only hit (``classifier_veto``).
        Terms (keywords or synonyms) of several of the criterion's clauses in one passage are no word in another
        sense: no veto (a long passage mixing topics is where the classifier is least reliable)."""
        th = self.config.thresholds
        if kw < th["keyword_min"] or pred is None:
            return kw >= th["keyword_min"]
        if n_indicators >= th["veto_exempt_indicators"]:
            return True
        return clf >= (th["classifier_veto_strong"] if strong else th["classifier_veto"])

    @staticmethod
    def _row_fields(text: str):
        """(column name without its note, column name, value) of a table row's "name: value" fields — "进度（9月底）:
        未启动" is the 进度 column."""
        fields = re.split(r"[;；]", text)
        if len(fields) < 2:
            return
        for field_ in fields:
            key, sep, value = field_.partition(":") if ":" in field_ else field_.partition("：")
            if sep:
                yield _KEY_NOTE_RE.sub("", key).strip(), key.strip(), value.strip()

    def _status_fields(self, text: str):
        """(name, value) of a table row's status fields ("执行情况: …", "进度（9月底）: 未启动", "整改措施及进展: …"),
        in order."""
        names = tuple(self.config.row_status_fields)
        return ((name, value) for name, _key, value in self._row_fields(text)
                if name in names or (len(name) <= 10 and name.endswith(names)))

    def _execution_keys(self, text: str) -> set[str]:
        return {key for name, key, _value in self._row_fields(text) if name in self.config.execution_fields}

    def _unexecuted_row(self, doc: Document, text: str) -> bool:
        """A table row without the execution column that other rows of its document fill."""
        if not _ROW_RE.match(text):
            return False
        if doc_key(doc) not in self._executed:
            self._executed[doc_key(doc)] = any(self._execution_keys(p.text) for p in doc.passages if _ROW_RE.match(p.text))
        return self._executed[doc_key(doc)] and not self._execution_keys(text)

    def _row_done(self, text: str) -> bool:
        """A row whose status field reports the thing done, with a date or a count, and denies nothing — not a
        pointer elsewhere ("见5月20日通知"), nor a rule made ("修订…实施办法" done is a rule adopted: still paper)."""
        values = [v for _, v in self._status_fields(text)]
        return bool(values) and not _RULE_MAKING_RE.search(text) and all(
            SPECIFICS_RE.search(v) and not _POINTER_RE.match(v)
            and not any(c.negated or c.deferred for c in negation_status(v).clauses) for v in values)

    def _row_status(self, text: str) -> Optional[NegationResult]:
        """The negation of a ledger row's status field ("完成情况: 未开展"), which governs the whole row."""
        for _key, value in self._status_fields(text):
            status = negation_status(value)
            if _denied(status):
                return NegationResult(status.negated, status.deferred, status.cue, False, ())
        for _name, key, value in self._row_fields(text):
            if key in self.config.row_done_count_fields and value in ("0", "零", "无"):
                return NegationResult(True, False, f"{key}: {value}", False, ())
        return None

    def _predict(self, texts: list[str]) -> list:
        return self.classifier.predict([classifier_view(t) for t in texts], [c.id for c in self.standard.criteria])

    def _forwards_standard(self, doc: Document) -> bool:
        """A forwarded 创建标准 (乡妇联转发清廉家庭创建标准的通知): every line of it is the standard, however reworded."""
        head = PurePosixPath(doc.file).stem + " " + (doc.passages[0].text if doc.passages else "")
        return bool(_STANDARD_TITLE_RE.search(head))

    def _is_index(self, doc: Document) -> bool:
        """An index of the unit's evidence (佐证材料索引, 目录): each line points to other material."""
        if doc.doc_kind in self.config.paper_kinds:
            return False        # "廉洁风险防控手册（目录及岗位风险点）" is the rules, contents page and all
        head = PurePosixPath(doc.file).stem + " " + (doc.passages[0].text[:40] if doc.passages else "")
        return bool(self._evidence_index.search(head))

    def _is_forwarded(self, doc: Document) -> bool:
        """A forwarded higher-level document (转发…通知) shows nothing of the unit's own work."""
        if doc.doc_kind not in self.config.paper_kinds:
            return False
        head = PurePosixPath(doc.file).stem + " " + " ".join(p.text for p in doc.passages[:3])
        return bool(self._forwarded.search(head))

    def _keyword_scores(self, text: str) -> dict[str, tuple[float, list[str], list[str], bool]]:
        """criterion id → (best indicator score, indicators over the threshold, terms hit, a keyword or
        pattern among them). Memoised per unit: a passage's text is scanned for the document's clauses and again
        when it is matched. Callers must not mutate the result."""
        cached = self._keyword_cache.get(text)
        if cached is not None:
            return cached
        th, w = self.config.thresholds, self.config.weights
        out = {}
        for criterion in self.standard.criteria:
            best, indicators, terms, strong = 0.0, [], [], False
            for ind in criterion.indicators:
                score, hits, ind_strong = term_hits(text, ind, w)
                if score >= th["keyword_min"]:
                    indicators.append(ind.id)
                    terms.extend(h for h in hits if h not in terms)
                    strong = strong or ind_strong
                best = max(best, score)
            out[criterion.id] = (best, indicators, terms, strong)
        self._keyword_cache[text] = out
        return out

    def _match_passage(self, doc, passage, is_title, text, pred, result: UnitMatches, forwarded: bool,
                       section: Optional[str] = None, pred_affirmed=None,
                       denied_by_next: Optional[NegationResult] = None,
                       doc_clauses: Optional[dict[str, set[str]]] = None) -> None:
        """``pred``: the classifier on the whole passage; ``pred_affirmed``: on its affirmed clauses
        (None when they are empty), which is what a passage with negated clauses is matched on;
        ``denied_by_next``: the denial that follows a topic line, which governs it; ``doc_clauses``: the
        clauses, per criterion, whose terms the document names anywhere."""
        th, w = self.config.thresholds, self.config.weights
        neg = negation_status(text)
        if denied_by_next is not None:
            neg = NegationResult(denied_by_next.negated, denied_by_next.deferred, denied_by_next.cue,
                                 neg.outcome_negation, neg.clauses)
        if section == "future" and not neg.negated:
            neg = NegationResult(False, True, "下一步打算", neg.outcome_negation, neg.clauses)
        row_status = self._row_status(text)
        if row_status is not None:
            neg = row_status
        has_negated_clause = any(c.negated or c.deferred for c in neg.clauses)
        # a clause about a coming event ("商会定于12月20日组织…参观学习") defers it, though the sentence goes on
        deferred = neg.deferred or any(c.deferred for c in neg.clauses)
        negated = neg.negated or any(c.negated for c in neg.clauses)
        affirmed = affirmed_text(text) if has_negated_clause else text
        kw_affirmed = self._keyword_scores(affirmed)
        kw_full = self._keyword_scores(text) if has_negated_clause else kw_affirmed
        kind_probs = pred.kind if pred else None
        restated = None
        for criterion in self.standard.criteria:
            kw, indicators, terms, strong = kw_affirmed[criterion.id]
            clf_pred = pred_affirmed if has_negated_clause else pred
            clf = clf_pred.criteria.get(criterion.id, 0.0) if clf_pred else 0.0
            # terms of several of the criterion's clauses in the document: no other sense of the words either
            named = len((doc_clauses or {}).get(criterion.id, set()) | set(indicators))
            kw_ok = self._keyword_ok(kw, strong, clf, clf_pred, named)
            clf_ok = clf_pred is not None and clf >= th["classifier_min"] and not is_title
            clf_full = pred.criteria.get(criterion.id, 0.0) if pred else 0.0
            mentioned = kw_full[criterion.id][0] >= th["keyword_min"] or clf_ok or (
                clf_full >= th["classifier_min"] and not is_title)     # so that a negated mention is set aside
            if not mentioned:
                continue
            if restated is None:
                # the standard's own words set aside in a forwarded copy; in the unit's own plan they are
                # still a plan (paper), as is a forwarded notice on the topic in its own words
                restated = (self._restates_standard(text) and (
                    forwarded or doc.doc_kind not in self.config.paper_kinds or self._copies_standard(doc))) or (
                    forwarded and self._forwards_standard(doc))
            if doc.blank_form:
                result.set_aside.append(SetAside(doc, passage, criterion.id, "blank-form", ""))
                continue
            if self._is_index(doc):     # "阵地建设好；佐证材料: …照片；所在位置: 合订本第8页" points elsewhere
                result.set_aside.append(SetAside(doc, passage, criterion.id, "index", ""))
                continue
            if self._education_only(doc, criterion) or self._education_passage(text, criterion):
                continue        # a lecture on 亲清政商 shows the education, not the conduct
            if doc.doc_type in self.config.conduct_criteria["contract_doc_types"] \
                    and self._conduct_clause(criterion, kw_full[criterion.id][1]):
                # a contract's "乙方不得给予回扣" binds the parties to a purchase; it shows neither the conduct nor the
                # unit's own rule for its people
                result.set_aside.append(SetAside(doc, passage, criterion.id, "contract-clause", ""))
                continue
            deficiency = section == "shortcomings" or bool(self._deficiency.search(text))
            planned = deferred and not negated and (doc.doc_kind in self.config.paper_kinds
                                                    or (doc.is_image and self._announces(doc)))
            if planned:         # a plan's (or a poster's announcement's) future tense is what it is: paper, not a deferral
                kw, indicators, terms, strong = kw_full[criterion.id]
                clf = pred.criteria.get(criterion.id, 0.0) if pred else 0.0
                kw_ok = self._keyword_ok(kw, strong, clf, pred, named)
                clf_ok = pred is not None and clf >= th["classifier_min"] and not is_title
            # negation comes from explicit cues only, so the reason can quote them (the classifier's
            # "negated" kind had no effect on the dev set and no cue to show a reviewer)
            whole_negated = (neg.negated or neg.deferred or deficiency) and not planned
            negated_hit = not (kw_ok or clf_ok) and (kw_full[criterion.id][0] > kw or (
                has_negated_clause and clf_full >= th["classifier_min"] and not is_title))
            if not (restated or whole_negated or negated_hit or kw_ok or clf_ok):
                continue        # a keyword the classifier vetoed: another sense of the word
            if restated or whole_negated or negated_hit:
                why = ("forwarded" if forwarded else "restates-standard") if restated else (
                    "deferred" if deferred and not negated else "negated")
                cue = neg.cue or next((c.cue for c in neg.clauses if c.cue and (c.negated or c.deferred)), "")
                result.set_aside.append(SetAside(doc, passage, criterion.id, why, cue or ""))
                continue
            if self._earlier_honour(text):
                result.set_aside.append(SetAside(doc, passage, criterion.id, "out-of-period", ""))
                continue
            if self._bare_claim(doc, text, is_title, affirmed):
                result.set_aside.append(SetAside(doc, passage, criterion.id, "bare-claim", ""))
                continue
            kw_part = kw * w["keyword_factor"] if kw_ok else 0.0
            if kw_ok and clf >= th["classifier_support"]:
                method, score = "both", 1 - (1 - kw_part) * (1 - clf)
            elif kw_ok:
                method, score = "keyword", kw_part
            else:
                method, score = "classifier", clf
            result.matches.append(PassageMatch(
                doc=doc, passage=passage, criterion=criterion.id, indicators=list(indicators), terms=list(terms),
                kw_score=round(kw, 3), clf_score=round(clf, 3), score=round(score, 3), method=method,
                counts_as=self._counts_as(doc, passage, kind_probs, criterion, is_title, indicators), is_title=is_title,
                forwarded=forwarded))
