"""Document type (minutes, plan, rules, photo …) from file name, title lines and body cues.

All cues and weights are data (``checklists/doctypes.yaml``). Scoring: the best
file-name hit, the best title-line hit, and body cues (weight × capped count);
image files add a bonus to ``photo`` (more when the OCR text is short, i.e. a
photo of a notice board rather than a scanned page). Name beats weak body text,
and the title line beats the body. Deterministic: ties go to the earlier type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal, Optional

from checklists import DocCue, DocType, load_doctypes
from classifiers.text_utils import NUMBERED_ITEM_RE, normalize

__all__ = ["DocTypeResult", "classify_document", "title_lines", "doc_type_name", "doc_kind"]

PassagesSource = Literal["ocr", "text", "mixed"]


@dataclass(frozen=True)
class DocTypeResult:
    doc_type: str
    name_zh: str
    kind: str
    score: float                 # 0..1 confidence
    reasons: tuple[str, ...] = field(default=())
    raw_scores: dict = field(default_factory=dict, compare=False)


# "…线路规划（征求意见稿）": the title's own type is before the draft mark
_DRAFT_MARK = re.compile(r"[（(](征求意见稿|讨论稿|送审稿|草案|草稿|初稿|试行|暂行|修订稿?|\d{4}年?修订)[）)]$")


# a rule's article ("第一条") or a full sentence starts the body, as a numbered item does (``NUMBERED_ITEM_RE``)
_BODY_LINE = re.compile(r"^第[一二三四五六七八九十百\d]+条|。$")


def title_lines(text: str, n_lines: int, max_chars: int) -> list[str]:
    """The first non-empty short lines (the title area), normalised; the body's first numbered item or
    sentence ends it ("…财务管理制度" is no 比价记录 because its third rule says 比价记录附在报销单后)."""
    out = []
    for line in text.splitlines():
        line = normalize(line).strip()
        if not line:
            continue
        if len(line) > max_chars or line.count(";") + line.count("；") >= 2:   # body text, or a table's header row: no title
            break
        if out and (_BODY_LINE.search(line) or NUMBERED_ITEM_RE.match(line)):
            break
        out.append(_DRAFT_MARK.sub("", line) or line)
        if len(out) >= n_lines:
            break
    return out


def _best(cues: tuple[DocCue, ...], candidates: list[str]) -> Optional[tuple[DocCue, str]]:
    best: Optional[tuple[DocCue, str]] = None
    for cue in cues:
        for cand in candidates:
            if cue.pattern.search(cand) and (best is None or cue.weight > best[0].weight):
                best = (cue, cand)
    return best


def _score(dt: DocType, stem: str, titles: list[str], body: str, is_image: bool,
           settings: dict) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    hit = _best(dt.name_patterns, _with_bare(stem))
    if dt.extra.get("image_or_name") and not (is_image or hit):
        return 0.0, []          # e.g. a photo: text documents only describe notice boards
    if hit:
        score += hit[0].weight
        reasons.append(f"文件名“{stem}”符合“{dt.name}”特征")
    # whole title area first (a title wrapped over lines), then each line
    candidates = [c for t in (["".join(titles)] if len(titles) > 1 else []) + titles for c in _with_bare(t)]
    hit = _best(dt.title_patterns, candidates)
    if hit:
        score += hit[0].weight
        reasons.append(f"标题“{hit[1][:30]}”符合“{dt.name}”特征")
    cap = int(settings.get("cue_cap", 3))
    cue_hits = []
    for cue in dt.cues:
        n = len(cue.pattern.findall(body))
        if n:
            score += cue.weight * min(n, cap)
            m = cue.pattern.search(body)
            cue_hits.append(m.group(0) if m else cue.label)
    if cue_hits:
        reasons.append("正文出现" + "、".join(f"“{h}”" for h in cue_hits[:5]))
    if is_image and (dt.image_bonus or dt.short_image_bonus):
        score += dt.image_bonus
        if len(re.sub(r"\s", "", body)) < settings.get("short_image_chars", 200):
            score += dt.short_image_bonus
            reasons.append("图片文件且识别文字很少（实物或公示栏照片）")
        else:
            reasons.append("图片文件")
    return score, reasons


_TRAILING_NOTE = re.compile(r"\s*[（(][^（）()]{1,20}[）)]\s*$")


def _with_bare(name: str) -> list[str]:
    """A name or title, and the same without its trailing note ("医药代表接待登记（2024年）" is a 登记)."""
    bare = _TRAILING_NOTE.sub("", name)
    return [name, bare] if bare and bare != name else [name]


def _stem(file_name: str) -> str:
    name = PurePosixPath(file_name.replace("\\", "/")).name
    return name.rsplit(".", 1)[0] if "." in name else name


def _named_template(stem: str, settings: dict) -> bool:
    """The file is named as a blank form or template (样表, 模板, 空白)."""
    return bool(settings.get("template_name") and re.search(settings["template_name"], stem))


def classify_document(file_name: str, text: str, passages_source: PassagesSource = "text",
                      is_image: bool = False) -> DocTypeResult:
    """Classify one document. ``passages_source`` is kept for callers; images are told by ``is_image``."""
    settings, types = load_doctypes()
    stem = _stem(file_name)
    if _named_template(stem, settings):
        rules = types["rules"]
        return DocTypeResult("rules", rules.name, rules.kind, 1.0, (f"文件名“{stem}”表明是样表或模板，不是执行记录",), {})
    titles = title_lines(text, int(settings.get("title_lines", 4)), int(settings.get("title_max_chars", 60)))
    body = normalize(text)
    scores: dict[str, tuple[float, list[str]]] = {
        tid: _score(dt, stem, titles, body, is_image, settings) for tid, dt in types.items() if tid != "other"}
    final: dict[str, float] = {}
    for tid, (score, _) in scores.items():
        req = types[tid].requires
        if req is not None:
            base = scores.get(req[0], (0.0, []))[0]
            score = score + base if base >= req[1] and score >= req[1] else 0.0
        final[tid] = score
    order = list(types)
    best = max(final, key=lambda t: (final[t], -order.index(t)), default="other")
    min_score = settings.get("min_score", 2.5)
    if final.get(best, 0.0) < min_score:
        other = types["other"]
        return DocTypeResult("other", other.name, other.kind, 0.0, ("未发现可判断文档类型的特征",),
                             {k: round(v, 2) for k, v in final.items()})
    dt = types[best]
    reasons = list(scores[best][1])
    req = dt.requires
    if req is not None:
        reasons = scores[req[0]][1] + reasons
    confidence = min(1.0, final[best] / settings.get("score_scale", 12))
    return DocTypeResult(best, dt.name, dt.kind, round(confidence, 3), tuple(reasons),
                         {k: round(v, 2) for k, v in final.items()})


def is_blank_form(file_name: str, text: str) -> bool:
    """A template or an unfilled form (named 样表/模板/空白, or answer boxes with no tick in them): it shows
    nothing done."""
    settings = load_doctypes()[0]
    if _named_template(_stem(file_name), settings):
        return True
    if "blank_form_options" not in settings:
        return False
    boxes = len(re.findall(settings["blank_form_options"], text))
    return boxes >= int(settings.get("blank_form_min_options", 3)) and not re.search(settings["blank_form_marks"], text)


def doc_type_name(doc_type: str) -> str:
    return load_doctypes()[1][doc_type].name


def doc_kind(doc_type: str) -> str:
    return load_doctypes()[1][doc_type].kind
