"""What a matched passage counts as: a record of something done, or paper — a plan, a rule, a pledge, a claim
without specifics, a blank form, a poster (``CountsAs.of``) — and the tests that keep a mention from counting at all:
a bare claim in the unit's own summary, an honour from another year, education offered for a criterion about
conduct, a contract's clause. Cues in checklists/matching.yaml."""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Optional, Sequence

from classifiers.text_utils import is_header_row
from pipeline.document_facts import DocumentFacts
from pipeline.evidence_scores import KeywordScores
from pipeline.models import Document, Passage
from pipeline.passage_cues import CLAUSE_SPLIT, COUNT_RE, DATE_RE, PERIOD_TITLE_RE, RULE_ARTICLE_RE, SPECIFICS_RE
from pipeline.table_rows import ROW_RE, row_done, row_vague, without_scores

if TYPE_CHECKING:
    from pipeline.matching import MatchConfig


class CountsAs:
    """For one unit: ``config``, its documents' ``facts``, its standard's ``keywords``, and the assessment period's
    first and last year (``period_years``, when known)."""

    def __init__(self, config: MatchConfig, facts: DocumentFacts, keywords: KeywordScores,
                 period_years: Optional[tuple[int, int]] = None):
        self.config = config
        self.facts = facts
        self.keywords = keywords
        self.period_years = period_years
        self._honour_year = re.compile(config.honour_year)
        self._pledge_signing = re.compile(config.pledge_signing["text"])
        self._score_field = re.compile(config.bare_claim["score_fields"])
        self._prohibition = re.compile(config.conduct_criteria["prohibition"])
        self._claim_facts = re.compile(config.bare_claim["facts"])
        self._photographed_rule = re.compile(config.photographed_rule)
        self._adopts_rule = re.compile(config.adopts_rule)
        self._claim_year = re.compile(config.bare_claim["year"])
        self._education_text = re.compile(config.conduct_criteria["education_text"])
        self._conduct_record = re.compile(config.conduct_criteria["conduct_record"])

    def of(self, doc: Document, passage: Passage, kind_probs: Optional[dict], criterion,
           is_title: bool, indicators: Sequence[str] = ()) -> str:
        """record: shows the thing done; paper: plans, rules, pledges, claims without specifics, blank forms."""
        cfg = self.config
        kind = doc.doc_kind or "other"
        if kind in cfg.paper_kinds and row_done(passage.text, cfg):
            return "record"      # a plan's row whose 执行情况 reports it done ("10月26日开展，党员19人参加")
        if not is_title and (self.facts.unexecuted_row(doc, passage.text) or row_vague(passage.text, cfg)):
            return "paper"       # a row of a plan table whose 完成情况 is left blank, while other rows fill it, or
                                 # says only that the work goes on
        if kind in cfg.paper_kinds or (not is_title and (is_header_row(passage.text)
                                                         or RULE_ARTICLE_RE.match(passage.text))):
            return "paper"
        if self._pledge_only(passage.text, criterion, indicators) or self._pledge_register_row(doc, passage.text) \
                and not self._asks_signing(self._matched_clauses(criterion, indicators)) \
                or self._conduct_rule(passage.text, criterion, indicators):
            return "paper"
        if self._personal_honour(doc, criterion):
            return "paper"       # one person's honour ("…同志被评为先进个人"): that person's work, not the unit's
        if self._adopts_rule.search(passage.text) and not COUNT_RE.search(self._adopts_rule.sub("", passage.text)):
            return "paper"       # a rule made ("审议通过《考评办法》"), with nothing counted done beside it
        paperish = max((kind_probs or {}).get(k, 0.0) for k in ("plan", "rule", "pledge")) if kind_probs else 0.0
        if kind in cfg.record_kinds:
            if doc.doc_type in cfg.needs_date_or_people and not (doc.doc_date or self.facts.has_people(doc)
                                                                  or self.facts.dated_log(doc)):
                return "paper"
            if doc.is_image and self.facts.announces(doc):
                return "paper"       # a poster of a coming event: an announcement, not a record that it happened
            if doc.is_image and doc.doc_type not in cfg.photographed_records and self._photographed_rule.search(
                    passage.text) and not DATE_RE.search(passage.text):
                return "paper"       # a rule on the wall
            if doc.is_image and doc.doc_type not in cfg.photographed_records \
                    and not self.facts.has_specifics(doc, passage) and not self._is_culture(criterion):
                return "paper"       # a poster of rules on the wall is a rule, except for 阵地/宣传 criteria;
                                     # a photographed certificate is the honour itself
            return "paper" if paperish >= cfg.thresholds["kind_override"] else "record"
        if (kind not in cfg.self_report_kinds or doc.doc_type in cfg.culture_artifacts) and self._is_culture(criterion):
            return "record"          # the artifact itself (a journal, a poster, a screenshot) shows the culture
        # reports and others: a passage counts as a record only when it reports specifics of something
        # done (an undated report's claims need a date; other text a date or a count)
        if self.facts.endorsed(doc) and not is_title:
            return "record"          # a report its superior answered ("局党委意见：同意回避申请"): filed and acted on
        dated = doc.doc_date or PERIOD_TITLE_RE.search(PurePosixPath(doc.file).stem + " " + doc.passages[0].text[:60])
        needed = DATE_RE if kind in cfg.self_report_kinds and not dated else SPECIFICS_RE
        if is_title or not needed.search(passage.text):
            return "paper"
        if kind_probs:
            return "paper" if paperish >= cfg.thresholds["kind_override"] else "record"
        return "record"

    @staticmethod
    def _matched_clauses(criterion, indicators: Sequence[str]) -> list[str]:
        """The criterion's clauses the passage matched (its whole text when none is named)."""
        return [i.clause for i in criterion.indicators if i.id in indicators] or [criterion.text]

    def _asks_signing(self, clauses: list[str]) -> bool:
        return any(cue in c for c in clauses for cue in self.config.pledge_signing["clause_cues"])

    def _pledge_only(self, text: str, criterion, indicators: Sequence[str]) -> bool:
        """The passage shows, for this criterion, only that pledges were signed (its other clauses do
        not match the criterion), and the criterion's matched clauses do not ask for the signing."""
        if not self._pledge_signing.search(text):
            return False
        if self._asks_signing(self._matched_clauses(criterion, indicators)):
            return False
        rest = "。".join(s for s in CLAUSE_SPLIT.split(text) if not self._pledge_signing.search(s))
        return self.keywords.of(rest)[criterion.id][0] < self.config.thresholds["keyword_min"]

    def _personal_honour(self, doc: Document, criterion) -> bool:
        """A commendation of one person, or the photo of his certificate, in a unit (not a family) folder."""
        return criterion.id.split(".")[0] not in self.config.personal_honour["except_types"] \
            and self.facts.personal_honour(doc)

    def _pledge_register_row(self, doc: Document, text: str) -> bool:
        """A row of a register of pledges signed (承诺书签订台账): each row is a pledge signed."""
        return bool(ROW_RE.match(text)) and self.facts.pledge_register(doc)

    def _conduct_rule(self, text: str, criterion, indicators: Sequence[str]) -> bool:
        """A prohibition matched to a clause about conduct or outcomes ("…得到有效治理", "自觉抵制利益输送"): the
        rule, not the conduct — unless the clause asks for the signing of it (an integrity agreement)."""
        return bool(self._prohibition.search(text)) and self.conduct_clause(criterion, indicators)

    def conduct_clause(self, criterion, indicators: Sequence[str]) -> bool:
        """The matched clauses are about conduct or outcomes and do not ask for a signing."""
        spec = self.config.conduct_criteria
        clauses = self._matched_clauses(criterion, indicators)
        conduct = any(cue in c for c in clauses for cue in spec["criterion_cues"])
        return conduct and not self._asks_signing(clauses)

    def _is_culture(self, criterion) -> bool:
        return any(cue in criterion.text for cue in self.config.photo_record_cues)

    def _conduct_criterion(self, criterion) -> bool:
        """A criterion about conduct or outcomes ("没有发生行贿…")."""
        return any(c in criterion.text for c in self.config.conduct_criteria["criterion_cues"])

    def education_only(self, doc: Document, criterion) -> bool:
        """Criteria about conduct or outcomes ("没有发生行贿…") are not shown by education documents — a training
        record, a sign-in sheet, a photo of a lecture; a photographed certificate ("纳税信用A级纳税人") is no education,
        nor is a photographed record of a case dealt with (a 督办单 whose 办理情况 says 诫勉, 追缴)."""
        if doc.doc_type not in self.config.conduct_criteria["education_doc_types"] or not self._conduct_criterion(criterion):
            return False
        return doc.doc_type != "photo" or not (
            self.facts.certificate(doc) or self.facts.case_record(doc))

    def education_passage(self, text: str, criterion) -> bool:
        """A passage telling of an education activity ("警示教育大会通报2起收受回扣案例", "8名护士讲述拒收红包的
        经历"), wherever it is written, shows the education, not the conduct — unless it records cases dealt with."""
        return bool(self._conduct_criterion(criterion) and self._education_text.search(text)
                    and not self._conduct_record.search(text))

    def bare_claim(self, doc: Document, text: str, is_title: bool, affirmed: str) -> bool:
        """A sentence of the unit's own summary with no fact in it — no date, no count, no number ("群众诉求件件有
        回音、事事有着落，满意度不断提升"): a claim, not even paper. The facts must be in what it affirms: "原计划在
        5月16日组织签订承诺书，活动延期，尚未开展。会员企业总体守法经营" dates only what did not happen."""
        spec = self.config.bare_claim
        return doc.doc_kind in self.config.self_report_kinds and not is_title and len(text) >= spec["min_chars"] \
            and not self.facts.endorsed(doc) \
            and not self._claim_facts.search(self._claim_year.sub("", without_scores(affirmed, self._score_field)))

    def earlier_honour(self, text: str) -> bool:
        """An honour or title from another year ("徐建平2022年被评为‘优秀公务员’") says nothing of this period."""
        if not self.period_years:
            return False
        years = [int(y) for y in self._honour_year.findall(text)]
        first, last = self.period_years
        return bool(years) and all(y < first or y > last for y in years)
