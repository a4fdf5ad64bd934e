"""A table row as matching reads it: the title of its table (the caption or title rows above it), its "name: value"
fields, and its status column — done with a date or a count, denied ("完成情况: 未开展"), or, in a self-assessment,
the score columns left out. Column names are in checklists/matching.yaml (``row_status_fields``,
``execution_fields``, ``row_done_count_fields``, ``bare_claim.score_fields``)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from classifiers.negation import NegationResult, negation_status
from classifiers.text_utils import TABLE_TITLE_MAX, is_header_row
from pipeline.models import Document
from pipeline.passage_cues import SPECIFICS_RE, denied

if TYPE_CHECKING:
    from pipeline.matching import MatchConfig

ROW_RE = re.compile(r"^[^；:：。]{1,16}[:：]\s*\S.*；")
_KEY_NOTE_RE = re.compile(r"[（(][^）)]{0,12}[）)]")     # "进度（9月底）": a column name's note
_POINTER_RE = re.compile(r"^\s*(详见|参见|另见|见)")
_RULE_MAKING_RE = re.compile(r"(制定|修订|修改|完善|出台|印发|起草)[^；;]{0,16}(办法|制度|规定|细则|规则|规程|清单|章程|公约)")
_NOTE_RE = re.compile(r"^(?:[（(]|注|说明|备注|单位[:：]|填报|制表)")     # a note under a title is no title


def row_titles(doc: Document):
    """(row passage, title of its table): the last short line above the table (a sheet's title rows, the
    caption before a form) on the same page, or the sheet's name."""
    title, page = "", None
    for p in doc.passages:
        if p.page != page:
            title, page = (p.sheet or "") if p.sheet and not p.sheet.lower().startswith("sheet") else "", p.page
        text = p.text.strip()
        if ROW_RE.match(text):
            if title:
                yield p, title
        elif not is_header_row(text) and len(text) <= TABLE_TITLE_MAX and not _NOTE_RE.match(text):
            title = text


def row_fields(text: str):
    """(column name without its note, column name, value) of a table row's "name: value" fields — "进度（9月底）:
    未启动" is the 进度 column."""
    fields = re.split(r"[;；]", text)
    if len(fields) < 2:
        return
    for field_ in fields:
        key, sep, value = field_.partition(":") if ":" in field_ else field_.partition("：")
        if sep:
            yield _KEY_NOTE_RE.sub("", key).strip(), key.strip(), value.strip()


def _status_fields(text: str, config: MatchConfig):
    """(name, value) of a table row's status fields ("执行情况: …", "进度（9月底）: 未启动", "整改措施及进展: …"),
    in order."""
    names = tuple(config.row_status_fields)
    return ((name, value) for name, _key, value in row_fields(text)
            if name in names or (len(name) <= 10 and name.endswith(names)))


def execution_keys(text: str, config: MatchConfig) -> set[str]:
    return {key for name, key, _value in row_fields(text) if name in config.execution_fields}


def row_done(text: str, config: MatchConfig) -> bool:
    """A row whose status field reports the thing done, with a date or a count, and denies nothing — not a
    pointer elsewhere ("见5月20日通知"), nor a rule made ("修订…实施办法" done is a rule adopted: still paper)."""
    values = [v for _, v in _status_fields(text, config)]
    return bool(values) and not _RULE_MAKING_RE.search(text) and all(
        SPECIFICS_RE.search(v) and not _POINTER_RE.match(v)
        and not any(c.negated or c.deferred for c in negation_status(v).clauses) for v in values)


def row_vague(text: str, config: MatchConfig) -> bool:
    """A row whose status column only says the work goes on ("完成情况: 持续推进", "进度: 常态化开展"): no deed, no date, no
    count — the task restated, not a record of it done."""
    values = [v for _, v in _status_fields(text, config)]
    return bool(values) and all(re.fullmatch(config.vague_status, v.strip(" 。.")) for v in values)


def row_status(text: str, config: MatchConfig) -> Optional[NegationResult]:
    """The negation of a ledger row's status field ("完成情况: 未开展"), which governs the whole row."""
    for _key, value in _status_fields(text, config):
        status = negation_status(value)
        if denied(status):
            return NegationResult(status.negated, status.deferred, status.cue, False, ())
        # "推进中：方案已印发，初赛延期至12月": work still going on, its event put off — not done
        put_off = [c for c in status.clauses if c.negated or c.deferred]
        if put_off and re.match(config.vague_status, value.strip()):
            return NegationResult(False, True, put_off[0].cue or value[:12], False, ())
    for _name, key, value in row_fields(text):
        if key in config.row_done_count_fields and value in ("0", "零", "无"):
            return NegationResult(True, False, f"{key}: {value}", False, ())
    return None


def without_scores(text: str, score_field: re.Pattern) -> str:
    """A self-assessment row without its score and rubric columns (``score_field``: matching.yaml
    bare_claim.score_fields); a column's value runs on over "；" until the next "name: value"."""
    fields = re.split(r"[;；]", text)
    if len(fields) < 2:
        return text
    kept, drop = [], False
    for field_ in fields:
        # the first field may carry the table's title before it ("…自评打分表:序号: 4")
        head = re.match(r"(.*)[:：]", field_)
        if head:
            drop = bool(score_field.fullmatch(_KEY_NOTE_RE.sub("", re.split("[：:]", head.group(1))[-1]).strip()))
        if not drop:
            kept.append(field_)
    return "；".join(kept)
