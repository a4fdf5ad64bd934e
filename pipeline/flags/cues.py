"""Cue words of the red-flag rules (``cues`` in ``checklists/thresholds.yaml``)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from pipeline.flags.thresholds import ThresholdsError, default_path, read_thresholds_file

REQUIRED = ("attendance", "stated_limit", "method_approval", "meeting_decision", "near_duplicate", "dates")


@lru_cache(maxsize=1)
def cues() -> dict:
    p = default_path()
    raw = read_thresholds_file(p)
    data = (raw or {}).get("cues") if isinstance(raw, dict) else None
    if not isinstance(data, dict):
        raise ThresholdsError(f"阈值文件 {p} 缺少 cues 映射（红旗规则提示词）")
    missing = [k for k in REQUIRED if not isinstance(data.get(k), dict)]
    if missing:
        raise ThresholdsError(f"阈值文件 {p} 的 cues 缺少：{'、'.join(missing)}")
    return data


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted({str(w) for w in words}, key=len, reverse=True))
