"""Character error rate: Levenshtein distance / reference length, ignoring whitespace."""
from __future__ import annotations


def _clean(s: str) -> str:
    return "".join(s.split())


def distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = _clean(reference), _clean(hypothesis)
    return distance(ref, hyp) / max(1, len(ref))


def corpus_cer(pairs: list[tuple[str, str]]) -> float:
    """Total edits over total reference characters."""
    edits = sum(distance(_clean(r), _clean(h)) for r, h in pairs)
    return edits / max(1, sum(len(_clean(r)) for r, _ in pairs))
