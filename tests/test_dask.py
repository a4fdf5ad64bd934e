"""--scheduler: the per-document work runs on a Dask cluster; reports equal those of a local run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main

distributed = pytest.importorskip("distributed")


def _folder(root: Path) -> Path:
    unit = root / "武陵源区财政局"
    (unit / "会议").mkdir(parents=True)
    (unit / "会议" / "党组会议纪要.txt").write_text(
        "党组会议纪要\n2022年9月5日召开党组会议，研究“三重一大”事项，集体决策采购项目。\n主要负责人末位表态。\n",
        encoding="utf-8")
    (unit / "廉洁教育台账.csv").write_text("日期,内容,参加人数\n2022-09-10,观看警示教育片,32\n2022-10-12,廉政党课,28\n",
                                         encoding="utf-8")
    (unit / "空文件.txt").write_bytes(b"")
    (unit / "说明.txt").write_text("开展廉洁文化进机关活动，设置廉洁文化宣传栏。\n", encoding="utf-8")
    school = root / "武陵源区第一中学"
    school.mkdir()
    (school / "师德师风.txt").write_text("学校开展师德师风专题教育，签订师德承诺书。\n", encoding="utf-8")
    return root


def _reports(out: Path) -> dict[str, dict]:
    reports = {}
    for f in sorted(out.glob("*/report.json")):
        r = json.loads(f.read_text(encoding="utf-8"))
        r.pop("generated_at", None)
        reports[f.parent.name] = r
    return reports


def test_dask_run_equals_local_run(tmp_path: Path):
    root = _folder(tmp_path / "root")
    args = ["review", str(root), "--no-ocr", "--mode", "keyword", "--quiet"]
    assert main(args + ["--out", str(tmp_path / "local"), "--jobs", "1"]) == 0
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(args + ["--out", str(tmp_path / "dask"), "--scheduler", cluster.scheduler_address]) == 0
    local, dask = _reports(tmp_path / "local"), _reports(tmp_path / "dask")
    assert set(local) == {"武陵源区财政局", "武陵源区第一中学"}
    assert dask == local
    assert (tmp_path / "dask" / "summary.csv").read_text(encoding="utf-8") == \
        (tmp_path / "local" / "summary.csv").read_text(encoding="utf-8")
