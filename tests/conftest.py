"""Shared pytest fixtures: fixture folders and one OCR engine per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def ocr_engine():
    """The real RapidOCR engine, built once (model load ≈ 1 s) and shared by all OCR tests."""
    from extractors.ocr import RapidOcrEngine

    return RapidOcrEngine(threads=2)
