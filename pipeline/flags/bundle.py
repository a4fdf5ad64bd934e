"""One file holding several documents: "合同及比价审批资料" = the contract, then 二、比价记录, then 三、采购审批单.

A part starts at a title line (short, no colon, no date) that names a kind of document; the kinds and their title
words are data (``cues.dates.sections`` in checklists/thresholds.yaml). Lines before the first title belong to a
part of kind None.
"""
from __future__ import annotations

import re
from typing import Optional

from pipeline.flags.common import find_dates
from pipeline.flags.cues import cues

TITLE_MAX = 30   # characters of a title line
KINDS = ("exclude", "award", "minutes", "approval", "selection", "contract")   # first matching kind wins


def title_kind(line: str) -> Optional[str]:
    s = line.strip()
    if not s or len(s) > TITLE_MAX or re.search(r"[:：，,。；;]", s) or find_dates(s):
        return None
    spec = cues()["dates"]["sections"]
    return next((k for k in KINDS if any(w in s for w in spec[k])), None)


def parts(text: str) -> list[tuple[Optional[str], str]]:
    """(kind, text) of each part, in order."""
    out: list[tuple[Optional[str], list[str]]] = [(None, [])]
    for line in text.splitlines():
        kind = title_kind(line)
        if kind is not None:
            out.append((kind, []))
        out[-1][1].append(line)
    return [(k, "\n".join(lines)) for k, lines in out if lines]
