"""Images (jpg/png/bmp/tif/gif/webp): EXIF orientation, downscale, OCR; a multi-page TIFF is one page per frame."""
from __future__ import annotations

from pathlib import Path

import struct

from PIL import Image, ImageOps, UnidentifiedImageError

from extractors.base import ExtractContext, Extractor, add_page_error
from extractors.errors import CorruptError, EmptyError
from extractors.ocr import OcrFailedError, ocr_image
from pipeline.models import Document

# Photos of 100+ megapixels are legitimate evidence; the decompression-bomb guard
# is replaced by our own max_file_bytes / max_image_side handling.
Image.MAX_IMAGE_PIXELS = 400_000_000
# What PIL's decoders raise on damaged data (TIFF frames: TypeError "Missing dimensions").
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, TypeError, EOFError, struct.error)


class ImageExtractor(Extractor):
    name = "image"
    version = "4"   # 2: chat screenshots read bubble by bubble; 3: turned photos read turned; 4: two columns read column by column

    def extract(self, path: Path, rel: str, doc: Document, ctx: ExtractContext) -> None:
        opts = ctx.options
        try:
            img = Image.open(path)
        except (UnidentifiedImageError, Image.DecompressionBombError, *_DECODE_ERRORS) as e:
            raise CorruptError("图片文件损坏或格式无法识别，请重新导出后提交", detail=repr(e)) from e
        with img:
            try:
                frames = getattr(img, "n_frames", 1) if img.format == "TIFF" else 1
            except _DECODE_ERRORS:  # a damaged later frame: keep what can be read
                frames = 1
                add_page_error(doc, 2, "corrupt", "多页图片的后续页面已损坏，仅识别第 1 页")
            doc.pages = frames
            if not opts.ocr:
                add_page_error(doc, 1, "ocr_disabled", "图片文件，未启用文字识别")
                return
            for i in range(1, min(doc.pages, opts.max_pages) + 1):
                try:
                    img.seek(i - 1)
                    page_img = ImageOps.exif_transpose(img)
                    if page_img.mode not in ("RGB", "L"):
                        page_img = page_img.convert("RGB")
                    page_img.load()
                except _DECODE_ERRORS as e:
                    if doc.pages == 1:
                        raise CorruptError("图片文件损坏或被截断，请重新导出后提交", detail=repr(e)) from e
                    add_page_error(doc, i, "corrupt", f"第 {i} 页图片损坏，已跳过")
                    continue
                doc.render_dpi = None
                doc.ocr_pages += 1
                try:
                    passages, conf = ocr_image(ctx.ocr, page_img, rel, i, opts.max_image_side)
                except OcrFailedError as e:
                    add_page_error(doc, i, e.code, f"第 {i} 页{e.message}")
                    continue
                doc.passages.extend(passages)
                if conf is not None:
                    doc.page_ocr_confidence[i] = round(conf, 4)
        if not doc.passages and not doc.page_errors:
            raise EmptyError("图片中未识别到文字（如为现场照片，请配文字说明）")
