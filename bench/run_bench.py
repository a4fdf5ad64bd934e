"""Batch benchmark: the pipeline beside the raw OCR engine and tesseract, on the same pages, in one run.

    python bench/run_bench.py                       # 100 scanned pages (+ a 500-page run for memory)
    python bench/run_bench.py --pages 40 --large 0  # quick look

Builds corpora of distinct unit folders (bench/corpus.py), then measures with wall clocks and the peak
summed RSS (sampled every 0.1 s) and PSS (every 1 s) of the whole process tree:
  pipeline --jobs 1 and --jobs 2 on the OCR-heavy corpus (fresh store each), an unchanged re-run,
  a text-PDF corpus (text pages/s), a larger OCR corpus (peak RSS as the batch grows);
  raw RapidOCR: 2 processes, each running the engine (same settings as the pipeline's) over half of the
  page images in a loop, engine load included; tesseract chi_sim (OMP_THREAD_LIMIT=1) the same way.
Page images for the raw engines are rendered from the corpus PDFs exactly as the pipeline renders them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from cer import corpus_cer  # noqa: E402
from corpus import build  # noqa: E402


def measure(cmd: list[str], env: dict | None = None) -> tuple[float, tuple[int, int]]:
    """(wall seconds, (peak summed RSS, peak summed PSS) in bytes of the process and all its children)."""
    return measure_all([cmd], env)


def measure_all(cmds: list[list[str]], env: dict | None = None) -> tuple[float, tuple[int, int]]:
    """Start the commands together; (wall seconds until the last ends, (peak summed RSS, peak summed PSS) of
    all their processes). The pipeline, the raw engine and tesseract are all timed through here, so the
    sampling's own cost is the same for each of them.

    Summed RSS counts the shared library pages (OpenVINO, ONNX Runtime, OpenCV, pandas: ~200 MB) once per
    process; PSS splits them between the processes that map them, so summed PSS is what the batch holds."""
    t0 = time.perf_counter()
    running = [subprocess.Popen(c, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for c in cmds]
    tops = [psutil.Process(p.pid) for p in running]
    peak = peak_pss = 0
    tick = 0
    while any(p.poll() is None for p in running):
        procs = []
        for top in tops:
            try:
                procs += [top] + top.children(recursive=True)
            except psutil.NoSuchProcess:
                continue
        # RSS every 0.1 s (cheap); PSS, which walks every mapping, once a second so that the sampling does
        # not take CPU from the run it measures (every 0.1 s it took ~30 % of a core)
        with_pss = tick % 10 == 0
        rss = pss = 0
        for p in procs:
            try:
                rss += p.memory_info().rss
                if with_pss:
                    info = p.memory_full_info()
                    pss += getattr(info, "pss", info.rss)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        peak = max(peak, rss)
        if with_pss:
            peak_pss = max(peak_pss, pss)
        tick += 1
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    for p, cmd in zip(running, cmds):
        err = p.stderr.read().decode(errors="replace")
        if p.returncode != 0:
            raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    return wall, (peak, peak_pss)


def review(root: Path, out: Path, jobs: int, fresh: bool = True,
           threads: int | None = None) -> tuple[float, tuple[int, int]]:
    if fresh and out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, QINGLIAN_OCR_THREADS=str(threads)) if threads else None
    return measure([sys.executable, "-m", "pipeline", "review", str(root), "--out", str(out),
                    "--jobs", str(jobs), "--quiet"], env)


def counted_pages(out: Path) -> tuple[int, int]:
    db = sqlite3.connect(out / "qinglian.sqlite")
    pages, ocr = db.execute("SELECT SUM(pages), SUM(ocr_pages) FROM documents").fetchone()
    db.close()
    return pages or 0, ocr or 0


def pipeline_texts(out: Path) -> dict[str, str]:
    db = sqlite3.connect(out / "qinglian.sqlite")
    texts: dict[str, list[str]] = {}
    for unit, file, page, text in db.execute(
            "SELECT unit, file, page, text FROM passages WHERE source='ocr' ORDER BY unit, file, page, idx"):
        texts.setdefault(f"{unit}/{file}#{page}", []).append(text)
    db.close()
    return {k: "\n".join(v) for k, v in texts.items()}


def render_pages(root: Path, dest: Path) -> list[tuple[str, Path]]:
    """The corpus' scanned pages as PNG, rendered like extractors/pdf.py does (pypdfium2, grayscale, 200 dpi)."""
    import pypdfium2 as pdfium

    from extractors.base import ExtractOptions

    dpi = ExtractOptions().dpi
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for pdf in sorted(root.rglob("扫描件/*.pdf")):
        doc = pdfium.PdfDocument(str(pdf))
        for i in range(len(doc)):
            f = dest / f"{len(out):05d}.png"
            doc[i].render(scale=dpi / 72, grayscale=True).to_pil().save(f)
            out.append((f"{pdf.relative_to(root).as_posix()}#{i + 1}", f))
        doc.close()
    return out


RAW_WORKER = r"""
import json, sys
from PIL import Image
from extractors.ocr import downscale
from extractors.base import ExtractOptions, default_ocr_factory
eng = default_ocr_factory()                # the pipeline's engine and settings (runtime, cls, max side, threads)
max_side = ExtractOptions().max_image_side
out = {}
for f in sys.argv[2:]:
    with Image.open(f) as im:
        im.load()
        lines = eng.recognize(downscale(im, max_side)[0])
    out[f] = "\n".join(l.text for l in lines)
json.dump(out, open(sys.argv[1], "w"), ensure_ascii=False)
"""


def ocr_runtime() -> str:
    """Which runtime the pipeline's engine runs on here (QINGLIAN_OCR_RUNTIME, default auto)."""
    from extractors.base import default_ocr_factory

    eng = default_ocr_factory()
    eng.recognize(Image.new("L", (64, 32), 255))
    return eng.runtime


def raw_rapid(images: list[Path], procs: int, tmp: Path) -> tuple[float, dict[str, str]]:
    env = dict(os.environ, OMP_NUM_THREADS="1")
    parts = [images[i::procs] for i in range(procs)]
    outs = [tmp / f"raw{i}.json" for i in range(procs)]
    wall, _mem = measure_all([[sys.executable, "-c", RAW_WORKER, str(o)] + [str(f) for f in part]
                              for o, part in zip(outs, parts)], env)
    texts = {}
    for o in outs:
        texts.update(json.loads(o.read_text(encoding="utf-8")))
    return wall, texts


def raw_tesseract(images: list[Path], procs: int, tmp: Path) -> tuple[float, dict[str, str]] | None:
    if shutil.which("tesseract") is None:
        return None
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cmds, lists = [], []
    for i in range(procs):
        lst = tmp / f"tess{i}.list"
        lst.write_text("\n".join(str(f) for f in images[i::procs]) + "\n")
        # one tesseract process per core over its list of images (model loaded once); text per page in .txt
        cmds.append(["tesseract", str(lst), str(tmp / f"tess{i}"), "-l", "chi_sim", "--psm", "6"])
        lists.append(images[i::procs])
    wall, _mem = measure_all(cmds, env)
    texts = {}
    for i, imgs in enumerate(lists):
        pages = (tmp / f"tess{i}.txt").read_text(encoding="utf-8").split("\f")
        for f, t in zip(imgs, pages):
            texts[str(f)] = t
    return wall, texts


def cer_of(truth: dict[str, str], texts: dict[str, str], keys: list[str]) -> float:
    return corpus_cer([(truth[k], texts.get(k, "")) for k in keys])


def row(label: str, value: str, note: str = "") -> None:
    print(f"| {label} | {value} | {note} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100, help="scanned pages in the OCR-heavy corpus")
    ap.add_argument("--large", type=int, default=500, help="scanned pages of the memory run (0: skip)")
    ap.add_argument("--text-pages", type=int, default=200, help="text-PDF pages of the text corpus")
    ap.add_argument("--pages-per-unit", type=int, default=4)
    ap.add_argument("--cer-sample", type=int, default=30, help="pages on which CER is computed")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "qinglian-bench")
    args = ap.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1

    per = args.pages_per_unit
    print(f"building corpora in {work} …", file=sys.stderr)
    build(work / "ocr", units=max(1, args.pages // per), scan_pages_per_unit=per, text_pages_per_unit=0, seed=1)
    truth = json.loads((work / "ocr.truth.json").read_text(encoding="utf-8"))   # "unit/file#page" -> text
    build(work / "text", units=max(1, args.text_pages // 4), scan_pages_per_unit=0, text_pages_per_unit=4, seed=2)

    results: dict[str, float] = {}
    print("pipeline --jobs 1 …", file=sys.stderr)
    results["j1"], rss_j1 = review(work / "ocr", work / "out-j1", 1, threads=1)   # one core: the scaling baseline
    print("pipeline --jobs 2 …", file=sys.stderr)
    results["j2"], rss_small = review(work / "ocr", work / "out-j2", 2)
    _, n_ocr = counted_pages(work / "out-j2")
    print("unchanged re-run …", file=sys.stderr)
    results["rerun"], _ = review(work / "ocr", work / "out-j2", 2, fresh=False)
    print("text corpus …", file=sys.stderr)
    results["text"], _ = review(work / "text", work / "out-text", 2)
    n_text, _ = counted_pages(work / "out-text")

    print("raw engines …", file=sys.stderr)
    tmp = work / "raw"
    shutil.rmtree(tmp, ignore_errors=True)
    rendered = render_pages(work / "ocr", tmp / "png")
    images = [f for _, f in rendered]
    key_of = {str(f): k for k, f in rendered}
    results["raw"], raw_texts = raw_rapid(images, 2, tmp)
    tess = raw_tesseract(images, 2, tmp)

    large_rss = None
    if args.large:
        print(f"{args.large}-page batch …", file=sys.stderr)
        build(work / "large", units=max(1, args.large // per), scan_pages_per_unit=per, text_pages_per_unit=0, seed=3)
        results["large"], large_rss = review(work / "large", work / "out-large", 2)
        _, n_large = counted_pages(work / "out-large")

    sample = sorted(truth)[: args.cer_sample]
    pipe_cer = cer_of(truth, pipeline_texts(work / "out-j2"), sample)
    by_key = {key_of[f]: t for f, t in raw_texts.items()}
    raw_cer = cer_of(truth, by_key, sample)

    ocr_pps = n_ocr / results["j2"]
    raw_pps = len(images) / results["raw"]
    print(f"\nqinglian batch benchmark · {cores} cores · {n_ocr} scanned pages in {args.pages // per} units "
          f"(200 dpi A4), {n_text} text-PDF pages · OCR runtime {ocr_runtime()}\n")
    print("| measure | value | note |\n| --- | --- | --- |")
    row("text pages/s (--jobs 2)", f"{n_text / results['text']:.1f}", f"{n_text} pages, {results['text']:.1f} s wall")
    row("OCR pages/s, pipeline --jobs 1 (1 OCR thread)", f"{n_ocr / results['j1']:.3f}", f"{results['j1']:.1f} s wall")
    row("OCR pages/s, pipeline --jobs 2", f"{ocr_pps:.3f}", f"{results['j2']:.1f} s wall (end to end)")
    row("OCR pages/s, raw RapidOCR ×2 processes", f"{raw_pps:.3f}", f"{results['raw']:.1f} s wall, engine load included")
    row("pipeline / raw engine", f"{ocr_pps / raw_pps:.2f}×", "target ≥ 0.9×")
    row("speed-up --jobs 2 over --jobs 1", f"{results['j1'] / results['j2']:.2f}×", "target ≥ 1.7×")
    row("unchanged re-run", f"{results['rerun']:.1f} s = {results['rerun'] / results['j2']:.1%} of first",
        "target ≤ 5 %")
    mb = 2**20
    row(f"peak RSS, {n_ocr} pages --jobs 2", f"{rss_small[0] / mb:.0f} MB",
        f"summed PSS {rss_small[1] / mb:.0f} MB; --jobs 1: RSS {rss_j1[0] / mb:.0f} MB, PSS {rss_j1[1] / mb:.0f} MB")
    if large_rss is not None:
        row(f"peak RSS, {n_large} pages --jobs 2", f"{large_rss[0] / mb:.0f} MB",
            f"{large_rss[0] / rss_small[0] - 1:+.1%} vs {n_ocr} pages; summed PSS {large_rss[1] / mb:.0f} MB "
            f"({large_rss[1] / rss_small[1] - 1:+.1%}); {n_large / results['large']:.3f} OCR pages/s; "
            "target ≤ 1.5 GB, within 10 %")
    row(f"CER pipeline (first {len(sample)} pages)", f"{pipe_cer:.2%}", f"raw RapidOCR {raw_cer:.2%}")
    if tess is not None:
        t_wall, t_texts = tess
        t_cer = cer_of(truth, {key_of[f]: t for f, t in t_texts.items()}, sample)
        row("OCR pages/s, tesseract chi_sim ×2 (OMP_THREAD_LIMIT=1)", f"{len(images) / t_wall:.3f}",
            f"{t_wall:.1f} s wall; CER {t_cer:.2%}")
        row("pipeline / tesseract", f"{ocr_pps / (len(images) / t_wall):.2f}×", "target ≥ 1.0× with CER no worse")
    else:
        row("tesseract", "not installed", "")


if __name__ == "__main__":
    main()
