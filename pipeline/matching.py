"""Passages → criterion matches, by checklist keywords and the trained classifier.

Each passage of a readable document is scored against the unit's criteria:
keyword/synonym/pattern hits per indicator (checklists/<type>.yaml) and the
classifier's probability. A match then "counts as" a record of something done
or as paper (plan, rule, pledge), from its document's kind and the passage's
own kind. Negated or deferred activities ("未开展", "拟于明年") and passages
that merely restate the standard are set aside, with the reason kept.

The parts: the text each passage is read as (``passage_texts``, ``table_rows``), the wording tests
(``passage_cues``), keyword evidence and scores (``evidence_scores``), the classifier's view and veto
(``classifier_view``), facts of a whole document (``document_facts``) and what a match counts as
(``counts_as``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Optional

from checklists import Standard, read_yaml
from classifiers.negation import NegationResult, affirmed_text, negation_status
from classifiers.text_utils import normalize
from pipeline.classifier_view import classifier_view, doc_topics, keyword_ok
from pipeline.counts_as import CountsAs
from pipeline.document_facts import DocumentFacts, doc_key, head_text
from pipeline.evidence_scores import KeywordScores, StandardWording, match_score
from pipeline.flags.meetings import leader_spoke_last
from pipeline.models import Document, Passage, Unit
from pipeline.passage_cues import QUESTION_RE, SPECIFICS_RE, denied
from pipeline.passage_texts import affirmed_remainder, passage_texts, title_passage
from pipeline.sections import section_headings, section_states
from pipeline.table_rows import row_status

TOPIC_LINE_MAX = 30         # an agenda item or list entry naming a topic ("议题三：…专项整治")
# the decision an item ends with ("决定：…", "议定：…"): what became of the topic, whatever was said before it
_DECISION_RE = re.compile(r"(?:会议)?(?:决定|议定|决议|结论|形成意见)[:：]")
# the year a record names in its title ("2024年家里收支"): enough of a date for a book kept through that year
_YEAR_RE = re.compile(r"(?:19|20)\d{2}\s*年")


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
    whole_document: bool = False   # the document is by itself the record (checklist ``record_documents``)


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


class Matcher:
    """Scores one unit's documents against its standard. Stateless across units."""

    def __init__(self, standard: Standard, all_standards: dict[str, Standard], config: MatchConfig,
                 classifier=None, mode: str = "full", period_years: Optional[tuple[int, int]] = None):
        self.standard = standard
        self.period_years = period_years     # the assessment period's first and last year, when known
        self.config = config
        self.classifier = classifier if mode == "full" else None
        self.mode = mode
        self.wording = StandardWording(all_standards, config)
        self.keywords = KeywordScores(standard, config)
        self.facts = DocumentFacts(config, self.wording)
        self.counts = CountsAs(config, self.facts, self.keywords, period_years)
        self._deficiency = re.compile("|".join(config.deficiency_cues))
        self._postponed = re.compile(config.postponement)
        self._channels = set(config.channel_terms["terms"])
        self._integrity = re.compile(config.channel_terms["content"])
        self._contact_line = re.compile(config.contact_line)
        self._byline = re.compile(config.byline)
        self._contents_note = re.compile(config.contents_note)
        self._venue_line = re.compile(config.venue_line)
        self._event_photo = re.compile(config.poster_photos["event_cues"])
        sections = config.report_sections
        self._heading = re.compile(sections["heading"])
        self._section_cues = {state: re.compile("|".join(sections[state])) for state in ("shortcomings", "future")}

    @classmethod
    def classifier_texts(cls, doc: Document, config: MatchConfig) -> list[str]:
        """The texts ``match`` may ask the classifier about for this document (its passages under their
        headings, its title line and what its negated passages still affirm), for scoring them ahead of time."""
        if doc.status != "ok" or not doc.passages:
            return []
        own = passage_texts(doc)
        texts = list(own.values())
        texts.append(normalize(title_passage(doc).text))
        headed = [f"{h}：{own[k]}" for k, h in section_headings(doc, config.report_sections).items()]
        return [classifier_view(t) for t in texts + headed
                + [r for r in (affirmed_remainder(t) for t in texts) if r]]

    def match(self, docs: list[Document]) -> UnitMatches:
        cfg = self.config
        th = cfg.thresholds
        items: list[tuple[Document, Passage, bool]] = []
        for doc in docs:
            if doc.status != "ok":
                continue
            title = title_passage(doc)
            if title is not None and doc.doc_kind not in cfg.paper_kinds:
                items.append((doc, title, True))
            items.extend((doc, p, False) for p in doc.passages)
        own = {k: t for doc in docs if doc.status == "ok" for k, t in passage_texts(doc).items()}
        texts = [normalize(p.text) if is_title else own[id(p)] for _, p, is_title in items]
        # a passage with negated or deferred clauses is scored on what it affirms: the classifier must not
        # take "本年度未单独组织讲解员培训" as a training record
        remainders = [affirmed_remainder(t) for t in texts]
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
        forwarded = {doc_key(doc) for doc in docs if self.facts.is_forwarded(doc)}
        section = {id(p): state for doc in docs for p, state in self._sections(doc)}
        topic_denied = {id(p): neg for doc in docs for p, neg in self._denied_topic_lines(doc)}
        named = {doc_key(doc): self._clauses_named(doc, own) for doc in docs if doc.status == "ok"}
        for (doc, passage, is_title), text, pred, rest in zip(items, texts, preds, remainders):
            state = None if is_title else section.get(id(passage))
            if len(text) < th["min_chars"] or state == "heading" or (is_title and self.facts.copies_standard(doc)) \
                    or self._contact_line.search(text) or (not is_title and self._byline.search(text)) \
                    or self._contents_note.search(text) or self._venue_line.search(text):
                continue        # a board or file that just reproduces the standard is no evidence by its name;
                                # nor is a binder section's contents note (what the section should hold), nor a
                                # meeting's venue line (地点：村便民服务中心会议室)
            pred_rest = by_remainder.get(rest) if rest else None
            self._match_passage(doc, passage, is_title, text, pred, result, doc_key(doc) in forwarded, state,
                                pred_rest if rest is not None else pred,
                                topic_denied.get(id(doc.passages[0] if is_title else passage)), named[doc_key(doc)])
        topics = doc_topics(th, items, texts, preds)
        for m in result.matches:
            m.doc_topic = topics.get(doc_key(m.doc)) == m.criterion
        for doc in docs:
            if doc.status == "ok":
                already = {m.criterion for m in result.matches if m.doc is doc and m.counts_as == "record"}
                self._poster_matches(doc, already, result)
                self._closing_word_matches(doc, result)
                self._record_document_matches(doc, doc_key(doc) in forwarded, result)
        return result

    def _match_passage(self, doc, passage, is_title, text, pred, result: UnitMatches, forwarded: bool,
                       section: Optional[str] = None, pred_affirmed=None,
                       denied_by_next: Optional[NegationResult] = None,
                       doc_clauses: Optional[dict[str, set[str]]] = None) -> None:
        """``pred``: the classifier on the whole passage; ``pred_affirmed``: on its affirmed clauses
        (None when they are empty), which is what a passage with negated clauses is matched on;
        ``denied_by_next``: the denial that follows a topic line, which governs it; ``doc_clauses``: the
        clauses, per criterion, whose terms the document names anywhere."""
        th = self.config.thresholds
        neg = negation_status(text)
        if denied_by_next is not None:
            neg = NegationResult(denied_by_next.negated, denied_by_next.deferred, denied_by_next.cue,
                                 neg.outcome_negation, neg.clauses)
        if section == "future" and not neg.negated:
            neg = NegationResult(False, True, "下一步打算", neg.outcome_negation, neg.clauses)
        row_denial = row_status(text, self.config)
        if row_denial is not None:
            neg = row_denial
        has_negated_clause = any(c.negated or c.deferred for c in neg.clauses)
        # a clause about a coming event ("商会定于12月20日组织…参观学习") defers it, though the sentence goes on
        deferred = neg.deferred or any(c.deferred for c in neg.clauses)
        negated = neg.negated or any(c.negated for c in neg.clauses)
        affirmed = affirmed_text(text) if has_negated_clause else text
        kw_affirmed = self.keywords.of(affirmed)
        kw_full = self.keywords.of(text) if has_negated_clause else kw_affirmed
        kind_probs = pred.kind if pred else None
        restated = None
        # a plan's passage that puts its own thing off is a deferral, not the plan's future tense
        postponed = deferred and bool(self._postponed.search(text))
        for criterion in self.standard.criteria:
            kw, indicators, terms, strong = kw_affirmed[criterion.id]
            clf_pred = pred_affirmed if has_negated_clause else pred
            clf = clf_pred.criteria.get(criterion.id, 0.0) if clf_pred else 0.0
            # terms of several of the criterion's clauses in the document: no other sense of the words either
            named = len((doc_clauses or {}).get(criterion.id, set()) | set(indicators))
            kw_ok = keyword_ok(th, kw, strong, clf, clf_pred, named, pledge=doc.doc_kind == "pledge")
            clf_ok = clf_pred is not None and clf >= th["classifier_min"] and not is_title
            clf_full = pred.criteria.get(criterion.id, 0.0) if pred else 0.0
            mentioned = kw_full[criterion.id][0] >= th["keyword_min"] or clf_ok or (
                clf_full >= th["classifier_min"] and not is_title)     # so that a negated mention is set aside
            if not mentioned:
                continue
            if self._channel_only(doc, text, kw_full[criterion.id][2], is_title):
                continue        # "厂区宣传栏 安全生产质量第一": the board is named, not what it carries
            if restated is None:
                # the standard's own words set aside in a forwarded copy; in the unit's own plan they are
                # still a plan (paper), as is a forwarded notice on the topic in its own words
                restated = (self.wording.restated(text, rows=not doc.is_image) and (
                    forwarded or doc.doc_kind not in self.config.paper_kinds or self.facts.copies_standard(doc))) or (
                    forwarded and self.facts.forwards_standard(doc))
            if doc.blank_form:
                result.set_aside.append(SetAside(doc, passage, criterion.id, "blank-form", ""))
                continue
            if self.facts.reposted(doc):     # "转载｜江津区白酒商会组织会员企业参观…": another's news, passed on
                result.set_aside.append(SetAside(doc, passage, criterion.id, "reposted", ""))
                continue
            if self.facts.rejected(doc):
                result.set_aside.append(SetAside(doc, passage, criterion.id, "rejected", ""))
                continue
            if self.facts.is_index(doc):     # "阵地建设好；佐证材料: …照片；所在位置: 合订本第8页" points elsewhere
                result.set_aside.append(SetAside(doc, passage, criterion.id, "index", ""))
                continue
            if self.facts.postpones(doc):    # "关于推迟开展…评选的通知": the thing put off
                result.set_aside.append(SetAside(doc, passage, criterion.id, "deferred", "推迟"))
                continue
            if self.counts.education_only(doc, criterion) or self.counts.education_passage(text, criterion):
                continue        # a lecture on 亲清政商 shows the education, not the conduct
            if doc.doc_type in self.config.conduct_criteria["contract_doc_types"] \
                    and self.counts.conduct_clause(criterion, kw_full[criterion.id][1]):
                # a contract's "乙方不得给予回扣" binds the parties to a purchase; it shows neither the conduct nor the
                # unit's own rule for its people
                result.set_aside.append(SetAside(doc, passage, criterion.id, "contract-clause", ""))
                continue
            deficiency = section == "shortcomings" or bool(self._deficiency.search(text))
            planned = deferred and not negated and not postponed and (
                doc.doc_kind in self.config.paper_kinds or (doc.is_image and self.facts.announces(doc)))
            if planned:         # a plan's (or a poster's announcement's) future tense is what it is: paper, not a deferral
                kw, indicators, terms, strong = kw_full[criterion.id]
                clf = pred.criteria.get(criterion.id, 0.0) if pred else 0.0
                kw_ok = keyword_ok(th, kw, strong, clf, pred, named)
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
            if self.counts.earlier_honour(text):
                result.set_aside.append(SetAside(doc, passage, criterion.id, "out-of-period", ""))
                continue
            if self.counts.bare_claim(doc, text, is_title, affirmed):
                result.set_aside.append(SetAside(doc, passage, criterion.id, "bare-claim", ""))
                continue
            method, score = match_score(kw, kw_ok, clf, self.config)
            result.matches.append(PassageMatch(
                doc=doc, passage=passage, criterion=criterion.id, indicators=list(indicators), terms=list(terms),
                kw_score=round(kw, 3), clf_score=round(clf, 3), score=round(score, 3), method=method,
                counts_as=self.counts.of(doc, passage, kind_probs, criterion, is_title, indicators), is_title=is_title,
                forwarded=forwarded))

    def _channel_only(self, doc: Document, text: str, terms, is_title: bool) -> bool:
        """The passage's only terms name a channel (宣传栏, 内刊, 公众号, 简报) and it carries no integrity content —
        nor, for a photo or the document's title, does anything in the document (a factory paper's title still counts
        when an integrity column is inside): a board or a magazine about something else."""
        if not terms or not set(terms) <= self._channels or self._integrity.search(text):
            return False
        whole = doc.is_image or is_title or (bool(doc.passages) and text == doc.passages[0].text)
        return not (whole and self.facts.carries_integrity(doc))

    def _clauses_named(self, doc: Document, texts: dict[int, str]) -> dict[str, set[str]]:
        """criterion id → the clauses whose terms the document names somewhere (in what it affirms)."""
        named: dict[str, set[str]] = {}
        for p in doc.passages:
            text = texts[id(p)]
            rest = affirmed_remainder(text)
            for cid, (_score, indicators, _terms, _strong) in self.keywords.of(text if rest is None else rest).items():
                if indicators:
                    named.setdefault(cid, set()).update(indicators)
        return named

    def _denied_topic_lines(self, doc: Document):
        """(topic line, the denial that follows it): a short line naming a topic, with nothing done in it (no
        date, no count), whose next passage says it was not done or put off — the agenda item
        "议题三：“四个不合理”专项整治" of minutes that go on "待市级方案下发后再行研究部署，目前暂不单独开展";
        a question whose answer puts it off. A coming event announced ("时间：将于11月16日举办") is a notice, not a denial."""
        for p, nxt in zip(doc.passages, doc.passages[1:]):
            text = normalize(p.text).strip()
            question = bool(QUESTION_RE.search(text))    # "今年'金牌讲解员'还评不评？" answered "评选暂时不搞了"
            if not question and (len(text) > TOPIC_LINE_MAX or text.endswith("。") or SPECIFICS_RE.search(text)):
                continue
            following = normalize(nxt.text)
            decided = _DECISION_RE.split(following, maxsplit=1)
            neg = negation_status(following)
            if not (neg.negated or neg.deferred) and len(decided) > 1:
                neg = negation_status(decided[-1])    # "…设计稿已出。决定：文化墙暂不制作，等二期完工后再建"
            if neg.deferred and not neg.negated and not negation_status(
                    re.sub(self.config.topic_schedule, "", following)).deferred:
                continue      # "设备拟年内采购": when the subject discussed is to happen
            if neg.negated or (neg.deferred and not re.search(self.config.announcement, following)):
                yield p, neg

    def _sections(self, doc: Document):
        return section_states(doc, self._heading, self._section_cues)

    def _predict(self, texts: list[str]) -> list:
        return self.classifier.predict([classifier_view(t) for t in texts], [c.id for c in self.standard.criteria])

    def _poster_matches(self, doc: Document, already: set[str], result: UnitMatches) -> None:
        """A photo of integrity posters, slogans or a family motto on a wall is itself evidence for the
        criteria about 阵地/宣传/文化/家风, whatever words the posters use."""
        cfg = self.config.poster_photos
        if not (doc.is_image and doc.doc_type == "photo") or self.facts.copies_standard(doc) or self.facts.announces(doc) \
                or self._event_photo.search(doc.text):
            return      # a poster of a coming event announces it; it shows no culture built yet; a photo of an
                        # event (an oath taken, a group photo) shows the event, not a wall
        lines = [p for p in doc.passages if any(w in p.text for w in cfg["text_cues"])
                 and not denied(negation_status(p.text))]
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

    def _record_document_matches(self, doc: Document, forwarded: bool, result: UnitMatches) -> None:
        """A dated document that is by itself the record of a clause (checklist ``record_documents``): a company's
        党支部委员会会议记录 shows its party organisation at work, whatever was on the agenda."""
        if forwarded or not doc.passages:
            return
        head = head_text(doc, passages=2, chars=60)
        if not (doc.doc_date or _YEAR_RE.search(head) or self.facts.dated_log(doc)):
            return      # no date, not even the year it covers or dated entries: no record of anything held or kept
        score = self.config.record_documents["score"]
        for criterion in self.standard.criteria:
            spec = criterion.record_documents
            if spec is None or doc.doc_type not in spec.types or not spec.head.search(head):
                continue
            result.matches.append(PassageMatch(
                doc=doc, passage=doc.passages[0], criterion=criterion.id, indicators=[spec.clause], terms=[],
                kw_score=score, clf_score=0.0, score=score, method="keyword", counts_as="record", is_title=True,
                doc_topic=True, whole_document=True))

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
