"""dates-out-of-order in an approval-flow log (审批流, OA 流程打印): the system stamps each node when it acts, in the
order of the flow, so a node processed before a node numbered ahead of it — the cashier's 出纳支付 on 6-5 in a flow
whose 秘书长/会长 approved it on 6-10..6-12 — was keyed in out of sequence (paid first, approved afterwards).

A row is a node name cell and a processing-time cell (``cues.dates.flow``); rows go by their 序号 when each has one
(a log may be printed newest first), else in the order printed; a log of several flows goes flow by flow.
Parallel countersigners (会签) may act in any order among themselves; only whole days are compared.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pipeline.flags.common import find_dates, make_flag, ordered_passages, trim
from pipeline.flags.cues import alternation, cues
from pipeline.models import Document, Flag

# an exported cell runs the time into the date ("2024-06-0514:20")
_GLUED_TIME_RE = re.compile(r"(\d{4}[-/.]\d{1,2}[-/.]\d{2})(?=\d{1,2}:\d{2})")
_CELL_RE = re.compile(r"([^；;|｜:：\n]{1,10})\s*[:：]\s*([^；;|｜\n]*)")

Row = tuple[str, int, int, dt.date, str]     # flow id, sequence number, row index, date, node


def _cell(cells: dict[str, str], names: list[str]) -> Optional[str]:
    return next((v for k, v in cells.items() for n in names if k.strip() == n), None)


def _rows(doc: Document, spec: dict) -> list[Row]:
    out = []
    for p in ordered_passages(doc):
        for line in p.text.splitlines():
            cells = {k.strip(): v.strip() for k, v in _CELL_RE.findall(line)}
            node, when = _cell(cells, spec["node"]), _cell(cells, spec["time"])
            hits = find_dates(_GLUED_TIME_RE.sub(r"\1 ", when)) if node and when else []
            if not hits:
                continue
            seq = re.match(r"\d+", _cell(cells, spec["seq"]) or "")
            out.append((_cell(cells, spec["flow_id"]) or "", int(seq.group(0)) if seq else -1, len(out),
                        hits[0].date, node))
    return out


def _ordered(rows: list[Row]) -> list[list[Row]]:
    flows: dict[str, list[Row]] = {}
    for r in rows:
        flows.setdefault(r[0], []).append(r)
    by_seq = all(r[1] >= 0 for r in rows)
    return [sorted(f, key=lambda r: (r[1], r[2]) if by_seq else r[2]) for f in flows.values()]


def check(doc: Document) -> Optional[Flag]:
    spec = cues()["dates"]["flow"]
    rows = _rows(doc, spec)
    if len(rows) < spec["min_rows"]:
        return None
    parallel = re.compile(alternation(spec["parallel"]))
    for flow in _ordered(rows):
        for i, later in enumerate(flow):
            for earlier in flow[:i]:
                if later[3] >= earlier[3] or (parallel.search(later[4]) and parallel.search(earlier[4])):
                    continue
                psg = next((p for p in ordered_passages(doc) if later[4] in p.text), None)
                return make_flag(doc, "dates-out-of-order",
                                 f"审批流程节点日期倒置：后一节点“{trim(later[4], 20)}”处理于 {later[3].isoformat()}，"
                                 f"早于前一节点“{trim(earlier[4], 20)}”的 {earlier[3].isoformat()}。流程应逐级办理，"
                                 "后序节点（如支付、签订、验收）先于审批，可能系先办后批或事后补流程，请核对。", passage=psg)
    return None
