"""The classifier's part in matching: what it reads of a passage (``classifier_view``), when its low score vetoes
a keyword used in another sense (``keyword_ok``), and which criterion most of a document's passages are about
(``doc_topics``). Thresholds in checklists/matching.yaml."""
from __future__ import annotations

from extractors.chat import without_headers
from pipeline.document_facts import doc_key


def classifier_view(text: str) -> str:
    """What the classifier reads of a passage: chat messages without their time-and-sender headers."""
    return without_headers(text)


def keyword_ok(th: dict, kw: float, strong: bool, clf: float, pred, n_indicators: int = 1,
               pledge: bool = False) -> bool:
    """A keyword match, unless the classifier scores the criterion so low that the word is used in
    another sense (vetoed). A keyword or pattern hit (the criterion's own terms) needs the classifier to be
    surer of the other sense (``classifier_veto_strong``) than a synonym-only hit (``classifier_veto``).
    Terms (keywords or synonyms) of several of the criterion's clauses in one passage are no word in another
    sense: no veto (a long passage mixing topics is where the classifier is least reliable); nor are the
    criterion's own terms in a pledge (``pledge``): its list of commitments reads to the classifier as one topic,
    and a pledge is paper whatever it names. ``th``: the thresholds."""
    if kw < th["keyword_min"] or pred is None:
        return kw >= th["keyword_min"]
    if n_indicators >= th["veto_exempt_indicators"] or (pledge and strong):
        return True
    return clf >= (th["classifier_veto_strong"] if strong else th["classifier_veto"])


def doc_topics(th: dict, items, texts, preds) -> dict[str, str]:
    """file → the criterion the classifier ranks first for most of the document's passages (at least
    ``doc_topic_min`` passages and ``doc_topic_share`` of them): what the whole document is about, though
    each passage alone may be too indirect to score high (minutes of a 支委会 that never name 党组织建设).
    ``items``, ``texts``, ``preds``: the (document, passage, is_title) matched, their texts and predictions."""
    votes: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for (doc, _passage, is_title), text, pred in zip(items, texts, preds):
        if pred is None or is_title or len(text) < th["min_chars"]:
            continue
        totals[doc_key(doc)] = totals.get(doc_key(doc), 0) + 1
        top = max(pred.criteria, key=pred.criteria.get, default=None)
        if top is not None and pred.criteria[top] >= th["doc_topic_vote"]:
            votes.setdefault(doc_key(doc), {})[top] = votes.setdefault(doc_key(doc), {}).get(top, 0) + 1
    out = {}
    for file, tally in votes.items():
        cid, n = max(tally.items(), key=lambda kv: kv[1])
        if n >= th["doc_topic_min"] and n >= th["doc_topic_share"] * totals[file]:
            out[file] = cid
    return out
