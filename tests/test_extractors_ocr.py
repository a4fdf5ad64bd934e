"""Extractors with the real RapidOCR engine (one engine per session, see conftest)."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from extractors import ExtractContext, ExtractOptions, extract_file

F = Path(__file__).resolve().parent / "fixtures" / "extractors"


@pytest.fixture(scope="module")
def octx(ocr_engine) -> ExtractContext:
    return ExtractContext(options=ExtractOptions(), ocr_factory=lambda: ocr_engine)


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def cer(truth: str, hyp: str) -> float:
    t, h = re.sub(r"\s", "", truth), re.sub(r"\s", "", hyp)
    return edit_distance(t, h) / len(t)


def test_scanned_page_cer(octx, capsys):
    from PIL import Image

    octx.ocr.recognize(Image.new("L", (64, 64), 255))  # warm-up: ONNX session load
    t0 = time.perf_counter()
    d = extract_file(F / "scanned.pdf", "scanned.pdf", octx)[0]
    secs = time.perf_counter() - t0
    truth = (F / "scanned_truth.txt").read_text(encoding="utf-8")
    rate = cer(truth, d.text)
    with capsys.disabled():
        print(f"\n[ocr] scanned A4 page: CER {rate:.2%}, {secs:.2f} s/page "
              f"(threads={octx.ocr.threads}, conf {d.page_ocr_confidence[1]:.3f})")
    assert d.status == "ok" and d.ocr_pages == 1 and d.render_dpi == 200
    assert rate <= 0.05
    assert d.passages[0].text == "清廉机关建设专题会议纪要"
    assert d.passages[0].bbox[0] > 300  # centred title, pixels at 200 dpi
    assert 8 <= len(d.passages) <= 16   # paragraphs, not one passage per line
    assert all(p.source == "ocr" and 0.5 < p.confidence <= 1 for p in d.passages)


def test_text_pdf_speed(octx, capsys):
    n, t0 = 0, time.perf_counter()
    for _ in range(20):
        n += extract_file(F / "text.pdf", "text.pdf", octx)[0].pages
    rate = n / (time.perf_counter() - t0)
    with capsys.disabled():
        print(f"\n[pdf] text PDF: {rate:.0f} pages/s")
    assert rate > 5


def test_image_png(octx):
    d = extract_file(F / "notice.png", "notice.png", octx)[0]
    assert [p.text for p in d.passages] == ["廉洁从业承诺书", "本人郑重承诺：遵守廉洁纪律。"]
    assert d.pages == d.ocr_pages == 1 and d.page_ocr_confidence[1] > 0.9


def test_exif_orientation_applied(octx):
    d = extract_file(F / "rotated_exif.jpg", "rotated_exif.jpg", octx)[0]
    assert "廉洁从业承诺书" in d.text


def test_multipage_tiff(octx):
    d = extract_file(F / "multipage.tif", "multipage.tif", octx)[0]
    assert d.pages == 2 and d.ocr_pages == 2
    assert {p.page: p.text for p in d.passages} == {1: "第一页 会议签到表", 2: "第二页 会议照片说明"}


def test_huge_image_downscaled(octx, tmp_path):
    from PIL import Image

    src = Image.open(F / "notice.png")
    big = src.resize((src.width * 8, src.height * 8))
    p = tmp_path / "big.png"
    big.save(p)
    d = extract_file(p, "big.png", ExtractContext(ExtractOptions(max_image_side=1200), lambda: octx.ocr))[0]
    assert "廉洁从业承诺书" in d.text
    assert d.passages[0].bbox[2] > 1200  # boxes mapped back to the original pixels


def test_blank_image_empty(octx):
    d = extract_file(F / "blank.png", "blank.png", octx)[0]
    assert d.status == "empty" and d.error


def test_mojibake_text_layer_is_ocrd(octx):
    d = extract_file(F / "mojibake.pdf", "mojibake.pdf", octx)[0]
    assert d.ocr_pages == 1
    assert d.text == "会议纪要：廉洁教育月活动安排"


def test_docx_embedded_image_ocr(octx):
    d = extract_file(F / "interview.docx", "interview.docx", octx)[0]
    assert d.passages[-1].source == "ocr"
    assert "廉政教育基地" in d.passages[-1].text


@pytest.mark.parametrize("runtime", ["onnxruntime", "openvino", "openvino-int8"])
def test_every_runtime_reads_the_scanned_page(runtime):
    """The wheel's PP-OCRv4 models on either runtime, and their int8 quantisation: same passages, CER within 5 %."""
    pytest.importorskip(runtime.split("-")[0])
    from extractors.ocr import RapidOcrEngine

    eng = RapidOcrEngine(threads=1, runtime=runtime)
    ctx = ExtractContext(options=ExtractOptions(), ocr_factory=lambda: eng)
    d = extract_file(F / "scanned.pdf", "scanned.pdf", ctx)[0]
    assert eng.runtime == runtime
    assert d.passages[0].text == "清廉机关建设专题会议纪要"
    assert cer((F / "scanned_truth.txt").read_text(encoding="utf-8"), d.text) <= 0.05


def test_auto_runtime_falls_back_to_onnxruntime(monkeypatch):
    """Without OpenVINO the engine keeps ONNX Runtime; asking for OpenVINO explicitly is an error."""
    from PIL import Image

    import extractors.ocr_openvino as ocr_openvino
    from extractors.ocr import RapidOcrEngine

    def unavailable(rapid, threads, int8=False, use_cls=False):
        raise ocr_openvino.OpenVinoUnavailable("openvino is not installed")

    monkeypatch.setattr(ocr_openvino, "install", unavailable)
    eng = RapidOcrEngine(threads=1)
    eng.recognize(Image.new("L", (64, 32), 255))
    assert eng.runtime == "onnxruntime"
    with pytest.raises(ocr_openvino.OpenVinoUnavailable):
        RapidOcrEngine(threads=1, runtime="openvino").recognize(Image.new("L", (64, 32), 255))
    with pytest.raises(ValueError):
        RapidOcrEngine(runtime="tensorrt")


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_fed_turned_is_read_turned_back(octx, tmp_path, turn):
    """A scan fed sideways or a photo upside down (no EXIF to say so) reads as fragments; it is read again turned,
    and its boxes stay in the frame of the image as submitted."""
    from PIL import Image

    with Image.open(F / "notice.png") as im:
        turned = im.convert("RGB").rotate(turn, expand=True)
    turned.save(tmp_path / "turned.png")
    d = extract_file(tmp_path / "turned.png", "turned.png", octx)[0]
    assert [p.text for p in d.passages] == ["廉洁从业承诺书", "本人郑重承诺：遵守廉洁纪律。"]
    w, h = turned.size
    for p in d.passages:
        x0, top, x1, bottom = p.bbox
        assert 0 <= x0 < x1 <= w + 1 and 0 <= top < bottom <= h + 1
        assert (x1 - x0 > bottom - top) == (turn == 180), "a line read sideways is tall in the submitted frame"
