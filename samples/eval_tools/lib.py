"""Deterministic builders for the held-out evaluation set (samples/eval).

Every builder writes one file below the unit folder; byte output is stable across runs
(fixed PDF invariants, fixed zip timestamps, fixed RNG seeds).
"""
from __future__ import annotations

import io
import re
import zipfile
import datetime as dt
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.lib.utils import ImageReader

import docx
from docx.shared import Pt
from docx.oxml.ns import qn
import openpyxl

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
pdfmetrics.registerFont(TTFont("WQY", FONT_PATH, subfontIndex=0))
FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
FIXED_ISO = "2025-01-01T00:00:00Z"

_BODY = ParagraphStyle("body", fontName="WQY", fontSize=11, leading=18, wordWrap="CJK", firstLineIndent=22)
_PLAIN = ParagraphStyle("plain", fontName="WQY", fontSize=11, leading=18, wordWrap="CJK")
_TITLE = ParagraphStyle("title", fontName="WQY", fontSize=16, leading=26, alignment=1, spaceAfter=8, wordWrap="CJK")
_CELL = ParagraphStyle("cell", fontName="WQY", fontSize=9, leading=12, wordWrap="CJK")


class Unit:
    """Collects files written for one unit folder."""

    def __init__(self, root: Path, folder: str):
        self.folder = folder
        self.dir = root / folder
        self.dir.mkdir(parents=True, exist_ok=True)
        self.files: list[str] = []

    def path(self, rel: str) -> Path:
        p = self.dir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if rel != "unit.yaml":
            self.files.append(rel)
        return p


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _flow(title, blocks, encrypt=None):
    story = [Paragraph(_esc(title), _TITLE)]
    for b in blocks:
        if isinstance(b, list):  # table rows
            data = [[Paragraph(_esc(str(c)), _CELL) for c in row] for row in b]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [t, Spacer(1, 6)]
        elif b.startswith("!"):  # plain (no indent), e.g. headers / signature lines
            story.append(Paragraph(_esc(b[1:]), _PLAIN))
        else:
            story.append(Paragraph(_esc(b), _BODY))
    return story


def pdf(u: Unit, rel: str, title: str, blocks: list, encrypt: str | None = None):
    out = u.path(rel)
    kw = dict(pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
              bottomMargin=20 * mm, invariant=1, title="", author="")
    if encrypt:
        kw["encrypt"] = encrypt
    doc = SimpleDocTemplate(str(out), **kw)
    doc.build(_flow(title, blocks))


def _normalize_ooxml(path: Path):
    """Rewrite an OOXML zip with fixed timestamps and fixed core dates."""
    src = zipfile.ZipFile(path)
    items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                s = data.decode("utf-8")
                s = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", r"\g<1>" + FIXED_ISO + r"\g<3>", s)
                data = s.encode("utf-8")
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def docx_file(u: Unit, rel: str, title: str, blocks: list):
    out = u.path(rel)
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "SimSun"
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    h = d.add_paragraph()
    r = h.add_run(title)
    r.bold = True
    r.font.size = Pt(16)
    h.alignment = 1
    for b in blocks:
        if isinstance(b, list):
            t = d.add_table(rows=len(b), cols=len(b[0]))
            t.style = "Table Grid"
            for i, row in enumerate(b):
                for j, c in enumerate(row):
                    t.cell(i, j).text = str(c)
            d.add_paragraph()
        else:
            d.add_paragraph(b.lstrip("!"))
    cp = d.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.created = dt.datetime(2025, 1, 1)
    cp.modified = dt.datetime(2025, 1, 1)
    cp.revision = 1
    d.save(str(out))
    _normalize_ooxml(out)


def xlsx_file(u: Unit, rel: str, sheets: dict):
    out = u.path(rel)
    wb = openpyxl.Workbook()
    first = True
    for name, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet()
        ws.title = name
        first = False
        for row in rows:
            ws.append(list(row))
        for col in ws.columns:
            ws.column_dimensions[col[0].column_letter].width = 16
    wb.properties.creator = ""
    wb.properties.created = dt.datetime(2025, 1, 1)
    wb.properties.modified = dt.datetime(2025, 1, 1)
    wb.save(str(out))
    _normalize_ooxml(out)


def txt(u: Unit, rel: str, text: str, encoding: str = "utf-8"):
    u.path(rel).write_bytes(text.encode(encoding))


def raw(u: Unit, rel: str, data: bytes):
    u.path(rel).write_bytes(data)


def zip_file(u: Unit, rel: str, members: dict):
    """members: inner path -> bytes"""
    out = u.path(rel)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            zi = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.flag_bits |= 0x800  # UTF-8 names
            z.writestr(zi, data)
    out.write_bytes(buf.getvalue())


def pdf_bytes(title: str, blocks: list) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, invariant=1, title="", author="")
    doc.build(_flow(title, blocks))
    return buf.getvalue()


# ---------------------------------------------------------------- images

def _font(size):
    return ImageFont.truetype(FONT_PATH, size, index=0)


def _wrap(draw, text, font, width):
    lines, cur = [], ""
    for ch in text:
        if draw.textlength(cur + ch, font=font) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def _seal(img: Image.Image, cx, cy, r, text, star=True):
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (205, 30, 35, 190)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=max(4, r // 18))
    f = _font(int(r * 0.26))
    n = len(text)
    for i, ch in enumerate(text):
        ang = np.deg2rad(210 - i * (240 / max(n - 1, 1)))
        x = cx + np.cos(ang) * r * 0.72
        y = cy - np.sin(ang) * r * 0.72
        ch_img = Image.new("RGBA", (int(r * 0.32), int(r * 0.32)), (0, 0, 0, 0))
        ImageDraw.Draw(ch_img).text((0, 0), ch, font=f, fill=red)
        ch_img = ch_img.rotate(np.rad2deg(ang) - 90, expand=True)
        layer.alpha_composite(ch_img, (int(x - ch_img.width / 2), int(y - ch_img.height / 2)))
    if star:
        s = r * 0.25
        pts = []
        for k in range(10):
            rr = s if k % 2 == 0 else s * 0.4
            a = np.deg2rad(90 + k * 36)
            pts.append((cx + rr * np.cos(a), cy - rr * np.sin(a)))
        d.polygon(pts, fill=red)
    img.alpha_composite(layer)


def _finish(img: Image.Image, seed: int, skew: float, noise: float, blur: float, bg=(120, 118, 112)):
    rng = np.random.default_rng(seed)
    img = img.convert("RGB")
    img = img.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=bg)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img).astype(np.float32)
    # uneven lighting + sensor noise
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    light = 1.0 - 0.10 * ((xx / w - 0.35) ** 2 + (yy / h - 0.3) ** 2)
    a = a * light[..., None] + rng.normal(0, noise, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def paper_image(title: str, lines: list, seal: str | None, seed: int, skew: float = 1.2,
                width: int = 1400, tables: list | None = None, font_size: int = 30,
                seal_pos: float = 0.75, photo: bool = False) -> Image.Image:
    """A scanned page (or phone photo of a page): title, wrapped lines, optional red seal."""
    f = _font(font_size)
    ft = _font(int(font_size * 1.35))
    margin = 90
    tmp = Image.new("RGB", (width, 10))
    dr = ImageDraw.Draw(tmp)
    body = []
    for ln in lines:
        if isinstance(ln, list):
            body.append(ln)
        else:
            body += _wrap(dr, ln, f, width - 2 * margin) or [""]
    lh = int(font_size * 1.6)
    rows_h = sum(lh if isinstance(b, str) else lh for b in body)
    height = max(int(width * 1.3), rows_h + 420)
    paper = (250, 249, 243) if not photo else (238, 236, 228)
    img = Image.new("RGBA", (width, height), paper + (255,))
    d = ImageDraw.Draw(img)
    tw = d.textlength(title, font=ft)
    d.text(((width - tw) / 2, 90), title, font=ft, fill=(25, 25, 25))
    y = 90 + int(font_size * 2.6)
    for b in body:
        if isinstance(b, list):  # table row: list of cells, equal widths
            cw = (width - 2 * margin) / len(b)
            for j, c in enumerate(b):
                x0 = margin + j * cw
                d.rectangle([x0, y - 6, x0 + cw, y + lh - 6], outline=(40, 40, 40), width=2)
                d.text((x0 + 8, y), str(c), font=_font(int(font_size * 0.8)), fill=(30, 30, 30))
        else:
            d.text((margin, y), b, font=f, fill=(30, 30, 30))
        y += lh
    if seal:
        _seal(img, int(width * seal_pos), min(y + 170, height - 170), 150, seal)
    bg = (95, 88, 80) if photo else (235, 235, 235)
    return _finish(img, seed, skew, 9.0 if photo else 6.0, 0.6 if photo else 0.3, bg=bg)


def save_jpeg(u: Unit, rel: str, img: Image.Image, quality: int = 70):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=False)
    u.path(rel).write_bytes(buf.getvalue())


def jpeg_bytes(img: Image.Image, quality: int = 70) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def scan_pdf(u: Unit, rel: str, pages: list):
    """Image-only PDF (one scanned page per image), no text layer."""
    out = u.path(rel)
    c = rl_canvas.Canvas(str(out), pagesize=A4, invariant=1)
    W, H = A4
    for img in pages:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=68)
        buf.seek(0)
        ir = ImageReader(buf)
        iw, ih = img.size
        s = min(W / iw, H / ih)
        c.drawImage(ir, (W - iw * s) / 2, (H - ih * s) / 2, iw * s, ih * s)
        c.showPage()
    c.save()


def wall_photo(kind_title: str, panels: list, seed: int, width: int = 1500, caption: str | None = None,
               perspective: bool = True, wall=(214, 206, 190)) -> Image.Image:
    """Phone photo of a wall with framed panels/posters (廉政文化长廊, 家训, 宣传栏).

    panels: list of (heading, [lines]) drawn as posters left to right.
    """
    height = int(width * 0.66)
    img = Image.new("RGBA", (width, height), wall + (255,))
    d = ImageDraw.Draw(img)
    # floor
    d.rectangle([0, int(height * 0.86), width, height], fill=(150, 140, 128, 255))
    if kind_title:
        ft = _font(46)
        tw = d.textlength(kind_title, font=ft)
        d.rectangle([(width - tw) / 2 - 30, 30, (width + tw) / 2 + 30, 110], fill=(170, 25, 30, 255))
        d.text(((width - tw) / 2, 44), kind_title, font=ft, fill=(255, 240, 200))
    n = len(panels)
    gap = 30
    pw = (width - gap * (n + 1)) / n
    top, bot = 140, int(height * 0.82)
    for i, (head, lines) in enumerate(panels):
        x0 = gap + i * (pw + gap)
        d.rectangle([x0 - 8, top - 8, x0 + pw + 8, bot + 8], fill=(110, 70, 40, 255))
        d.rectangle([x0, top, x0 + pw, bot], fill=(252, 248, 236, 255))
        fh = _font(70 if n == 1 else 34 if n <= 3 else 28)
        hw = d.textlength(head, font=fh)
        d.text((x0 + (pw - hw) / 2, top + 20), head, font=fh, fill=(160, 20, 25))
        fb = _font(54 if n == 1 else 26 if n <= 3 else 22)
        y = top + (130 if n == 1 else 80)
        for ln in lines:
            for sub in _wrap(d, ln, fb, pw - 36):
                x = x0 + (pw - d.textlength(sub, font=fb)) / 2 if n == 1 else x0 + 18
                d.text((x, y), sub, font=fb, fill=(30, 30, 30))
                y += int(fb.size * 1.5)
    if caption:
        fc = _font(24)
        d.text((30, height - 48), caption, font=fc, fill=(250, 250, 250))
    im = img.convert("RGB")
    if perspective:
        w, h = im.size
        # mild keystone: camera slightly below and to the left
        coeffs = _persp_coeffs([(0, 0), (w, 0), (w, h), (0, h)],
                               [(-20, 30), (w + 10, -10), (w - 15, h + 20), (25, h - 10)])
        im = im.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(60, 55, 50))
    return _finish(im.convert("RGBA"), seed, 0.8, 8.0, 0.7, bg=(60, 55, 50))


def _persp_coeffs(dst, src):
    m = []
    for (x, y), (X, Y) in zip(dst, src):
        m.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
        m.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
    A = np.array(m, dtype=float)
    B = np.array(src, dtype=float).reshape(8)
    return np.linalg.solve(A, B).tolist()
