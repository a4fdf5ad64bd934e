"""Profile RapidOCR (det / cls / rec seconds per page, CER) under a few settings, and tesseract beside it.

    python bench/ocr_profile.py --pages 6 --threads 1

Each setting runs on the same rendered pages in this process, one after the other (engine load excluded).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cer import corpus_cer  # noqa: E402
from corpus import render_page  # noqa: E402

SETTINGS = {
    "default RapidOCR (cls on)": dict(use_cls=True),
    "cls off, rec batch 6": dict(use_cls=False),
    "cls off, rec batch 1": dict(use_cls=False, rec_batch_num=1),
    "ORT, batch 1, side 1600": dict(use_cls=False, rec_batch_num=1, max_side_len=1600),
    "cls off, rec batch 1, side 1280": dict(use_cls=False, rec_batch_num=1, max_side_len=1280),
    "OpenVINO, batch 1, side 1440 (qinglian)": dict(use_cls=False, rec_batch_num=1, max_side_len=1440, ov=True),
    "OpenVINO, batch 1, side 1600": dict(use_cls=False, rec_batch_num=1, max_side_len=1600, ov=True),
    "OpenVINO, batch 6, side 1600": dict(use_cls=False, rec_batch_num=6, max_side_len=1600, ov=True),
    "OpenVINO, batch 1, side 2000": dict(use_cls=False, rec_batch_num=1, max_side_len=2000, ov=True),
}


def ocr_text(result) -> str:
    from extractors.ocr import OcrLine, lines_to_passages

    lines = []
    for box, text, score in result or []:
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        lines.append(OcrLine(text, (min(xs), min(ys), max(xs), max(ys)), float(score)))
    return "\n".join(p.text for p in lines_to_passages(lines, "x", 1))


def profile_rapid(pages, threads: int) -> None:
    from rapidocr_onnxruntime import RapidOCR

    from extractors.ocr_openvino import install

    print(f"{'setting':40} {'det s':>7} {'cls s':>7} {'rec s':>7} {'total s/page':>13} {'CER':>7}")
    for label, setting in SETTINGS.items():
        kw = dict(setting)
        use_cls = kw.pop("use_cls")
        ov = kw.pop("ov", False)
        eng = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, use_cls=use_cls,
                       print_verbose=False, **kw)
        if ov:
            install(eng, threads)
        eng(pages[0].image, use_cls=use_cls)          # warm-up
        det = cls = rec = 0.0
        pairs = []
        t0 = time.perf_counter()
        for p in pages:
            res, el = eng(p.image, use_cls=use_cls)
            det, cls, rec = det + (el[0] or 0), cls + (el[1] or 0), rec + (el[2] or 0)
            pairs.append((p.text, ocr_text(res)))
        total = time.perf_counter() - t0
        n = len(pages)
        print(f"{label:40} {det / n:7.3f} {cls / n:7.3f} {rec / n:7.3f} {total / n:13.3f} {corpus_cer(pairs):7.2%}")


def profile_tesseract(pages, tmp: Path) -> None:
    if shutil.which("tesseract") is None:
        print("tesseract: not installed")
        return
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    pairs, t = [], 0.0
    for i, p in enumerate(pages):
        f = tmp / f"t{i}.png"
        p.image.save(f)
        t0 = time.perf_counter()
        out = subprocess.run(["tesseract", str(f), "-", "-l", "chi_sim", "--psm", "6"], capture_output=True,
                             env=env, check=True).stdout.decode()
        t += time.perf_counter() - t0
        pairs.append((p.text, out))
    print(f"{'tesseract chi_sim (1 thread)':40} {'':7} {'':7} {'':7} {t / len(pages):13.3f} {corpus_cer(pairs):7.2%}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    pages = [render_page(9000 + i) for i in range(args.pages)]
    profile_rapid(pages, args.threads)
    tmp = Path("/tmp/qinglian-ocr-profile")
    tmp.mkdir(exist_ok=True)
    profile_tesseract(pages, tmp)


if __name__ == "__main__":
    main()
