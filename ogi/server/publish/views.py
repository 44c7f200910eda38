"""Pages of the publication desk. Thin: parse the request, call a selector or a service, render."""

from __future__ import annotations

from typing import cast

from django import forms as dj_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ogi.ledger import LedgerError
from ogi.ledger import publication as pub

from .. import permissions
from ..cases.services import DeskError
from ..cases.transfer_views import UploadError, read_upload
from ..orgs.models import Agency
from . import forms, selectors, services
from .models import Attachment, Category, Public, ReportPublication, Tally


def today():
    return timezone.localdate()


def _error(form, err: DeskError) -> None:
    form.add_error(err.field if err.field in form.fields else None, f"{err.zh} / {err.en}")


def _agency(request, agency_id: int, action: str) -> Agency:
    agency = get_object_or_404(permissions.agencies(request.user, "publish.view"), pk=agency_id)
    if not permissions.can(request.user, action, agency):
        raise PermissionDenied
    return agency


@require_GET
@login_required
def desk(request):
    if not permissions.can(request.user, "publish.view"):
        raise PermissionDenied
    try:
        mine, pending = selectors.desk_for(request.user, today())
    except LedgerError as err:
        messages.error(request, f"{err.zh} / {err.en}")
        mine, pending = [], []
    words = {"publish.draft": "待提交或已退回", "publish.review": "待我审核（初审、复审、终审）",
             "publish.secrecy": "待保密审查"}
    return render(request, "publish/desk.html", {
        "mine": [(words[a], rows) for a, rows in mine], "pending": pending, "today": today(),
        "agencies": permissions.agencies(request.user, "publish.view")[:50]})


@require_GET
@login_required
def items(request):
    if not permissions.can(request.user, "publish.view"):
        raise PermissionDenied
    form = forms.SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "publish/items.html", {"form": form, "page": None}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    qs = selectors.search(request.user, data.get("q", ""), data.get("state", ""))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "publish/items.html", {"form": form, "page": page})


def _item_form(request, agencies, item=None, data=None):
    agency = item.agency if item else None
    if agency is None and data is not None:
        agency = agencies.filter(pk=data.get("agency") or 0).first()
    initial = None
    if item is not None:
        initial = {f: getattr(item, f) for f in services.ITEM_FIELDS}
        initial["agency"] = item.agency
    elif agencies.count() == 1:
        agency = agencies.first()
        initial = {"publisher": agency.name, "agency": agency, "written": today()}
    else:
        initial = {"written": today()}
    return forms.ItemForm(data, agencies=agencies, agency=agency, initial=initial)


@require_http_methods(["GET", "POST"])
@login_required
def create(request):
    agencies = permissions.agencies(request.user, "publish.draft")
    if not agencies.exists():
        raise PermissionDenied
    form = _item_form(request, agencies, data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.item_create(request.user, form.cleaned_data["agency"], form.cleaned_data, today())
            except DeskError as err:
                _error(form, err)
            else:
                messages.success(request, f"已登记：{item.index_no}")
                return redirect("publish:detail", pk=item.pk)
        status = 400
    return render(request, "publish/edit.html", {"form": form, "item": None}, status=status)


def _visible(request, pk):
    return get_object_or_404(selectors.items_visible_to(request.user), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk):
    item = _visible(request, pk)
    if not permissions.can(request.user, "publish.draft", item.agency):
        raise PermissionDenied
    agencies = Agency.objects.filter(pk=item.agency_id)
    form = _item_form(request, agencies, item=item, data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.item_update(request.user, item, form.cleaned_data, today())
            except DeskError as err:
                _error(form, err)
            else:
                messages.success(request, "已保存")
                return redirect("publish:detail", pk=item.pk)
        status = 400
    return render(request, "publish/edit.html", {"form": form, "item": item}, status=status)


def _offered(request, item) -> list[tuple[str, str]]:
    """The actions the workflow offers now that this user may take."""
    out = []
    for action in pub.offered(item.state):
        if action in (pub.PASS, pub.REJECT):
            perm = services.STEP_ACTION.get(item.state, "publish.review")
        else:
            perm = {pub.SUBMIT: "publish.draft", pub.REVISE: "publish.draft", pub.WITHDRAW: "publish.withdraw"}[action]
        if permissions.can(request.user, perm, item.agency):
            words = pub.ACTION_WORDS[action][0]
            if action == pub.PASS:
                words = f"{pub.STEP_WORDS[item.state][0]}通过"
            out.append((action, words))
    return out


def _detail(request, item, act_form=None, attach_form=None, status=200):
    try:
        standing = selectors.standing(item, today())
    except LedgerError:
        standing = None
    public = Public.objects.filter(item=item).only("version", "published").first()
    return render(request, "publish/detail.html", {
        "item": item, "reviews": item.reviews.select_related("user"), "versions": item.versions.all(),
        "attachments": item.attachments.filter(removed=False).defer("data"), "standing": standing,
        "actions": _offered(request, item), "act_form": act_form or forms.ActForm(),
        "attach_form": attach_form or forms.AttachForm(), "public": public,
        "interpretations": item.interpretations.all(),
        "can_draft": permissions.can(request.user, "publish.draft", item.agency) and item.state in pub.EDITABLE,
        "show_versions": request.GET.get("versions") == "1",
        "profile": services.profile_of(item.agency)}, status=status)


@require_GET
@login_required
def detail(request, pk):
    return _detail(request, _visible(request, pk))


@require_POST
@login_required
def act(request, pk):
    item = _visible(request, pk)
    form = forms.ActForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, act_form=form, status=400)
    try:
        note = services.item_act(request.user, item, form.cleaned_data["action"], form.cleaned_data["opinion"], today())
    except DeskError as err:
        _error(form, err)
        item.refresh_from_db()
        return _detail(request, item, act_form=form, status=400)
    item.refresh_from_db()
    messages.success(request, f"已{pub.ACTION_WORDS[form.cleaned_data['action']][0]}：{item.state_words[0]}"
                     + (f"（{note}）" if note else ""))
    return redirect("publish:detail", pk=item.pk)


@require_POST
@login_required
def attach(request, pk):
    item = _visible(request, pk)
    if not permissions.can(request.user, "publish.draft", item.agency):
        raise PermissionDenied
    form = forms.AttachForm(request.POST, request.FILES)
    if form.is_valid():
        f = form.cleaned_data["file"]
        try:
            # Never read more than the limit (+1 byte to know it is over); the service refuses it.
            services.attachment_add(request.user, item, f.name, f.read(settings.MAX_UPLOAD_BYTES + 1))
        except DeskError as err:
            _error(form, err)
        else:
            messages.success(request, "已添加附件")
            return redirect("publish:detail", pk=item.pk)
    return _detail(request, item, attach_form=form, status=400)


@require_GET
@login_required
def attachment(request, pk, aid):
    item = _visible(request, pk)
    att = get_object_or_404(Attachment, pk=aid, item=item)
    return file_response(att)


def file_response(att: Attachment) -> HttpResponse:
    from urllib.parse import quote

    resp = HttpResponse(bytes(att.data), content_type=Attachment.KINDS[att.kind])
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(att.name)}"
    return resp


@require_POST
@login_required
def attachment_remove(request, pk, aid):
    item = _visible(request, pk)
    att = get_object_or_404(Attachment, pk=aid, item=item, removed=False)
    try:
        services.attachment_remove(request.user, att)
    except DeskError as err:
        messages.error(request, f"{err.zh} / {err.en}")
    return redirect("publish:detail", pk=item.pk)


@require_http_methods(["GET", "POST"])
@login_required
def agency_settings(request, agency_id):
    """The 索引号 rule, 同步发布 of 解读 and the 目录 tree (机关管理员)."""
    agency = _agency(request, agency_id, "publish.manage")
    profile = services.profile_of(agency)
    pform = forms.ProfileForm(initial={"index_code": profile.index_code, "index_pattern": profile.index_pattern,
                                       "require_interpretation": profile.require_interpretation})
    cform = forms.CategoryForm()
    categories = Category.objects.filter(agency=agency).select_related("parent")
    edit_cat = None
    if request.GET.get("category"):
        edit_cat = get_object_or_404(categories, pk=request.GET["category"]) if request.GET["category"].isdecimal() \
            else None
        if edit_cat:
            cform = forms.CategoryForm(initial={"name": edit_cat.name, "code": edit_cat.code,
                                                "parent": edit_cat.parent_id, "order": edit_cat.order})
    cast(dj_forms.ModelChoiceField, cform.fields["parent"]).queryset = categories
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "profile":
            pform = forms.ProfileForm(request.POST)
            if pform.is_valid():
                try:
                    services.profile_save(request.user, agency, pform.cleaned_data)
                except DeskError as err:
                    _error(pform, err)
                else:
                    messages.success(request, "已保存")
                    return redirect("publish:settings", agency_id=agency.pk)
        elif which == "category":
            cform = forms.CategoryForm(request.POST)
            cast(dj_forms.ModelChoiceField, cform.fields["parent"]).queryset = categories
            target = categories.filter(pk=request.POST.get("pk") or 0).first() \
                if (request.POST.get("pk") or "").isdecimal() else None
            if cform.is_valid():
                try:
                    services.category_save(request.user, agency, cform.cleaned_data, target)
                except DeskError as err:
                    _error(cform, err)
                else:
                    messages.success(request, "已保存分类")
                    return redirect("publish:settings", agency_id=agency.pk)
        status = 400
    return render(request, "publish/settings.html", {"agency": agency, "pform": pform, "cform": cform,
                                                     "categories": categories, "edit_cat": edit_cat}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def tallies(request, agency_id):
    """Table-2 tallies (行政许可/处罚/强制 decisions, 收费 amounts…), entered or imported from CSV."""
    agency = _agency(request, agency_id, "publish.view")
    kinds = services.tally_kinds()
    form = forms.TallyForm(initial={"year": today().year - 1})
    cast(dj_forms.ChoiceField, form.fields["kind"]).choices = list(kinds.items())
    upload = forms.UploadForm()
    status = 200
    if request.method == "POST":
        if not permissions.can(request.user, "publish.tally", agency):
            raise PermissionDenied
        if request.POST.get("form") == "csv":
            upload = forms.UploadForm(request.POST, request.FILES)
            if upload.is_valid():
                try:
                    n = services.tally_import_csv(request.user, agency, read_upload(upload.cleaned_data["file"], ("csv",)))
                except DeskError as err:
                    _error(upload, err)
                except UploadError as err:
                    upload.add_error("file", str(err))
                else:
                    messages.success(request, f"已导入 {n} 条统计")
                    return redirect("publish:tallies", agency_id=agency.pk)
        else:
            form = forms.TallyForm(request.POST)
            cast(dj_forms.ChoiceField, form.fields["kind"]).choices = list(kinds.items())
            if form.is_valid():
                d = form.cleaned_data
                try:
                    services.tally_save(request.user, agency, d["year"], d["kind"], d["decisions"], d["items"], d["amount"])
                except DeskError as err:
                    _error(form, err)
                else:
                    messages.success(request, "已保存")
                    return redirect("publish:tallies", agency_id=agency.pk)
        status = 400
    rows = [(t, kinds.get(t.kind, t.kind)) for t in Tally.objects.filter(agency=agency)]
    return render(request, "publish/tallies.html", {
        "agency": agency, "form": form, "upload": upload, "rows": rows,
        "can_edit": permissions.can(request.user, "publish.tally", agency)}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def table2(request, agency_id):
    """Table 2 composed from the registry and the tallies; the whole report, and its publication."""
    agency = _agency(request, agency_id, "publish.view")
    form = forms.ReportForm(request.POST or request.GET or None, initial={"year": today().year - 1})
    year = today().year - 1
    status = 200
    if form.is_bound:
        if form.is_valid():
            year = form.cleaned_data["year"]
        else:
            status = 400
    if request.method == "POST" and status == 200:
        if not permissions.can(request.user, "publish.report", agency):
            raise PermissionDenied
        try:
            services.report_publish(request.user, agency, year, today())
        except (DeskError, LedgerError) as err:
            form.add_error("year", f"{err.zh} / {err.en}")
            status = 400
        else:
            messages.success(request, f"已在政府信息公开专栏发布{year}年度报告")
            return redirect(f"{request.path}?year={year}")
    ctx = {"agency": agency, "form": form, "year": year,
           "can_publish": permissions.can(request.user, "publish.report", agency),
           "published": ReportPublication.objects.filter(agency=agency).defer("docx", "pdf", "report")}
    try:
        from ogi import formats
        from ogi.check import check

        report = services.report_compose(agency, year)
        fmt = formats.for_year(year)
        table = fmt.by_role(formats.ARTICLE20)
        ctx["rows"] = [(r.label, [(c.label, report.value(cell)) for c, cell in zip(r.columns, r.cells, strict=True)])
                       for r in table.rows]
        ctx["findings"] = [f for f in check(report) if f.severity == "error"]
    except LedgerError as err:
        messages.error(request, f"{err.zh} / {err.en}")
    return render(request, "publish/table2.html", ctx, status=status)


@require_GET
@login_required
def report_file(request, agency_id, year, fmt):
    """The composed annual report (not yet published) as DOCX, HTML or OGI JSON."""
    from ogi.render import render as render_report

    agency = _agency(request, agency_id, "publish.view")
    types = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "html": "text/html; charset=utf-8", "json": "application/json"}
    if fmt not in types or not 2008 <= year <= 2100:
        raise Http404
    try:
        data = render_report([services.report_compose(agency, year)], fmt)
    except LedgerError as err:
        return HttpResponse(f"{err.zh} / {err.en}", status=400, content_type="text/plain; charset=utf-8")
    resp = HttpResponse(data, content_type=types[fmt])
    if fmt != "html":
        from urllib.parse import quote

        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(agency.name)}{year}.{fmt}"
    return resp
