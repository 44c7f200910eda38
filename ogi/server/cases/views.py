"""Pages of the 依申请公开 desk. Thin: parse the request, call a selector or a service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ogi.ledger import LedgerError
from ogi.ledger import events as ev

from .. import permissions
from ..audit.services import record_view
from . import forms, links, rows, selectors, services
from .models import Appeal, Notice


def today():
    return timezone.localdate()


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_GET
@login_required
def worklist(request):
    if not permissions.can(request.user, "case.view"):
        raise PermissionDenied
    try:
        buckets = selectors.worklist_for(request.user, today(), fields=selectors.LIST_FIELDS)
    except LedgerError as err:
        messages.error(request, f"{err.zh} / {err.en}")
        buckets = []
    buckets = [(bucket, words, count, len(listed), rows.html(rows.WORKLIST_ITEM, [rows.list_row(a, s) for a, s in listed]))
               for bucket, words, count, listed in buckets]
    return render(request, "cases/worklist.html", {"buckets": buckets, "today": today()})


@require_GET
@login_required
def search(request):
    if not permissions.can(request.user, "case.view"):
        raise PermissionDenied
    form = forms.SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "cases/search.html", {"form": form, "page": None}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    try:
        after = selectors.parse_cursor(request.GET.get("after"))
        before = selectors.parse_cursor(request.GET.get("before"))
    except ValueError:
        form.add_error(None, "翻页参数无效 / invalid page cursor")
        return render(request, "cases/search.html", {"form": form, "page": None}, status=400)
    qs = selectors.search(request.user, data.get("q", ""), data.get("state", ""), data.get("year"),
                          fields=selectors.LIST_FIELDS)
    page = selectors.keyset_page(qs, after, before)
    keep = {k: v for k, v in (("q", data.get("q")), ("state", data.get("state")), ("year", data.get("year"))) if v}
    links = {name: "?" + urlencode({**keep, name: cursor}) for name, cursor in
             (("after", page.after), ("before", page.before)) if cursor}
    if after or before:
        links["first"] = "?" + urlencode(keep)
    shown = rows.html(rows.RESULT_ROW, [rows.list_row(a) for a in page.rows])
    template = "partials/results.html" if _htmx(request) else "cases/search.html"
    return render(request, template, {"form": form, "page": page, "rows": shown, "links": links, "today": today()})


@require_http_methods(["GET", "POST"])
@login_required
def register(request):
    agencies = permissions.agencies(request.user, "case.register")
    if not agencies.exists():
        raise PermissionDenied
    form = forms.RegisterForm(request.POST or None, agencies=agencies, initial={"submitted": today()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                app = services.application_register(request.user, data["agency"], data, today())
            except services.DeskError as err:
                form.add_error(err.field if err.field in form.fields else None, f"{err.zh} / {err.en}")
            else:
                messages.success(request, f"已登记：{app.number}")
                return redirect("cases:detail", pk=app.pk)
        status = 400
    return render(request, "cases/register.html", {"form": form}, status=status)


def _visible(request, pk):
    return get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)


def _allowed_steps(request, app, led) -> list[tuple[str, tuple[str, str], str]]:
    """The steps the ledger offers for this application that this user may take, with their URLs."""
    out = []
    for kind in led.offered():
        action = "case.approve" if kind in services.APPROVED_EVENTS else "case.act"
        if permissions.can(request.user, action, app.agency):
            out.append((kind, ev.WORDS[kind], links.url("cases:step", app.pk, kind)))
    return out


def _notices(app) -> list[Notice]:
    """The application's notices, each with the URLs of its files and of its e-mail."""
    out = list(app.notices.defer("docx", "pdf"))
    for n in out:
        n.docx_url = links.url("cases:notice", app.pk, n.pk, "docx")
        n.pdf_url = links.url("cases:notice", app.pk, n.pk, "pdf")
        n.email_url = links.url("cases:notice_email", app.pk, n.pk)
    return out


EVENT_FIELDS = ("application", "seq", "kind", "date", "data", "user", "user__username", "user__first_name", "user__last_name")


def _detail_context(request, app, bound=None):
    # shown, and the ledger's input; of the recorder only the name is shown
    events = list(app.events.select_related("user").only(*EVENT_FIELDS).order_by("seq"))
    led = services.ledger_application(app, [ev.Event(e.kind, e.date, dict(e.data)) for e in events])
    cal = services.calendar()
    return {
        "app": app, "events": events, "deadline": led.deadline(cal),
        "standing": selectors.standing(app, today(), cal), "steps": _allowed_steps(request, app, led),
        "bound": bound, "notices": _notices(app), "appeals": app.appeals.all(),
        "can_act": permissions.can(request.user, "case.act", app.agency),
        "appeal_form": forms.AppealForm() if app.closed else None,
        "conclude_form": forms.AppealConcludeForm() if app.closed else None,
    }


@require_GET
@login_required
def detail(request, pk):
    app = _visible(request, pk)
    record_view(request.user, app, app.agency)  # the applicant's identity document, phone and address
    try:
        ctx = _detail_context(request, app)
    except LedgerError as err:  # a deadline in a year whose holidays nobody has entered yet
        messages.error(request, f"{err.zh} / {err.en}")
        ctx = {"app": app, "events": app.events.select_related("user"), "steps": [], "notices": _notices(app)}
    return render(request, "cases/detail.html", ctx)


@require_http_methods(["GET", "POST"])
@login_required
def step(request, pk, kind):
    """GET: the form of one step (a page, or the fragment HTMX puts into the application page);
    POST: record it through the service."""
    app = _visible(request, pk)
    if kind not in ev.KINDS or kind == ev.RECEIVED:
        return HttpResponseBadRequest("未知的办理步骤 / unknown step")
    action = "case.approve" if kind in services.APPROVED_EVENTS else "case.act"
    if not permissions.can(request.user, action, app.agency):
        raise PermissionDenied
    if request.method == "GET":
        ctx = {"app": app, "kind": kind, "words": ev.WORDS[kind], "form": forms.step_form(kind, today=today()),
               "allowed": kind in services.ledger_application(app).offered()}
        return render(request, "partials/stepform.html" if _htmx(request) else "cases/step.html", ctx)
    form = forms.step_form(kind, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            notice = services.application_record(request.user, app, kind, data["date"], data, today())
        except services.DeskError as err:
            form.add_error(err.field if err.field in form.fields else None, f"{err.zh} / {err.en}")
        else:
            messages.success(request, f"已记录：{ev.WORDS[kind][0]}" + (f"，已生成{notice}" if notice else ""))
            return redirect("cases:detail", pk=app.pk)
    app.refresh_from_db()
    bound = {"kind": kind, "words": ev.WORDS[kind], "form": form, "allowed": True}
    return render(request, "cases/detail.html", _detail_context(request, app, bound), status=400)


@require_GET
@login_required
def notice_file(request, pk, nid, fmt):
    app = _visible(request, pk)
    notice = get_object_or_404(Notice, pk=nid, application=app)
    if fmt not in ("docx", "pdf"):
        raise Http404
    if fmt == "docx":
        body, ctype = bytes(notice.docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif notice.pdf:
        body, ctype = bytes(notice.pdf), "application/pdf"
    else:
        state = {"pending": "PDF 正在生成，请稍后刷新（由 ogi worker 处理） / the PDF is being made by ogi worker",
                 "failed": f"PDF 生成失败：{notice.pdf_error}"}.get(notice.pdf_state, "没有 PDF / no PDF")
        return HttpResponse(state, status=409, content_type="text/plain; charset=utf-8")
    resp = HttpResponse(body, content_type=ctype)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(notice.number)}.{fmt}"
    return resp


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


@require_POST
@login_required
def notice_email(request, pk, nid):
    app = _visible(request, pk)
    notice = get_object_or_404(Notice, pk=nid, application=app)
    if not permissions.can(request.user, "case.act", app.agency):
        raise PermissionDenied
    try:
        services.notice_email(request.user, notice)
    except services.DeskError as err:
        messages.error(request, f"{err.zh} / {err.en}")
    except OSError as err:
        messages.error(request, f"邮件发送失败：{err} / could not send the e-mail")
    else:
        messages.success(request, f"已发送至 {app.applicant_email}")
    return redirect("cases:detail", pk=app.pk)


@require_POST
@login_required
def appeal_add(request, pk):
    app = _visible(request, pk)
    if not permissions.can(request.user, "case.act", app.agency):
        raise PermissionDenied
    form = forms.AppealForm(request.POST)
    if form.is_valid():
        try:
            services.appeal_record(request.user, app, form.cleaned_data["kind"], form.cleaned_data["filed"], today())
        except services.DeskError as err:
            messages.error(request, f"{err.zh} / {err.en}")
        else:
            messages.success(request, "已登记复议或诉讼")
    else:
        messages.error(request, "请填写类别和立案日期 / kind and date are required")
    return redirect("cases:detail", pk=app.pk)


@require_POST
@login_required
def appeal_conclude(request, pk, aid):
    app = _visible(request, pk)
    appeal = get_object_or_404(Appeal, pk=aid, application=app)
    if not permissions.can(request.user, "case.act", app.agency):
        raise PermissionDenied
    form = forms.AppealConcludeForm(request.POST)
    if form.is_valid():
        try:
            services.appeal_conclude(request.user, appeal, form.cleaned_data["outcome"],
                                     form.cleaned_data["concluded"], today())
        except services.DeskError as err:
            messages.error(request, f"{err.zh} / {err.en}")
    else:
        messages.error(request, "请填写结果和审结日期 / outcome and date are required")
    return redirect("cases:detail", pk=app.pk)
