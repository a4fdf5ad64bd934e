"""The eight 清廉单元 standards as data (YAML), loaded and validated.

``<type>.yaml`` holds one standard (criteria split into clause indicators with
keywords/synonyms/patterns); ``contract.yaml`` mirrors CONTRACT.md (types,
criterion ids and titles) and is what every standard file is checked against;
``doctypes.yaml`` holds the document-type cues used by ``classifiers.doctype``.

Validation errors raise :class:`ChecklistError` naming the file and the line,
taken from the YAML node marks (``yaml.compose``), so a reviewer-facing data
edit that breaks the file is found at load time, not during a run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional, Union

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


__all__ = [
    "ChecklistError", "Indicator", "Criterion", "MainRecords", "RecordDocuments", "Standard", "DocType", "DocCue",
    "load_checklists", "load_checklist_file", "resolve_type", "load_doctypes", "load_yaml_data",
    "contract_types", "package_dir", "read_yaml", "YAML_LOADER",
]

PathLike = Union[str, Path]

CODE_RE = re.compile(r"^[a-z]+$")
# libyaml's loader (in PyYAML's wheels) parses the checklists ~10x faster than the pure-Python one, with the
# same nodes and line marks; the pure-Python loader where PyYAML was built without libyaml
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text):
    """Plain YAML data (text or an open file) with the fast safe loader."""
    return yaml.load(text, Loader=YAML_LOADER)


class ChecklistError(ValueError):
    """A checklist/doctype YAML file is missing, malformed or inconsistent with the CONTRACT."""

    def __init__(self, file: PathLike, line: Optional[int], message: str) -> None:
        self.file = str(file)
        self.line = line  # 1-based, None when unknown
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Indicator:
    id: str
    clause: str
    label: str
    keywords: tuple[str, ...]
    synonyms: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    core: bool = True

    @property
    def terms(self) -> tuple[str, ...]:
        """Keywords then synonyms, without duplicates."""
        return tuple(dict.fromkeys(self.keywords + self.synonyms))


@dataclass(frozen=True)
class MainRecords:
    """Which records show a criterion's main work: a 商会's 制度执行 by its 理事会 or 会员大会, a hospital's 考评 by
    its results, not by a meeting that talked of them. Other records alone make the criterion partial."""
    note: str                               # what they are, for the reason ("理事会、会员大会等商会会议的记录")
    types: tuple[str, ...] = ()             # document types that may hold them (empty: any)
    not_types: tuple[str, ...] = ()         # document types that never do
    head: Optional[re.Pattern] = None       # the file name or title must say so
    not_head: Optional[re.Pattern] = None   # … and must not say this
    clauses: tuple[str, ...] = ()           # indicator ids the record must show (empty: any of the criterion's)


@dataclass(frozen=True)
class RecordDocuments:
    """Documents that are by themselves a record of one clause, whatever words they use: a company's 党支部 minutes
    show its party organisation at work, as a signed sheet shows a meeting held. Of these types, named so, and dated
    (by their own date, the year their title names, or dated entries)."""
    clause: str                             # the indicator id they show
    types: tuple[str, ...]                  # document types they have
    head: re.Pattern                        # what the file name or title says


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    text: str
    indicators: tuple[Indicator, ...]
    main_records: Optional[MainRecords] = None
    record_documents: Optional[RecordDocuments] = None

    @property
    def number(self) -> int:
        return int(self.id.split(".")[1])


@dataclass(frozen=True)
class Standard:
    type: str
    name: str
    standard: str
    aliases: tuple[str, ...]
    folder_suffixes: tuple[str, ...]
    content_terms: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    file: str = ""

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def indicators(self) -> list[Indicator]:
        return [i for c in self.criteria for i in c.indicators]


@dataclass(frozen=True)
class DocCue:
    pattern: re.Pattern
    weight: float
    label: str          # the text shown in reasons


@dataclass(frozen=True)
class DocType:
    id: str
    name: str
    kind: str
    name_patterns: tuple[DocCue, ...]
    title_patterns: tuple[DocCue, ...]
    cues: tuple[DocCue, ...]
    requires: Optional[tuple[str, float]] = None   # (doc type id, min score) that must also score
    image_bonus: float = 0.0
    short_image_bonus: float = 0.0
    extra: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- node helpers

def package_dir() -> Path:
    """The folder holding the shipped YAML files (works from a wheel too)."""
    return Path(str(resources.files(__name__)))


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _compose(path: Path) -> Node:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ChecklistError(path, None, "文件不存在") from None
    except UnicodeDecodeError as exc:
        raise ChecklistError(path, None, f"不是 UTF-8 编码（{exc.reason}）") from None
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ChecklistError(path, line, f"YAML 语法错误：{exc.problem or exc}") from None
    if node is None:
        raise ChecklistError(path, 1, "文件为空")
    return node


class _Reader:
    """Typed access to composed YAML nodes, raising ChecklistError with the node's line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Node, message: str) -> ChecklistError:
        return ChecklistError(self.path, _line(node), message)

    def mapping(self, node: Node, required: tuple[str, ...] = (), what: str = "") -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what or '此处'}应为键值映射")
        out: dict[str, Node] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise self.fail(key, "键必须是字符串")
            if key.value in out:
                raise self.fail(key, f"重复的键“{key.value}”")
            out[key.value] = value
        missing = [k for k in required if k not in out]
        if missing:
            raise self.fail(node, f"{what or '此处'}缺少必填键：{', '.join(missing)}")
        return out

    def string(self, node: Node, what: str, allow_empty: bool = False) -> str:
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            raise self.fail(node, f"{what} 应为字符串")
        value = str(node.value).strip()
        if not value and not allow_empty:
            raise self.fail(node, f"{what} 不能为空")
        return value

    def number(self, node: Node, what: str) -> float:
        try:
            return float(self.string(node, what))
        except ValueError:
            raise self.fail(node, f"{what} 应为数字") from None

    def boolean(self, node: Node, what: str) -> bool:
        value = self.string(node, what).lower()
        if value in ("true", "yes", "on"):
            return True
        if value in ("false", "no", "off"):
            return False
        raise self.fail(node, f"{what} 应为 true 或 false")

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} 应为列表")
        return list(node.value)

    def strings(self, node: Optional[Node], what: str, allow_empty: bool = True) -> tuple[str, ...]:
        if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
            items: list[str] = []
        else:
            items = [self.string(n, what) for n in self.sequence(node, what)]
        if not items and not allow_empty and node is not None:
            raise self.fail(node, f"{what} 不能为空列表")
        return tuple(dict.fromkeys(items))

    def regex(self, node: Node, what: str) -> re.Pattern:
        source = self.string(node, what)
        try:
            return re.compile(source)
        except re.error as exc:
            raise self.fail(node, f"{what} 正则表达式无法编译：{source!r}（{exc}）") from None


# --------------------------------------------------------------------------- contract

@lru_cache(maxsize=None)
def _contract(directory: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """type code -> ((criterion id, title), ...) from contract.yaml (CONTRACT.md mirror)."""
    path = Path(directory) / "contract.yaml"
    if not path.is_file():
        path = package_dir() / "contract.yaml"
    reader = _Reader(path)
    root = reader.mapping(_compose(path), ("types",), "contract.yaml")
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for code_key, crit_node in reader.mapping(root["types"], what="types").items():
        titles = reader.strings(crit_node, f"{code_key} 的标题")
        out[code_key] = tuple((f"{code_key}.{n}", t) for n, t in enumerate(titles, 1))
    return out


def contract_types(directory: Optional[PathLike] = None) -> dict[str, tuple[tuple[str, str], ...]]:
    return dict(_contract(str(directory or package_dir())))


# --------------------------------------------------------------------------- standards

def _indicator(reader: _Reader, node: Node, expected_id: str, text: str) -> Indicator:
    m = reader.mapping(node, ("id", "clause", "label", "keywords"), f"指标 {expected_id}")
    ind_id = reader.string(m["id"], "id")
    if ind_id != expected_id:
        raise reader.fail(m["id"], f"指标编号应为 {expected_id}（按条款顺序连续编号），实际为 {ind_id}")
    clause = reader.string(m["clause"], f"{ind_id}.clause")
    if clause not in text:
        raise reader.fail(m["clause"], f"{ind_id}.clause 必须逐字摘自该条标准原文")
    keywords = reader.strings(m["keywords"], f"{ind_id}.keywords", allow_empty=False)
    synonyms = reader.strings(m.get("synonyms"), f"{ind_id}.synonyms")
    patterns = tuple(reader.regex(p, f"{ind_id}.patterns")
                     for p in (reader.sequence(m["patterns"], f"{ind_id}.patterns") if "patterns" in m else []))
    core = reader.boolean(m["core"], f"{ind_id}.core") if "core" in m else True
    unknown = set(m) - {"id", "clause", "label", "keywords", "synonyms", "patterns", "core"}
    if unknown:
        raise reader.fail(node, f"指标 {ind_id} 含未知字段：{', '.join(sorted(unknown))}")
    return Indicator(ind_id, clause, reader.string(m["label"], f"{ind_id}.label"),
                     keywords, synonyms, patterns, core)


def _criterion(reader: _Reader, node: Node, code: str, n: int,
               expected: Optional[tuple[str, str]]) -> Criterion:
    m = reader.mapping(node, ("id", "title", "text", "indicators"), f"第 {n} 条标准")
    crit_id = reader.string(m["id"], "id")
    if crit_id != f"{code}.{n}":
        raise reader.fail(m["id"], f"标准编号应为 {code}.{n}（与种子文件顺序一致），实际为 {crit_id}")
    title = reader.string(m["title"], f"{crit_id}.title")
    if expected is not None and title != expected[1]:
        raise reader.fail(m["title"], f"{crit_id} 的标题应为“{expected[1]}”（CONTRACT），实际为“{title}”")
    text = reader.string(m["text"], f"{crit_id}.text")
    ind_nodes = reader.sequence(m["indicators"], f"{crit_id}.indicators")
    if not ind_nodes:
        raise reader.fail(m["indicators"], f"{crit_id} 至少需要一个指标")
    indicators = tuple(_indicator(reader, ind, f"{crit_id}.{k}", text) for k, ind in enumerate(ind_nodes, 1))
    main = _main_records(reader, m["main_records"], crit_id) if "main_records" in m else None
    documents = _record_documents(reader, m["record_documents"], crit_id, indicators) \
        if "record_documents" in m else None
    return Criterion(crit_id, title, text, indicators, main, documents)


def _record_documents(reader: _Reader, node: Node, crit_id: str, indicators) -> RecordDocuments:
    where = f"{crit_id}.record_documents"
    m = reader.mapping(node, ("clause", "types", "head"), where)
    unknown = set(m) - {"clause", "types", "head"}
    if unknown:
        raise reader.fail(node, f"{where} 含未知字段：{', '.join(sorted(unknown))}")
    clause = reader.string(m["clause"], f"{where}.clause")
    if clause not in {i.id for i in indicators}:
        raise reader.fail(m["clause"], f"{where}.clause “{clause}” 不是本条标准的指标")
    return RecordDocuments(clause=clause, types=reader.strings(m["types"], f"{where}.types", allow_empty=False),
                           head=reader.regex(m["head"], f"{where}.head"))


def _main_records(reader: _Reader, node: Node, crit_id: str) -> MainRecords:
    m = reader.mapping(node, ("note",), f"{crit_id}.main_records")
    unknown = set(m) - {"note", "types", "not_types", "head", "not_head", "clauses"}
    if unknown:
        raise reader.fail(node, f"{crit_id}.main_records 含未知字段：{', '.join(sorted(unknown))}")
    return MainRecords(
        note=reader.string(m["note"], f"{crit_id}.main_records.note"),
        types=reader.strings(m.get("types"), f"{crit_id}.main_records.types"),
        not_types=reader.strings(m.get("not_types"), f"{crit_id}.main_records.not_types"),
        head=reader.regex(m["head"], f"{crit_id}.main_records.head") if "head" in m else None,
        not_head=reader.regex(m["not_head"], f"{crit_id}.main_records.not_head") if "not_head" in m else None,
        clauses=reader.strings(m.get("clauses"), f"{crit_id}.main_records.clauses"))


def load_checklist_file(path: PathLike, expected: Optional[tuple[tuple[str, str], ...]] = None) -> Standard:
    """Load and validate one ``<type>.yaml``; ``expected`` = CONTRACT (id, title) pairs."""
    path = Path(path)
    reader = _Reader(path)
    root = reader.mapping(_compose(path), ("type", "name", "standard", "criteria"), "文件顶层")
    code = reader.string(root["type"], "type")
    if not CODE_RE.match(code):
        raise reader.fail(root["type"], f"type 应为小写拼音代码，实际为“{code}”")
    if path.stem != code:
        raise reader.fail(root["type"], f"type “{code}” 与文件名 {path.name} 不一致")
    crit_nodes = reader.sequence(root["criteria"], "criteria")
    if expected is not None and len(crit_nodes) != len(expected):
        raise reader.fail(root["criteria"], f"{code} 应有 {len(expected)} 条标准（CONTRACT），实际为 {len(crit_nodes)} 条")
    criteria = tuple(_criterion(reader, c, code, n, expected[n - 1] if expected else None)
                     for n, c in enumerate(crit_nodes, 1))
    return Standard(
        type=code,
        name=reader.string(root["name"], "name"),
        standard=reader.string(root["standard"], "standard"),
        aliases=reader.strings(root.get("aliases"), "aliases"),
        folder_suffixes=reader.strings(root.get("folder_suffixes"), "folder_suffixes"),
        content_terms=reader.strings(root.get("content_terms"), "content_terms"),
        criteria=criteria,
        file=str(path),
    )


def load_checklists(directory: Optional[PathLike] = None) -> dict[str, Standard]:
    """All eight standards, keyed by type code, in CONTRACT order; validated."""
    return dict(_load_checklists_cached(str(Path(directory) if directory else package_dir())))


@lru_cache(maxsize=8)
def _load_checklists_cached(directory: str) -> tuple[tuple[str, Standard], ...]:
    contract = _contract(directory)
    out = []
    for code, expected in contract.items():
        std = load_checklist_file(Path(directory) / f"{code}.yaml", expected)
        out.append((code, std))
    total = sum(len(s.criteria) for _, s in out)
    expected_total = sum(len(v) for v in contract.values())
    if total != expected_total:  # pragma: no cover - guarded per file above
        raise ChecklistError(directory, None, f"共应有 {expected_total} 条标准，实际 {total} 条")
    return tuple(out)


def _norm_type_word(value: str) -> str:
    value = re.sub(r"\s+", "", value).lower()
    value = re.sub(r"(创建标准|建设标准|标准|单元)$", "", value)
    return value


@lru_cache(maxsize=1)
def _type_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, std in load_checklists().items():
        for word in (code, std.name, std.standard, *std.aliases):
            w = _norm_type_word(word)
            index.setdefault(w, code)
            if w.startswith("清廉"):
                index.setdefault(w[2:], code)
            else:
                index.setdefault("清廉" + w, code)
    return index


def resolve_type(value: str) -> Optional[str]:
    """'xuexiao' / '学校' / '清廉学校' / '清廉学校创建标准' -> 'xuexiao'; unknown -> None."""
    if not value:
        return None
    return _type_index().get(_norm_type_word(str(value)))


# --------------------------------------------------------------------------- doc types

def load_yaml_data(name: str, directory: Optional[PathLike] = None) -> dict:
    """Plain data file from the package folder (e.g. negation.yaml), with file/line errors."""
    path = Path(directory or package_dir()) / name
    _compose(path)  # syntax errors with line
    with path.open(encoding="utf-8") as fh:
        data = read_yaml(fh)
    if not isinstance(data, dict):
        raise ChecklistError(path, 1, "顶层应为键值映射")
    return data


def _cues(reader: _Reader, node: Optional[Node], what: str, default_weight: float) -> tuple[DocCue, ...]:
    if node is None:
        return ()
    out = []
    for item in reader.sequence(node, what):
        if isinstance(item, ScalarNode):
            pat = reader.regex(item, what)
            out.append(DocCue(pat, default_weight, item.value))
        else:
            m = reader.mapping(item, ("pattern",), what)
            pat = reader.regex(m["pattern"], what)
            weight = reader.number(m["weight"], f"{what}.weight") if "weight" in m else default_weight
            label = reader.string(m["label"], f"{what}.label") if "label" in m else m["pattern"].value
            out.append(DocCue(pat, weight, label))
    return tuple(out)


KINDS = ("record", "rule", "plan", "pledge", "report", "other")


def load_doctypes(directory: Optional[PathLike] = None) -> tuple[dict, dict[str, DocType]]:
    """(settings, {id: DocType}) from doctypes.yaml, in file order (earlier wins ties)."""
    return _load_doctypes_cached(str(Path(directory) if directory else package_dir()))


_PATTERN_SETTINGS = ("template_name", "sheet_not_ledger_name", "blank_form_options", "blank_form_marks")


@lru_cache(maxsize=4)
def _load_doctypes_cached(directory: str) -> tuple[dict, dict[str, DocType]]:
    path = Path(directory) / "doctypes.yaml"
    reader = _Reader(path)
    root = reader.mapping(_compose(path), ("settings", "types"), "doctypes.yaml")
    settings_node = reader.mapping(root["settings"], what="settings")
    settings = {k: reader.regex(v, k).pattern if k in _PATTERN_SETTINGS else reader.number(v, k)
                for k, v in settings_node.items()}
    types: dict[str, DocType] = {}
    for node in reader.sequence(root["types"], "types"):
        m = reader.mapping(node, ("id", "name", "kind"), "文档类型")
        tid = reader.string(m["id"], "id")
        kind = reader.string(m["kind"], f"{tid}.kind")
        if kind not in KINDS:
            raise reader.fail(m["kind"], f"{tid}.kind 应为 {'/'.join(KINDS)} 之一")
        requires = None
        if "requires" in m:
            rq = reader.mapping(m["requires"], ("type", "min_score"), f"{tid}.requires")
            requires = (reader.string(rq["type"], "requires.type"), reader.number(rq["min_score"], "min_score"))
        types[tid] = DocType(
            id=tid, name=reader.string(m["name"], f"{tid}.name"), kind=kind,
            name_patterns=_cues(reader, m.get("name_patterns"), f"{tid}.name_patterns", settings.get("name_weight", 6)),
            title_patterns=_cues(reader, m.get("title_patterns"), f"{tid}.title_patterns", settings.get("title_weight", 6)),
            cues=_cues(reader, m.get("cues"), f"{tid}.cues", 1.0),
            requires=requires,
            image_bonus=reader.number(m["image_bonus"], "image_bonus") if "image_bonus" in m else 0.0,
            short_image_bonus=reader.number(m["short_image_bonus"], "short_image_bonus") if "short_image_bonus" in m else 0.0,
            extra={"image_or_name": reader.boolean(m["image_or_name"], f"{tid}.image_or_name")}
            if "image_or_name" in m else {},
        )
    for t in types.values():
        if t.requires and t.requires[0] not in types:
            raise ChecklistError(path, None, f"{t.id}.requires 引用了不存在的类型 {t.requires[0]}")
    if "other" not in types:
        raise ChecklistError(path, None, "必须定义 other 类型")
    return settings, types
