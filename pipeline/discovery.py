"""Find units under a submissions root, read `unit.yaml`, infer the unit type.

CONTRACT: one folder per unit; everything below it at any depth is evidence;
`unit.yaml` may give name/type/period; otherwise the type comes from the
folder name, and failing that from the content (decided later, after
extraction, by :func:`infer_type_from_text`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from checklists import Standard, load_checklists, read_yaml, resolve_type
from pipeline.models import Unit

MANIFEST = "unit.yaml"

# CONTRACT's order of folder-name inference: earlier rows win.
FOLDER_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("xuexiao", ("中学", "小学", "学校", "幼儿园", "学院", "大学")),
    ("yiyuan", ("医院", "卫生院", "卫生服务中心", "妇幼保健院")),
    ("cunju", ("村", "社区", "居委会", "村委会")),
    ("shanghui", ("商会",)),
    ("jingqu", ("景区", "风景区", "风景名胜区")),
    ("qiye", ("公司", "集团", "企业", "厂")),
    ("jiating", ("家庭",)),
    ("jiguan", ("局", "委", "办", "部", "中心", "法院", "检察院", "办公室", "政府", "街道", "乡", "镇")),
)


class SubmissionsRootError(Exception):
    """The run cannot proceed: the root is missing or not a folder."""


@dataclass
class UnitFile:
    path: Path          # absolute
    rel: str            # relative to the unit folder, '/'-separated
    symlink: bool = False   # reported, never followed (it may point outside the submission)


def _clean_folder_name(name: str) -> str:
    """Drop numbering prefixes and bracketed notes: '03_区财政局（清廉机关）' -> '区财政局'."""
    name = re.sub(r"[（(【\[].*?[)）】\]]", "", name)
    name = re.sub(r"^[\s\d_.\-、]+", "", name)
    return name.strip()


def infer_type_from_folder(name: str) -> Optional[str]:
    cleaned = _clean_folder_name(name)
    for code, suffixes in FOLDER_RULES:
        if any(cleaned.endswith(s) for s in suffixes):
            return code
    # a type word inside the name ('清廉学校-某某') when no suffix decides
    for code, suffixes in FOLDER_RULES[:-1]:
        if any(s in cleaned for s in suffixes if len(s) >= 2):
            return code
    return None


def infer_type_from_text(text: str, standards: dict[str, Standard]) -> Optional[str]:
    """Pick the unit type whose characteristic terms occur most in the unit's text."""
    best, best_score = None, 0
    for code, std in standards.items():
        score = sum(text.count(term) for term in std.content_terms)
        score += 3 * text.count(std.standard)
        if score > best_score:
            best, best_score = code, score
    return best


def _parse_date(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    m = re.match(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", str(value))
    if not m:
        return None
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def _read_manifest(path: Path, unit: Unit, standards: dict[str, Standard]) -> None:
    try:
        data = read_yaml(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        unit.warnings.append(f"unit.yaml 无法解析（{exc.__class__.__name__}），已按文件夹名称处理")
        return
    if not isinstance(data, dict):
        unit.warnings.append("unit.yaml 内容不是键值结构，已忽略")
        return
    if data.get("name"):
        unit.name = str(data["name"])
    if data.get("type"):
        code = resolve_type(str(data["type"]))
        if code:
            unit.unit_type, unit.type_source = code, "manifest"
        else:
            unit.warnings.append(f"unit.yaml 中的类型“{data['type']}”无法识别，已按文件夹名称推断")
    period = data.get("period")
    if isinstance(period, dict):
        unit.period_start = _parse_date(period.get("start"))
        unit.period_end = _parse_date(period.get("end"))


def discover_units(root: Path, standards: Optional[dict[str, Standard]] = None) -> tuple[list[Unit], list[str]]:
    """Units under root (sorted by folder name) and run-level warnings."""
    root = Path(root)
    if not root.exists():
        raise SubmissionsRootError(f"submissions root does not exist: {root}")
    if not root.is_dir():
        raise SubmissionsRootError(f"submissions root is not a folder: {root}")
    standards = standards or load_checklists()
    units, warnings = [], []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.is_file():
            warnings.append(f"根目录下的文件“{entry.name}”不属于任何单位文件夹，未纳入审查")
            continue
        if not entry.is_dir() or entry.name.startswith("."):
            continue
        unit = Unit(folder=entry.name, path=str(entry.resolve()), name=entry.name,
                    unit_type=None, type_source="content")
        manifest = entry / MANIFEST
        if manifest.is_file():
            _read_manifest(manifest, unit, standards)
        if unit.unit_type is None:
            code = infer_type_from_folder(entry.name)
            if code:
                unit.unit_type, unit.type_source = code, "folder-name"
        units.append(unit)
    return units, warnings


def list_unit_files(unit: Unit) -> list[UnitFile]:
    """Every file below the unit folder (any depth), except the top-level unit.yaml; sorted."""
    base = Path(unit.path)
    files = []
    for path in sorted(base.rglob("*")):
        link = path.is_symlink()
        if not link and not path.is_file():
            continue
        rel = path.relative_to(base).as_posix()
        if rel == MANIFEST:
            continue
        files.append(UnitFile(path=path, rel=rel, symlink=link))
    return files
