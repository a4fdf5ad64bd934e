"""The eight standards load, match the CONTRACT and the seed, and broken files are reported with file:line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from checklists import ChecklistError, load_checklist_file, load_checklists, load_doctypes, package_dir, resolve_type

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_406d525027f223a7.txt"
CONTRACT_TITLES = {
    "jiguan": ["政治建设过硬", "权力运行规范", "用人导向鲜明", "廉洁教育经常", "干部担当作为", "纪律作风严明"],
    "shanghui": ["党建引领强", "阵地建设好", "清廉思想浓", "制度执行实", "诚信守法严"],
    "cunju": ["管党治党责任实", "小微权力制约严", '集体"三资"管理好', "干部廉洁自律强", "移风易俗效果优", "群众诉求响应快"],
    "xuexiao": ["政治建设过硬", "内部管理规范", "办学规范公正", "师德师风优良", "清廉氛围浓厚"],
    "yiyuan": ["党建引领示范强", "重点环节监管严", "医德医风建设实", "医疗服务评价高", "清廉文化氛围浓"],
    "jiating": ["修身齐家树廉", "崇德治家兴廉", "勤俭持家养廉", "实干兴家固廉"],
    "jingqu": ["组织建设责任实", "景区经营管理好", "文旅建设融合深", "从业人员服务优", "规章制度执行严"],
    "qiye": ["党建示范引领好", "廉洁从业意识强", "内控机制建立全", "清廉文化氛围浓", "遵纪守法底线牢"],
}
GENERIC = {"党建", "工作", "会议", "管理", "制度", "学习", "建设"}


@pytest.fixture(scope="module")
def standards():
    return load_checklists()


def test_eight_standards_41_criteria_in_contract_order(standards):
    assert list(standards) == list(CONTRACT_TITLES)
    assert sum(len(s.criteria) for s in standards.values()) == 41
    for code, titles in CONTRACT_TITLES.items():
        std = standards[code]
        assert std.type == code and std.standard.startswith("清廉") and std.name in std.aliases
        assert [c.id for c in std.criteria] == [f"{code}.{n}" for n in range(1, len(titles) + 1)]
        assert [c.title for c in std.criteria] == titles


def test_criterion_text_is_copied_from_seed(standards):
    if not SEED.is_file():
        pytest.skip("seed not available")
    seed = re.sub(r"\s+", "", SEED.read_text(encoding="utf-8"))
    for std in standards.values():
        assert std.standard in seed
        for c in std.criteria:
            assert c.text in seed, c.id
            assert c.title in seed.replace("“", '"').replace("”", '"'), c.id


def test_indicators_are_clauses_with_enough_terms(standards):
    for std in standards.values():
        for c in std.criteria:
            assert c.indicators
            pos = -1
            for m, ind in enumerate(c.indicators, 1):
                assert ind.id == f"{c.id}.{m}"
                assert ind.clause in c.text
                assert c.text.index(ind.clause) > pos, f"{ind.id} out of text order"
                pos = c.text.index(ind.clause)
                assert ind.keywords and ind.label
                assert 6 <= len(ind.terms) <= 22, ind.id
                assert not GENERIC & set(ind.terms), ind.id
                assert all(isinstance(p, re.Pattern) for p in ind.patterns)


def test_outcome_clauses_not_core(standards):
    assert standards["jiguan"].criterion("jiguan.6").indicators[-1].core is False
    assert standards["cunju"].criterion("cunju.3").indicators[-1].core is False
    assert standards["jiguan"].criterion("jiguan.2").indicators[0].core is True


def test_indirect_phrasing_patterns(standards):
    ind = standards["jiguan"].criterion("jiguan.2").indicators[0]
    assert any(p.search("班子成员逐一发表意见后，局长最后表态") for p in ind.patterns)
    four = standards["cunju"].criterion("cunju.2").indicators[0]
    assert any(p.search("经村民代表会议表决通过") for p in four.patterns)
    assert "两委会商议" in four.terms



@pytest.mark.parametrize("cid,text", [
    ("jiguan.6", "公务车辆7台，其中6台入库封存，钥匙交值班室保管"),            # 节日公车封存 keeps 八项规定
    ("shanghui.3", "今天上午34家会员企业负责人参加旁听，庭审两个半小时"),        # a trial attended: warning education
    ("yiyuan.5", "组织中层干部旁听一起医疗领域受贿案的庭审"),
    ("jingqu.3", "固定线路：列宁小学旧址 — 红军兵工厂旧址 — 老区家风墙"),       # a route through red sites
    ("jingqu.3", "展室展出箭厂河一带苏区干部廉洁故事17个"),
    ("jiguan.5", "经乡考评小组对各片区、站所二季度重点工作亮晒比拼打分，结果如下")])
def test_records_in_their_own_words_match_a_pattern(standards, cid, text):
    unit_type = cid.split(".")[0]
    criterion = standards[unit_type].criterion(cid)
    assert any(p.search(text) for ind in criterion.indicators for p in ind.patterns), text


@pytest.mark.parametrize("value,code", [
    ("学校", "xuexiao"), ("清廉学校", "xuexiao"), ("xuexiao", "xuexiao"), ("XueXiao", "xuexiao"),
    ("清廉机关创建标准", "jiguan"), ("社区", "cunju"), ("清廉村居", "cunju"), ("企业", "qiye"),
    ("医院", "yiyuan"), ("家庭", "jiating"), ("景区", "jingqu"), ("商会", "shanghui"),
    ("火星", None), ("", None),
])
def test_resolve_type(value, code):
    assert resolve_type(value) == code


def _copy(tmp_path: Path) -> Path:
    for f in package_dir().glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def test_broken_yaml_syntax_names_file_and_line(tmp_path):
    d = _copy(tmp_path)
    lines = (d / "qiye.yaml").read_text(encoding="utf-8").splitlines()
    lines[9] = lines[9] + " [unclosed"
    (d / "qiye.yaml").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ChecklistError) as exc:
        load_checklists(d)
    assert "qiye.yaml" in str(exc.value) and exc.value.line is not None and exc.value.line >= 10


def test_bad_regex_and_empty_keywords_name_line(tmp_path):
    d = _copy(tmp_path)
    text = (d / "jiguan.yaml").read_text(encoding="utf-8")
    bad = text.replace("'第一议题'", "'第一(议题'", 1)
    (d / "jiguan.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(ChecklistError) as exc:
        load_checklist_file(d / "jiguan.yaml")
    line = next(i for i, l in enumerate(bad.splitlines(), 1) if "第一(议题" in l)
    assert exc.value.line == line and "jiguan.yaml" in str(exc.value)

    empty = text.replace("keywords: [三公经费, 公务接待, 公务用车, 因公出国, 公务卡, 接待费]", "keywords: []")
    (d / "jiguan.yaml").write_text(empty, encoding="utf-8")
    with pytest.raises(ChecklistError, match=r"jiguan\.yaml:\d+: .*keywords"):
        load_checklist_file(d / "jiguan.yaml")


def test_wrong_order_and_title_rejected(tmp_path):
    d = _copy(tmp_path)
    text = (d / "jiating.yaml").read_text(encoding="utf-8")
    (d / "jiating.yaml").write_text(text.replace("id: jiating.2\n", "id: jiating.3\n", 1), encoding="utf-8")
    with pytest.raises(ChecklistError, match="jiating.2"):
        load_checklists(d)
    (d / "jiating.yaml").write_text(text.replace("title: 崇德治家兴廉", "title: 崇德治家"), encoding="utf-8")
    with pytest.raises(ChecklistError, match="崇德治家兴廉"):
        load_checklists(d)
    (d / "jiating.yaml").write_text(text.replace("clause: \"树清廉家风，扬文明新风\"", "clause: \"树家风\""), encoding="utf-8")
    with pytest.raises(ChecklistError, match="逐字"):
        load_checklists(d)


def test_missing_required_key(tmp_path):
    d = _copy(tmp_path)
    text = (d / "jingqu.yaml").read_text(encoding="utf-8")
    (d / "jingqu.yaml").write_text(text.replace("        label: 预约购票机制\n", "", 1), encoding="utf-8")
    with pytest.raises(ChecklistError, match=r"jingqu\.yaml:\d+: .*label"):
        load_checklists(d)


def test_doctypes_load():
    settings, types = load_doctypes()
    assert set(types) == {"minutes", "collective_decision", "procurement", "training", "signin", "ledger",
                          "rules", "plan", "pledge", "report", "photo", "commendation", "periodical", "brochure", "other"}
    kinds = {t.id: t.kind for t in types.values()}
    assert kinds["minutes"] == "record" and kinds["rules"] == "rule" and kinds["plan"] == "plan"
    assert kinds["pledge"] == "pledge" and kinds["report"] == "report" and kinds["other"] == "other"
    assert types["photo"].name == "照片/公示" and settings["min_score"] > 0


def test_record_documents_must_name_a_clause_of_their_criterion(tmp_path):
    d = _copy(tmp_path)
    text = (d / "qiye.yaml").read_text(encoding="utf-8")
    assert load_checklist_file(d / "qiye.yaml").criterion("qiye.1").record_documents.clause == "qiye.1.1"
    (d / "qiye.yaml").write_text(text.replace("      clause: qiye.1.1\n", "      clause: qiye.2.1\n", 1), encoding="utf-8")
    with pytest.raises(ChecklistError, match=r"qiye\.yaml:\d+: .*record_documents"):
        load_checklist_file(d / "qiye.yaml")
