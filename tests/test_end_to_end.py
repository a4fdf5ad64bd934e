"""End to end on the shipped demo submissions: the CONTRACT holds and every file is reported once."""
import csv
import json
from pathlib import Path

import pytest
import yaml

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "samples" / "demo"
LABELS = ROOT / "samples" / "labels.yaml"
STATUSES = {"evidenced", "partial", "missing"}


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-out")
    assert main(["review", str(DEMO), "--out", str(out), "--quiet", "--jobs", "2"]) == 0
    return out


def _unit_folders():
    return sorted(p.name for p in DEMO.iterdir() if p.is_dir())


def _files_of(unit: str) -> set[str]:
    base = DEMO / unit
    return {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()} - {"unit.yaml"}


def test_every_unit_has_contract_reports(demo_run):
    from checklists import contract_types

    contract = contract_types()
    for unit in _unit_folders():
        report = json.loads((demo_run / unit / "report.json").read_text(encoding="utf-8"))
        for key in ("unit", "unit_name", "unit_type", "type_source", "criteria", "flags", "documents"):
            assert key in report
        assert report["unit"] == unit
        assert report["type_source"] in {"manifest", "folder-name", "content"}
        ids = [c["id"] for c in report["criteria"]]
        assert ids == [cid for cid, _ in contract[report["unit_type"]]]
        for c in report["criteria"]:
            assert c["status"] in STATUSES and c["reason"]
            for e in c["evidence"]:
                assert {"file", "page", "text", "score", "method"} <= set(e)
                assert e["method"] in {"keyword", "classifier", "both"}
        assert (demo_run / unit / "report.html").is_file()


def test_every_file_listed_exactly_once(demo_run):
    for unit in _unit_folders():
        report = json.loads((demo_run / unit / "report.json").read_text(encoding="utf-8"))
        listed = [d["file"] for d in report["documents"]]
        assert len(listed) == len(set(listed)), f"{unit}: a file listed twice"
        assert _files_of(unit) <= set(listed), f"{unit}: files missing from the report"
        for d in report["documents"]:
            assert d["status"] in {"ok", "failed", "empty"}
            if d["status"] != "ok":
                assert d["error"], f"{d['file']} has status {d['status']} but no message"


def test_summary_csv_and_index(demo_run):
    with open(demo_run / "summary.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:5] == ["unit", "unit_type", "criterion_id", "status", "n_evidence"]
    n_criteria = sum(len(json.loads((demo_run / u / "report.json").read_text(encoding="utf-8"))["criteria"])
                     for u in _unit_folders())
    assert len(rows) - 1 == n_criteria
    assert (demo_run / "index.html").is_file() and (demo_run / "summary.xlsx").is_file()


def test_bad_files_have_clear_status(demo_run):
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["units"]
    bad_kinds = {"unreadable": "failed", "encrypted": "failed", "empty": "empty"}
    checked = 0
    for unit, lab in labels.items():
        report = json.loads((demo_run / unit / "report.json").read_text(encoding="utf-8"))
        docs = {d["file"]: d for d in report["documents"]}
        for fl in lab.get("flags") or []:
            if fl["kind"] in bad_kinds:
                assert docs[fl["file"]]["status"] == bad_kinds[fl["kind"]], fl
                checked += 1
    assert checked >= 3


def test_rerun_uses_cache(demo_run, tmp_path, capsys):
    db = demo_run / "qinglian.sqlite"
    assert main(["review", str(DEMO), "--out", str(tmp_path), "--db", str(db), "--quiet"]) == 0
    assert "提取 0 个文件" in capsys.readouterr().err


def test_cli_errors(tmp_path, capsys):
    assert main(["review", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["review", str(DEMO), "--out", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert all(line.startswith("qinglian: error:") for line in err)


def test_console_command_flushes_its_output_and_keeps_its_exit_code(demo_run, tmp_path):
    """`python -m pipeline` skips the interpreter's teardown (os._exit): what it printed to a pipe must still
    arrive, and an error must still exit 2."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}     # a pipe is block-buffered
    db = demo_run / "qinglian.sqlite"
    ok = subprocess.run([sys.executable, "-m", "pipeline", "review", str(DEMO), "--out", str(tmp_path / "o"),
                         "--db", str(db), "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("reports: ") and "提取 0 个文件" in ok.stderr
    assert (tmp_path / "o" / "index.html").is_file()
    bad = subprocess.run([sys.executable, "-m", "pipeline", "review", str(tmp_path / "missing"), "--out",
                          str(tmp_path / "o2")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("qinglian: error:")
