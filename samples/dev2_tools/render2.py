"""File writers for the dev2 sample set (text PDF, scanned PDF, photo JPG, DOCX, XLSX, GBK txt, CSV).

Everything is deterministic: fixed seeds, fixed document dates, zip members with a fixed timestamp.
"""
import csv
import datetime
import io
import math
import os
import random
import re
import zipfile
from xml.sax.saxutils import escape

from reportlab import rl_config

rl_config.invariant = 1
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

import docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402
import openpyxl  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter, ImageFont  # noqa: E402

FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'
pdfmetrics.registerFont(TTFont('WQY', FONT_PATH, subfontIndex=0))
FIXED_DT = datetime.datetime(2024, 1, 15, 9, 0, 0)
ZIP_DT = (2024, 1, 15, 9, 0, 0)
FIXED_ST = FIXED_DT.timetuple()


def _mk(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)


# ---------------------------------------------------------------- text PDF
def _styles(base=11.5):
    body = ParagraphStyle('b', fontName='WQY', fontSize=base, leading=base * 1.65, wordWrap='CJK',
                          firstLineIndent=base * 2)
    return {
        'title': ParagraphStyle('t', fontName='WQY', fontSize=base + 5, leading=(base + 5) * 1.5,
                                alignment=TA_CENTER, wordWrap='CJK', spaceAfter=6),
        'c': ParagraphStyle('c', fontName='WQY', fontSize=base, leading=base * 1.6, alignment=TA_CENTER,
                            wordWrap='CJK'),
        'r': ParagraphStyle('r', fontName='WQY', fontSize=base, leading=base * 1.6, alignment=TA_RIGHT,
                            wordWrap='CJK'),
        'h': ParagraphStyle('h', fontName='WQY', fontSize=base + 0.5, leading=base * 1.8, wordWrap='CJK',
                            spaceBefore=4),
        'raw': ParagraphStyle('raw', fontName='WQY', fontSize=base, leading=base * 1.65, wordWrap='CJK'),
        'small': ParagraphStyle('s', fontName='WQY', fontSize=base - 2.5, leading=(base - 2.5) * 1.5,
                                wordWrap='CJK', textColor=colors.HexColor('#888888')),
        'body': body,
        'cell': ParagraphStyle('cell', fontName='WQY', fontSize=base - 2, leading=(base - 2) * 1.4,
                               wordWrap='CJK'),
    }


def _flow(blocks, st, width):
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(Paragraph(escape(b), st['body']))
            continue
        kind = b[0]
        if kind == 'table':
            rows = b[1]
            widths = b[2] if len(b) > 2 else None
            data = [[Paragraph(escape(str(c)), st['cell']) for c in r] for r in rows]
            if widths:
                widths = [w * width for w in widths]
            t = Table(data, colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle([('GRID', (0, 0), (-1, -1), 0.5, colors.black),
                                   ('VALIGN', (0, 0), (-1, -1), 'MIDDLE'),
                                   ('BACKGROUND', (0, 0), (-1, 0), colors.HexColor('#eeeeee'))]))
            out.append(Spacer(1, 4))
            out.append(t)
            out.append(Spacer(1, 6))
        elif kind == 'sp':
            out.append(Spacer(1, b[1]))
        else:
            out.append(Paragraph(escape(b[1]), st[kind]))
    return out


def pdf_text(path, title, blocks, author='', pagesize=A4, base=11.5, margins=22):
    """A text-layer PDF. blocks: str (indented paragraph) or (style, text) with style in
    title/c/r/h/raw/small, ('table', rows[, col fractions]) or ('sp', points)."""
    _mk(path)
    st = _styles(base)
    doc = SimpleDocTemplate(path, pagesize=pagesize, leftMargin=margins * mm, rightMargin=margins * mm,
                            topMargin=margins * mm, bottomMargin=margins * mm, title=title, author=author,
                            creator='WPS Office' if author else 'Microsoft Word')
    width = pagesize[0] - 2 * margins * mm
    flow = ([Paragraph(escape(title), st['title'])] if title else []) + _flow(blocks, st, width)
    doc.build(flow)


# ---------------------------------------------------------------- scanned PDF / photo JPG
_FONTS = {}


def font(size):
    if size not in _FONTS:
        _FONTS[size] = ImageFont.truetype(FONT_PATH, size, index=0)
    return _FONTS[size]


def wrap(text, fnt, width):
    lines = []
    for para in text.split('\n'):
        cur = ''
        for ch in para:
            if fnt.getlength(cur + ch) > width and cur:
                lines.append(cur)
                cur = ('  ' if para.startswith('  ') else '') + ch
            else:
                cur += ch
        lines.append(cur)
    return lines


def _noise(img, rnd, amount=14):
    w, h = img.size
    n = Image.effect_noise((w, h), amount).convert('L')
    if img.mode == 'RGB':
        n = Image.merge('RGB', (n, n, n))
    return Image.blend(img, n, 0.06 if amount < 20 else 0.1)


def _seal(draw, cx, cy, r, text, color=(210, 40, 40)):
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=color, width=6)
    # star
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = r * 0.22 if k % 2 == 0 else r * 0.09
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    draw.polygon(pts, fill=color)
    f = font(int(r * 0.22))
    n = len(text)
    for i, ch in enumerate(text):
        ang = math.pi * (1.15 + 0.7 * i / max(n - 1, 1))  # arc on the upper half
        x = cx + r * 0.74 * math.cos(ang)
        y = cy + r * 0.74 * math.sin(ang)
        draw.text((x, y), ch, font=f, fill=color, anchor='mm')


def scan_page(lines, rnd, title=None, notebook=False, seal=None, ink=(25, 25, 30), size=24,
              paper=(246, 243, 234)):
    W, H = 1240, 1754  # A4 at 150 dpi
    img = Image.new('RGB', (W, H), paper)
    d = ImageDraw.Draw(img)
    left, right, top = 120, W - 110, 130
    step = int(size * 1.75)
    if notebook:
        for y in range(top + step - 6, H - 80, step):
            d.line([(70, y), (W - 70, y)], fill=(170, 190, 215), width=1)
        d.line([(100, 60), (100, H - 60)], fill=(215, 150, 150), width=2)
    y = top
    if title:
        ft = font(size + 10)
        for t in wrap(title, ft, right - left):
            d.text(((W - ft.getlength(t)) / 2, y), t, font=ft, fill=ink)
            y += int((size + 10) * 1.7)
        y += 8
        if notebook:
            y = top + ((y - top) // step + 1) * step - step + 6
    f = font(size)
    for raw in lines:
        if raw.startswith('>>'):  # right-aligned line
            t = raw[2:]
            d.text((right - f.getlength(t), y), t, font=f, fill=ink)
            y += step
            continue
        for t in wrap(raw, f, right - left - 20):
            jitter = rnd.randint(-3, 3) if notebook else 0
            d.text((left + jitter, y + (rnd.randint(-2, 2) if notebook else 0)), t, font=f, fill=ink)
            y += step
        if y > H - 120:
            break
    if seal:
        text, pos = seal
        cx, cy = (W - 470, int(y - step * 1.9)) if pos == 'end' else pos
        _seal(d, cx, cy, 120, text)
    return img


def _scanify(img, rnd, angle=None):
    a = angle if angle is not None else rnd.uniform(-1.3, 1.3)
    img = img.rotate(a, resample=Image.BICUBIC, expand=False, fillcolor=(232, 232, 228))
    img = img.filter(ImageFilter.GaussianBlur(0.45))
    img = _noise(img, rnd, 12)
    return img


def pdf_scan(path, pages, seed, title=None, notebook=False, seal=None, size=24, gray=False):
    """An image-only PDF (no text layer). pages: list of line lists; title only on page 1;
    seal=(text,'end') stamps the last page."""
    _mk(path)
    rnd = random.Random(seed)
    imgs = []
    for i, lines in enumerate(pages):
        pg = scan_page(lines, rnd, title=title if i == 0 else None, notebook=notebook,
                       seal=seal if (seal and i == len(pages) - 1) else None, size=size,
                       ink=(30, 45, 110) if notebook else (25, 25, 30))
        pg = _scanify(pg, rnd)
        if gray and not seal:
            pg = pg.convert('L')
        imgs.append(pg)
    imgs[0].save(path, 'PDF', resolution=150.0, save_all=True, append_images=imgs[1:], quality=55,
                 creationDate=FIXED_ST, modDate=FIXED_ST, producer='Scanner', title='')


def board_jpg(path, title, lines, seed, bg=(165, 22, 26), fg=(255, 238, 190), title_fg=(255, 215, 0),
              wall=(196, 190, 178), angle=2.0, size=(1280, 960), body_size=30, title_size=50, footer=None):
    """Photo of a notice board / poster: coloured board on a wall, slightly rotated, noise, q72."""
    _mk(path)
    rnd = random.Random(seed)
    W, H = size
    img = Image.new('RGB', (W + 200, H + 200), wall)
    d = ImageDraw.Draw(img)
    # wall texture
    for _ in range(900):
        x, y = rnd.randint(0, W + 199), rnd.randint(0, H + 199)
        c = tuple(max(0, v - rnd.randint(0, 18)) for v in wall)
        d.point((x, y), fill=c)
    bx0, by0, bx1, by1 = 150, 130, W + 50, H + 70
    d.rectangle([bx0 - 18, by0 - 18, bx1 + 18, by1 + 18], fill=(120, 120, 125))  # frame
    d.rectangle([bx0, by0, bx1, by1], fill=bg)
    ft = font(title_size)
    y = by0 + 40
    for t in wrap(title, ft, bx1 - bx0 - 80):
        d.text(((bx0 + bx1 - ft.getlength(t)) / 2, y), t, font=ft, fill=title_fg)
        y += int(title_size * 1.45)
    d.line([(bx0 + 60, y + 4), (bx1 - 60, y + 4)], fill=title_fg, width=3)
    y += 26
    fb = font(body_size)
    for raw in lines:
        for t in wrap(raw, fb, bx1 - bx0 - 110):
            d.text((bx0 + 55, y), t, font=fb, fill=fg)
            y += int(body_size * 1.55)
        y += 4
    if footer:
        ff = font(body_size - 4)
        d.text((bx1 - 50 - ff.getlength(footer), by1 - body_size - 24), footer, font=ff, fill=fg)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=wall)
    img = img.crop((100, 100, W + 100, H + 100))
    # uneven light: darken towards one corner
    big = Image.linear_gradient('L').resize((2 * W, 2 * H)).rotate(rnd.choice([30, 120, 210, 300]),
                                                                    resample=Image.BICUBIC)
    grad = big.crop((W // 2, H // 2, W // 2 + W, H // 2 + H))
    dark = Image.new('RGB', (W, H), (0, 0, 0))
    img = Image.composite(dark, img, grad.point(lambda v: int(v * 0.22)))
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    img = _noise(img, rnd, 20)
    img.save(path, 'JPEG', quality=72)


# ---------------------------------------------------------------- DOCX / XLSX
def _normalize_zip(path):
    """Rewrite an OOXML zip with fixed member timestamps and fixed core-property dates."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    stamp = FIXED_DT.strftime('%Y-%m-%dT%H:%M:%SZ')
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == 'docProps/core.xml':
                txt = data.decode('utf-8')
                txt = re.sub(r'(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)', r'\g<1>' + stamp + r'\3',
                             txt)
                data = txt.encode('utf-8')
            zi = zipfile.ZipInfo(name, ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    with open(path, 'wb') as f:
        f.write(buf.getvalue())


def _set_run_font(run, size=None, bold=False):
    run.font.name = 'SimSun'
    run._element.rPr.rFonts.set(qn('w:eastAsia'), '宋体')
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def docx_file(path, title, blocks, author='办公室'):
    """blocks: str paragraph, ('h', text) bold line, ('c'/'r', text), ('table', rows)."""
    _mk(path)
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = 'SimSun'
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '宋体')
    st.font.size = Pt(11)
    d.core_properties.author = author
    d.core_properties.last_modified_by = author
    d.core_properties.created = FIXED_DT
    d.core_properties.modified = FIXED_DT
    if title:
        p = d.add_paragraph()
        p.alignment = 1
        _set_run_font(p.add_run(title), 16, True)
    for b in blocks:
        if isinstance(b, str):
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(22)
            _set_run_font(p.add_run(b))
        elif b[0] == 'table':
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = 'Table Grid'
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    cell = t.cell(i, j)
                    cell.text = ''
                    _set_run_font(cell.paragraphs[0].add_run(str(c)), 10, i == 0)
            d.add_paragraph()
        elif b[0] == 'sp':
            d.add_paragraph()
        else:
            p = d.add_paragraph()
            if b[0] == 'c':
                p.alignment = 1
            elif b[0] == 'r':
                p.alignment = 2
            _set_run_font(p.add_run(b[1]), None, b[0] == 'h')
    d.save(path)
    _normalize_zip(path)


def xlsx_file(path, sheets, author='财务'):
    """sheets: list of (sheet name, title row or None, header, rows[, note rows])."""
    _mk(path)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = author
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    for sh in sheets:
        name, title, header, rows = sh[:4]
        notes = sh[4] if len(sh) > 4 else []
        ws = wb.create_sheet(name)
        r0 = 1
        if title:
            ws.cell(1, 1, title).font = Font(bold=True, size=13)
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
            ws.cell(1, 1).alignment = Alignment(horizontal='center')
            r0 = 2
        for j, h in enumerate(header, 1):
            ws.cell(r0, j, h).font = Font(bold=True)
        for i, row in enumerate(rows, r0 + 1):
            for j, v in enumerate(row, 1):
                ws.cell(i, j, v)
        r = r0 + len(rows) + 2
        for n in notes:
            ws.cell(r, 1, n)
            r += 1
        for j, h in enumerate(header, 1):
            width = max([len(str(h))] + [len(str(row[j - 1])) for row in rows if j - 1 < len(row)])
            ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = min(40, 4 + width * 1.8)
    wb.save(path)
    _normalize_zip(path)


def txt_file(path, text, encoding='gbk', crlf=True):
    _mk(path)
    data = text.strip('\n') + '\n'
    if crlf:
        data = data.replace('\n', '\r\n')
    with open(path, 'wb') as f:
        f.write(data.encode(encoding))


def csv_file(path, header, rows, encoding='utf-8-sig'):
    _mk(path)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\r\n')
    w.writerow(header)
    w.writerows(rows)
    with open(path, 'wb') as f:
        f.write(buf.getvalue().encode(encoding))
