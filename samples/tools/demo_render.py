"""Rendering primitives for the demo submissions (samples/demo).

A document is a list of blocks:
    ('h', text)            title, centred
    ('h2', text)           sub-title / document number, centred
    ('p', text)            body paragraph (first line indented two characters)
    ('l', text)            left-aligned line, no indent
    ('r', text)            right-aligned line (signature, date)
    ('t', rows, widths)    table; rows = list of lists of str; widths = relative column widths
    ('pb',)                page break
    ('img', PIL.Image, caption)   picture with caption (DOCX only; other writers print the caption)

The same block list can be written as a text PDF, a "scanned" PDF (image only), a DOCX,
a phone photo, etc.  Everything is deterministic (fixed seeds, reportlab invariant mode).
"""
from __future__ import annotations

import datetime as _dt
import io
import math
import os
import random
import re
import subprocess
import tempfile
import zipfile

import numpy as np
import cv2
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from reportlab import rl_config

rl_config.invariant = 1  # no timestamps / random ids in PDFs
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer,  # noqa: E402
                                Table, TableStyle)

WQY = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'
SERIF_BOLD = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'
SERIF = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'
pdfmetrics.registerFont(TTFont('WQY', WQY, subfontIndex=0))

FIXED_TIME = _dt.datetime(2022, 12, 20, 9, 0, 0)


def font(size, kind='sans'):
    if kind == 'title':
        return ImageFont.truetype(SERIF_BOLD, size, index=2)
    if kind == 'serif':
        return ImageFont.truetype(SERIF, size, index=2)
    return ImageFont.truetype(WQY, size, index=0)


def ensure_dir(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)


# --------------------------------------------------------------------------- text PDF
def _styles():
    base = ParagraphStyle('body', fontName='WQY', fontSize=11.5, leading=19, wordWrap='CJK',
                          firstLineIndent=23, alignment=TA_LEFT, spaceAfter=3)
    return {
        'h': ParagraphStyle('h', parent=base, fontSize=17, leading=26, alignment=TA_CENTER,
                            firstLineIndent=0, spaceAfter=8),
        'h2': ParagraphStyle('h2', parent=base, fontSize=12, alignment=TA_CENTER, firstLineIndent=0,
                             spaceAfter=6),
        'p': base,
        'l': ParagraphStyle('l', parent=base, firstLineIndent=0),
        'r': ParagraphStyle('r', parent=base, firstLineIndent=0, alignment=TA_RIGHT),
        'cell': ParagraphStyle('cell', parent=base, fontSize=10, leading=14, firstLineIndent=0,
                               spaceAfter=0),
    }


def _esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def write_pdf(path, blocks, encrypt=None):
    ensure_dir(path)
    st = _styles()
    story = []
    width = A4[0] - 50 * mm
    for b in blocks:
        kind = b[0]
        if kind == 'pb':
            story.append(PageBreak())
        elif kind == 't':
            rows, widths = b[1], b[2]
            tot = float(sum(widths))
            data = [[Paragraph(_esc(c), st['cell']) for c in r] for r in rows]
            t = Table(data, colWidths=[width * w / tot for w in widths], repeatRows=1)
            t.setStyle(TableStyle([('GRID', (0, 0), (-1, -1), 0.6, colors.black),
                                   ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'),
                                   ('BACKGROUND', (0, 0), (-1, 0), colors.HexColor('#eeeeee'))]))
            story.append(t)
            story.append(Spacer(1, 6))
        elif kind == 'img':
            story.append(Paragraph(_esc('（图：' + b[2] + '）'), st['l']))
        else:
            story.append(Paragraph(_esc(b[1]), st[kind]))
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=25 * mm, bottomMargin=22 * mm, encrypt=encrypt,
                            title='', author='', creator='', producer='')
    doc.build(story)


# --------------------------------------------------------------------------- page images
NO_LINE_START = '，。、；：？！）》」”’'


def _wrap(draw, text, fnt, width):
    lines, cur = [], ''
    for ch in text:
        if ch == '\n':
            lines.append(cur)
            cur = ''
            continue
        if draw.textlength(cur + ch, font=fnt) > width and ch not in NO_LINE_START:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    lines.append(cur)
    return lines


def render_pages(blocks, size=(1240, 1754), margin=120, body=27, ink=(25, 25, 25), bg=(252, 251, 247)):
    """Render blocks onto page images (150 dpi A4 by default). Returns a list of RGB images."""
    W, H = size
    pages = []
    img = Image.new('RGB', size, bg)
    d = ImageDraw.Draw(img)
    y = margin
    fb, fh, fh2, fc = font(body), font(int(body * 1.5), 'title'), font(int(body * 1.05)), font(int(body * 0.9))
    lh = int(body * 1.65)
    inner = W - 2 * margin

    def newpage():
        nonlocal img, d, y
        pages.append(img)
        img = Image.new('RGB', size, bg)
        d = ImageDraw.Draw(img)
        y = margin

    for b in blocks:
        kind = b[0]
        if kind == 'pb':
            newpage()
            continue
        if kind == 't':
            rows, widths = b[1], b[2]
            tot = float(sum(widths))
            cws = [int(inner * w / tot) for w in widths]
            clh = int(fc.size * 1.45)
            for r in rows:
                wrapped = [_wrap(d, c, fc, cw - 14) for c, cw in zip(r, cws)]
                rh = max(len(w) for w in wrapped) * clh + 14
                if y + rh > H - margin:
                    newpage()
                x = margin
                for cell, cw in zip(wrapped, cws):
                    d.rectangle([x, y, x + cw, y + rh], outline=ink, width=2)
                    for i, ln in enumerate(cell):
                        d.text((x + 7, y + 7 + i * clh), ln, font=fc, fill=ink)
                    x += cw
                y += rh
            y += 14
            continue
        text = b[1] if kind != 'img' else '（图：' + b[2] + '）'
        f = {'h': fh, 'h2': fh2}.get(kind, fb)
        indent = 2 * f.size if kind == 'p' else 0
        lines = _wrap(d, ' ' * 0 + text, f, inner - indent)
        for i, ln in enumerate(lines):
            step = int(f.size * 1.65)
            if y + step > H - margin:
                newpage()
            if kind in ('h', 'h2'):
                x = (W - d.textlength(ln, font=f)) / 2
            elif kind == 'r':
                x = W - margin - d.textlength(ln, font=f)
            else:
                x = margin + (indent if i == 0 else 0)
            d.text((x, y), ln, font=f, fill=ink)
            y += step
        y += int(lh * 0.25) if kind != 'h' else int(lh * 0.6)
    pages.append(img)
    return pages


# --------------------------------------------------------------------------- seal
def seal_layer(diameter, org, centre_text='', seed=0):
    """Red round seal (RGBA) with the organisation's name on an arc and a star in the middle."""
    rnd = random.Random(seed)
    s = diameter
    lay = Image.new('RGBA', (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(lay)
    red = (215, 30, 35, 215)
    c = s / 2
    d.ellipse([6, 6, s - 6, s - 6], outline=red, width=max(5, s // 40))
    # star
    r1, r2 = s * 0.16, s * 0.065
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        r = r1 if i % 2 == 0 else r2
        pts.append((c + r * math.cos(a), c + r * math.sin(a)))
    d.polygon(pts, fill=red)
    # arc text
    fsz = int(s * 0.12)
    f = font(fsz, 'title')
    n = len(org)
    span = min(250.0, 20.0 * n) if n > 1 else 0
    for i, ch in enumerate(org):
        ang = -90 - span / 2 + (span * i / (n - 1) if n > 1 else 0)
        rad = math.radians(ang)
        rr = s / 2 - fsz * 0.95
        cx, cy = c + rr * math.cos(rad), c + rr * math.sin(rad)
        g = Image.new('RGBA', (fsz + 8, fsz + 8), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((4, 0), ch, font=f, fill=red)
        g = g.rotate(-(ang + 90), resample=Image.BICUBIC, expand=True)
        lay.alpha_composite(g, (int(cx - g.width / 2), int(cy - g.height / 2)))
    if centre_text:
        f2 = font(int(s * 0.09), 'title')
        w = d.textlength(centre_text, font=f2)
        d.text((c - w / 2, c + s * 0.22), centre_text, font=f2, fill=red)
    # ink unevenness: knock out random specks
    a = np.array(lay)
    rng = np.random.default_rng(seed)
    mask = rng.random(a.shape[:2]) < 0.18
    a[..., 3][mask] = (a[..., 3][mask] * 0.35).astype(np.uint8)
    lay = Image.fromarray(a).filter(ImageFilter.GaussianBlur(0.8))
    return lay.rotate(rnd.uniform(-25, 25), resample=Image.BICUBIC)


def stamp(img, org, xy, diameter=300, centre_text='', seed=0):
    """Multiply a seal onto img (RGB) with its centre at xy."""
    lay = seal_layer(diameter, org, centre_text, seed)
    base = np.asarray(img).astype(np.float32) / 255.0
    a = np.asarray(lay).astype(np.float32) / 255.0
    x0, y0 = int(xy[0] - diameter / 2), int(xy[1] - diameter / 2)
    h, w = a.shape[:2]
    region = base[y0:y0 + h, x0:x0 + w]
    al = a[:region.shape[0], :region.shape[1], 3:4]
    col = a[:region.shape[0], :region.shape[1], :3]
    region[:] = region * (1 - al) + (region * col) * al
    return Image.fromarray((np.clip(base, 0, 1) * 255).astype(np.uint8))


# --------------------------------------------------------------------------- scanned PDF
def scanify(img, seed, angle=None):
    rng = np.random.default_rng(seed)
    rnd = random.Random(seed)
    ang = angle if angle is not None else rnd.uniform(-1.6, 1.6)
    img = img.rotate(ang, resample=Image.BICUBIC, fillcolor=(240, 240, 236))
    a = np.asarray(img).astype(np.float32)
    a = a * rng.uniform(0.9, 0.97) + 8
    a += rng.normal(0, 9, a.shape[:2])[..., None]
    # faint scanner streak and darker edge
    h, w = a.shape[:2]
    xs = np.linspace(-1, 1, w)[None, :, None]
    a -= 18 * (np.abs(xs) ** 6)
    a = np.clip(a, 0, 255).astype(np.uint8)
    return Image.fromarray(a).filter(ImageFilter.GaussianBlur(0.6))


def write_scanned_pdf(path, blocks, seal=None, seed=0, dpi=150, quality=62):
    """seal = (org, page_index, (x, y) in page px, centre_text) — placed to overlap text."""
    ensure_dir(path)
    pages = render_pages(blocks)
    out = []
    for i, p in enumerate(pages):
        if seal and seal[0] == i or (seal and seal[0] == -1 and i == len(pages) - 1):
            p = stamp(p, seal[1], seal[2], diameter=330, centre_text=seal[3] if len(seal) > 3 else '',
                      seed=seed)
        out.append(scanify(p, seed + i))
    bufs = []
    for p in out:
        b = io.BytesIO()
        p.save(b, 'JPEG', quality=quality, dpi=(dpi, dpi))
        bufs.append(Image.open(io.BytesIO(b.getvalue())))
    bufs[0].save(path, 'PDF', resolution=dpi, save_all=True, append_images=bufs[1:],
                 creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple(), producer='Scanner', creator='Scanner')


# --------------------------------------------------------------------------- photos
def _perspective(content, out_size, quad, bg):
    W, H = out_size
    src = np.float32([[0, 0], [content.width, 0], [content.width, content.height], [0, content.height]])
    M = cv2.getPerspectiveTransform(src, np.float32(quad))
    c = np.asarray(content.convert('RGB'))
    warped = cv2.warpPerspective(c, M, (W, H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full(c.shape[:2], 255, np.uint8), M, (W, H), flags=cv2.INTER_LINEAR)
    m = (mask.astype(np.float32) / 255.0)[..., None]
    return (warped * m + bg * (1 - m))


def background(size, kind, seed):
    W, H = size
    rng = np.random.default_rng(seed)
    base = {'wall': (200, 196, 186), 'desk': (150, 112, 78), 'tile': (185, 188, 192),
            'white': (225, 224, 220)}[kind]
    a = np.ones((H, W, 3), np.float32) * np.array(base, np.float32)
    n = cv2.GaussianBlur(rng.normal(0, 1, (H // 8, W // 8)).astype(np.float32), (0, 0), 2)
    n = cv2.resize(n, (W, H))
    a += (n * 14)[..., None]
    if kind == 'desk':  # wood grain
        g = np.sin(np.linspace(0, 60, H)[:, None] + n * 3) * 10
        a += g[..., None]
    return a


def photoize(content, seed, out_w=1400, out_h=1050, bg='wall', tilt=0.08, fill=0.86, quality=70):
    """Return a phone-photo-like RGB image of `content` (perspective, lighting, noise)."""
    rnd = random.Random(seed)
    rng = np.random.default_rng(seed)
    W, H = out_w, out_h
    sc = min(W * fill / content.width, H * fill / content.height)
    cw, ch = content.width * sc, content.height * sc
    x0, y0 = (W - cw) / 2, (H - ch) / 2

    def j(v):
        return v + rnd.uniform(-tilt, tilt) * cw * 0.5

    quad = [[j(x0), j(y0)], [j(x0 + cw), j(y0) + cw * tilt * 0.5],
            [j(x0 + cw), j(y0 + ch) - cw * tilt * 0.3], [j(x0), j(y0 + ch)]]
    a = _perspective(content, (W, H), quad, background((W, H), bg, seed))
    # uneven lighting: bright spot + vignette
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = rnd.uniform(0.2, 0.8) * W, rnd.uniform(0.1, 0.5) * H
    r = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / max(W, H)
    light = 1.12 - 0.55 * r ** 1.4
    a = a * light[..., None]
    a += rng.normal(0, 6, a.shape)
    a = np.clip(a, 0, 255).astype(np.uint8)
    img = Image.fromarray(a).filter(ImageFilter.GaussianBlur(0.7))
    return img


def save_jpeg(img, path, quality=70, orientation=None):
    ensure_dir(path)
    if orientation == 6:
        # stored pixels are the upright picture turned 90° counter-clockwise; a viewer must rotate
        # it 90° clockwise (EXIF Orientation=6) to read it.
        img = img.transpose(Image.Transpose.ROTATE_90)
        ex = Image.Exif()
        ex[0x0112] = 6
        ex[0x010F] = 'HUAWEI'
        ex[0x0110] = 'ELE-AL00'
        img.save(path, 'JPEG', quality=quality, exif=ex.tobytes())
    else:
        img.save(path, 'JPEG', quality=quality)


def board(title, sheets, size=(1800, 1200), frame=(160, 25, 30), header_bg=(190, 30, 35), seed=0,
          sheet_font=24, title_size=70):
    """A notice board (公示栏 / 宣传栏): red header with white title, white sheets pinned on it.
    sheets: list of block lists; each rendered small and pinned side by side."""
    W, H = size
    img = Image.new('RGB', size, frame)
    d = ImageDraw.Draw(img)
    d.rectangle([30, 30, W - 30, H - 30], fill=(40, 75, 140))
    d.rectangle([30, 30, W - 30, 30 + int(title_size * 1.7)], fill=header_bg)
    ft = font(title_size, 'title')
    tw = d.textlength(title, font=ft)
    d.text(((W - tw) / 2, 30 + title_size * 0.3), title, font=ft, fill=(255, 236, 150))
    n = len(sheets)
    top = 30 + int(title_size * 1.7) + 40
    gap = 36
    sw = (W - 60 - gap * (n + 1)) // n
    sh = H - top - 70
    for i, bl in enumerate(sheets):
        pg = render_pages(bl, size=(sw, sh), margin=26, body=sheet_font, bg=(250, 250, 246))[0]
        img.paste(pg, (30 + gap + i * (sw + gap), top))
        # pins
        x = 30 + gap + i * (sw + gap)
        for px in (x + 20, x + sw - 20):
            d.ellipse([px - 8, top - 4, px + 8, top + 12], fill=(220, 200, 30))
    return img


def wall(title, lines, size=(2000, 1100), seed=0):
    """A 廉政文化墙: cream wall panel with a big title, slogans and small paragraphs."""
    W, H = size
    img = Image.new('RGB', size, (236, 226, 200))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, W, 140], fill=(150, 20, 25))
    ft = font(86, 'title')
    tw = d.textlength(title, font=ft)
    d.text(((W - tw) / 2, 18), title, font=ft, fill=(250, 215, 120))
    # ink-painting-ish decoration: lotus circles
    for k in range(4):
        cx, cy = 150 + k * 40, H - 170 + (k % 2) * 30
        d.ellipse([cx - 60, cy - 30, cx + 60, cy + 30], outline=(200, 120, 140), width=4)
    y = 190
    for kind, txt in lines:
        if kind == 'big':
            f = font(64, 'title')
            tw = d.textlength(txt, font=f)
            d.text(((W - tw) / 2, y), txt, font=f, fill=(120, 20, 20))
            y += 100
        else:
            f = font(42, 'serif')
            for ln in _wrap(d, txt, f, W - 560):
                d.text((280, y), ln, font=f, fill=(40, 40, 40))
                y += 60
            y += 16
    return img


def normalize_zip(path):
    """Rewrite an OOXML package with fixed member timestamps so regeneration is byte-identical."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == 'docProps/core.xml':  # openpyxl stamps the save time into dcterms:modified
                data = re.sub(rb'(<dcterms:modified[^>]*>)[^<]*', rb'\g<1>2022-12-20T09:00:00Z', data)
            zi = zipfile.ZipInfo(name, date_time=(2022, 12, 20, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


# --------------------------------------------------------------------------- DOCX / DOC
def write_docx(path, blocks):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    ensure_dir(path)
    doc = Document()
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    doc.core_properties.author = ''
    st = doc.styles['Normal']
    st.font.name = 'SimSun'
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '宋体')
    for b in blocks:
        kind = b[0]
        if kind == 'pb':
            doc.add_page_break()
        elif kind == 't':
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = 'Table Grid'
            for i, r in enumerate(rows):
                for k, c in enumerate(r):
                    t.cell(i, k).text = c
        elif kind == 'img':
            bio = io.BytesIO()
            b[1].save(bio, 'JPEG', quality=68)
            bio.seek(0)
            doc.add_picture(bio, width=Cm(14))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cp = doc.add_paragraph(b[2])
            cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p = doc.add_paragraph()
            run = p.add_run(b[1])
            if kind == 'h':
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
                run.font.size = Pt(18)
            elif kind == 'h2':
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif kind == 'r':
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif kind == 'p':
                p.paragraph_format.first_line_indent = Pt(24)
    doc.save(path)
    normalize_zip(path)


def write_doc(path, blocks):
    """Legacy Word 97 .doc: write a DOCX, convert with LibreOffice."""
    ensure_dir(path)
    with tempfile.TemporaryDirectory() as td:
        src = os.path.join(td, 'src.docx')
        write_docx(src, blocks)
        subprocess.run(['soffice', '--headless', f'-env:UserInstallation=file://{td}/profile',
                        '--convert-to', 'doc', '--outdir', td, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        with open(os.path.join(td, 'src.doc'), 'rb') as f:
            data = f.read()
    with open(path, 'wb') as f:
        f.write(data)


# --------------------------------------------------------------------------- spreadsheets / text
def write_xlsx(path, sheets):
    """sheets: list of (sheet_name, title, meta_line or None, header, rows, col_widths)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    ensure_dir(path)
    wb = Workbook()
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = ''
    thin = Side(style='thin')
    for si, (name, title, meta, header, rows, widths) in enumerate(sheets):
        ws = wb.active if si == 0 else wb.create_sheet()
        ws.title = name
        ncol = len(header)
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
        ws.cell(1, 1).font = Font(bold=True, size=15)
        ws.cell(1, 1).alignment = Alignment(horizontal='center')
        r0 = 2
        if meta:
            ws.append([meta])
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
            r0 = 3
        ws.append(header)
        for c in range(1, ncol + 1):
            ws.cell(r0, c).font = Font(bold=True)
        for r in rows:
            ws.append(r)
        for row in ws.iter_rows(min_row=r0, max_row=ws.max_row, max_col=ncol):
            for cell in row:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for i, w in enumerate(widths):
            ws.column_dimensions[chr(65 + i)].width = w
    wb.save(path)
    normalize_zip(path)


def write_csv_bom(path, header, rows):
    import csv
    ensure_dir(path)
    with open(path, 'w', encoding='utf-8-sig', newline='') as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def blocks_to_text(blocks):
    out = []
    for b in blocks:
        if b[0] == 'pb':
            continue
        if b[0] == 't':
            out.extend('\t'.join(r) for r in b[1])
        elif b[0] == 'img':
            out.append('（图：' + b[2] + '）')
        elif b[0] == 'p':
            out.append('    ' + b[1])
        else:
            out.append(b[1])
    return '\r\n'.join(out) + '\r\n'


def write_txt(path, blocks, encoding='utf-8'):
    ensure_dir(path)
    with open(path, 'wb') as f:
        f.write(blocks_to_text(blocks).encode(encoding))


# --------------------------------------------------------------------------- zip with GBK names
class _GbkZipInfo(zipfile.ZipInfo):
    """Member name stored as raw GBK bytes with the UTF-8 flag (bit 11) unset, as Windows
    Chinese-locale archivers do.  Readers see the cp437 mis-decoding unless they re-decode."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's name)
        return self.filename.encode('gbk'), self.flag_bits & ~0x800


def write_gbk_zip(path, members):
    """members: list of (name, bytes)."""
    ensure_dir(path)
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = _GbkZipInfo(name, date_time=(2022, 11, 28, 10, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)


def file_bytes(writer, *args, suffix='.bin', **kw):
    """Run a writer into a temp file and return its bytes (for zip members / truncation)."""
    with tempfile.TemporaryDirectory() as td:
        p = os.path.join(td, 'x' + suffix)
        writer(p, *args, **kw)
        with open(p, 'rb') as f:
            return f.read()
