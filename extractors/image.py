"""Images (jpg/png/bmp/tif/gif/webp): EXIF orientation, downscale, OCR; a multi-page TIFF is one page per frame."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors.base import ExtractContext, Extractor, add_page_error
from extractors.errors import CorruptError, EmptyError
from extractors.ocr import OcrFailedError, ocr_image
from pipeline.models import Document

# Photos of 100+ megapixels are legitimate evidence; the decompression-bomb guard
# is replaced by our own max_file_bytes / max_image_side handling.
Image.MAX_IMAGE_PIXELS = 400_000_000


class ImageExtractor(Extractor):
    name = "image"
    version = "1"

    def extract(self, path: Path, rel: str, doc: Document, ctx: ExtractContext) -> None:
        opts = ctx.options
        try:
            img = Image.open(path)
        except (UnidentifiedImageError, Image.DecompressionBombError) as e:
            raise CorruptError("图片文件损坏或格式无法识别，请重新导出后提交", detail=repr(e)) from e
        with img:
            frames = getattr(img, "n_frames", 1)
            doc.pages = frames if img.format == "TIFF" else 1
            if not opts.ocr:
                add_page_error(doc, 1, "ocr_disabled", "图片文件，未启用文字识别")
                return
            for i, frame in enumerate(ImageSequence.Iterator(img), start=1):
                if i > min(doc.pages, opts.max_pages):
                    break
                try:
                    page_img = ImageOps.exif_transpose(frame)
                    if page_img.mode not in ("RGB", "L"):
                        page_img = page_img.convert("RGB")
                    page_img.load()
                except (OSError, SyntaxError, ValueError) as e:  # PIL's decoder errors on truncated data
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
