"""Typed thresholds of the red-flag rules, loaded from ``checklists/thresholds.yaml``."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import yaml

from checklists import read_yaml


class ThresholdsError(ValueError):
    """thresholds.yaml is missing, malformed or has a wrong value (Chinese message)."""


@dataclass(frozen=True)
class QuorumRule:
    min_ratio: float
    inclusive: bool          # True: ratio >= min_ratio passes; False: ratio > min_ratio required

    def passes(self, present: int, expected: int) -> bool:
        if expected <= 0:
            return True
        ratio = present / expected
        return ratio >= self.min_ratio - 1e-9 if self.inclusive else ratio > self.min_ratio + 1e-9

    def label(self) -> str:
        if abs(self.min_ratio - 0.5) < 1e-3:
            return "半数以上" if self.inclusive else "超过半数"
        if abs(self.min_ratio - 2 / 3) < 1e-3:
            return "三分之二以上"
        return f"{self.min_ratio:.0%}{'以上' if self.inclusive else '（不含）以上'}"


@dataclass(frozen=True)
class NearDuplicate:
    jaccard: float = 0.8
    num_perm: int = 128
    shingle: int = 5
    min_chars: int = 200
    template_units: int = 3
    standard_overlap: float = 0.5
    short_min_chars: int = 60          # below min_chars: compared with numbers kept, at short_jaccard
    short_jaccard: float = 0.9


@dataclass(frozen=True)
class Thresholds:
    province: Optional[str] = None
    year: Optional[int] = None
    village_project_limit: float = 100000.0
    split_limits: dict[str, float] = field(default_factory=lambda: {"default": 100000.0})
    split_window_days: int = 60
    split_band: float = 0.8
    split_band_same_item: float = 0.5
    stated_limit_min: float = 20000.0
    single_source_min: float = 50000.0
    open_tender: dict[str, float] = field(
        default_factory=lambda: {"goods": 2e6, "services": 2e6, "works": 4e6})
    quorum_default: QuorumRule = QuorumRule(0.5, False)
    quorum_personnel: QuorumRule = QuorumRule(2 / 3, True)
    quorum_village: QuorumRule = QuorumRule(2 / 3, True)
    quorum_association: QuorumRule = QuorumRule(2 / 3, True)
    near_duplicate: NearDuplicate = NearDuplicate()
    low_ocr_confidence: float = 0.75

    def split_limit(self, unit_type: Optional[str]) -> float:
        if unit_type == "cunju":
            return self.split_limits.get("cunju", self.village_project_limit)
        return self.split_limits.get(unit_type or "default", self.split_limits.get("default", 100000.0))


def default_path() -> Path:
    from checklists import package_dir
    return package_dir() / "thresholds.yaml"


def _merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def _num(d: dict, key: str, where: str) -> float:
    v = d.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ThresholdsError(f"{where}: {key} 应为数字，实际为 {v!r}")
    return float(v)


def _quorum(d: Any, where: str) -> QuorumRule:
    if not isinstance(d, dict):
        raise ThresholdsError(f"{where}: 应为 {{min_ratio, inclusive}} 映射")
    v = d.get("min_ratio")
    if isinstance(v, str) and "/" in v:
        a, _, b = v.partition("/")
        try:
            v = float(a) / float(b)
        except (ValueError, ZeroDivisionError):
            raise ThresholdsError(f"{where}: min_ratio 分数格式错误：{v!r}") from None
        d = {**d, "min_ratio": v}
    return QuorumRule(_num(d, "min_ratio", where), bool(d.get("inclusive", False)))


def _pick_override(overrides: dict, province: str, year: Optional[int]) -> dict:
    by_year = overrides.get(province) or {}
    if not isinstance(by_year, dict):
        raise ThresholdsError(f"overrides.{province} 应为按年份的映射")
    years = sorted(int(y) for y in by_year if str(y).isdigit())
    chosen = [y for y in years if year is None or y <= year]
    merged = dict(by_year.get("default") or {})
    if chosen:
        y = chosen[-1]
        merged = _merge(merged, by_year.get(y) or by_year.get(str(y)) or {})
    return merged


def read_thresholds_file(p: Path):
    """The parsed YAML of a thresholds file, or a ThresholdsError naming the file."""
    try:
        return read_yaml(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ThresholdsError(f"阈值文件不存在：{p}") from None
    except yaml.YAMLError as exc:
        raise ThresholdsError(f"阈值文件 {p} 格式错误：{exc}") from None


def load_thresholds(path: Union[str, Path, None] = None, province: Optional[str] = None,
                    year: Optional[int] = None) -> Thresholds:
    p = Path(path) if path is not None else default_path()
    raw = read_thresholds_file(p)
    if not isinstance(raw, dict) or not isinstance(raw.get("defaults"), dict):
        raise ThresholdsError(f"阈值文件 {p} 缺少 defaults 映射")
    data = raw["defaults"]
    prov_key = None
    if province:
        aliases = raw.get("province_aliases") or {}
        prov_key = aliases.get(province, province).lower()
        overrides = raw.get("overrides") or {}
        if prov_key in overrides:
            data = _merge(data, _pick_override(overrides, prov_key, year))
    where = str(p)
    q = data.get("quorum") or {}
    nd = data.get("near_duplicate") or {}
    ot = data.get("open_tender") or {}
    sl = data.get("split_limits") or {}
    try:
        near = NearDuplicate(**{k: (int(v) if k in ("num_perm", "shingle", "min_chars", "template_units", "short_min_chars")
                                    else float(v)) for k, v in nd.items()})
    except TypeError as exc:
        raise ThresholdsError(f"{where}: near_duplicate 含未知键（{exc}）") from None
    t = Thresholds(
        province=prov_key, year=year,
        village_project_limit=_num(data, "village_project_limit", where),
        split_limits={str(k): _num(sl, k, where + " split_limits") for k in sl} or {"default": 100000.0},
        split_window_days=int(_num(data, "split_window_days", where)),
        split_band=_num(data, "split_band", where),
        split_band_same_item=_num(data, "split_band_same_item", where) if "split_band_same_item" in data else 0.5,
        stated_limit_min=_num(data, "stated_limit_min", where) if "stated_limit_min" in data else 20000.0,
        single_source_min=_num(data, "single_source_min", where) if "single_source_min" in data else 50000.0,
        open_tender={k: _num(ot, k, where + " open_tender") for k in ("goods", "services", "works")},
        quorum_default=_quorum(q.get("default"), where + " quorum.default"),
        quorum_personnel=_quorum(q.get("personnel"), where + " quorum.personnel"),
        quorum_village=_quorum(q.get("village_representatives"), where + " quorum.village_representatives"),
        quorum_association=_quorum(q["association_bodies"], where + " quorum.association_bodies")
        if "association_bodies" in q else QuorumRule(2 / 3, True),
        near_duplicate=near,
        low_ocr_confidence=_num(data, "low_ocr_confidence", where),
    )
    if not 0 < t.split_band <= 1 or not 0 < t.split_band_same_item <= 1:
        raise ThresholdsError(f"{where}: split_band / split_band_same_item 应在 (0, 1] 之间")
    return t
