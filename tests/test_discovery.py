from pathlib import Path

import pytest

from pipeline.discovery import (SubmissionsRootError, discover_units, infer_type_from_folder, list_unit_files)


@pytest.mark.parametrize("name,code", [
    ("武陵源区第一中学", "xuexiao"), ("中湖乡中心学校", "xuexiao"), ("区人民医院", "yiyuan"),
    ("协合乡卫生院", "yiyuan"), ("索溪峪社区", "cunju"), ("高云村", "cunju"), ("区湖南商会", "shanghui"),
    ("黄龙洞景区", "jingqu"), ("张家界旅游开发有限公司", "qiye"), ("城投集团", "qiye"),
    ("李某某家庭", "jiating"), ("区财政局", "jiguan"), ("区卫健委", "jiguan"), ("区人民法院", "jiguan"),
    ("区人民检察院", "jiguan"), ("03_区财政局（清廉机关）", "jiguan"), ("some folder", None),
])
def test_folder_name_inference(name, code):
    assert infer_type_from_folder(name) == code


def test_discovery_manifest_and_files(tmp_path: Path):
    unit = tmp_path / "一中"
    (unit / "a" / "b").mkdir(parents=True)
    (unit / "unit.yaml").write_text("name: 第一中学\ntype: 清廉学校\nperiod: {start: 2022-08-01, end: 2022-12-31}\n",
                                    encoding="utf-8")
    (unit / "a" / "b" / "x.txt").write_text("hi", encoding="utf-8")
    (unit / "a" / "unit.yaml").write_text("nested manifest is evidence", encoding="utf-8")
    (tmp_path / "区财政局").mkdir()
    (tmp_path / "loose.txt").write_text("x", encoding="utf-8")
    units, warnings = discover_units(tmp_path)
    assert [u.folder for u in units] == ["一中", "区财政局"]
    school, bureau = units
    assert (school.name, school.unit_type, school.type_source) == ("第一中学", "xuexiao", "manifest")
    assert (school.period_start, school.period_end) == ("2022-08-01", "2022-12-31")
    assert (bureau.unit_type, bureau.type_source) == ("jiguan", "folder-name")
    assert any("loose.txt" in w for w in warnings)
    assert [f.rel for f in list_unit_files(school)] == ["a/b/x.txt", "a/unit.yaml"]


def test_bad_manifest_falls_back_to_folder_name(tmp_path: Path):
    unit = tmp_path / "区人民医院"
    unit.mkdir()
    (unit / "unit.yaml").write_text("type: [unclosed\n", encoding="utf-8")
    units, _ = discover_units(tmp_path)
    assert units[0].unit_type == "yiyuan" and units[0].type_source == "folder-name"
    assert units[0].warnings


def test_missing_root(tmp_path: Path):
    with pytest.raises(SubmissionsRootError):
        discover_units(tmp_path / "nope")
