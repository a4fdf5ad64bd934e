"""Benchmark corpora: N unit folders of scanned pages (image-only PDFs) and text PDFs, every file distinct.

Scanned pages are Chinese text from the seed standard rendered with WenQuanYi Zen Hei at 200 dpi on A4,
with a scanner's faults (slight skew, blur, noise), so OCR works as hard as on a real scan; the text of each
page is kept as ground truth for CER. Each page gets its own seed, so no two files share a content hash and
the extraction cache cannot make the batch smaller than it looks.
"""
from __future__ import annotations

import io
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT.parent / "shared" / "seed" / "000_406d525027f223a7.txt"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
DPI = 200
A4 = (1654, 2339)               # pixels at 200 dpi
UNIT_NAMES = ["财政局", "第一中学", "人民医院", "李家岗村", "工商联餐饮商会", "索溪湖景区", "旅游开发有限公司", "向明华家庭"]


@dataclass
class Page:
    image: Image.Image
    text: str                   # ground truth, lines joined by "\n"


def _sentences() -> list[str]:
    raw = SEED_TEXT.read_text(encoding="utf-8") if SEED_TEXT.is_file() else "深入推进清廉建设，严格落实全面从严治党主体责任。"
    out = []
    for line in raw.splitlines():
        line = "".join(line.split())
        while len(line) > 8:
            out.append(line[:60])
            line = line[60:]
    return out


_SENTENCES: list[str] = []


def render_page(seed: int, lines: int = 14, chars_per_line: int = 34) -> Page:
    """One A4 page: a title and 14 lines of body text (about 16 pt), skewed and noised like a 200 dpi office scan."""
    global _SENTENCES
    if not _SENTENCES:
        _SENTENCES = _sentences()
    rnd = random.Random(seed)
    if not Path(FONT).is_file():
        raise SystemExit(f"benchmark font {FONT} not found: `make bench-deps` (Debian: apt-get install fonts-wqy-zenhei)")
    font = ImageFont.truetype(FONT, 44)
    title_font = ImageFont.truetype(FONT, 56)
    img = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(img)
    start = rnd.randrange(len(_SENTENCES))
    stream = "".join(_SENTENCES[(start + k) % len(_SENTENCES)] for k in range(lines * 2))
    title = f"武陵源区清廉建设工作材料（第{seed % 997 + 1}号）"
    draw.text((220, 180), title, font=title_font, fill=0)
    truth = [title]
    y, pos = 330, 0
    for i in range(lines):
        indent = 88 if i % 6 == 0 else 0
        n = chars_per_line - (2 if indent else 0) - (rnd.randrange(10) if i % 6 == 5 else 0)
        line = stream[pos:pos + n]
        pos += n
        draw.text((150 + indent, y), line, font=font, fill=rnd.randrange(0, 60))
        truth.append(line)
        y += 76 + (30 if i % 6 == 5 else 0)
    img = img.rotate(rnd.uniform(-0.6, 0.6), resample=Image.Resampling.BILINEAR, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.effect_noise(A4, 18).point(lambda v: v - 128 + 255 if v < 128 else 255)
    img = Image.composite(img, noise, Image.new("L", A4, 200))
    return Page(img, "\n".join(truth))


def pages_to_pdf(images: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    first, rest = images[0].convert("L"), [im.convert("L") for im in images[1:]]
    first.save(buf, format="PDF", resolution=DPI, save_all=True, append_images=rest)
    return buf.getvalue()


def text_pdf(seed: int, pages: int) -> bytes:
    """A born-digital PDF (text layer), made with reportlab's CID font."""
    from reportlab.lib.pagesizes import A4 as RL_A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    global _SENTENCES
    if not _SENTENCES:
        _SENTENCES = _sentences()
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rnd = random.Random(seed)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=RL_A4)
    c.setTitle(f"bench-{seed}")
    for _ in range(pages):
        c.setFont("STSong-Light", 12)
        y = 780
        start = rnd.randrange(len(_SENTENCES))
        for k in range(40):
            c.drawString(60, y, _SENTENCES[(start + k) % len(_SENTENCES)][:38])
            y -= 18
        c.showPage()
    c.save()
    return buf.getvalue()


def build(out: Path, units: int, scan_pages_per_unit: int, text_pages_per_unit: int, seed: int = 0,
          pages_per_file: int = 2) -> dict:
    """Write `units` unit folders under `out`; returns counts and the ground truth of every scanned page."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    truth: dict[str, str] = {}
    n_scan = n_text = 0
    for u in range(units):
        name = f"{u + 1:04d}武陵源区{UNIT_NAMES[u % len(UNIT_NAMES)]}"
        folder = out / name
        folder.mkdir()
        left, k = scan_pages_per_unit, 0
        while left > 0:
            n = min(pages_per_file, left)
            pages = [render_page(seed * 1_000_003 + u * 10_007 + k * 101 + j) for j in range(n)]
            rel = f"扫描件/材料{k + 1:02d}.pdf"
            (folder / rel).parent.mkdir(exist_ok=True)
            (folder / rel).write_bytes(pages_to_pdf([p.image for p in pages]))
            for j, p in enumerate(pages, start=1):
                truth[f"{name}/{rel}#{j}"] = p.text
            left -= n
            k += 1
            n_scan += n
        if text_pages_per_unit:
            (folder / "工作总结.pdf").write_bytes(text_pdf(seed * 7919 + u, text_pages_per_unit))
            n_text += text_pages_per_unit
    (out.parent / f"{out.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return {"units": units, "scan_pages": n_scan, "text_pages": n_text, "truth": truth}


def copy_demo(demo: Path, out: Path, copies: int) -> int:
    """N copies of the demo units; PDFs and text files get unique trailing bytes so their hashes differ."""
    if out.exists():
        shutil.rmtree(out)
    files = 0
    for c in range(copies):
        for unit in sorted(p for p in demo.iterdir() if p.is_dir()):
            dest = out / f"{c + 1:03d}{unit.name}"
            shutil.copytree(unit, dest)
            for f in dest.rglob("*"):
                if f.is_file() and f.suffix.lower() in (".pdf", ".txt", ".csv"):
                    with f.open("ab") as fh:
                        fh.write(f"\n%bench-copy-{c}\n".encode() if f.suffix.lower() == ".pdf" else b"\n")
                files += f.is_file()
    return files
