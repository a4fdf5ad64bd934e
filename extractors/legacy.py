"""Legacy office files (.doc/.wps/.rtf, and .xls/.et that xlrd cannot read) via LibreOffice.

The file is converted with ``soffice --headless --convert-to`` in a private temp
dir and profile (parallel workers would otherwise fight over one user profile),
under a timeout that kills the whole soffice process group.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extractors.base import ExtractContext, Extractor
from extractors.docx import DocxExtractor
from extractors.errors import CorruptError, ExtractTimeoutError, MissingToolError
from pipeline.models import Document


def soffice_path() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise MissingToolError("需要安装 LibreOffice (soffice) 才能读取 .doc/.wps 等旧版文件，或请提交 DOCX/PDF 版本")
    return exe


def convert(path: Path, in_ext: str, out_ext: str, workdir: Path, timeout: float) -> Path:
    """Convert ``path`` with LibreOffice; returns the converted file inside ``workdir``."""
    exe = soffice_path()
    src = workdir / f"input{in_ext}"
    shutil.copyfile(path, src)
    outdir = workdir / "out"
    outdir.mkdir()
    cmd = [
        exe, f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
        "--headless", "--norestore", "--nologo", "--nodefault",
        "--convert-to", out_ext, "--outdir", str(outdir), str(src),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ExtractTimeoutError(f"LibreOffice 转换超时（{timeout:.0f} 秒），请另存为 DOCX 或 PDF 后提交") from e
    result = outdir / f"input.{out_ext}"
    if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
        raise CorruptError(
            "文件无法打开（可能已损坏或设置了密码），请另存为 DOCX 或 PDF 后提交",
            detail=err.decode("utf-8", "replace")[-500:],
        )
    return result


class LegacyExtractor(Extractor):
    """.doc/.wps/.rtf → DOCX (LibreOffice) → DocxExtractor."""

    name = "legacy"
    version = "1"

    def extract(self, path: Path, rel: str, doc: Document, ctx: ExtractContext) -> None:
        with path.open("rb") as f:
            head = f.read(8)
        in_ext = ".rtf" if head.startswith(b"{\\rtf") else ".doc"  # Kingsoft .wps is Word-97 compatible
        with tempfile.TemporaryDirectory(prefix="qinglian-soffice-") as tmp:
            converted = convert(path, in_ext, "docx", Path(tmp), ctx.options.soffice_timeout)
            DocxExtractor().extract(converted, rel, doc, ctx)
