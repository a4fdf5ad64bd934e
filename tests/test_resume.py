"""A run killed with kill -9 and started again finishes with nothing lost and nothing counted twice."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNITS = ("武陵源区财政局", "武陵源区第一中学", "协合乡李家岗村")
FILES_PER_UNIT = 30


def _text_pdf(path: Path, seed: int) -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for page in range(3):
        c.setFont("STSong-Light", 12)
        for k in range(30):
            c.drawString(60, 780 - 18 * k, f"第{seed}号材料第{page + 1}页：召开党风廉政建设专题会议，研究部署第{k}项工作。")
        c.showPage()
    c.save()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("resume-root")
    n = 0
    for unit in UNITS:
        (root / unit / "材料").mkdir(parents=True)
        for i in range(FILES_PER_UNIT):
            _text_pdf(root / unit / "材料" / f"{i:02d}.pdf", n)
            n += 1
        (root / unit / "材料" / "副本.pdf").write_bytes((root / unit / "材料" / "00.pdf").read_bytes())
    return root


def _review(root: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "review", str(root), "--out", str(out), "--quiet",
                             "--no-ocr", "--jobs", "1", "--mode", "keyword"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM extractions").fetchone()[0]
    except sqlite3.OperationalError:     # table not created yet
        return 0


def test_kill_9_then_resume(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    db = out / "qinglian.sqlite"
    total = len(UNITS) * FILES_PER_UNIT          # distinct contents; each 副本.pdf duplicates 00.pdf
    proc = _review(corpus, out)
    deadline = time.monotonic() + 60
    while _committed(db) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus bigger"
    os.killpg(proc.pid, signal.SIGKILL)          # the run and its worker processes
    proc.wait()
    before = _committed(db)
    assert 0 < before < total

    proc = _review(corpus, out)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    summary = stderr.decode()
    m = re.search(r"提取 (\d+) 个文件（缓存 (\d+)）", summary)
    assert m, summary[-1000:]
    extracted, cached = int(m.group(1)), int(m.group(2))
    assert cached >= before and extracted + cached == total

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM extractions").fetchone()[0] == total
        rows = conn.execute("SELECT unit, file FROM documents").fetchall()
        assert len(rows) == len(set(rows)) == len(UNITS) * (FILES_PER_UNIT + 1)
        dup_passages = conn.execute(
            "SELECT COUNT(*) FROM (SELECT unit, file, idx FROM passages GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        assert dup_passages == 0
    for unit in UNITS:
        report = json.loads((out / unit / "report.json").read_text(encoding="utf-8"))
        files = [d["file"] for d in report["documents"]]
        assert sorted(files) == sorted([f"材料/{i:02d}.pdf" for i in range(FILES_PER_UNIT)] + ["材料/副本.pdf"])
        assert all(d["status"] == "ok" for d in report["documents"])
        assert not list((out / unit).glob(".*.tmp"))    # atomic report writes leave no partial files


def test_unchanged_rerun_extracts_nothing(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = _review(corpus, out)
    assert first.wait(timeout=120) == 0
    again = _review(corpus, out)
    _, stderr = again.communicate(timeout=120)
    assert again.returncode == 0
    assert re.search(r"提取 0 个文件（缓存 \d+）", stderr.decode()), stderr.decode()[-1000:]
