"""`qinglian eval`: compare reports with labelled units (samples/LABELLING.md)."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from checklists import read_yaml

STATUSES = ("evidenced", "partial", "missing")
EXTRACTION_RULES = {"unreadable", "encrypted", "empty", "low-ocr-confidence"}


@dataclass
class EvalResult:
    n: int = 0
    correct: int = 0
    confusion: Counter = field(default_factory=Counter)          # (label, predicted) → count
    per_criterion: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    evidence_hits: int = 0
    evidence_total: int = 0
    flag_hits: int = 0
    flag_total: int = 0
    clean_flagged: int = 0
    clean_total: int = 0
    missing_flags: list = field(default_factory=list)
    clean_flag_details: list = field(default_factory=list)
    errors: list = field(default_factory=list)                   # (unit, criterion, label, predicted)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    def gap_prf(self) -> tuple[float, float, float]:
        tp = self.confusion[("missing", "missing")]
        pred = sum(v for (lab, pr), v in self.confusion.items() if pr == "missing")
        gold = sum(v for (lab, pr), v in self.confusion.items() if lab == "missing")
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> dict:
        p, r, f = self.gap_prf()
        return {
            "units_criteria": self.n, "status_accuracy": round(self.accuracy, 3),
            "gap_precision": round(p, 3), "gap_recall": round(r, 3), "gap_f1": round(f, 3),
            "evidence_file_hit": round(self.evidence_hits / self.evidence_total, 3) if self.evidence_total else None,
            "flag_recall": round(self.flag_hits / self.flag_total, 3) if self.flag_total else None,
            "clean_files_flagged": round(self.clean_flagged / self.clean_total, 3) if self.clean_total else None,
            "confusion": {f"{a}->{b}": v for (a, b), v in sorted(self.confusion.items())},
        }


def load_labels(path: Path) -> dict:
    data = read_yaml(Path(path).read_text(encoding="utf-8"))
    return data.get("units", {})


def evaluate(out_dir: Path, labels: dict) -> EvalResult:
    res = EvalResult()
    for unit, lab in sorted(labels.items()):
        report_path = Path(out_dir) / unit / "report.json"
        if not report_path.is_file():
            raise FileNotFoundError(f"no report for labelled unit {unit!r} in {out_dir}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
        by_id = {c["id"]: c for c in report["criteria"]}
        for cid, clab in sorted((lab.get("criteria") or {}).items()):
            gold = clab["status"]
            pred = by_id[cid]["status"] if cid in by_id else "missing"
            res.n += 1
            res.correct += gold == pred
            res.confusion[(gold, pred)] += 1
            res.per_criterion[cid][0] += gold == pred
            res.per_criterion[cid][1] += 1
            if gold != pred:
                res.errors.append((unit, cid, gold, pred))
            if gold == "evidenced" and clab.get("files"):
                res.evidence_total += 1
                cited = {e["file"] for e in by_id.get(cid, {}).get("evidence", [])}
                res.evidence_hits += bool(cited & set(clab["files"]))
        # A file is flagged when a flag names it as its `file` (CONTRACT). Pair rules (split-purchase,
        # near-duplicate, method-vs-amount) emit one flag per file; `related` only cites the other side
        # or, for dates-out-of-order, the later minutes a reviewer compares the contract with.
        flagged = defaultdict(set)
        for fl in report.get("flags", []):
            flagged[fl["file"]].add(fl["rule"])
        for fl in lab.get("flags") or []:
            res.flag_total += 1
            hit = fl["kind"] in flagged.get(fl["file"], set())
            res.flag_hits += hit
            if not hit:
                res.missing_flags.append((unit, fl["file"], fl["kind"]))
        for clean in lab.get("clean_files") or []:
            res.clean_total += 1
            content = flagged.get(clean, set()) - EXTRACTION_RULES
            if content:
                res.clean_flagged += 1
                res.clean_flag_details.append((unit, clean, sorted(content)))
    return res


def format_result(res: EvalResult, title: str = "") -> str:
    d = res.as_dict()
    lines = [f"== {title} ==" if title else "== eval =="]
    lines.append(f"criteria labelled: {d['units_criteria']}")
    lines.append(f"status accuracy (3-class): {d['status_accuracy']:.3f}")
    lines.append(f"gap (missing) precision {d['gap_precision']:.3f} recall {d['gap_recall']:.3f} F1 {d['gap_f1']:.3f}")
    lines.append(f"evidence-file hit rate: {d['evidence_file_hit']}")
    lines.append(f"flag recall: {d['flag_recall']} ({res.flag_hits}/{res.flag_total})")
    lines.append(f"clean files flagged: {d['clean_files_flagged']} ({res.clean_flagged}/{res.clean_total})")
    lines.append("confusion (rows = label, cols = predicted):")
    lines.append("            " + " ".join(f"{s:>10}" for s in STATUSES))
    for a in STATUSES:
        lines.append(f"{a:>10}  " + " ".join(f"{res.confusion[(a, b)]:>10}" for b in STATUSES))
    lines.append("per criterion accuracy:")
    for cid in sorted(res.per_criterion, key=lambda c: (c.split(".")[0], int(c.split(".")[1]))):
        ok, n = res.per_criterion[cid]
        lines.append(f"  {cid:<12} {ok}/{n}")
    if res.errors:
        lines.append("status errors (unit, criterion, label -> predicted):")
        lines.extend(f"  {u} {c}: {g} -> {p}" for u, c, g, p in res.errors)
    if res.missing_flags:
        lines.append("missed flags:")
        lines.extend(f"  {u} {f} [{k}]" for u, f, k in res.missing_flags)
    if res.clean_flag_details:
        lines.append("clean files flagged:")
        lines.extend(f"  {u} {f} {k}" for u, f, k in res.clean_flag_details)
    return "\n".join(lines)
