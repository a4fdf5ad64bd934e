"""near-duplicate: documents whose text (templates removed) is nearly the same, within and across units."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from pipeline.flags.common import make_flag, normalise
from pipeline.flags.thresholds import NearDuplicate, Thresholds
from pipeline.models import Document, Flag, Unit

SHARED_KINDS = {"plan", "notice", "rule"}
SHARED_TYPES = {"plan", "rules", "photo"}
_STRIP_RE = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass
class Entry:
    key: int
    unit: Unit
    doc: Document
    shingles: set[str]


def _lines(doc: Document) -> list[str]:
    out = []
    for p in doc.passages:
        for line in p.text.splitlines():
            line = _STRIP_RE.sub("", normalise(line))
            if line:
                out.append(line)
    return out


def _shingles(text: str, k: int) -> set[str]:
    return {text[i:i + k] for i in range(max(1, len(text) - k + 1))} if text else set()


@lru_cache(maxsize=4)
def _standard_shingles(k: int) -> frozenset[str]:
    from checklists import ChecklistError, load_checklists
    try:
        stds = load_checklists()
    except (ChecklistError, OSError):
        return frozenset()
    out: set[str] = set()
    for std in stds.values():
        for c in std.criteria:
            out |= _shingles(_STRIP_RE.sub("", normalise(c.text)), k)
    return frozenset(out)


def _entries(units: list[tuple[Unit, list[Document]]], cfg: NearDuplicate) -> list[Entry]:
    line_units: dict[str, set[str]] = defaultdict(set)
    docs_lines = []
    for unit, docs in units:
        for doc in docs:
            if doc.status != "ok":
                continue
            lines = _lines(doc)
            for ln in set(lines):
                line_units[ln].add(unit.folder)
            docs_lines.append((unit, doc, lines))
    std = _standard_shingles(cfg.shingle)
    entries = []
    for unit, doc, lines in docs_lines:
        if doc.doc_kind in SHARED_KINDS or doc.doc_type in SHARED_TYPES:
            continue
        kept = "".join(ln for ln in lines if len(ln) < 6 or len(line_units[ln]) < cfg.template_units)
        if len(kept) < cfg.min_chars:
            continue
        sh = _shingles(kept, cfg.shingle)
        if std and len(sh & std) / len(sh) >= cfg.standard_overlap:
            continue
        entries.append(Entry(len(entries), unit, doc, sh))
    return entries


def _find(parent: dict[int, int], x: int) -> int:
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def check(units: list[tuple[Unit, list[Document]]], th: Thresholds) -> dict[str, list[Flag]]:
    cfg = th.near_duplicate
    entries = _entries(units, cfg)
    lsh = MinHashLSH(threshold=max(0.1, cfg.jaccard - 0.1), num_perm=cfg.num_perm)
    for e in entries:
        mh = MinHash(num_perm=cfg.num_perm, seed=1)
        mh.update_batch([s.encode("utf-8") for s in e.shingles])
        lsh.insert(str(e.key), mh)
        e.mh = mh  # type: ignore[attr-defined]
    pairs: dict[tuple[int, int], float] = {}
    for e in entries:
        for k in lsh.query(e.mh):  # type: ignore[attr-defined]
            o = entries[int(k)]
            if o.key <= e.key:
                continue
            if o.unit.folder == e.unit.folder and e.doc.sha256 and e.doc.sha256 == o.doc.sha256:
                continue  # the same file submitted twice by one unit
            sim = len(e.shingles & o.shingles) / len(e.shingles | o.shingles)
            if sim >= cfg.jaccard:
                pairs[(e.key, o.key)] = sim
    parent: dict[int, int] = {}
    for a, b in pairs:
        parent[_find(parent, a)] = _find(parent, b)
    cluster_units: dict[int, set[str]] = defaultdict(set)
    for a, b in pairs:
        for x in (a, b):
            cluster_units[_find(parent, x)].add(entries[x].unit.folder)
    others: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (a, b), sim in pairs.items():
        if len(cluster_units[_find(parent, a)]) >= cfg.template_units:
            continue  # a template many units use
        others[a].append((b, sim))
        others[b].append((a, sim))
    out: dict[str, list[Flag]] = defaultdict(list)
    for k, lst in others.items():
        e = entries[k]
        lst.sort(key=lambda x: -x[1])
        desc = "；".join(
            f"{'本单位' if entries[o].unit.folder == e.unit.folder else '单位“' + entries[o].unit.name + '”（' + entries[o].unit.folder + '）'}"
            f"的 {entries[o].doc.file}（相似度 {sim:.0%}）" for o, sim in lst[:3])
        psg = next((p for p in e.doc.passages if len(p.text.strip()) >= 20), None)
        msg = (f"文件内容与其他材料高度雷同（去除通用模板文字后比较）：{desc}。"
               f"可能是套用、复制他人材料或同一材料改日期重复提交，请对照两份文件核实。")
        related = [{"unit": entries[o].unit.folder, "file": entries[o].doc.file, "similarity": round(sim, 3)}
                   for o, sim in lst]
        out[e.unit.folder].append(make_flag(e.doc, "near-duplicate", msg, passage=psg, related=related))
    return dict(out)
