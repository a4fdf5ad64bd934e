"""spaCy text classifiers: passage → criteria (multi-label) and passage → kind (record/plan/…).

One blank ``zh`` pipeline (jieba segmenter) with two components:
``criteria`` (textcat_multilabel over all 41 criterion ids) and ``kind``
(exclusive textcat). A training passage only teaches the criteria of its own
unit type: labels of other types are left *missing*, because a 三重一大
passage is evidence for jiguan.2 in an agency and for xuexiao.2 in a school.
Training is deterministic given the seed; the model is saved inside the
package (``classifiers/model``) and loaded offline.
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

KINDS = ("record", "plan", "rule", "pledge", "negated", "other")
KIND_PREFIX = "KIND_"
BOW_LENGTH = 2 ** 14        # hashed feature rows; keeps the saved model at a few MB


class ClassifierUnavailable(Exception):
    """No trained model is installed; run `qinglian train`."""


@dataclass
class LabelledPassage:
    text: str
    unit_type: str
    criteria: list[str]
    kind: str
    source: str = ""


def default_data_dir() -> Path:
    return Path(str(resources.files("classifiers") / "data"))


def default_model_dir() -> Path:
    return Path(str(resources.files("classifiers") / "model"))


def load_data(data_dir: Optional[Path] = None) -> list[LabelledPassage]:
    data_dir = Path(data_dir or default_data_dir())
    items: list[LabelledPassage] = []
    for path in sorted(data_dir.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc}") from exc
            kind = d.get("kind", "other")
            if kind not in KINDS:
                raise ValueError(f"{path}:{lineno}: unknown kind {kind!r}")
            items.append(LabelledPassage(d["text"], d.get("unit_type", "any"), list(d.get("criteria", [])),
                                         kind, d.get("source", "")))
    return items


def _cats(item: LabelledPassage, labels_by_type: dict[str, list[str]], all_labels: list[str]) -> dict[str, float]:
    cats: dict[str, float] = {}
    own = all_labels if item.unit_type == "any" else labels_by_type.get(item.unit_type, [])
    for label in own:
        cats[label] = 1.0 if label in item.criteria else 0.0
    for kind in KINDS:
        cats[KIND_PREFIX + kind] = 1.0 if item.kind == kind else 0.0
    return cats


def _blank_pipeline(criteria_labels: Sequence[str]):
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    bow = {"@architectures": "spacy.TextCatBOW.v3", "ngram_size": 2, "no_output_layer": False,
           "length": BOW_LENGTH}
    crit = nlp.add_pipe("textcat_multilabel", name="criteria",
                        config={"model": {**bow, "exclusive_classes": False}})
    # kind is one-of-six, but shares doc.cats with the criteria labels, which the exclusive
    # textcat refuses; a multi-label head trained on one-hot targets serves the same purpose.
    kind = nlp.add_pipe("textcat_multilabel", name="kind", config={"model": {**bow, "exclusive_classes": False}})
    for label in criteria_labels:
        crit.add_label(label)
    for k in KINDS:
        kind.add_label(KIND_PREFIX + k)
    return nlp


def train(items: list[LabelledPassage], labels_by_type: dict[str, list[str]], out_dir: Path,
          seed: int = 13, epochs: int = 12, holdout: float = 0.15, log=print,
          view: Callable[[str], str] = str) -> dict:
    """Train both components and save to out_dir; returns held-out metrics. ``view``: what the classifier
    reads of a passage at inference (chat messages without their headers), applied to the training text too."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    all_labels = sorted(label for labels in labels_by_type.values() for label in labels)
    nlp = _blank_pipeline(all_labels)
    rng = random.Random(seed)
    order = list(range(len(items)))
    rng.shuffle(order)
    n_dev = int(len(items) * holdout)
    dev = [items[i] for i in order[:n_dev]]
    trn = [items[i] for i in order[n_dev:]]

    def examples(batch: Iterable[LabelledPassage]) -> list:
        return [Example.from_dict(nlp.make_doc(view(it.text)), {"cats": _cats(it, labels_by_type, all_labels)})
                for it in batch]

    train_examples = examples(trn)
    # each component learns its own labels only: left to itself, initialize() would add every label it finds in
    # the examples' cats (criteria and kinds alike), and the later component would overwrite the earlier one's
    nlp.config["initialize"]["components"] = {"criteria": {"labels": all_labels},
                                              "kind": {"labels": [KIND_PREFIX + k for k in KINDS]}}
    optimizer = nlp.initialize(lambda: train_examples)
    for epoch in range(epochs):
        rng.shuffle(train_examples)
        losses: dict = {}
        for batch in minibatch(train_examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        log(f"epoch {epoch + 1}/{epochs} losses " + " ".join(f"{k}={v:.3f}" for k, v in losses.items()))
    metrics = evaluate(nlp, dev, labels_by_type, view) if dev else {}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    (out_dir / "training.json").write_text(json.dumps(
        {"seed": seed, "epochs": epochs, "n_train": len(trn), "n_dev": len(dev), "dev_metrics": metrics},
        ensure_ascii=False, indent=2), encoding="utf-8")
    return metrics


def evaluate(nlp, items: list[LabelledPassage], labels_by_type: dict[str, list[str]],
             view: Callable[[str], str] = str) -> dict:
    """Top-1 criterion accuracy (on passages with a criterion) and kind accuracy."""
    top1 = n_top = kind_ok = 0
    for it, doc in zip(items, nlp.pipe([view(it.text) for it in items])):
        if it.criteria and it.unit_type in labels_by_type:
            own = labels_by_type[it.unit_type]
            best = max(own, key=lambda label: doc.cats.get(label, 0.0))
            top1 += best in it.criteria
            n_top += 1
        kind_best = max(KINDS, key=lambda k: doc.cats.get(KIND_PREFIX + k, 0.0))
        kind_ok += kind_best == it.kind
    return {"criterion_top1": round(top1 / n_top, 3) if n_top else None,
            "kind_accuracy": round(kind_ok / len(items), 3) if items else None, "n": len(items)}


@dataclass
class Prediction:
    criteria: dict[str, float]     # criterion id → probability (only the unit type's criteria)
    kind: dict[str, float]         # kind → probability

    @classmethod
    def from_cats(cls, cats: dict[str, float], labels: Sequence[str]) -> "Prediction":
        return cls(criteria={label: cats.get(label, 0.0) for label in labels},
                   kind={k: cats.get(KIND_PREFIX + k, 0.0) for k in KINDS})


class PassageClassifier:
    """The trained pipeline, loaded once per process and passed explicitly (no global singleton)."""

    def __init__(self, nlp):
        self.nlp = nlp

    @classmethod
    def load(cls, model_dir: Optional[Path] = None) -> "PassageClassifier":
        import spacy

        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        model_dir = Path(model_dir or default_model_dir())
        if not (model_dir / "meta.json").is_file():
            raise ClassifierUnavailable(f"no trained classifier at {model_dir}; run `qinglian train`")
        return cls(spacy.load(model_dir))

    def predict(self, texts: Sequence[str], labels: Sequence[str]) -> list[Prediction]:
        return [Prediction.from_cats(c, labels) for c in self.cats(texts)]

    def cats(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Every label's probability per text (what :class:`pipeline.predictions.CachedClassifier` stores). A text
        with no tokens (a chat message that was only its header) scores nothing: the bigram features of an empty
        doc in a batch overrun thinc's buffer (IndexError), which would stop the whole review."""
        words = [i for i, t in enumerate(texts) if t.strip()]
        out: list[dict[str, float]] = [{} for _ in texts]
        docs = self.nlp.pipe([texts[i] for i in words], batch_size=256)
        for i, doc in zip(words, docs):
            out[i] = {k: float(v) for k, v in doc.cats.items()}
        return out


def model_fingerprint(model_dir: Optional[Path] = None) -> str:
    """Changes whenever the trained model's files change (cache key of its predictions)."""
    model_dir = Path(model_dir or default_model_dir())
    h = hashlib.sha256()
    for f in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        h.update(f.relative_to(model_dir).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]
