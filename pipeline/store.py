"""SQLite store: the extraction cache plus the last run's documents, pages, passages, matches and flags.

The cache is keyed by (file-content sha256, extractor fingerprint), so an
unchanged file is never extracted twice, whatever its name or unit. Each
extraction is committed on its own (WAL mode): a run killed half-way keeps
everything finished before the kill, and a restart picks up from there.
Only the main process writes (one writer); workers return results to it.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable, Optional

from pipeline.models import Document, Flag, Unit

TRANSIENT_CODES = ("timeout", "crashed")   # see pipeline.execute

SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL, docs_json TEXT NOT NULL,
    created TEXT DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (sha256, fingerprint));
CREATE TABLE IF NOT EXISTS units (
    folder TEXT PRIMARY KEY, name TEXT, unit_type TEXT, type_source TEXT,
    period_start TEXT, period_end TEXT);
CREATE TABLE IF NOT EXISTS documents (
    unit TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT, status TEXT, pages INTEGER, ocr_pages INTEGER,
    error TEXT, error_code TEXT, doc_type TEXT, doc_kind TEXT, doc_date TEXT, container TEXT,
    PRIMARY KEY (unit, file));
CREATE TABLE IF NOT EXISTS pages (
    unit TEXT NOT NULL, file TEXT NOT NULL, page INTEGER NOT NULL, source TEXT, ocr_confidence REAL,
    PRIMARY KEY (unit, file, page));
CREATE TABLE IF NOT EXISTS passages (
    unit TEXT NOT NULL, file TEXT NOT NULL, idx INTEGER NOT NULL, page INTEGER, text TEXT,
    source TEXT, bbox TEXT, confidence REAL, PRIMARY KEY (unit, file, idx));
CREATE TABLE IF NOT EXISTS matches (
    unit TEXT NOT NULL, criterion TEXT NOT NULL, file TEXT NOT NULL, page INTEGER, idx INTEGER,
    indicators TEXT, score REAL, method TEXT, counts_as TEXT);
CREATE TABLE IF NOT EXISTS flags (
    unit TEXT NOT NULL, file TEXT, page INTEGER, rule TEXT, severity TEXT, message TEXT, text TEXT);
CREATE INDEX IF NOT EXISTS matches_unit ON matches (unit, criterion);
CREATE TABLE IF NOT EXISTS predictions (
    model TEXT NOT NULL, text_sha1 TEXT NOT NULL, cats_json TEXT NOT NULL, PRIMARY KEY (model, text_sha1));
"""


class StoreError(Exception):
    """The store cannot be opened or written (e.g. unwritable location)."""


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    # -- extraction cache -------------------------------------------------
    def cached(self, sha256: str, fingerprint: str) -> Optional[list[Document]]:
        row = self.conn.execute(
            "SELECT docs_json FROM extractions WHERE sha256=? AND fingerprint=?", (sha256, fingerprint)
        ).fetchone()
        if row is None:
            return None
        return [Document.from_dict(d) for d in json.loads(row[0])]

    def put_extraction(self, sha256: str, fingerprint: str, docs: list[Document]) -> None:
        """Commit one file's documents. A timeout or crash says nothing about the file, so it is not
        cached: the next run tries the file again."""
        if any(d.error_code in TRANSIENT_CODES for d in docs):
            return
        payload = json.dumps([d.to_dict() for d in docs], ensure_ascii=False)
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions (sha256, fingerprint, docs_json) VALUES (?,?,?)",
                (sha256, fingerprint, payload),
            )

    # -- classifier cache --------------------------------------------------
    def cached_predictions(self, model: str, keys: list[str]) -> dict[str, dict]:
        """text sha1 → the classifier's cats for it, for the keys this model has already scored."""
        out: dict[str, dict] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = self.conn.execute(
                f"SELECT text_sha1, cats_json FROM predictions WHERE model=? AND text_sha1 IN "
                f"({','.join('?' * len(chunk))})", (model, *chunk))
            out.update((k, json.loads(v)) for k, v in rows)
        return out

    def put_predictions(self, model: str, cats: dict[str, dict]) -> None:
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO predictions VALUES (?,?,?)",
                                  [(model, k, json.dumps(v)) for k, v in cats.items()])

    # -- results of the current run --------------------------------------
    def save_unit(self, unit: Unit, docs: Iterable[Document], matches: Iterable[dict], flags: Iterable[Flag]) -> None:
        """Replace everything stored for this unit with this run's view of it, in one transaction."""
        with self.conn:
            c = self.conn
            for table in ("documents", "pages", "passages", "matches", "flags"):
                c.execute(f"DELETE FROM {table} WHERE unit=?", (unit.folder,))
            c.execute(
                "INSERT OR REPLACE INTO units VALUES (?,?,?,?,?,?)",
                (unit.folder, unit.name, unit.unit_type, unit.type_source, unit.period_start, unit.period_end),
            )
            for d in docs:
                c.execute(
                    "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (unit.folder, d.file, d.sha256, d.status, d.pages, d.ocr_pages, d.error, d.error_code,
                     d.doc_type, d.doc_kind, d.doc_date, d.container),
                )
                pages = {p.page: p.source for p in d.passages}
                for page, source in pages.items():
                    c.execute(
                        "INSERT OR REPLACE INTO pages VALUES (?,?,?,?,?)",
                        (unit.folder, d.file, page, source, d.page_ocr_confidence.get(page)),
                    )
                c.executemany(
                    "INSERT OR REPLACE INTO passages VALUES (?,?,?,?,?,?,?,?)",
                    [(unit.folder, d.file, p.index, p.page, p.text, p.source,
                      json.dumps(p.bbox) if p.bbox else None, p.confidence) for p in d.passages],
                )
            c.executemany(
                "INSERT INTO matches VALUES (?,?,?,?,?,?,?,?,?)",
                [(unit.folder, m["criterion"], m["file"], m["page"], m["index"],
                  ",".join(m["indicators"]), m["score"], m["method"], m["counts_as"]) for m in matches],
            )
            c.executemany(
                "INSERT INTO flags VALUES (?,?,?,?,?,?,?)",
                [(unit.folder, f.file, f.page, f.rule, f.severity, f.message, f.text) for f in flags],
            )
