"""Classifier predictions cached in the store, the model loaded only when a passage is new.

An unchanged re-run then never loads spaCy's pipeline (about 2 s) nor segments a passage again: every
passage's scores come from SQLite, keyed by the model's fingerprint and the passage text.
"""
from __future__ import annotations

import hashlib
import queue
import threading
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

    def _model(self) -> PassageClassifier:
        if self._classifier is None:
            self._classifier = PassageClassifier.load(self.model_dir)
        return self._classifier

    def predict(self, texts: Sequence[str], labels: Sequence[str]) -> list[Prediction]:
        keys = [_key(t) for t in texts]
        known = self.store.cached_predictions(self.model, sorted(set(keys)))
        missing = {k: t for k, t in zip(keys, texts) if k not in known}
        if missing:
            new = dict(zip(missing, self._model().cats(list(missing.values()))))
            self.store.put_predictions(self.model, new)
            known.update(new)
        return [Prediction.from_cats(known[k], labels) for k in keys]


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Prefetch:
    """Scores the passages of documents as their extraction arrives, on a background thread, so that loading
    the model and scoring overlap the OCR still running in the workers instead of following it on one core.
    Only the caller's thread touches the store: ``add`` checks the cache, ``finish`` writes what was scored.
    """

    def __init__(self, classifier: CachedClassifier) -> None:
        self.classifier = classifier
        self._queue: "queue.Queue[Optional[dict[str, str]]]" = queue.Queue()
        self._scored: dict[str, dict] = {}
        self._error: Optional[BaseException] = None
        self._thread = threading.Thread(target=self._run, name="qinglian-prefetch", daemon=True)
        self._thread.start()

    def add(self, texts: Sequence[str]) -> None:
        keys = {_key(t): t for t in texts if t}
        known = self.classifier.store.cached_predictions(self.classifier.model, sorted(keys))
        todo = {k: t for k, t in keys.items() if k not in known}
        if todo:
            self._queue.put(todo)

    def _run(self) -> None:
        while True:
            todo = self._queue.get()
            if todo is None:
                return
            if self._error is not None:
                continue
            try:
                todo = {k: t for k, t in todo.items() if k not in self._scored}
                self._scored.update(zip(todo, self.classifier._model().cats(list(todo.values()))))
            except (OSError, ValueError, RuntimeError) as exc:     # scoring is retried by predict()
                self._error = exc

    def finish(self) -> None:
        """Wait for the thread and store its scores (the rest is scored later by ``predict``)."""
        self._queue.put(None)
        self._thread.join()
        if self._scored:
            self.classifier.store.put_predictions(self.classifier.model, self._scored)
            self._scored = {}
