"""Typed extraction errors.

Every failure a reviewer may see is one of these: a machine ``code`` (stored in
``Document.error_code``) and a Chinese ``message`` that says what to do about it.
"""
from __future__ import annotations

from typing import Optional


class ExtractionError(Exception):
    """Base class: ``code`` is stable, ``message`` is Chinese remediation text."""

    code = "failed"
    default_message = "文件读取失败，请检查文件后重新提交"

    def __init__(self, message: Optional[str] = None, *, detail: str = "") -> None:
        self.message = message or self.default_message
        self.detail = detail  # technical detail (library error), for logs only
        super().__init__(self.message if not detail else f"{self.message} [{detail}]")


class EncryptedError(ExtractionError):
    code = "encrypted"
    default_message = "加密文件，无法读取，请提交未加密版本"


class CorruptError(ExtractionError):
    code = "corrupt"
    default_message = "文件损坏或被截断，无法读取，请重新导出或重新扫描后提交"


class EmptyError(ExtractionError):
    code = "empty"
    default_message = "空文件或无可识别文字，请确认提交的是正确文件"


class UnsupportedError(ExtractionError):
    code = "unsupported"
    default_message = "格式不支持，请转换为 PDF、Word、Excel 或图片后提交"


class TooLargeError(ExtractionError):
    code = "too_large"
    default_message = "文件过大，超出处理上限，请拆分或压缩后提交"


class ExtractTimeoutError(ExtractionError):
    code = "timeout"
    default_message = "文件处理超时，请转换为 PDF 后重新提交"


class MissingToolError(ExtractionError):
    code = "missing_tool"
    default_message = "缺少读取该格式所需的工具，请联系管理员安装"


class UnsafeArchiveError(ExtractionError):
    code = "unsafe_archive"
    default_message = "压缩包不安全（路径穿越或压缩炸弹），已拒绝处理，请直接提交其中的文件"


ERROR_CODES: tuple[str, ...] = (
    ExtractionError.code,
    EncryptedError.code,
    CorruptError.code,
    EmptyError.code,
    UnsupportedError.code,
    TooLargeError.code,
    ExtractTimeoutError.code,
    MissingToolError.code,
    UnsafeArchiveError.code,
)
