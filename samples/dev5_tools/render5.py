"""Extra writers for the dev5 sample set, on top of samples/dev2_tools/render2.py.

Adds: an encrypted text PDF, a zip (UTF-8 or GBK member names, fixed timestamps), member bytes
produced by any render2 writer, and a plain-text file saved under a wrong extension.
Everything stays deterministic (render2 fixes fonts, seeds and document dates).
"""
import os
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'dev2_tools'))
import render2 as R  # noqa: E402  (re-exported: pdf_text, pdf_scan, board_jpg, docx_file, xlsx_file, txt_file)

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402
from xml.sax.saxutils import escape  # noqa: E402

ZIP_DT = (2023, 12, 22, 16, 40, 0)


def pdf_encrypted(path, title, blocks, password, author=''):
    """Text PDF protected by a user password (cannot be opened without it)."""
    R._mk(path)
    st = R._styles(11.5)
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=22 * mm,
                            bottomMargin=22 * mm, title=title, author=author, creator='WPS Office',
                            encrypt=password)
    width = A4[0] - 44 * mm
    doc.build([Paragraph(escape(title), st['title'])] + R._flow(blocks, st, width))


def member_bytes(writer, suffix, *args, **kw):
    """Run a render2 writer into a temporary file and return the bytes (for zip members)."""
    with tempfile.TemporaryDirectory() as td:
        p = os.path.join(td, 'member' + suffix)
        writer(p, *args, **kw)
        with open(p, 'rb') as f:
            return f.read()


class _GbkZipInfo(zipfile.ZipInfo):
    """Member name stored as GBK bytes with the UTF-8 flag unset (Windows Chinese-locale archivers)."""

    def _encodeFilenameFlags(self):  # noqa: N802
        return self.filename.encode('gbk'), self.flag_bits & ~0x800


def zip_file(path, members, gbk=False):
    """members: list of (name, bytes)."""
    R._mk(path)
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = (_GbkZipInfo if gbk else zipfile.ZipInfo)(name, date_time=ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)


def text_as_doc(path, text):
    """A Notepad text (GBK, CRLF) that the clerk saved as '.doc'."""
    R.txt_file(path, text, encoding='gbk', crlf=True)
