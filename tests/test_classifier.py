"""The passage classifier: trains deterministically, saves, loads offline, and the shipped model loads."""
from pathlib import Path

import pytest

from classifiers.textcat import KINDS, LabelledPassage, PassageClassifier, default_model_dir, load_data, train

LABELS = {"jiguan": ["jiguan.1", "jiguan.2", "jiguan.3", "jiguan.4", "jiguan.5", "jiguan.6"]}


@pytest.fixture(scope="module")
def small_data():
    items = [it for it in load_data() if it.unit_type == "jiguan"]
    assert len(items) >= 60, "labelled jiguan passages missing"
    return items[:160]


def _train(items, out: Path, seed: int):
    train(items, LABELS, out, seed=seed, epochs=3, holdout=0.0, log=lambda *_: None)
    return PassageClassifier.load(out)


def test_training_is_deterministic_and_loads(tmp_path: Path, small_data):
    texts = ["9月5日下午，局党组召开会议，集体研究机关办公设备采购事项，局长最后表态。",
             "组织全体干部职工观看警示教育片并撰写心得体会。"]
    a = _train(small_data, tmp_path / "a", seed=7).predict(texts, LABELS["jiguan"])
    b = _train(small_data, tmp_path / "b", seed=7).predict(texts, LABELS["jiguan"])
    assert [p.criteria for p in a] == [p.criteria for p in b]
    assert set(a[0].kind) == set(KINDS)


def test_each_component_learns_only_its_own_labels(tmp_path: Path, small_data):
    """The criteria head scores criteria and the kind head kinds: neither overwrites the other's scores."""
    clf = _train(small_data, tmp_path / "m", seed=7)
    assert set(clf.nlp.get_pipe("criteria").labels) == set(LABELS["jiguan"])
    assert set(clf.nlp.get_pipe("kind").labels) == {"KIND_" + k for k in KINDS}


def test_shipped_model_separates_topics():
    model = default_model_dir()
    if not (model / "meta.json").is_file():
        pytest.fail("the trained model is not shipped in classifiers/model; run `qinglian train`")
    clf = PassageClassifier.load(model)
    preds = clf.predict([
        "党组会议纪要：议题一，研究机关食堂外包服务采购事项；与会班子成员逐一发表意见后，局长最后表态同意。",
        "9月12日组织全体干部赴廉政教育基地参观学习，接受警示教育，共32人参加。",
    ], LABELS["jiguan"])
    assert max(preds[0].criteria, key=preds[0].criteria.get) == "jiguan.2"
    assert max(preds[1].criteria, key=preds[1].criteria.get) == "jiguan.4"
    assert max(preds[1].kind, key=preds[1].kind.get) == "record"


def test_a_text_without_words_scores_nothing_and_does_not_stop_its_batch():
    """A chat message that is only its header reaches the classifier as "" — in a batch with another text it
    made thinc's bigram extraction raise IndexError, which stopped the whole review."""
    clf = PassageClassifier.load(default_model_dir())
    cats = clf.cats(["", "报名,两个人", "   "])
    assert cats[0] == {} and cats[2] == {}
    assert cats[1] and all(0.0 <= v <= 1.0 for v in cats[1].values())
    pred = clf.predict(["", "组织全体干部观看警示教育片。"], LABELS["jiguan"])
    assert set(pred[0].criteria.values()) == {0.0}
    assert max(pred[1].criteria, key=pred[1].criteria.get) == "jiguan.4"


def test_view_is_what_training_reads(tmp_path: Path, small_data):
    """``train(view=…)`` trains on what inference reads: a view that drops every text trains on empty docs."""
    texts = ["组织全体干部职工观看警示教育片并撰写心得体会。"]
    plain = _train(small_data, tmp_path / "a", seed=7).predict(texts, LABELS["jiguan"])
    train(small_data, LABELS, tmp_path / "b", seed=7, epochs=3, holdout=0.0, log=lambda *_: None,
          view=lambda t: t[:2])
    cut = PassageClassifier.load(tmp_path / "b").predict(texts, LABELS["jiguan"])
    assert plain[0].criteria != cut[0].criteria


def test_the_classifier_reads_a_passage_under_its_heading():
    """A report's passage is classified with the bare heading it stands under (as a table row with its table's
    title); a heading ends where the next one starts, and the heading itself is not evidence."""
    from pipeline.matching import MatchConfig
    from pipeline.sections import section_headings
    from pipeline.models import Document, Passage

    lines = ["2025年上半年工作小结", "一、节假日作风检查", "元旦期间检查组开展检查5次。", "春节期间再查3次。",
             "二、干部队伍", "评出标兵2名。"]
    doc = Document(file="小结.docx", pages=1, passages=[
        Passage(file="小结.docx", page=1, text=t, source="text", index=i) for i, t in enumerate(lines)])
    heads = section_headings(doc, MatchConfig.load().report_sections)
    by_text = {p.text: heads.get(id(p)) for p in doc.passages}
    assert by_text == {"2025年上半年工作小结": None, "一、节假日作风检查": None, "元旦期间检查组开展检查5次。": "一、节假日作风检查",
                       "春节期间再查3次。": "一、节假日作风检查", "二、干部队伍": None, "评出标兵2名。": "二、干部队伍"}


def test_bad_data_line_names_file(tmp_path: Path):
    (tmp_path / "x.jsonl").write_text('{"text": "a", "kind": "record"}\n{broken\n', encoding="utf-8")
    with pytest.raises(ValueError, match="x.jsonl:2"):
        load_data(tmp_path)


def test_cached_predictions_skip_the_model_on_a_rerun(tmp_path):
    """Scores come back from the store for known passages; the model is loaded only for new text."""
    from pipeline.predictions import CachedClassifier
    from pipeline.store import Store

    model = default_model_dir()
    texts = ["2023年6月召开党组会议，集体研究决定了三项重大事项。", "组织全体党员观看警示教育片。"]
    store = Store(tmp_path / "s.sqlite")
    first = CachedClassifier(store, model)
    a = first.predict(texts, ["jiguan.1", "jiguan.2"])
    assert first.loaded
    second = CachedClassifier(store, model)
    b = second.predict(texts, ["jiguan.1", "jiguan.2"])
    assert not second.loaded and a == b
    second.predict(texts + ["新的一段文字：签订廉洁协议。"], ["jiguan.1"])
    assert second.loaded
    store.close()


def test_texts_scored_ahead_are_all_that_matching_asks_for(tmp_path):
    """What the runner scores while the last files are extracted (Matcher.classifier_texts) covers every text
    match() then asks about — titles, passages, the affirmed rest of a negated passage — so matching finds
    them all in the store and never loads the model itself; the scores are the ones it would compute."""
    from checklists import load_checklists
    from pipeline.analysis import annotate
    from pipeline.matching import Matcher, MatchConfig
    from pipeline.models import Document, Passage
    from pipeline.predictions import CachedClassifier
    from pipeline.store import Store

    lines = ["一、集体决策", "2024年3月5日召开党组会议，班子成员依次发言后局长最后表态。",
             "本年度未单独组织警示教育，已组织干部参观廉政教育基地。", "下步拟开展廉政谈话。"]
    doc = annotate(Document(file="党组会议记录.docx", pages=1, passages=[
        Passage(file="党组会议记录.docx", page=1, text=t, source="text", index=i) for i, t in enumerate(lines)]))
    standards = load_checklists()
    store = Store(tmp_path / "s.sqlite")
    ahead = CachedClassifier(store, default_model_dir())
    ahead.score_ahead(Matcher.classifier_texts(doc, MatchConfig.load()))
    assert ahead.loaded
    later = CachedClassifier(store, default_model_dir())
    scored = Matcher(standards["jiguan"], standards, MatchConfig.load(), later, "full").match([doc])
    assert not later.loaded, "match() asked about a text that was not scored ahead"
    direct = Matcher(standards["jiguan"], standards, MatchConfig.load(),
                     CachedClassifier(Store(tmp_path / "d.sqlite"), default_model_dir()), "full").match([doc])
    assert [(m.criterion, m.score, m.method) for m in scored.matches] == \
           [(m.criterion, m.score, m.method) for m in direct.matches]
    store.close()
