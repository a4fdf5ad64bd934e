"""Facts about a whole document that matching asks for each of its passages and criteria, worked out once per
document of a unit: dated (any date, or a log of dated entries), people named, a copy of the standard, an
announcement of a coming event, a plan table whose rows report their execution; and, from its title, a forwarded
notice or standard, or an index of evidence. Cues in checklists/matching.yaml."""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Callable, Optional

from classifiers.text_utils import normalize
from pipeline.evidence_scores import StandardWording
from pipeline.models import Document, Passage
from pipeline.passage_cues import DATE_RE, SPECIFICS_RE
from pipeline.table_rows import ROW_RE, execution_keys

if TYPE_CHECKING:
    from pipeline.matching import MatchConfig

LOG_MIN_DATES = 3           # distinct dates that make a notebook a dated log
_STANDARD_TITLE_RE = re.compile(r"(创建|建设|评价|考核|评分)标准")


def doc_key(doc: Document) -> tuple[str, Optional[str]]:
    """What tells documents apart in matching: a binder's parts share their file (pipeline/binders.py)."""
    return doc.file, doc.part


def head_text(doc: Document, passages: int = 1, chars: Optional[int] = None) -> str:
    """The file name and the first passages (each cut to ``chars``): where a document says what it is."""
    return PurePosixPath(doc.file).stem + " " + " ".join(p.text[:chars] for p in doc.passages[:passages])


class DocumentFacts:
    """The facts of one unit's documents, each computed once per document (they sit on the per-passage,
    per-criterion path)."""

    def __init__(self, config: MatchConfig, wording: StandardWording):
        self.config = config
        self.wording = wording
        self._known: dict[tuple[str, tuple[str, Optional[str]]], bool] = {}
        self._forwarded = re.compile("|".join(config.forwarded_cues))
        self._evidence_index = re.compile(config.evidence_index)
        self._postponement = re.compile(config.postponement_title)
        self._pledge_signing = re.compile(config.pledge_signing["text"])
        self._personal = re.compile(config.personal_honour["text"])
        self._collective = re.compile(config.personal_honour["collective"])
        self._certificate = re.compile(config.conduct_criteria["certificate"])
        self._case_record = re.compile(config.conduct_criteria["case_record"])
        self._integrity = re.compile(config.channel_terms["content"])
        self._rejected = {k: re.compile(v) for k, v in config.rejected_flow.items()}
        self._reposted = re.compile(config.reposted)
        self._endorsed = re.compile(config.endorsed_report)

    def _once(self, fact: str, doc: Document, compute: Callable[[], bool]) -> bool:
        key = (fact, doc_key(doc))
        if key not in self._known:
            self._known[key] = compute()
        return self._known[key]

    def dated_log(self, doc: Document) -> bool:
        """A register or notebook of dated entries ("2月12日 二组肖长庚…", "7月18日补偿款…打到他卡上"): its entries
        date themselves, though it has no date of its own."""
        return self._once("log", doc, lambda: len({m.group(0) for m in DATE_RE.finditer(doc.text)}) >= LOG_MIN_DATES)

    def has_people(self, doc: Document) -> bool:
        """The document names people (``people_cues``)."""
        return self._once("people", doc, lambda: any(cue in doc.text for cue in self.config.people_cues))

    def has_specifics(self, doc: Document, passage: Passage) -> bool:
        """A photo of a 公示 with its dates ("公示期：2024年7月3日至7月9日") records something done; a
        poster of rules or slogans has none. The document-wide date check runs once per document."""
        if SPECIFICS_RE.search(passage.text):
            return True
        return self._once("dated", doc, lambda: bool(DATE_RE.search(doc.text)))

    def copies_standard(self, doc: Document) -> bool:
        """Most of the document is the standard's own text (a copy of 创建标准 filed as is)."""
        def compute() -> bool:
            texts = [normalize(p.text) for p in doc.passages if len(p.text) >= 12]
            hits = sum(1 for t in texts if self.wording.restated(t))
            return bool(texts) and hits / len(texts) >= 0.5
        return self._once("copies", doc, compute)

    def announces(self, doc: Document) -> bool:
        """The document announces a coming event (``announcement``)."""
        return self._once("announces", doc, lambda: bool(re.search(self.config.announcement, doc.text)))

    def unexecuted_row(self, doc: Document, text: str) -> bool:
        """A table row without the execution column that other rows of its document fill."""
        if not ROW_RE.match(text):
            return False
        executed = self._once("executed", doc, lambda: any(execution_keys(p.text, self.config) for p in doc.passages
                                                           if ROW_RE.match(p.text)))
        return executed and not execution_keys(text, self.config)

    def forwards_standard(self, doc: Document) -> bool:
        """A forwarded 创建标准 (乡妇联转发清廉家庭创建标准的通知): every line of it is the standard, however reworded."""
        return bool(_STANDARD_TITLE_RE.search(head_text(doc)))

    def is_index(self, doc: Document) -> bool:
        """An index of the unit's evidence (佐证材料索引, 目录): each line points to other material."""
        if doc.doc_kind in self.config.paper_kinds:
            return False        # "廉洁风险防控手册（目录及岗位风险点）" is the rules, contents page and all
        return self._once("index", doc, lambda: bool(self._evidence_index.search(head_text(doc, chars=40))))

    def postpones(self, doc: Document) -> bool:
        """A notice whose title puts the thing off or calls it off (关于推迟开展…评选的通知): all it says is deferred."""
        return doc.doc_kind in self.config.paper_kinds and self._once(
            "postpones", doc, lambda: bool(self._postponement.search(head_text(doc, passages=1, chars=40))))

    def is_forwarded(self, doc: Document) -> bool:
        """A forwarded higher-level document (转发…通知) shows nothing of the unit's own work."""
        if doc.doc_kind not in self.config.paper_kinds:
            return False
        return bool(self._forwarded.search(head_text(doc, passages=3)))

    def reposted(self, doc: Document) -> bool:
        """The document is another's news or notice reposted (``reposted``: 转载, 转自 heading its name or title):
        what another unit did, not this unit's record, plan or rule."""
        return self._once("reposted", doc, lambda: bool(
            self._reposted.search(PurePosixPath(doc.file).stem) or doc.passages and self._reposted.search(doc.passages[0].text)))

    def rejected(self, doc: Document) -> bool:
        """An approval flow that ended rejected: its status says so ("当前状态：已驳回"), or its last step is a
        rejection with no approval or re-submission after it. What it asked for (a training, a purchase) was
        not done; its lines are no record of it."""
        def compute() -> bool:
            spec = self._rejected
            statuses = len(spec["status"].findall(doc.text))
            if doc.doc_type == "ledger" or statuses > 1:
                return False    # a register of flows: each row is judged by itself (table_rows)
            if statuses:
                return True
            steps = [(m.start(), "rejected") for m in spec["step"].finditer(doc.text)]
            steps += [(m.start(), "approved") for m in spec["approved"].finditer(doc.text)]
            return bool(steps) and max(steps)[1] == "rejected"
        return self._once("rejected", doc, compute)

    def endorsed(self, doc: Document) -> bool:
        """A report a superior answered in its own approval block (``endorsed_report``): a filed report, not a claim."""
        return doc.doc_kind in self.config.self_report_kinds and self._once(
            "endorsed", doc, lambda: bool(self._endorsed.search(doc.text)))

    def pledge_register(self, doc: Document) -> bool:
        """A register of pledges signed (承诺书签订台账): each of its rows is a pledge signed."""
        return self._once("pledges", doc, lambda: bool(self._pledge_signing.search(head_text(doc, chars=40))))

    def personal_honour(self, doc: Document) -> bool:
        """A commendation of one person, or the photo of his certificate ("…同志被评为先进个人"), naming no
        collective (``personal_honour``)."""
        def compute() -> bool:
            head = head_text(doc, passages=3)
            return bool(self._personal.search(head)) and not self._collective.search(head)
        return doc.doc_type in ("commendation", "photo") and self._once("personal", doc, compute)

    def certificate(self, doc: Document) -> bool:
        """A certificate or rating ("经评定，你单位为2023年度纳税信用A级纳税人"; ``conduct_criteria.certificate``)."""
        return self._once("certificate", doc, lambda: bool(self._certificate.search(head_text(doc, passages=3))))

    def case_record(self, doc: Document) -> bool:
        """A record of a case dealt with (a 督办单 whose 办理情况 says 诫勉, 追缴; ``conduct_criteria.case_record``)."""
        return self._once("case", doc, lambda: any(self._case_record.search(p.text) for p in doc.passages))

    def carries_integrity(self, doc: Document) -> bool:
        """Something in the document is about integrity (``channel_terms.content``): a factory paper with a 清风 column."""
        return self._once("integrity", doc, lambda: any(self._integrity.search(p.text) for p in doc.passages))
