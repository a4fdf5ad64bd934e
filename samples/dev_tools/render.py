"""Deterministic renderers for the dev sample set (PDF / DOCX / XLSX / TXT / JPEG)."""
import io
import os
import re
import zipfile
import datetime
from xml.sax.saxutils import escape

from reportlab import rl_config
rl_config.invariant = 1  # fixed dates/ids -> byte-stable PDFs
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, Table, TableStyle

import docx
from docx.shared import Pt
from docx.oxml.ns import qn
import openpyxl
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'
pdfmetrics.registerFont(TTFont('WQY', FONT_PATH, subfontIndex=0))

FIXED_DT = datetime.datetime(2020, 1, 1, 0, 0, 0)

_title = ParagraphStyle('t', fontName='WQY', fontSize=16, leading=24, alignment=1, wordWrap='CJK', spaceAfter=6)
_sub = ParagraphStyle('s', fontName='WQY', fontSize=11, leading=16, alignment=1, wordWrap='CJK', spaceAfter=6)
_body = ParagraphStyle('b', fontName='WQY', fontSize=11, leading=18, firstLineIndent=22, wordWrap='CJK', spaceAfter=4)
_plain = ParagraphStyle('p', fontName='WQY', fontSize=11, leading=18, wordWrap='CJK', spaceAfter=4)
_cell = ParagraphStyle('c', fontName='WQY', fontSize=9, leading=12, wordWrap='CJK')


def _ensure(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)


def _P(text, style):
    return Paragraph(escape(text).replace('\n', '<br/>'), style)


def pdf(path, title, paras, subtitle=None, table=None, table_after=None, tail=None):
    """paras: list of str; lines starting with '§' are rendered without indent (headings / fields)."""
    _ensure(path)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm, title='', author='')
    story = [_P(title, _title)]
    if subtitle:
        story.append(_P(subtitle, _sub))
    story.append(Spacer(1, 4))

    def add(ps):
        for p in ps:
            if p.startswith('§'):
                story.append(_P(p[1:], _plain))
            else:
                story.append(_P(p, _body))

    add(paras)
    if table:
        data = [[_P(str(c), _cell) for c in row] for row in table]
        t = Table(data, repeatRows=1)
        t.setStyle(TableStyle([('GRID', (0, 0), (-1, -1), 0.5, colors.black),
                               ('VALIGN', (0, 0), (-1, -1), 'TOP'),
                               ('BACKGROUND', (0, 0), (-1, 0), colors.HexColor('#eeeeee'))]))
        story.append(Spacer(1, 4))
        story.append(t)
        story.append(Spacer(1, 6))
    if table_after:
        add(table_after)
    if tail:
        story.append(Spacer(1, 10))
        for line in tail:
            story.append(_P(line, ParagraphStyle('r', parent=_plain, alignment=2)))
    doc.build(story)
    with open(path, 'wb') as f:
        f.write(buf.getvalue())


def _normalize_zip(path):
    """Rewrite an OOXML zip with fixed timestamps / core dates so output is byte-stable."""
    drop = {'word/stylesWithEffects.xml', 'docProps/thumbnail.jpeg'}  # unused parts of python-docx's template
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist() if i.filename not in drop]
    fixed = []
    for name, data in items:
        if name.endswith('.rels'):
            data = re.sub(rb'<Relationship [^>]*Target="[^"]*(stylesWithEffects\.xml|thumbnail\.jpeg)"[^>]*/>', b'', data)
        if name == '[Content_Types].xml':
            data = re.sub(rb'<Override [^>]*PartName="/(word/stylesWithEffects\.xml|docProps/thumbnail\.jpeg)"[^>]*/>', b'', data)
        fixed.append((name, data))
    items = fixed
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in items:
            if name == 'docProps/core.xml':
                data = re.sub(rb'(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms)',
                              rb'\g<1>2020-01-01T00:00:00Z\3', data)
            zi = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    with open(path, 'wb') as f:
        f.write(out.getvalue())


def docx_file(path, title, blocks):
    """blocks: str paragraphs, ('h', text) headings, ('t', rows) tables (first row = header)."""
    _ensure(path)
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = 'SimSun'
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '宋体')
    h = d.add_heading(title, level=1)
    for b in blocks:
        if isinstance(b, tuple) and b[0] == 'h':
            d.add_heading(b[1], level=2)
        elif isinstance(b, tuple) and b[0] == 't':
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = 'Table Grid'
            for i, row in enumerate(rows):
                for j, c in enumerate(row):
                    t.cell(i, j).text = str(c)
            d.add_paragraph('')
        else:
            d.add_paragraph(b)
    cp = d.core_properties
    cp.author = ''
    cp.created = FIXED_DT
    cp.modified = FIXED_DT
    cp.last_modified_by = ''
    d.save(path)
    _normalize_zip(path)


def xlsx_file(path, sheets):
    """sheets: list of (sheet name, rows)."""
    _ensure(path)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(list(r))
        for col in ws.columns:
            w = max(len(str(c.value or '')) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(40, max(8, w * 1.8))
    wb.properties.creator = ''
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    wb.save(path)
    _normalize_zip(path)


def txt_file(path, text, encoding='utf-8'):
    _ensure(path)
    with open(path, 'wb') as f:
        f.write(text.replace('\n', '\r\n' if encoding == 'gbk' else '\n').encode(encoding))


def raw_file(path, data):
    _ensure(path)
    with open(path, 'wb') as f:
        f.write(data)


def _wrap(draw, text, font, maxw):
    lines, cur = [], ''
    for ch in text:
        if draw.textlength(cur + ch, font=font) > maxw:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def jpg_board(path, header, lines, footer=None, theme='red', width=1200):
    """A photo-like notice board / wall: coloured frame, header band, large clear text."""
    _ensure(path)
    themes = {'red': ((150, 28, 30), (252, 246, 232), (120, 20, 20)),
              'blue': ((28, 70, 140), (240, 246, 252), (20, 50, 110)),
              'green': ((40, 110, 60), (244, 250, 240), (30, 80, 40)),
              'wood': ((110, 72, 40), (250, 240, 215), (90, 50, 20))}
    frame, panel, ink_h = themes[theme]
    fh = ImageFont.truetype(FONT_PATH, 58, index=0)
    fb = ImageFont.truetype(FONT_PATH, 38, index=0)
    fs = ImageFont.truetype(FONT_PATH, 30, index=0)
    tmp = ImageDraw.Draw(Image.new('RGB', (10, 10)))
    body = []
    for ln in lines:
        body.extend(_wrap(tmp, ln, fb, width - 200) or [''])
    height = 120 + 110 + len(body) * 56 + (70 if footer else 0) + 120
    img = Image.new('RGB', (width, height), (205, 200, 190))  # wall
    dr = ImageDraw.Draw(img)
    dr.rectangle([40, 40, width - 40, height - 40], fill=frame)
    dr.rectangle([70, 70, width - 70, height - 70], fill=panel)
    dr.rectangle([70, 70, width - 70, 190], fill=frame)
    tw = dr.textlength(header, font=fh)
    dr.text(((width - tw) / 2, 95), header, font=fh, fill=(255, 236, 160))
    y = 220
    for ln in body:
        dr.text((100, y), ln, font=fb, fill=(30, 30, 30))
        y += 56
    if footer:
        y += 20
        fw = dr.textlength(footer, font=fs)
        dr.text((width - 100 - fw, y), footer, font=fs, fill=ink_h)
    img.save(path, 'JPEG', quality=70, optimize=True)
