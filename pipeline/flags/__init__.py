"""Red-flag rules for spot-checks (one module per rule family; thresholds in checklists/thresholds.yaml)."""
from pipeline.flags.engine import Thresholds, ThresholdsError, load_thresholds, run_flags

__all__ = ["run_flags", "load_thresholds", "Thresholds", "ThresholdsError"]
