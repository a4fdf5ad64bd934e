"""Keyword evidence and the score of a match: an indicator's keywords, synonyms and patterns found in a passage
(``term_hits``); the best of them per criterion of one unit's standard (``KeywordScores``, memoised per unit); the
score of a match from its keyword and classifier parts (``match_score``); and whether a passage is mostly the
standards' own wording (``StandardWording``, by shared 4-grams). Weights and thresholds in
checklists/matching.yaml."""
from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from checklists import Indicator, Standard
from pipeline.table_rows import row_fields

if TYPE_CHECKING:
    from pipeline.matching import MatchConfig

_ASCII_TERM = re.compile(r"^[0-9A-Za-z+\-]+$")


def contains_term(text: str, term: str) -> bool:
    """Substring match; a pure ASCII term (12345, SPD) must not be part of a longer number or word."""
    if not term or term not in text:
        return False
    if not _ASCII_TERM.match(term):
        return True
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(term)}(?![0-9A-Za-z])", text) is not None


def term_hits(text: str, indicator: Indicator, weights: dict) -> tuple[float, list[str], bool]:
    """Best weight of the indicator's terms found in text, plus a little for each further term; the terms;
    and whether a keyword or pattern (not only synonyms) was hit."""
    hits: list[str] = []
    best = 0.0
    for kw in indicator.keywords:
        if contains_term(text, kw):
            hits.append(kw)
            best = max(best, weights["keyword"])
    for syn in indicator.synonyms:
        if syn not in hits and contains_term(text, syn):
            hits.append(syn)
            best = max(best, weights["synonym"])
    for pattern in indicator.patterns:
        m = pattern.search(text)
        if m:
            hits.append(m.group(0))
            best = max(best, weights["keyword"])
    if not hits:
        return 0.0, [], False
    return min(1.0, best + weights["extra_hit"] * (len(hits) - 1)), hits, best >= weights["keyword"]


class KeywordScores:
    """One unit's standard: the keyword evidence of a text for each of its criteria."""

    def __init__(self, standard: Standard, config: MatchConfig):
        self.standard = standard
        self.config = config
        self._cache: dict[str, dict] = {}

    def of(self, text: str) -> dict[str, tuple[float, list[str], list[str], bool]]:
        """criterion id → (best indicator score, indicators over the threshold, terms hit, a keyword or
        pattern among them). Memoised per unit: a passage's text is scanned for the document's clauses and again
        when it is matched. Callers must not mutate the result."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        th, w = self.config.thresholds, self.config.weights
        out = {}
        for criterion in self.standard.criteria:
            best, indicators, terms, strong = 0.0, [], [], False
            for ind in criterion.indicators:
                score, hits, ind_strong = term_hits(text, ind, w)
                if score >= th["keyword_min"]:
                    indicators.append(ind.id)
                    terms.extend(h for h in hits if h not in terms)
                    strong = strong or ind_strong
                best = max(best, score)
            out[criterion.id] = (best, indicators, terms, strong)
        self._cache[text] = out
        return out


def match_score(kw: float, kw_ok: bool, clf: float, config: MatchConfig) -> tuple[str, float]:
    """(method, score) of a match: the keyword part (weighted by ``keyword_factor``) when the keywords count, the
    classifier's probability, or both combined when the classifier supports the keywords."""
    th, w = config.thresholds, config.weights
    kw_part = kw * w["keyword_factor"] if kw_ok else 0.0
    if kw_ok and clf >= th["classifier_support"]:
        return "both", 1 - (1 - kw_part) * (1 - clf)
    if kw_ok:
        return "keyword", kw_part
    return "classifier", clf


def _ngrams(text: str, n: int = 4) -> set[str]:
    text = re.sub(r"[\s，。、；：“”\"'（）()《》\-—·,.;:!?！？]", "", text)
    return {text[i:i + n] for i in range(max(0, len(text) - n + 1))}


class StandardWording:
    """The wording of every unit type's standard, which a passage may restate (a copy of 创建标准, a forwarded
    standard) rather than show anything done."""

    def __init__(self, all_standards: dict[str, Standard], config: MatchConfig):
        self.config = config
        self._text = "".join(c.title + c.text for s in all_standards.values() for c in s.criteria)

    @cached_property
    def _grams(self) -> set[str]:
        return _ngrams(self._text)

    def restated(self, text: str, rows: bool = False) -> bool:
        """Most of the text's 4-grams (``restates_standard`` of them) are the standards' own — or, with ``rows`` (a
        file's table rows, not a photo's OCR), most of a row's longest cell's ("工作内容: 不以地域划线，不搞任人唯亲；
        完成时间: 全年": a clause copied into a ledger as the work done, its column names and "全年" no fact)."""
        # (the row may come prefixed with its table's title: "…台账——三 用人导向鲜明:工作内容: 选人用人风清气正")
        values = [re.split(r"[:：]", value)[-1] for _name, _key, value in row_fields(text)] if rows else []
        cell = max(values, key=len) if len(values) >= 2 else ""
        return self._share(text, 8) or bool(cell) and self._share(cell, 5)

    def _share(self, text: str, min_grams: int) -> bool:
        grams = _ngrams(text)
        if len(grams) < min_grams:
            return False
        return len(grams & self._grams) / len(grams) >= self.config.thresholds["restates_standard"]
