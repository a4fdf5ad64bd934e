"""ZIP archives: members become documents of the unit ('a.zip/inner/path').

Names without the UTF-8 flag are decoded as GBK (Chinese Windows zip tools).
Unsafe members (path traversal, absolute paths, suspicious compression ratio)
become failed documents with ``unsafe_archive``; a whole archive whose member
count or total declared size is over the limit is refused.
"""
from __future__ import annotations

import re
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Callable

from extractors.base import ExtractContext, Extractor
from extractors.errors import (
    CorruptError,
    EncryptedError,
    ExtractionError,
    TooLargeError,
    UnsafeArchiveError,
)
from pipeline.models import Document

# (path, rel, ctx, depth, container) -> documents
ExtractFn = Callable[[Path, str, ExtractContext, int, str], list[Document]]

_JUNK = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$)", re.IGNORECASE)
_CHUNK = 1 << 20


class ArchiveExtractor(Extractor):
    name = "zip"
    version = "1"


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name: UTF-8 when flagged or valid, else GBK/GB18030."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return info.filename


def unsafe_reason(name: str) -> str | None:
    n = name.replace("\\", "/")
    if n.startswith("/") or re.match(r"^[A-Za-z]:", n):
        return "绝对路径"
    if ".." in PurePosixPath(n).parts:
        return "路径穿越（..）"
    return None


def _failed(rel: str, container: str, err: ExtractionError) -> Document:
    return Document(
        file=rel, status="failed", error=err.message, error_code=err.code,
        container=container, extractor=ArchiveExtractor.tag(),
    )


def extract_zip(
    path: Path, rel: str, doc: Document, ctx: ExtractContext, depth: int, extract_fn: ExtractFn
) -> list[Document]:
    """Fill ``doc`` (the archive itself) and return [doc, member docs...]; raises for a bad archive."""
    opts = ctx.options
    doc.extractor = ArchiveExtractor.tag()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as e:
        raise CorruptError("压缩包损坏或被截断，请重新打包后提交", detail=repr(e)) from e
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > opts.zip_max_members:
            raise UnsafeArchiveError(f"压缩包内文件过多（{len(infos)} 个，上限 {opts.zip_max_members}），请分批提交")
        total = sum(i.file_size for i in infos)
        if total > opts.zip_max_total_bytes:
            raise UnsafeArchiveError(
                f"压缩包解压后过大（{total / 2**20:.0f} MB，上限 {opts.zip_max_total_bytes / 2**20:.0f} MB），疑似压缩炸弹，请分批提交"
            )
        out: list[Document] = [doc]
        with tempfile.TemporaryDirectory(prefix="qinglian-zip-") as tmp:
            for k, info in enumerate(infos):
                name = member_name(info).replace("\\", "/")
                if _JUNK.search(name):
                    continue
                mrel = f"{rel}/{name.lstrip('/')}"
                try:
                    target = _extract_member(zf, info, name, Path(tmp), k, ctx)
                except ExtractionError as e:
                    out.append(_failed(mrel, rel, e))
                    continue
                if depth + 1 > opts.zip_max_depth and zipfile.is_zipfile(target):
                    out.append(_failed(mrel, rel, UnsafeArchiveError("压缩包嵌套层数过多，请解压后直接提交其中的文件")))
                else:
                    out.extend(extract_fn(target, mrel, ctx, depth + 1, rel))
                target.unlink()
        members = len(out) - 1
        doc.status, doc.pages = "ok", 0
        doc.error = f"压缩包，含 {members} 个文件"
        return out


def _extract_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, tmp: Path, k: int, ctx: ExtractContext) -> Path:
    opts = ctx.options
    reason = unsafe_reason(name)
    if reason:
        raise UnsafeArchiveError(f"压缩包成员路径不安全（{reason}），已拒绝处理")
    if info.flag_bits & 0x1:
        raise EncryptedError("压缩包内文件已加密，无法读取，请提交未加密版本")
    if info.file_size > opts.max_file_bytes:
        raise TooLargeError(f"文件过大（{info.file_size / 2**20:.0f} MB），超出处理上限，请拆分或压缩后提交")
    if info.file_size > _CHUNK and info.file_size > opts.zip_max_ratio * max(1, info.compress_size):
        raise UnsafeArchiveError(
            f"压缩比异常（{info.file_size / max(1, info.compress_size):.0f} 倍），疑似压缩炸弹，已拒绝处理"
        )
    suffix = PurePosixPath(name).suffix[:16]
    target = tmp / f"m{k}{suffix}"
    limit = info.file_size
    written = 0
    try:
        with zf.open(info) as src, target.open("wb") as dst:
            while chunk := src.read(_CHUNK):
                written += len(chunk)
                if written > limit:  # declared size lied
                    raise UnsafeArchiveError("压缩包成员实际大小与声明不符，疑似压缩炸弹，已拒绝处理")
                dst.write(chunk)
    except RuntimeError as e:  # zipfile: "File is encrypted, password required"
        raise EncryptedError("压缩包内文件已加密，无法读取，请提交未加密版本", detail=str(e)) from e
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
        # NotImplementedError: unsupported compression method (e.g. deflate64, lzma variants)
        raise CorruptError("压缩包内文件损坏或压缩方式不支持，请重新打包后提交", detail=repr(e)) from e
    return target


__all__ = ["extract_zip", "member_name", "unsafe_reason", "ArchiveExtractor"]
