"""Extra writers for the dev4 sample set, on top of samples/dev2_tools/render2.py.

- gbk_zip: a zip whose member names are raw GBK bytes (UTF-8 flag unset), as Windows archivers write them
- truncated: a real PDF cut short (unreadable)
- empty: a 0-byte file
- form_photo: a phone photo of a paper form (sign-in sheet), JPEG
- file_bytes: run any render2 writer into a temp file and return the bytes (for zip members, wrong names)

Deterministic: fixed seeds, fixed zip timestamps.
"""
import os
import random
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'dev2_tools'))
import render2 as R  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

ZIP_DT = (2024, 1, 12, 16, 20, 0)


def _mk(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)


def file_bytes(writer, *args, suffix='.bin', **kw):
    with tempfile.TemporaryDirectory() as td:
        p = os.path.join(td, 'x' + suffix)
        writer(p, *args, **kw)
        with open(p, 'rb') as f:
            return f.read()


def raw(path, data):
    _mk(path)
    with open(path, 'wb') as f:
        f.write(data)


def empty(path):
    raw(path, b'')


def truncated(path, data, keep=0.42):
    """Keep the first `keep` share of a PDF's bytes: header and some objects, no xref, no trailer."""
    raw(path, data[:int(len(data) * keep)])


class _GbkZipInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's name)
        return self.filename.encode('gbk'), self.flag_bits & ~0x800


def gbk_zip(path, members):
    """members: list of (name, bytes); names stored as GBK without the UTF-8 flag."""
    _mk(path)
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = _GbkZipInfo(name, date_time=ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)


def form_photo(path, title, lines, seed, angle=-3.0, size=(1200, 1600), desk=(120, 92, 70)):
    """A phone photo of a paper form lying on a desk: page rendered like a scan, placed on a darker
    desk, rotated, uneven light, blur and noise, JPEG q70."""
    _mk(path)
    rnd = random.Random(seed)
    page = R.scan_page(lines, rnd, title=title, size=26, paper=(250, 250, 246))
    W, H = size
    page = page.resize((int(W * 0.86), int(W * 0.86 * page.size[1] / page.size[0])), Image.BICUBIC)
    canvas = Image.new('RGB', (W + 300, H + 300), desk)
    d = ImageDraw.Draw(canvas)
    for _ in range(2500):  # wood grain speckle
        x, y = rnd.randint(0, W + 299), rnd.randint(0, H + 299)
        c = tuple(max(0, v - rnd.randint(0, 30)) for v in desk)
        d.point((x, y), fill=c)
    ox = (W + 300 - page.size[0]) // 2
    oy = 150 + 40
    canvas.paste(page, (ox, oy))
    canvas = canvas.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=desk)
    img = canvas.crop((150, 150, W + 150, H + 150))
    big = Image.linear_gradient('L').resize((2 * W, 2 * H)).rotate(rnd.choice([45, 135, 225, 315]),
                                                                    resample=Image.BICUBIC)
    grad = big.crop((W // 2, H // 2, W // 2 + W, H // 2 + H))
    dark = Image.new('RGB', (W, H), (0, 0, 0))
    img = Image.composite(dark, img, grad.point(lambda v: int(v * 0.25)))
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    img = R._noise(img, rnd, 20)
    img.save(path, 'JPEG', quality=70)
