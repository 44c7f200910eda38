"""The publication desk's services: 三审 and 保密审查, rejection, versions, withdrawal, 索引号,
Art. 26 limits, 同步发布 of policies and 解读, attachments, and table 2 from the registry."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied

from ogi.ledger import default_calendar
from ogi.ledger import publication as pub
from ogi.server.audit.models import Entry
from ogi.server.cases.services import DeskError
from ogi.server.publish import services
from ogi.server.publish.models import Public, Review

from .conftest import TODAY
from .pubkit import draft, publish, through_reviews

D = dt.date.fromisoformat


def test_nothing_goes_public_before_every_review(world):
    u = world["users"]
    item = draft(u["clerk"], world["a"])
    assert item.index_no == f"{world['a'].pk:06d}/2026-00-00001" and item.state == "draft"
    services.item_act(u["clerk"], item, "submit", "", TODAY)
    for step in ("review1", "review2", "review3"):
        item.refresh_from_db()
        assert item.state == step and not Public.objects.exists()
        with pytest.raises(PermissionDenied):  # a 经办人 cannot review, a 保密审查员 cannot take 三审
            services.item_act(u["clerk"], item, "pass", "", TODAY)
        with pytest.raises(PermissionDenied):
            services.item_act(u["secrecy"], item, "pass", "", TODAY)
        services.item_act(u["approver"], item, "pass", f"{step}同意", TODAY)
    item.refresh_from_db()
    assert item.state == "secrecy" and not Public.objects.exists()
    with pytest.raises(PermissionDenied):  # only the 保密审查员 signs the confidentiality review
        services.item_act(u["approver"], item, "pass", "", TODAY)
    services.item_act(u["secrecy"], item, "pass", "经审查不涉及国家秘密", TODAY)
    item.refresh_from_db()
    assert (item.state, item.published, item.version) == ("published", TODAY, 1)
    public = Public.objects.get(item=item)
    assert public.title == item.title and public.version == 1
    steps = list(Review.objects.filter(item=item).values_list("step", "action", "username"))
    assert steps == [("draft", "submit", "clerk姓名"), ("review1", "pass", "approver姓名"),
                     ("review2", "pass", "approver姓名"), ("review3", "pass", "approver姓名"),
                     ("secrecy", "pass", "secrecy姓名")]
    assert Review.objects.filter(item=item, step="secrecy").get().opinion == "经审查不涉及国家秘密"
    assert Entry.objects.filter(action="publish.publish", object_id=str(item.pk)).count() == 1


def test_a_rejection_returns_the_item_with_its_reason(world):
    u = world["users"]
    item = draft(u["clerk"], world["a"])
    services.item_act(u["clerk"], item, "submit", "", TODAY)
    item.refresh_from_db()
    with pytest.raises(DeskError) as err:
        services.item_act(u["approver"], item, "reject", "", TODAY)
    assert err.value.code == "publish.E002"
    services.item_act(u["approver"], item, "reject", "文号有误", TODAY)
    item.refresh_from_db()
    assert item.state == "returned" and not Public.objects.exists()
    assert item.reviews.last().opinion == "文号有误"
    services.item_update(u["clerk"], item, {**_fields(item), "doc_number": "青应急发〔2026〕2号"}, TODAY)
    through_reviews(world, item)
    assert Public.objects.get(item=item).doc_number == "青应急发〔2026〕2号"


def _fields(item):
    return {f: getattr(item, f) for f in services.ITEM_FIELDS}


def test_a_published_item_is_revised_as_a_new_version_and_withdrawn_with_a_reason(world):
    u = world["users"]
    item = publish(world)
    services.item_act(u["clerk"], item, "revise", "更正错字", TODAY)
    item.refresh_from_db()
    assert (item.state, item.version, item.formed) == ("draft", 2, TODAY)
    services.item_update(u["clerk"], item, {**_fields(item), "body": "修订后的正文"}, TODAY)
    assert Public.objects.get(item=item).body != "修订后的正文"  # the reviewed version stays public meanwhile
    through_reviews(world, item)
    assert Public.objects.get(item=item).body == "修订后的正文"
    assert [v.number for v in item.versions.all()] == [1, 2]
    assert item.versions.get(number=1).content["body"].startswith("各乡镇")
    with pytest.raises(DeskError):
        services.item_act(u["approver"], item, "withdraw", "", TODAY)
    services.item_act(u["approver"], item, "withdraw", "已被新文件替代", TODAY)
    item.refresh_from_db()
    assert item.state == "withdrawn" and not Public.objects.filter(item=item).exists()


def test_a_published_item_cannot_be_edited_in_place(world):
    item = publish(world)
    with pytest.raises(DeskError) as err:
        services.item_update(world["users"]["clerk"], item, _fields(item), TODAY)
    assert err.value.code == "publish.E046"


def test_index_numbers_follow_the_agency_rule(world):
    a, admin, clerk = world["a"], world["users"]["admin"], world["users"]["clerk"]
    services.profile_save(admin, a, {"index_code": "11150105MB1", "index_pattern": "{code}-{category}-{year}-{seq:04d}"})
    cat = services.category_save(admin, a, {"name": "安全生产", "code": "AQ"})
    first = draft(clerk, a, category=cat)
    second = draft(clerk, a, category=cat)
    other = draft(clerk, a)
    assert (first.index_no, second.index_no, other.index_no) == (
        "11150105MB1-AQ-2026-0001", "11150105MB1-AQ-2026-0002", "11150105MB1-00-2026-0001")
    with pytest.raises(DeskError):
        services.profile_save(admin, a, {"index_code": "X", "index_pattern": "{year}-{seq}"})  # no agency code
    with pytest.raises(PermissionDenied):
        services.profile_save(clerk, a, {"index_code": "X"})


def test_category_tree_refuses_cycles(world):
    admin, a = world["users"]["admin"], world["a"]
    top = services.category_save(admin, a, {"name": "规划", "code": "GH"})
    sub = services.category_save(admin, a, {"name": "专项规划", "code": "GH1", "parent": top})
    with pytest.raises(DeskError) as err:
        services.category_save(admin, a, {"name": "规划", "code": "GH", "parent": sub}, top)
    assert err.value.code == "publish.E033"
    assert sub.path_names() == "规划 › 专项规划"


def test_metadata_rules(world):
    clerk, a = world["users"]["clerk"], world["a"]
    with pytest.raises(DeskError) as err:
        draft(clerk, a, openness="not_public")
    assert err.value.code == "publish.E011"
    with pytest.raises(DeskError) as err:
        draft(clerk, a, doc_kind="normative")
    assert err.value.code == "publish.E012"
    with pytest.raises(DeskError) as err:
        draft(clerk, a, doc_kind="normative", validity="repealed")
    assert err.value.code == "publish.E013"
    with pytest.raises(DeskError):
        draft(clerk, a, written=TODAY + dt.timedelta(days=1))
    item = draft(clerk, a, openness="on_request", ground="涉及正在调查的事项")
    assert item.art26_due is None


def test_only_active_disclosure_goes_public(world):
    item = draft(world["users"]["clerk"], world["a"], openness="on_request", ground="第三十六条")
    note = through_reviews(world, item)
    assert item.state == "ready" and "依申请公开" in note and not Public.objects.exists()


def test_art26_limit_on_the_working_day_calendar():
    cal = default_calendar()
    # formed on 2026-02-10: the 20 working days step over the Spring Festival holiday and its 调休
    # Saturday, to 2026-03-16 (the same count as the desk's Art. 33 deadline of that day).
    assert pub.art26_due(D("2026-02-10"), cal) == D("2026-03-16")
    assert pub.art26_due(D("2026-03-02"), cal) == D("2026-03-30")  # no holiday: four calendar weeks
    late = pub.art26_standing(D("2026-02-10"), D("2026-03-18"), cal)
    assert late.bucket == "overdue" and late.days_left == -2
    soon = pub.art26_standing(D("2026-02-10"), D("2026-03-10"), cal)
    assert soon.bucket == "soon" and soon.days_left == 4
    assert pub.art26_standing(D("2026-03-02"), D("2026-03-03"), cal).bucket == "ok"


def test_the_desk_shows_items_near_or_past_the_limit(world):
    from ogi.server.publish import selectors

    clerk = world["users"]["clerk"]
    old = draft(clerk, world["a"], written=D("2026-01-05"), title="逾期的信息")
    new = draft(clerk, world["a"], written=D("2026-03-10"), title="新信息")
    _mine, pending = selectors.desk_for(world["users"]["approver"], TODAY)
    by_title = {i.title: s for i, s in pending}
    assert by_title[old.title].bucket == "overdue" and by_title[new.title].bucket == "ok"


def test_policy_waits_for_its_interpretation(world):
    u, a = world["users"], world["a"]
    services.profile_save(u["admin"], a, {"index_code": "QYJ", "require_interpretation": True})
    policy = draft(u["clerk"], a, title="青山县安全生产专项整治三年行动方案", genre="方案", needs_interpretation=True)
    note = through_reviews(world, policy)
    assert policy.state == "ready" and "同步发布" in note and not Public.objects.exists()
    reading = draft(u["clerk"], a, title="《青山县安全生产专项整治三年行动方案》政策解读", genre="政策解读",
                    interprets=policy)
    services.item_act(u["clerk"], reading, "submit", "", TODAY)
    reading.refresh_from_db()
    services.item_act(u["approver"], reading, "reject", "解读口径需调整", TODAY)
    policy.refresh_from_db()
    assert policy.state == "ready" and not Public.objects.exists()  # a returned 解读 does not release it
    through_reviews(world, reading)
    policy.refresh_from_db()
    assert reading.state == "published" and policy.state == "published"
    assert set(Public.objects.values_list("item_id", flat=True)) == {policy.pk, reading.pk}


def test_without_the_agency_option_a_policy_goes_alone(world):
    policy = publish(world, needs_interpretation=True)
    assert policy.state == "published"


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def test_attachments_judged_by_content_and_size(world, settings):
    clerk = world["users"]["clerk"]
    item = draft(clerk, world["a"])
    att = services.attachment_add(clerk, item, "../../方案.docx", _docx())
    assert att.kind == "docx" and att.name == "方案.docx"
    for name, data, code in [("x.pdf", b"MZ\x90\x00", "publish.E062"), ("x.pdf", _docx(), "publish.E062"),
                             ("big.pdf", b"%PDF-" + b"0" * settings.MAX_UPLOAD_BYTES, "publish.E061")]:
        with pytest.raises(DeskError) as err:
            services.attachment_add(clerk, item, name, data)
        assert err.value.code == code
    services.attachment_add(clerk, item, "表.pdf", b"%PDF-1.4 test")
    through_reviews(world, item)
    assert [a["name"] for a in Public.objects.get(item=item).attachments] == ["方案.docx", "表.pdf"]
    with pytest.raises(DeskError):
        services.attachment_add(clerk, item, "late.pdf", b"%PDF-1.4")  # not on a published version


def test_table2_from_the_registry_and_the_tallies_passes_ogi_check(world):
    from ogi.check import check, has_errors

    u, a = world["users"], world["a"]
    # 2025: two normative documents made and published, one of them repealed in 2025; one rule
    publish(world, title="规范性文件甲", doc_kind="normative", validity="in_force", written=D("2025-03-01"))
    publish(world, title="规范性文件乙", doc_kind="normative", validity="repealed", written=D("2025-04-01"),
            validity_changed=D("2025-11-30"))
    publish(world, title="规章丙", doc_kind="rules", validity="in_force", written=D("2025-06-01"))
    draft(u["clerk"], a, title="未发布的规范性文件", doc_kind="normative", validity="in_force", written=D("2025-05-01"))
    n = services.tally_import_csv(u["clerk"], a, "年度,类别,处理决定数量,事项数量,金额（元）\n2025,行政许可,120,,\n"
                                  "2025,行政处罚,33,,\n2025,行政强制,2,,\n2025,行政事业性收费,,,245000\n".encode())
    assert n == 4
    report = services.report_compose(a, 2025, published=D("2026-01-20"))
    cells = report.to_json()["cells"]
    # written 2025 but published on TODAY (2026): the 2021 format counts 制发 by the date made
    assert cells["active.normative.issued"] == 2 and cells["active.normative.repealed"] == 1
    assert cells["active.normative.in_force"] == 1 and cells["active.rules.issued"] == 1
    assert cells["active.licensing.decisions"] == 120 and cells["active.penalty.decisions"] == 33
    assert cells["active.coercion.decisions"] == 2 and cells["active.fees.amount"] == 24.5
    assert not has_errors(check(report)), [f.zh for f in check(report) if f.severity == "error"]


def test_the_published_report_passes_the_ogi_check_command(world, tmp_path):
    """The report published on the column (composed from the registry and the tallies), as the
    public downloads it, read back by the `ogi check` command itself: table 2 as the registry holds
    it, exit status 0 (no error)."""
    import json
    import subprocess
    import sys

    from django.test import Client

    u, a = world["users"], world["a"]
    publish(world, title="规范性文件甲", doc_kind="normative", validity="in_force", written=D("2025-03-01"))
    publish(world, title="规章丙", doc_kind="rules", validity="in_force", written=D("2025-06-01"))
    services.tally_import_csv(u["clerk"], a, "年度,类别,处理决定数量,事项数量,金额（元）\n2025,行政许可,120,,\n".encode())
    services.report_publish(u["admin"], a, 2025, D("2026-01-20"))
    docx = Client().get(f"/gk/agency/{a.pk}/reports/2025.docx")
    assert docx.status_code == 200
    path = tmp_path / "report.docx"
    path.write_bytes(docx.content)
    done = subprocess.run([sys.executable, "-m", "ogi", "check", str(path), "--format", "json"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    out = json.loads(done.stdout)
    doc = out[0] if isinstance(out, list) else out
    assert not [f for f in doc["findings"] if f["severity"] == "error"]
    parsed = subprocess.run([sys.executable, "-m", "ogi", "parse", str(path), "--format", "json"], capture_output=True,
                            text=True, timeout=120)
    cells = json.loads(parsed.stdout)["cells"]
    assert cells["active.normative.issued"] == 1 and cells["active.rules.issued"] == 1
    assert cells["active.licensing.decisions"] == 120


def test_tally_csv_refuses_bad_rows_all_or_nothing(world):
    clerk, a = world["users"]["clerk"], world["a"]
    with pytest.raises(DeskError) as err:
        services.tally_import_csv(clerk, a, "年度,类别,处理决定数量\n2025,行政许可,12\n2025,火星许可,3\n2025,行政处罚,-1\n".encode())
    assert "第3行" in err.value.zh and "第4行" in err.value.zh
    assert not a.tallies.exists()
    with pytest.raises(DeskError):
        services.tally_import_csv(clerk, a, b"\xff\xfe\x00bad")
    with pytest.raises(PermissionDenied):
        services.tally_import_csv(world["users"]["secrecy"], a, "年度,类别\n".encode())
