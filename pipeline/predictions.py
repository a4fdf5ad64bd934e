"""Classifier predictions cached in the store, the model loaded only when a passage is new.

An unchanged re-run then never loads spaCy's pipeline (about 2 s) nor segments a passage again: every
passage's scores come from SQLite, keyed by the model's fingerprint and the passage text.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional, Sequence

from classifiers.textcat import ClassifierUnavailable, PassageClassifier, Prediction, default_model_dir, model_fingerprint
from pipeline.store import Store


class CachedClassifier:
    """Same ``predict`` as :class:`PassageClassifier`; misses are scored by the model and stored."""

    def __init__(self, store: Store, model_dir: Optional[Path] = None) -> None:
        self.model_dir = Path(model_dir or default_model_dir())
        if not (self.model_dir / "meta.json").is_file():
            raise ClassifierUnavailable(f"no trained classifier at {self.model_dir}; run `qinglian train`")
        self.store = store
        self.model = model_fingerprint(self.model_dir)
        self._classifier: Optional[PassageClassifier] = None

    @property
    def loaded(self) -> bool:
        return self._classifier is not None

    def predict(self, texts: Sequence[str], labels: Sequence[str]) -> list[Prediction]:
        keys = [_key(t) for t in texts]
        known = self._scores(dict(zip(keys, texts)))
        return [Prediction.from_cats(known[k], labels) for k in keys]

    def score_ahead(self, texts: Sequence[str]) -> None:
        """Score and store the texts not yet in the store, so that a later ``predict`` finds them (the runner
        calls it while the last workers finish, on a core a retired worker left free)."""
        self._scores({_key(t): t for t in texts if t})

    def _scores(self, todo: dict[str, str]) -> dict[str, dict]:
        known = self.store.cached_predictions(self.model, sorted(todo))
        missing = {k: t for k, t in todo.items() if k not in known}
        if missing:
            if self._classifier is None:
                self._classifier = PassageClassifier.load(self.model_dir)
            new = dict(zip(missing, self._classifier.cats(list(missing.values()))))
            self.store.put_predictions(self.model, new)
            known.update(new)
        return known


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
