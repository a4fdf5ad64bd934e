"""Runs every rule family over the units and returns flags per unit folder, in a stable order."""
from __future__ import annotations

from typing import Optional

from pipeline.flags import duplicates, extraction, form_order, meetings, other_unit, period, procurement
from pipeline.flags.thresholds import Thresholds, ThresholdsError, load_thresholds
from pipeline.models import Document, Flag, Unit

__all__ = ["run_flags", "load_thresholds", "Thresholds", "ThresholdsError"]


def _order(f: Flag) -> tuple:
    return (f.file, f.page if f.page is not None else 0, f.rule, f.message)


def run_flags(units: list[tuple[Unit, list[Document]]],
              thresholds: Optional[Thresholds] = None) -> dict[str, list[Flag]]:
    th = thresholds or load_thresholds()
    out: dict[str, list[Flag]] = {}
    for unit, docs in units:
        flags = extraction.check(docs, th)
        flags += period.check(unit, docs, th)
        flags += other_unit.check(unit, docs, th)
        flags += meetings.check(docs, th)
        flags += procurement.check(unit, docs, th)
        flags += form_order.check(docs)
        out[unit.folder] = flags
    for folder, flags in duplicates.check(units, th).items():
        out.setdefault(folder, []).extend(flags)
    for folder, flags in out.items():
        seen: set[tuple] = set()
        uniq = []
        for f in sorted(flags, key=_order):
            k = (f.file, f.page, f.rule, f.message)
            if k not in seen:
                seen.add(k)
                uniq.append(f)
        out[folder] = uniq
    return out
