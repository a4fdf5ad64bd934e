"""Extra writers for the dev6 sample set, on top of samples/dev5_tools/render5.py and
samples/dev2_tools/render2.py (imported, not copied).

Adds: a phone photo of a paper page (handwritten 记录本, sign-in sheet) as JPEG, optionally stored
sideways with EXIF Orientation=6; a file cut short (corrupt); an empty file; OOXML saved under '.doc'.
Everything stays deterministic (fixed seeds; render2 fixes fonts and document dates).
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'dev5_tools'))
import render5 as X  # noqa: E402  (pdf_encrypted, member_bytes, zip_file, text_as_doc)
from render5 import R  # noqa: E402  (pdf_text, pdf_scan, board_jpg, docx_file, xlsx_file, txt_file)

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

# zip members written for dev6 carry a late-2024 timestamp (render5 reads ZIP_DT at call time)
X.ZIP_DT = (2024, 12, 23, 17, 5, 0)


def page_photo(path, lines, seed, title=None, notebook=False, seal=None, size=26, angle=2.8,
               desk=(104, 84, 66), exif_sideways=False, quality=70, ink=None):
    """A phone photo of one paper page lying on a desk: slight rotation and perspective, uneven
    light, blur, noise, JPEG q70. exif_sideways stores the pixels turned 90° and sets
    EXIF Orientation=6, as phones do."""
    R._mk(path)
    rnd = random.Random(seed)
    kw = {'ink': ink} if ink else {}
    page = R.scan_page(lines, rnd, title=title, notebook=notebook, seal=seal, size=size, **kw)
    W, H = page.size
    pad = 90
    img = Image.new('RGB', (W + 2 * pad, H + 2 * pad), desk)
    d = ImageDraw.Draw(img)
    for _ in range(2500):  # wood grain speckle
        x, y = rnd.randint(0, W + 2 * pad - 1), rnd.randint(0, H + 2 * pad - 1)
        c = tuple(max(0, v - rnd.randint(0, 25)) for v in desk)
        d.point((x, y), fill=c)
    img.paste(page, (pad, pad))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=desk)
    w2, h2 = img.size
    k1, k2 = rnd.randint(20, 45), rnd.randint(20, 45)
    # source quad (UL, LL, LR, UR): top edge narrower -> the phone was held slightly tilted
    img = img.transform((w2, h2), Image.QUAD, (k1, 0, 0, h2, w2, h2, w2 - k2, 0), resample=Image.BICUBIC,
                        fillcolor=desk)
    big = Image.linear_gradient('L').resize((2 * w2, 2 * h2)).rotate(rnd.choice([40, 140, 220, 320]),
                                                                      resample=Image.BICUBIC)
    grad = big.crop((w2 // 2, h2 // 2, w2 // 2 + w2, h2 // 2 + h2))
    dark = Image.new('RGB', (w2, h2), (0, 0, 0))
    img = Image.composite(dark, img, grad.point(lambda v: int(v * 0.25)))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img = R._noise(img, rnd, 20)
    img = img.resize((int(w2 * 0.9), int(h2 * 0.9)), Image.BICUBIC)
    if exif_sideways:
        img = img.rotate(90, expand=True)  # pixels stored turned left; viewer turns them back (6)
        exif = Image.Exif()
        exif[0x0112] = 6
        img.save(path, 'JPEG', quality=quality, exif=exif.tobytes())
    else:
        img.save(path, 'JPEG', quality=quality)


def truncated(path, writer, suffix, keep, *args, **kw):
    """Write a file with a render2 writer, then keep only the first `keep` share of its bytes
    (an upload that broke off)."""
    data = X.member_bytes(writer, suffix, *args, **kw)
    R._mk(path)
    with open(path, 'wb') as f:
        f.write(data[:int(len(data) * keep)])


def empty(path):
    R._mk(path)
    open(path, 'wb').close()


def docx_as_doc(path, title, blocks, author=''):
    """A WPS 'save as' that kept the OOXML content but named the file '.doc'."""
    R.docx_file(path, title, blocks, author=author)
