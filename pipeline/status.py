"""Criterion status (evidenced / partial / missing) with a reason a reviewer can check.

evidenced — records (not paper) show the criterion carried out;
partial   — only plans, rules, pledges, or too little of it;
missing   — nothing, or only negated / deferred / restated-standard mentions.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from checklists import Criterion, MainRecords
from typing import Optional

from pipeline.document_facts import doc_key, head_text
from pipeline.matching import MatchConfig, PassageMatch, SetAside
from pipeline.flags.common import RULE_NAMES
from pipeline.models import Flag
from pipeline.passage_cues import SPECIFICS_RE

STATUS_ZH = {"evidenced": "已佐证", "partial": "部分佐证", "missing": "缺失"}
WHY_ZH = {"negated": "称未开展或存在不足", "deferred": "称尚待开展或推迟", "restates-standard": "仅转述创建标准原文",
          "forwarded": "系转发上级文件", "out-of-period": "所述荣誉或事项不在本次考核期内",
          "contract-clause": "是合同条款，只约定双方义务，不能说明本单位的行为或治理成效",
          "bare-claim": "只有笼统表述（无时间、人数等具体事实）",
          "blank-form": "是未填写的空白表格或模板，不能说明已开展",
          "rejected": "是被驳回或未获批准的审批流程，所请事项未实施",
          "index": "是佐证材料目录或索引，只指向其他材料，本身不是佐证",
          "reposted": "系转载的其他单位或媒体信息，不是本单位的材料"}


@dataclass
class CriterionResult:
    criterion: Criterion
    status: str
    reason: str
    evidence: list[PassageMatch]
    indicators: list[dict] = field(default_factory=list)


def _doc_label(file: str) -> str:
    return f"《{file.rsplit('/', 1)[-1]}》"


def _files_phrase(files: list[str], limit: int = 3) -> str:
    names = "、".join(_doc_label(f) for f in files[:limit])
    return names + (f"等 {len(files)} 个文件" if len(files) > limit else "")


def select_evidence(matches: list[PassageMatch], cfg: MatchConfig) -> list[PassageMatch]:
    """Records before paper, strongest first, a few per file, one item per passage."""
    ordered = sorted(matches, key=lambda m: (m.counts_as != "record", -m.score, m.doc.file, m.passage.index))
    chosen, per_file, seen = [], defaultdict(int), set()
    for m in ordered:
        key = (m.doc.file, m.passage.page, m.passage.index)
        if key in seen or per_file[m.doc.file] >= cfg.evidence["max_per_file"]:
            continue
        seen.add(key)
        per_file[m.doc.file] += 1
        chosen.append(m)
        if len(chosen) >= cfg.evidence["max_items"]:
            break
    return chosen


def flawed(criterion: Criterion, flags: list[Flag], cfg: MatchConfig) -> tuple[dict[str, str], list[Flag]]:
    """Flags that break this criterion's records (matching.yaml `flawed_records`): the flagged
    files (file → rule), and the flags that show the criterion's own rule was not followed or that the thing
    was attempted (`floor: partial`) — either way the criterion is partial at least."""
    documents: dict[str, str] = {}
    criterion_rules: list[Flag] = []
    for f in flags:
        spec = cfg.flawed_records.get(f.rule)
        if spec is None:
            continue
        cues = spec["cues"]
        if cues != "all" and not any(cue in criterion.text for cue in cues):
            continue
        if spec["scope"] == "criterion" or spec.get("floor") == "partial":
            criterion_rules.append(f)
        documents.setdefault(f.file, f.rule)
    return documents, criterion_rules


def contradicted(criterion: Criterion, matches: list[PassageMatch], bad_files: dict[str, str],
                 cfg: MatchConfig) -> tuple[list[PassageMatch], list[str]]:
    """Purchase forms and ledgers that a flagged purchase or payment of the same unit contradicts (matching.yaml
    `contradicted_by_flags`): their records of the clauses on procurement, money and projects only count as paper.
    Returns them and the flags' rules."""
    spec = cfg.contradicted_by_flags
    rules = sorted({rule for rule in bad_files.values() if rule in spec["rules"]})
    if not rules:
        return [], []
    clauses = {i.id for i in criterion.indicators if re.search(spec["clause"], i.clause)}
    hit = [m for m in matches if m.counts_as == "record" and m.doc.doc_type in spec["doc_types"]
           and m.indicators and set(m.indicators) <= clauses]
    for m in hit:
        m.counts_as = "paper"
    return hit, rules


def voided(m: PassageMatch, bad_files: dict[str, str], cfg: MatchConfig) -> bool:
    """The match's document says nothing for this unit at all (`void` in matching.yaml): another unit's
    record, or one from another period — a rule from an earlier year may still be in force (`keep_kinds`)."""
    rule = bad_files.get(m.doc.file)
    spec = cfg.flawed_records.get(rule) if rule else None
    return bool(spec and spec.get("void")) and m.doc.doc_kind not in spec.get("keep_kinds", [])


def decide(criterion: Criterion, matches: list[PassageMatch], set_aside: list[SetAside],
           cfg: MatchConfig, flags: Optional[list[Flag]] = None) -> CriterionResult:
    st = cfg.status
    bad_files, broken_rules = flawed(criterion, flags or [], cfg)
    void = [m for m in matches if voided(m, bad_files, cfg)]
    matches = [m for m in matches if not voided(m, bad_files, cfg)]
    for m in matches:
        if m.counts_as == "record" and m.doc.file in bad_files:
            m.counts_as, m.flawed = "paper", bad_files[m.doc.file]
    beside, beside_rules = contradicted(criterion, matches, bad_files, cfg)
    strong = [m for m in matches if m.score >= st["partial_min_score"]]
    # a document titled for it counts, unless its body only says it was not done (negated / deferred): then
    # its title is no showing at all, neither as a record, nor as a titled document, nor as one of the passages
    titled = {id(m) for m in strong if m.is_title or m.passage is m.doc.passages[0]}
    # … nor when all its body says of it is bare claims
    sheet_titles = _sheet_openers(strong)
    spoken = {doc_key(m.doc) for m in strong if id(m) not in titled and id(m.passage) not in sheet_titles}
    denied = {doc_key(s.doc) for s in set_aside if s.criterion == criterion.id and (
        s.why in ("negated", "deferred") or (s.why == "bare-claim" and doc_key(s.doc) not in spoken))}
    live = [m for m in strong if not (id(m) in titled and doc_key(m.doc) in denied)]
    # … and a record's title (or a sheet's) is no record when all its body says of it is denied ("通知截图（8月警示
    # 教育片）" of a showing that was called off, "从业人员培训及评选推进表" whose rows say 未开展)
    # … though a document that is its own record (a cadre's report of his relative's business, plain statements all
    # of it) is denied only by its body saying it was not done
    not_done = {doc_key(s.doc) for s in set_aside if s.criterion == criterion.id and s.why in ("negated", "deferred")}
    records = [m for m in strong if m.counts_as == "record" and not (
        (id(m) in titled or id(m.passage) in sheet_titles) and doc_key(m.doc) in denied and doc_key(m.doc) not in spoken
        and (not m.whole_document or doc_key(m.doc) in not_done))]
    record_docs = sorted({m.doc.file for m in records})
    best_record = max((m.score for m in records), default=0.0)
    ind_record = {i for m in records for i in m.indicators}
    ind_paper = {i for m in strong if m.counts_as == "paper" for i in m.indicators} - ind_record

    # the title passage repeats the first line: one passage, counted once
    n_record_passages = len({(m.doc.file, m.passage.index) for m in records})
    evidenced = bool(records) and best_record >= st["evidenced_min_score"] and (
        n_record_passages >= st["evidenced_min_passages"]
        or len(ind_record) >= st["evidenced_min_indicators"]
        or any(m.method == "both" and m.score >= st["evidenced_strong_score"] for m in records)
        # minutes shown to have the principal speak last, after the members: the decision procedure carried out
        or any(cfg.leader_last["term"] in m.terms for m in records)
        or any(m.doc_topic for m in records))
    if evidenced and any(cfg.flawed_records[f.rule]["scope"] == "criterion" for f in broken_rules):
        evidenced = False
    boards_only = evidenced and all(_board(m, cfg) for m in records) and not (
        ind_record & {i.id for i in criterion.indicators if re.search(cfg.board_photos["clause_cues"], i.clause)}) \
        and all(m.indicators for m in records)     # a poster match (no clause) is the wall a 阵地 criterion asks for
    if boards_only:
        evidenced = False       # a board on the wall shows what was put up, not the criterion carried out
    # records of the criterion's non-core clauses alone (``core: false`` in the checklist: outcomes such as
    # "未发生违纪违法行为", an 氛围 or 实绩) say nothing went wrong, or how things turned out, not that its work was done
    non_core = {i.id for i in criterion.indicators if not i.core}
    non_core_only = evidenced and bool(ind_record) and ind_record <= non_core and all(m.indicators for m in records)
    if non_core_only:
        evidenced = False
    # … nor do records other than those that show the criterion's main work (checklist ``main_records``)
    main_missing = evidenced and criterion.main_records is not None and not any(
        _main_record(m, criterion.main_records) for m in records)
    if main_missing:
        evidenced = False
    # partial needs some substance: a document about it (title), two passages, or one strong match —
    # a single passing mention in a general plan or an unrelated record is not a partial showing
    n_support = len({(m.doc.file, m.passage.index) for m in live})
    # a single sentence of a general plan is a passing mention; a plan titled for it is a partial showing
    # … and so is a counted signing of pledges ("组织会员企业签订《诚信守法经营承诺书》86份"): the pledges exist;
    # … and a pledge (承诺书) that names it: plans, rules and pledges alone are a partial showing
    signed = any(re.search(cfg.pledge_signing["counted"], m.passage.text)
                 and re.search(cfg.pledge_signing["text"], m.passage.text) for m in live)
    pledged = any(m.doc.doc_type == "pledge" for m in live)
    substantial = (n_support >= st["partial_min_passages"] or any(id(m) in titled for m in live) or signed or pledged
                   or any(m.method == "both" and m.score >= st["evidenced_strong_score"]
                          and m.doc.doc_kind not in cfg.paper_kinds + cfg.self_report_kinds for m in live))
    # the unit's own account alone (总结, 汇报, 自查), with no date or count in what it says of it: claims, neither a
    # record nor the plans, rules and pledges that make a partial showing
    self_told = not records and bool(live) and all(
        m.doc.doc_kind in cfg.self_report_kinds and not SPECIFICS_RE.search(m.passage.text) for m in live)
    status = "evidenced" if evidenced else ("partial" if (substantial and not self_told) or broken_rules else "missing")

    indicators = []
    for ind in criterion.indicators:
        files_rec = sorted({m.doc.file for m in records if ind.id in m.indicators})
        files_pap = sorted({m.doc.file for m in strong if m.counts_as == "paper" and ind.id in m.indicators})
        indicators.append({"id": ind.id, "label": ind.label, "clause": ind.clause,
                           "status": "record" if files_rec else ("paper" if files_pap else "none"),
                           "files": files_rec or files_pap})
    if status == "missing":     # too little to be a partial showing: the clauses are only mentioned in passing
        for ind in indicators:
            if ind["status"] != "none":
                ind["status"] = "mention"
    reason = _reason(criterion, status, records, strong, indicators, set_aside, boards_only, non_core_only,
                     criterion.main_records.note if main_missing else "", self_told and status == "missing")
    broken = sorted({(m.doc.file, m.flawed) for m in strong if m.flawed} | {(f.file, f.rule) for f in broken_rules}
                    | {(m.doc.file, bad_files[m.doc.file]) for m in void if m.score >= st["partial_min_score"]})
    if broken:
        reason = reason[:-1] + "；" + "；".join(
            f"{_doc_label(f)}存在问题线索（{RULE_NAMES.get(rule, rule)}），不作为有效记录" for f, rule in broken) + "。"
    strong_beside = sorted({m.doc.file for m in beside if m.score >= st["partial_min_score"]})
    if strong_beside:
        reason = reason[:-1] + "；" + (
            f"{_files_phrase(strong_beside, 2)}等采购、付款单据与存在问题线索的采购或付款"
            f"（{'、'.join(RULE_NAMES.get(r, r) for r in beside_rules)}）并存，不能说明相关环节管理到位，按书面材料计。")
    # a missing criterion cites nothing: a lone passing mention is not shown as evidence
    evidence = select_evidence(strong, cfg) if status != "missing" else []
    return CriterionResult(criterion, status, reason, evidence, indicators)


def _sheet_openers(matches: list[PassageMatch]) -> set[int]:
    """id() of the passages that open a workbook's sheet ("从业人员培训及评选推进表"): titles, like the file's."""
    openers: set[int] = set()
    for doc in {id(m.doc): m.doc for m in matches}.values():
        sheet = None
        for p in doc.passages:
            if p.sheet and p.sheet != sheet:
                openers.add(id(p))
            sheet = p.sheet
    return openers


_COUNT_RE = re.compile(r"\d+\s*(人|名|户|个|项|次|场|件|起|笔)")
# the size of a list on the board ("日常管理类（13项）"), not a count of things done
_LIST_SIZE_RE = re.compile(r"[（(]\s*[共计]?\d+\s*[项个条类]\s*[)）]")


def _board(m: PassageMatch, cfg: MatchConfig) -> bool:
    """A photo of a board or wall (宣传栏, 公示栏, 家训, 文化墙), not a photographed record (登记本, 记录表, 截图),
    nor a board that discloses what was done in counts ("参加课后服务486人，23人免收")."""
    if _COUNT_RE.search(_LIST_SIZE_RE.sub("", m.passage.text)):
        return False
    title = m.doc.passages[0].text[:30] if m.doc.passages else ""
    return m.doc.is_image and m.doc.doc_type == "photo" and not re.search(cfg.board_photos["record_names"],
                                                                           f"{m.doc.file} {title}")


def _main_record(m: PassageMatch, spec: MainRecords) -> bool:
    doc = m.doc
    if (spec.types and doc.doc_type not in spec.types) or doc.doc_type in spec.not_types:
        return False
    if spec.clauses and not set(m.indicators) & set(spec.clauses):
        return False
    head = head_text(doc, passages=2, chars=60)
    return (spec.head is None or bool(spec.head.search(head))) and not (spec.not_head and spec.not_head.search(head))


def _reason(criterion: Criterion, status: str, records, strong, indicators, set_aside, boards_only: bool = False,
            non_core_only: bool = False, main_missing: str = "", self_told: bool = False) -> str:
    parts: list[str] = []
    covered = [i for i in indicators if i["status"] == "record"]
    paper = [i for i in indicators if i["status"] == "paper"]
    uncovered = [i for i in indicators if i["status"] == "none"]
    if status == "evidenced":
        docs = sorted({m.doc.file for m in records})
        parts.append(f"{_files_phrase(docs)}等记录表明已实际开展")
    elif status == "partial":
        docs = sorted({m.doc.file for m in strong})
        if boards_only:
            parts.append(f"仅有宣传栏、公示栏或上墙内容的照片（{_files_phrase(sorted({m.doc.file for m in records}))}），"
                         "只说明已上墙或公示，未见实际开展的记录")
        elif main_missing:
            parts.append(f"有相关记录（{_files_phrase(sorted({m.doc.file for m in records}))}），但未见{main_missing}，"
                         "不足以证明全面落实")
        elif non_core_only:
            labels = "”“".join(i["label"] for i in covered)
            parts.append(f"记录（{_files_phrase(sorted({m.doc.file for m in records}))}）只涉及“{labels}”等结果或氛围，"
                         "未见实际开展相关工作的记录")
        elif records:
            parts.append(f"仅有零星记录（{_files_phrase(sorted({m.doc.file for m in records}))}），不足以证明全面落实")
        elif not docs:      # only a flagged document shows it attempted (the reason names it and its flag)
            parts.append("仅有存在问题线索的记录，只能说明已部分开展")
        else:
            parts.append(f"仅见于方案、制度或承诺等书面材料（{_files_phrase(docs)}），未见实际开展的记录")
    elif self_told:
        docs = sorted({m.doc.file for m in strong})
        parts.append(f"仅有本单位总结、汇报等自述材料（{_files_phrase(docs)}）中的笼统表述，无时间、数量等具体事实，"
                     "未见实际开展的记录")
    elif any(i["status"] == "mention" for i in indicators):
        parts.append("未找到足以佐证的材料")
    else:
        parts.append("未找到任何相关佐证材料")
    for ind in covered:
        parts.append(f"条款“{ind['label']}”有记录佐证：{_files_phrase(ind['files'], 2)}")
    for ind in paper:
        parts.append(f"条款“{ind['label']}”仅有书面材料：{_files_phrase(ind['files'], 2)}")
    for ind in (i for i in indicators if i["status"] == "mention"):
        parts.append(f"条款“{ind['label']}”仅有自述：{_files_phrase(ind['files'], 2)}" if self_told else
                     f"条款“{ind['label']}”仅在{_files_phrase(ind['files'], 2)}中零星提及，不足以佐证")
    if uncovered:
        labels = "”“".join(i["label"] for i in uncovered)
        parts.append(f"未找到条款“{labels}”的佐证")
    passed_on = sorted({m.doc.file for m in strong if m.forwarded})
    if passed_on and status != "evidenced":
        parts.append(f"{_files_phrase(passed_on, 2)}系转发上级文件，只说明已传达部署，不能说明已落实")
    aside = [s for s in set_aside if s.criterion == criterion.id]
    for why in WHY_ZH:
        files = sorted({s.doc.file for s in aside if s.why == why})
        if files:
            parts.append(f"{_files_phrase(files, 2)}{WHY_ZH[why]}，不计为佐证")
    return "；".join(parts) + "。"
