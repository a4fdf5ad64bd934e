"""dates-out-of-order: contract approval forms, bundled files (合同 + 比价/会议/审批 in one file), cited bases."""
from pipeline.flags import form_order, load_thresholds, procurement
from pipeline.models import Document, Passage, Unit

TH = load_thresholds(province="hunan", year=2025)


def unit(unit_type="qiye"):
    return Unit(folder="u1", path="/x/u1", name="某单位", unit_type=unit_type, type_source="manifest")


def doc(name, *paras, doc_type="procurement", doc_date=None):
    ps = [Passage(name, 1, t, index=i) for i, t in enumerate(paras)]
    return Document(file=name, passages=ps, pages=1, doc_type=doc_type, doc_kind="record", doc_date=doc_date)


def dates_flags(flags):
    return [f for f in flags if f.rule == "dates-out-of-order"]


# ----------------------------------------------------------------- a contract's own approval form

def _contract_form(title, signed, applied="2024年8月12日", name="设备维保合同审批单.pdf"):
    return doc(name, title, "合同名称：空压机年度维保服务合同 对方单位：某某机电设备有限公司",
               "合同金额：12.6万元", f"签订日期：{signed}", "经办部门：设备科 经办人：刘洋",
               f"申请日期：{applied}", "部门负责人审核：同意。陈方 2024年8月13日", "总经理审批：同意。吴涛 2024年8月15日")


def test_contract_form_signed_before_it_was_applied_for():
    flags = dates_flags(form_order.check([_contract_form("某某公司合同审批单", "2024年7月30日")]))
    assert len(flags) == 1 and flags[0].file == "设备维保合同审批单.pdf"
    assert "2024年7月30日" in flags[0].message


def test_contract_form_signed_after_the_last_sign_off_is_clean():
    assert dates_flags(form_order.check([_contract_form("某某公司合同审批单", "2024年8月16日")])) == []


def test_payment_form_cites_an_earlier_signing_clean():
    pay = _contract_form("某某公司合同付款审批单", "2024年7月30日", name="维保合同付款审批单.pdf")
    assert dates_flags(form_order.check([pay])) == []
