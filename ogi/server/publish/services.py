"""Every change of the publication desk, one function each: permission, the rule of
`ogi.ledger.publication`, transaction, audit. Today's date is an argument.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ogi.ledger import LedgerError
from ogi.ledger import publication as pub

from .. import permissions
from ..audit.services import record as audit
from ..cases.services import DeskError, calendar, next_number
from ..portal.models import Generation
from .models import Attachment, Category, Item, Profile, Public, ReportPublication, Review, Tally, Version
from .search import search_text

ITEM_FIELDS = ("title", "doc_number", "publisher", "written", "topic", "genre", "art20", "category", "openness",
               "ground", "doc_kind", "validity", "effective", "validity_changed", "body", "interprets",
               "needs_interpretation")
TEXT_LIMITS = {"title": 300, "doc_number": 100, "publisher": 200, "ground": 500, "body": 200_000}
# Who takes which step of the workflow (ogi.server.permissions.RULES).
STEP_ACTION = {pub.REVIEW1: "publish.review", pub.REVIEW2: "publish.review", pub.REVIEW3: "publish.review",
               pub.SECRECY: "publish.secrecy"}


def _require(user, action: str, agency) -> None:
    if not permissions.can(user, action, agency):
        raise PermissionDenied(action)


def _clean(value: Any, limit: int) -> str:
    return str(value or "").replace("\x00", "").strip()[:limit]


def bump_generation() -> None:
    """Every public page cached before this change is stale (part of each cache key)."""
    from django.db.models import F

    if not Generation.objects.filter(pk=1).update(value=F("value") + 1):
        Generation.objects.create(pk=1, value=1)


def profile_of(agency) -> Profile:
    """The agency's registry settings (defaults until its 机关管理员 saves them)."""
    found = Profile.objects.filter(agency=agency).first()
    return found or Profile(agency=agency, index_code=f"{agency.pk:06d}")


def profile_save(actor, agency, data: dict[str, Any]) -> Profile:
    _require(actor, "publish.manage", agency)
    code = _clean(data.get("index_code"), 40)
    pattern = _clean(data.get("index_pattern"), 100) or pub.DEFAULT_INDEX_PATTERN
    if not code or not re.fullmatch(r"[0-9A-Za-z\-]+", code):
        raise DeskError("publish.E030", "机关代码只能由字母、数字和连字符组成", "the agency code takes letters, digits and -",
                        "index_code")
    try:
        pub.check_index_pattern(pattern)
    except LedgerError as err:
        raise DeskError.of(err, "index_pattern") from None
    with transaction.atomic():
        old = Profile.objects.filter(agency=agency).first()
        before = None if old is None else {"index_code": old.index_code, "index_pattern": old.index_pattern,
                                           "require_interpretation": old.require_interpretation}
        row, _ = Profile.objects.update_or_create(agency=agency, defaults={
            "index_code": code, "index_pattern": pattern,
            "require_interpretation": bool(data.get("require_interpretation"))})
        audit(actor, "publish.profile", row, before, {"index_code": code, "index_pattern": pattern,
                                                       "require_interpretation": row.require_interpretation}, agency)
    return row


def category_save(actor, agency, data: dict[str, Any], category: Category | None = None) -> Category:
    _require(actor, "publish.manage", agency)
    name, code = _clean(data.get("name"), 100), _clean(data.get("code"), 20)
    if not name or not re.fullmatch(r"[0-9A-Za-z]+", code or ""):
        raise DeskError("publish.E031", "请填写分类名称；分类编码只能由字母和数字组成",
                        "a category needs a name and a code of letters and digits", "code")
    parent = data.get("parent")
    if parent is not None and parent.agency_id != agency.pk:
        raise DeskError("publish.E032", "上级分类不属于本机关", "the parent belongs to another agency", "parent")
    node = parent
    while node is not None and category is not None:  # a node cannot become its own ancestor
        if node.pk == category.pk:
            raise DeskError("publish.E033", "上级分类不能是它自己或它的下级", "a category cannot sit below itself", "parent")
        node = node.parent
    same_code = Category.objects.filter(agency=agency, code=code)
    if category is not None:
        same_code = same_code.exclude(pk=category.pk)
    if same_code.exists():
        raise DeskError("publish.E034", f"分类编码「{code}」已被使用", f"the code {code!r} is taken", "code")
    with transaction.atomic():
        before = None if category is None else {"name": category.name, "code": category.code,
                                                "parent": category.parent_id}
        category = category or Category(agency=agency)
        category.name, category.code, category.parent = name, code, parent
        category.order = int(data.get("order") or 0)
        category.save()
        audit(actor, "publish.category", category, before,
              {"name": name, "code": code, "parent": category.parent_id}, agency)
        bump_generation()
    return category


def _values(agency, data: dict[str, Any]) -> dict[str, Any]:
    """The item's fields from a form, checked by the registry's rules."""
    out: dict[str, Any] = {}
    for f in ITEM_FIELDS:
        v = data.get(f)
        out[f] = _clean(v, TEXT_LIMITS[f]) if f in TEXT_LIMITS else v
    if not out["title"]:
        raise DeskError("publish.E040", "请填写标题", "the title is required", "title")
    if not out["publisher"]:
        raise DeskError("publish.E041", "请填写发布机构", "the publishing body is required", "publisher")
    if not isinstance(out["written"], dt.date):
        raise DeskError("publish.E042", "请填写成文日期", "the date written is required", "written")
    out["validity"] = out["validity"] or ""
    out["doc_kind"] = out["doc_kind"] or "other"
    out["openness"] = out["openness"] or pub.ACTIVE
    out["needs_interpretation"] = bool(out["needs_interpretation"])
    try:
        pub.check_metadata(doc_kind=out["doc_kind"], validity=out["validity"], openness=out["openness"],
                           ground=out["ground"], written=out["written"], effective=out["effective"],
                           validity_changed=out["validity_changed"])
    except LedgerError as err:
        raise DeskError.of(err, {"publish.E011": "ground", "publish.E014": "effective"}.get(err.code, "validity")) \
            from None
    if out["category"] is not None and out["category"].agency_id != agency.pk:
        raise DeskError("publish.E043", "目录分类不属于本机关", "the category belongs to another agency", "category")
    policy = out["interprets"]
    if policy is not None and policy.agency_id != agency.pk:
        raise DeskError("publish.E044", "只能解读本机关的政策文件", "an interpretation explains a policy of the same agency",
                        "interprets")
    return out


def _snapshot(item: Item) -> dict[str, Any]:
    out = {f: getattr(item, f"{f}_id" if f in ("category", "interprets") else f) for f in ITEM_FIELDS}
    out.update(index_no=item.index_no, state=item.state, version=item.version, formed=item.formed)
    return out


def _art26(item: Item) -> None:
    """《政府信息公开条例》 Art. 26: the limit counts from the day formed or changed (主动公开 only)."""
    item.art26_due = pub.art26_due(item.formed, calendar()) if item.openness == pub.ACTIVE else None


def item_create(actor, agency, data: dict[str, Any], today: dt.date) -> Item:
    """Register a new item as a draft, with its 索引号 by the agency's rule."""
    _require(actor, "publish.draft", agency)
    values = _values(agency, data)
    if values["written"] > today:
        raise DeskError("publish.E045", "成文日期不能晚于今天", "the date written cannot be in the future", "written")
    profile = profile_of(agency)
    with transaction.atomic():
        category_code = values["category"].code if values["category"] else "00"
        year = values["written"].year
        seq = next_number(agency, year, f"index-{category_code}"[:30])
        try:
            index_no = pub.index_number(profile.index_pattern, profile.index_code, year, category_code, seq)
        except LedgerError as err:
            raise DeskError.of(err) from None
        while Item.objects.filter(index_no=index_no).exists():  # a rule changed mid-year: skip used numbers
            seq = next_number(agency, year, f"index-{category_code}"[:30])
            index_no = pub.index_number(profile.index_pattern, profile.index_code, year, category_code, seq)
        item = Item(agency=agency, index_no=index_no, created_by=actor if actor.is_authenticated else None,
                    formed=values["written"], **values)
        try:
            _art26(item)
        except LedgerError as err:
            raise DeskError.of(err, "written") from None
        item.save()
        audit(actor, "publish.create", item, None, _snapshot(item), agency)
    return item


def item_update(actor, item: Item, data: dict[str, Any], today: dt.date) -> Item:
    """Edit a draft (or a returned item); the 索引号 stays."""
    _require(actor, "publish.draft", item.agency)
    if item.state not in pub.EDITABLE:
        raise DeskError("publish.E046", "只有草稿或已退回的信息可以修改；已发布的请先“修订”生成新版本",
                        "only drafts and returned items can be edited; revise a published one")
    values = _values(item.agency, data)
    if values["written"] > today:
        raise DeskError("publish.E045", "成文日期不能晚于今天", "the date written cannot be in the future", "written")
    if values["interprets"] is not None and values["interprets"].pk == item.pk:
        raise DeskError("publish.E047", "不能解读自己", "an item cannot interpret itself", "interprets")
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        before = _snapshot(item)
        for k, v in values.items():
            setattr(item, k, v)
        if item.version == 1:
            item.formed = item.written
        try:
            _art26(item)
        except LedgerError as err:
            raise DeskError.of(err, "written") from None
        item.save()
        audit(actor, "publish.update", item, before, _snapshot(item), item.agency)
    return item


def _partner_ready(item: Item, profile: Profile) -> tuple[bool, bool]:
    """(does the item wait for a partner?, is the partner approved?) — 同步发布 of policy and 解读."""
    ok = (pub.READY, pub.PUBLISHED)
    if not profile.require_interpretation:
        return False, True
    if item.needs_interpretation and not item.is_interpretation:
        return True, item.interpretations.filter(state__in=ok).exists()
    policy = item.interprets
    if policy is not None and policy.needs_interpretation:
        return True, policy.state in ok
    return False, True


def _publish(actor, item: Item, today: dt.date) -> None:
    """Make the reviewed content public: a version of the history and the public row."""
    item.state = pub.PUBLISHED
    item.published = today
    item.first_published = item.first_published or today
    item.withdrawn = None
    item.save()
    content = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in _snapshot(item).items()}
    Version.objects.update_or_create(item=item, number=item.version,
                                     defaults={"published": today, "content": content})
    files = [{"id": a.pk, "name": a.name, "kind": a.kind, "size": a.size}
             for a in item.attachments.filter(removed=False).order_by("id")]
    Public.objects.update_or_create(item=item, defaults={
        "agency": item.agency, "index_no": item.index_no, "title": item.title, "doc_number": item.doc_number,
        "publisher": item.publisher, "written": item.written, "published": today, "topic": item.topic,
        "genre": item.genre, "art20": item.art20, "category": item.category, "doc_kind": item.doc_kind,
        "validity": item.validity, "effective": item.effective, "validity_changed": item.validity_changed,
        "body": item.body, "version": item.version, "attachments": files, "interprets": item.interprets,
        "search": search_text(item.title, item.doc_number, item.index_no, item.body)})
    audit(actor, "publish.publish", item, None, {"version": item.version, "published": today}, item.agency)
    bump_generation()


def _publish_if_ready(actor, item: Item, today: dt.date) -> str:
    """Publish an item that passed every review, and its partner when both are ready now."""
    if item.state != pub.READY:
        return ""
    profile = profile_of(item.agency)
    waits, ready = _partner_ready(item, profile)
    ok, why = pub.publishable(item.openness, waits, ready)
    if not ok:
        return why
    _publish(actor, item, today)
    policy = item.interprets
    partners = list(item.interpretations.filter(state=pub.READY)) if policy is None else \
        [policy] if policy.state == pub.READY else []
    for other in partners:
        other = Item.objects.select_for_update().get(pk=other.pk)
        _publish_if_ready(actor, other, today)
    return ""


def item_act(actor, item: Item, action: str, opinion: str, today: dt.date) -> str:
    """Take one step of the workflow; returns a note for the user (e.g. why it waits)."""
    opinion = _clean(opinion, 2000)
    state = item.state
    perm: str | None
    if action in (pub.PASS, pub.REJECT):
        perm = STEP_ACTION.get(state, "publish.review")
    else:
        perm = {pub.SUBMIT: "publish.draft", pub.REVISE: "publish.draft", pub.WITHDRAW: "publish.withdraw"}.get(action)
        if perm is None:
            raise DeskError("publish.E050", f"未知的操作「{action}」", f"unknown action {action!r}")
    _require(actor, perm, item.agency)
    with transaction.atomic():
        item = Item.objects.select_for_update(of=("self",)).select_related("agency", "interprets").get(pk=item.pk)
        if item.state != state:
            raise DeskError("publish.E051", "该信息的状态已被他人改变，请刷新后重试", "someone changed the item; reload")
        try:
            new_state = pub.transition(item.state, action, has_reason=bool(opinion))
        except LedgerError as err:
            raise DeskError.of(err, "opinion") from None
        if action == pub.SUBMIT and item.openness == pub.ACTIVE and not item.body.strip() and \
                not item.attachments.filter(removed=False).exists():
            raise DeskError("publish.E052", "正文和附件不能都为空", "an item needs a body or an attachment", "body")
        before = _snapshot(item)
        Review.objects.create(item=item, version=item.version, step=item.state, action=action, opinion=opinion,
                              user=actor, username=(actor.get_full_name() or actor.username), date=today)
        item.state = new_state
        if action == pub.WITHDRAW:
            item.withdrawn = today
            Public.objects.filter(item=item).delete()
            bump_generation()
        elif action == pub.REVISE:
            item.version += 1
            item.formed = today  # Art. 26: a change starts the 20 working days again
            _art26(item)
        item.save()
        audit(actor, f"publish.{action}", item, before, {**_snapshot(item), "opinion": opinion}, item.agency)
        return _publish_if_ready(actor, item, today)


KIND_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}


def attachment_kind(data: bytes) -> str | None:
    """PDF, DOCX or XLSX judged by the content, never by the name."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def clean_filename(name: str) -> str:
    name = re.sub(r"[\x00-\x1f\x7f/\\]", "", str(name or "")).strip().lstrip(".")
    return name[-200:] or "附件"


def attachment_add(actor, item: Item, name: str, data: bytes) -> Attachment:
    _require(actor, "publish.draft", item.agency)
    if item.state not in pub.EDITABLE:
        raise DeskError("publish.E060", "只有草稿或已退回的信息可以添加附件", "attachments go on drafts only", "file")
    limit = settings.MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise DeskError("publish.E061", f"附件超过 {limit / 1_000_000:.1f} MB 上限", f"the file exceeds {limit} bytes",
                        "file")
    kind = attachment_kind(data)
    name = clean_filename(name)
    if kind is None or not name.lower().endswith(KIND_SUFFIX[kind]):
        raise DeskError("publish.E062", "附件只接受 PDF、DOCX、XLSX 文件（按内容判断，扩展名须一致）",
                        "attachments are PDF, DOCX or XLSX (judged by content; the name must match)", "file")
    with transaction.atomic():
        att = Attachment.objects.create(item=item, name=name, kind=kind, size=len(data), data=data,
                                        sha256=hashlib.sha256(data).hexdigest(), added_in=item.version)
        audit(actor, "publish.attach", item, None, {"attachment": name, "size": len(data), "kind": kind}, item.agency)
    return att


def attachment_remove(actor, att: Attachment) -> None:
    item = att.item
    _require(actor, "publish.draft", item.agency)
    if item.state not in pub.EDITABLE:
        raise DeskError("publish.E063", "只有草稿或已退回的信息可以删除附件", "attachments leave drafts only")
    with transaction.atomic():
        Attachment.objects.filter(pk=att.pk).update(removed=True)
        audit(actor, "publish.detach", item, {"attachment": att.name}, None, item.agency)


# -- table 2: tallies and the composed report -------------------------------------------------

def tally_kinds() -> dict[str, str]:
    """Tally kind → its Chinese row label (from ogi.formats, newest format first)."""
    from ogi import formats
    from ogi.ledger.records import TALLY_KINDS

    labels: dict[str, str] = {}
    for fmt in reversed(list(formats.all_formats())):
        for row in fmt.by_role(formats.ARTICLE20).rows:
            for kind in row.counts:  # the kind of record the row counts
                labels.setdefault(kind, row.label)
    return {k: labels.get(k, k) for k in TALLY_KINDS}


def _number(text: Any, what: str, decimal: bool = False):
    text = str(text if text is not None else "").strip().replace(",", "")
    if text in ("", "-", "—", "/"):
        return None
    try:
        value = Decimal(text) if decimal else int(text)
    except (ValueError, InvalidOperation):
        raise DeskError("publish.E070", f"「{what}」应为{'数字' if decimal else '整数'}：{text[:30]}",
                        f"{what} must be a number: {text[:30]!r}") from None
    if value < 0 or value > 10**12:
        raise DeskError("publish.E071", f"「{what}」超出范围：{text[:30]}", f"{what} out of range") from None
    return value


def tally_save(actor, agency, year: int, kind: str, decisions=None, items=None, amount=None) -> Tally:
    _require(actor, "publish.tally", agency)
    kinds = tally_kinds()
    if kind not in kinds:
        raise DeskError("publish.E072", f"未知的统计类别「{kind}」", f"unknown tally kind {kind!r}", "kind")
    if not 2008 <= int(year) <= 2100:
        raise DeskError("publish.E073", "年度应在 2008 至 2100 之间", "the year must be 2008–2100", "year")
    with transaction.atomic():
        old = Tally.objects.filter(agency=agency, year=year, kind=kind).first()
        before = None if old is None else {"decisions": old.decisions, "items": old.items, "amount": old.amount}
        row, _ = Tally.objects.update_or_create(agency=agency, year=year, kind=kind, defaults={
            "decisions": decisions, "items": items, "amount": amount})
        audit(actor, "publish.tally", row, before, {"year": year, "kind": kind, "decisions": decisions,
                                                     "items": items, "amount": amount}, agency)
    return row


TALLY_COLUMNS = {"year": ("年度", "year"), "kind": ("类别", "kind"), "decisions": ("处理决定数量", "decisions"),
                 "items": ("事项数量", "items"), "amount": ("金额（元）", "amount")}


def tally_import_csv(actor, agency, raw: bytes) -> int:
    """Import tallies from CSV (年度,类别,处理决定数量,事项数量,金额（元）), all or nothing."""
    import csv

    _require(actor, "publish.tally", agency)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise DeskError("publish.E074", "CSV 文件编码无法识别（请用 UTF-8 或 GB18030）",
                            "unreadable CSV encoding (use UTF-8 or GB18030)", "file") from None
    reader = csv.DictReader(io.StringIO(text))
    header = {(h or "").strip(): h for h in (reader.fieldnames or [])}
    column = {}
    for key, names in TALLY_COLUMNS.items():
        column[key] = next((header[n] for n in names if n in header), None)
    if column["year"] is None or column["kind"] is None:
        raise DeskError("publish.E075", "CSV 须有“年度”和“类别”两列", "the CSV needs the columns 年度 and 类别", "file")
    by_label = {v: k for k, v in tally_kinds().items()} | {k: k for k in tally_kinds()}
    rows, errors = [], []
    for n, row in enumerate(reader, 2):
        try:
            kind = by_label.get((row.get(column["kind"]) or "").strip())
            if kind is None:
                raise DeskError("publish.E072", f"未知的统计类别「{(row.get(column['kind']) or '')[:30]}」",
                                "unknown tally kind")
            year = _number(row.get(column["year"]), "年度")
            if year is None or not 2008 <= year <= 2100:
                raise DeskError("publish.E073", "年度应在 2008 至 2100 之间", "the year must be 2008–2100")
            vals = {k: _number(row.get(column[k]), TALLY_COLUMNS[k][0], k == "amount") if column[k] else None
                    for k in ("decisions", "items", "amount")}
            rows.append((year, kind, vals))
        except DeskError as err:
            errors.append(f"第{n}行：{err.zh}")
        if n > 10_000:
            errors.append("超过 10000 行")
            break
    if errors:
        raise DeskError("publish.E076", "；".join(errors[:20]), "rows the import cannot take", "file")
    with transaction.atomic():
        for year, kind, vals in rows:
            tally_save(actor, agency, year, kind, **vals)
    return len(rows)


def documents_of(agency):
    """The agency's 规章 and 规范性文件 as `ogi.ledger.records.RegulatoryDocument` (table 2, Art. 20 (1))."""
    from ogi.ledger.records import RegulatoryDocument

    out = []
    gone = (pub.REPEALED, pub.EXPIRED)
    for it in Item.objects.filter(agency=agency, doc_kind__in=("rules", "normative"), first_published__isnull=False) \
            .exclude(state=pub.WITHDRAWN).order_by("id"):
        out.append(RegulatoryDocument(id=it.index_no, kind=it.doc_kind, title=it.title, issued=it.written,
                            published=it.first_published,
                            repealed=it.validity_changed if it.validity in gone else None))
    return out


def agency_ledger(agency):
    """The whole ledger of the agency: applications and cases (依申请公开 desk), documents from the
    registry and the tallies (this desk) — what `ogi.ledger.compose` turns into the report."""
    from ogi.ledger.records import Tally as LedgerTally

    from ..cases.report import agency_ledger as cases_ledger

    ledger = cases_ledger(agency)
    ledger.documents = documents_of(agency)
    ledger.tallies = [LedgerTally(kind=t.kind, year=t.year, decisions=t.decisions, items=t.items,
                                  amount=float(t.amount) if t.amount is not None else None)
                      for t in Tally.objects.filter(agency=agency)]
    return ledger


def report_compose(agency, year: int, published: dt.date | None = None):
    from ogi.ledger import compose

    return compose(agency_ledger(agency), year, published=published)


def report_publish(actor, agency, year: int, today: dt.date) -> ReportPublication:
    """Compose the agency's annual report (Art. 49, 50) and publish it on its column."""
    from ogi.render import render

    _require(actor, "publish.report", agency)
    if not 2008 <= year < today.year:  # Art. 49: the report covers a year that has ended
        raise DeskError("publish.E080", "只能发布已结束年度的年度报告", "only a year that has ended can be reported", "year")
    report = report_compose(agency, year, published=today)
    docx = render([report], "docx")
    with transaction.atomic():
        row, created = ReportPublication.objects.update_or_create(agency=agency, year=year, defaults={
            "published": today, "report": report.to_json(), "docx": docx, "pdf": None, "pdf_state": "pending"})
        audit(actor, "publish.report", row, None, {"year": year, "published": today}, agency)
        bump_generation()

        def enqueue() -> None:
            from .tasks import render_report_pdf

            render_report_pdf.enqueue(row.pk)

        transaction.on_commit(enqueue)
    return row
