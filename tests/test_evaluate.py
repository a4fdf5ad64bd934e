"""`qinglian eval` scoring on hand-made reports: accuracy, gap F1, evidence hit, flag recall, clean files."""
import json

import pytest

from pipeline.evaluate import evaluate


def _write(out, unit, criteria, flags):
    d = out / unit
    d.mkdir(parents=True)
    report = {"unit": unit, "criteria": criteria, "flags": flags, "documents": []}
    (d / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


def _crit(cid, status, files=()):
    return {"id": cid, "status": status, "evidence": [{"file": f, "page": 1} for f in files]}


def test_scores_status_gap_and_evidence(tmp_path):
    _write(tmp_path, "u", [_crit("c.1", "evidenced", ["a.pdf"]), _crit("c.2", "missing"),
                           _crit("c.3", "partial"), _crit("c.4", "evidenced", ["x.pdf"])], [])
    labels = {"u": {"criteria": {
        "c.1": {"status": "evidenced", "files": ["a.pdf"]},
        "c.2": {"status": "missing", "files": []},
        "c.3": {"status": "missing", "files": []},
        "c.4": {"status": "evidenced", "files": ["b.pdf"]},
    }}}
    res = evaluate(tmp_path, labels)
    assert res.accuracy == pytest.approx(0.75)
    p, r, f = res.gap_prf()
    assert (p, r) == (1.0, 0.5) and f == pytest.approx(2 / 3)
    assert (res.evidence_hits, res.evidence_total) == (1, 2)       # c.4 cites the wrong file
    assert res.confusion[("missing", "partial")] == 1


def test_a_related_file_is_cited_not_flagged(tmp_path):
    """dates-out-of-order names the contract; the minutes it is compared with stay clean."""
    flags = [{"file": "合同.pdf", "page": 1, "rule": "dates-out-of-order", "severity": "high", "message": "…",
              "related": [{"file": "纪要.pdf", "date": "2024-10-15"}]},
             {"file": "台账.xlsx", "page": 1, "rule": "split-purchase", "severity": "high", "message": "…"}]
    _write(tmp_path, "u", [], flags)
    labels = {"u": {"criteria": {}, "flags": [{"file": "合同.pdf", "kind": "dates-out-of-order"},
                                             {"file": "台账.xlsx", "kind": "split-purchase"},
                                             {"file": "合同2.pdf", "kind": "split-purchase"}],
                    "clean_files": ["纪要.pdf", "公示.jpg"]}}
    res = evaluate(tmp_path, labels)
    assert (res.flag_hits, res.flag_total) == (2, 3)
    assert res.missing_flags == [("u", "合同2.pdf", "split-purchase")]
    assert (res.clean_flagged, res.clean_total) == (0, 2)


def test_extraction_flags_do_not_make_a_clean_file_flagged(tmp_path):
    _write(tmp_path, "u", [], [{"file": "a.pdf", "page": 1, "rule": "low-ocr-confidence", "severity": "low",
                                "message": "…"},
                               {"file": "b.pdf", "page": 1, "rule": "quorum", "severity": "high", "message": "…"}])
    res = evaluate(tmp_path, {"u": {"criteria": {}, "clean_files": ["a.pdf", "b.pdf"]}})
    assert (res.clean_flagged, res.clean_total) == (1, 2)
    assert res.clean_flag_details == [("u", "b.pdf", ["quorum"])]


def test_a_missing_report_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path, {"nowhere": {"criteria": {}}})
