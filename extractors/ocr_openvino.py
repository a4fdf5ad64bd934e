"""Run RapidOCR's PP-OCRv4 ONNX models on OpenVINO instead of ONNX Runtime.

The models are the very files inside the ``rapidocr-onnxruntime`` wheel; only
the runtime changes. On this machine's CPU OpenVINO runs detection 2.1x and
recognition 2.5-3x faster than ONNX Runtime with one thread each
(bench/ocr_profile.py), because it picks the CPU's native precision (bf16
where the CPU has it, else f32). CER is measured in bench/RESULTS.md.

``install(rapid, threads, int8)`` swaps the det/rec/cls sessions of a constructed
``RapidOCR`` in place; RapidOCR's own pre- and post-processing stay as they are.
With ``int8`` detection and recognition run the int8 models in ``extractors/models``: the same networks
quantised with NNCF (bench/quantize_ocr.py), 1.26x faster per page on this CPU (VNNI): 0.75 s against 0.95 s
on 30 benchmark pages with one thread, CER 0.83 % against 0.74 % for the float models on the same pages.
When OpenVINO is missing or cannot compile a model, ``install`` raises
``OpenVinoUnavailable`` and the caller keeps ONNX Runtime.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

INT8_MODELS = Path(__file__).resolve().parent / "models"
INT8_DET = INT8_MODELS / "ppocrv4_det_int8.xml"
INT8_REC = INT8_MODELS / "ppocrv4_rec_int8.xml"


class OpenVinoUnavailable(RuntimeError):
    """OpenVINO is not installed or refused the model; ONNX Runtime stays in use."""


class OpenVinoInferError(RuntimeError):
    """Inference failed on one input (kept as a page error by the caller)."""


class OpenVinoSession:
    """Callable like RapidOCR's ``OrtInferSession``: ``session(batch) -> [output, ...]``.

    ``release_after_call``: free the intermediate buffers after each call (detection: ~200 MB at 1600 px
    that would otherwise stay held while the page's lines are recognised).
    ``pad_width_to``: pad the input width up to a multiple of this (recognition): every new line width is
    a new input shape, and OpenVINO's memory crept up ~10 MB a page with unbucketed widths; bucketed it
    stays flat. Zero padding is what RapidOCR itself pads a batch with.
    """

    def __init__(self, core, model_path: str, threads: int, release_after_call: bool = False,
                 pad_width_to: int = 1) -> None:
        self.release_after_call = release_after_call
        self.pad_width_to = pad_width_to
        config = {
            "INFERENCE_NUM_THREADS": threads,
            "NUM_STREAMS": 1,
            "PERFORMANCE_HINT": "LATENCY",
            # pinned threads of two worker processes land on the same core: --jobs 2 ran at 1.0x --jobs 1
            "ENABLE_CPU_PINNING": False,
            # dynamic shapes (every page and text line differs): no per-shape cache growth
            "CPU_RUNTIME_CACHE_CAPACITY": 0,
        }
        try:
            self._model = core.compile_model(core.read_model(model_path), "CPU", config)
        except RuntimeError as e:
            raise OpenVinoUnavailable(f"OpenVINO could not compile {model_path}: {e}") from e
        self._request = self._model.create_infer_request()

    def __call__(self, batch: np.ndarray) -> list[np.ndarray]:
        width = batch.shape[-1]
        padded = -(-width // self.pad_width_to) * self.pad_width_to
        if padded != width:
            batch = np.pad(batch, [(0, 0)] * (batch.ndim - 1) + [(0, padded - width)])
        try:
            result = self._request.infer([np.ascontiguousarray(batch, dtype=np.float32)])
        except RuntimeError as e:
            raise OpenVinoInferError(str(e)) from e
        outputs = [np.array(result[out]) for out in self._model.outputs]
        if self.release_after_call:
            self.release()
        return outputs

    def release(self) -> None:
        """Free the intermediate buffers (they are allocated again on the next call)."""
        self._model.release_memory()


def _model_path(session) -> str:
    """The model file an ``OrtInferSession`` was built from."""
    return session.session._model_path


def int8_available() -> bool:
    return INT8_DET.is_file() and INT8_REC.is_file()


def install(rapid, threads: int, int8: bool = False, use_cls: bool = False) -> None:
    """Replace ``rapid``'s ONNX Runtime sessions with OpenVINO ones (int8 det/rec models with ``int8``).
    The angle classifier is compiled only when it is used (``use_cls``)."""
    try:
        import openvino
    except ImportError as e:
        raise OpenVinoUnavailable("openvino is not installed") from e
    core = openvino.Core()
    if int8 and not int8_available():
        raise OpenVinoUnavailable(f"int8 OCR models missing in {INT8_MODELS}")
    det_model = str(INT8_DET) if int8 else _model_path(rapid.text_det.infer)
    rec_model = str(INT8_REC) if int8 else _model_path(rapid.text_rec.session)
    det = OpenVinoSession(core, det_model, threads, release_after_call=True)
    rec = OpenVinoSession(core, rec_model, threads, pad_width_to=64)
    rapid.text_det.infer = det
    rapid.text_rec.session = rec
    if use_cls:
        rapid.text_cls.infer = OpenVinoSession(core, _model_path(rapid.text_cls.infer), threads)
