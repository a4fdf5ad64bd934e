"""Purchases that recur by design, not parts of one split purchase: the deliveries of a standing supplier.

A ledger that says its supplier was chosen once for the term ("供货单位为…集中招标中标单位，按月配送、按月结算", "定点配送")
lists deliveries under that choice, not purchases of their own. So does a supplier's regular series through the year
(at least `series_min` purchases, each at least `series_gap_days` after the one before): a split is a cluster of parts
around one need, not a delivery each month. Cue words and numbers: ``cues.split_purchase`` in thresholds.yaml.
"""
from __future__ import annotations

import re
from collections import defaultdict

from pipeline.flags.common import ordered_passages
from pipeline.flags.cues import alternation, cues
from pipeline.flags.purchases import Purchase, supplier_key


def _standing_rows(rows: list[Purchase]) -> set[int]:
    """Rows of one ledger that a standing-supply note covers: the rows of the supplier it names, or every row when
    the ledger has one supplier and the note names none."""
    standing = re.compile(alternation(cues()["split_purchase"]["standing"]))
    doc = rows[0].doc
    notes = [p.text for p in ordered_passages(doc) if standing.search(p.text)]
    if not notes:
        return set()
    keys = {supplier_key(r.supplier) for r in rows if len(supplier_key(r.supplier)) >= 2}
    named = {k for k in keys if any(k in n for n in notes)}
    if not named and len(keys) == 1:
        named = keys
    return {id(r) for r in rows if supplier_key(r.supplier) in named or standing.search(r.passage.text)}


def _series(purchases: list[Purchase]) -> set[int]:
    """Purchases of a supplier whose dated purchases form a regular series (monthly or rarer)."""
    spec = cues()["split_purchase"]
    by_supplier: dict[str, list[Purchase]] = defaultdict(list)
    for p in purchases:
        if p.date and len(supplier_key(p.supplier)) >= 2:
            by_supplier[supplier_key(p.supplier)].append(p)
    out: set[int] = set()
    for group in by_supplier.values():
        group.sort(key=lambda p: p.date)
        gaps = [(b.date - a.date).days for a, b in zip(group, group[1:])]
        if len(group) >= spec["series_min"] and min(gaps) >= spec["series_gap_days"]:
            out |= {id(p) for p in group}
    return out


def recurring(purchases: list[Purchase]) -> set[int]:
    """ids of the purchases that are deliveries of a standing supply."""
    by_doc: dict[int, list[Purchase]] = defaultdict(list)
    for p in purchases:
        if p.kind == "ledger":
            by_doc[id(p.doc)].append(p)
    out = _series(purchases)
    for rows in by_doc.values():
        out |= _standing_rows(rows)
    return out
