"""Pages that move the desk's data in and out (see `transfer`). Uploads are limited in size and
type (`OGI_MAX_UPLOAD_BYTES`; CSV, XLSX or JSON judged by content)."""

from __future__ import annotations

import json
import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..orgs.models import Agency
from . import report, selectors, transfer
from .services import DeskError


class UploadError(Exception):
    pass


def read_upload(f, kinds: tuple[str, ...]) -> bytes:
    if f is None:
        raise UploadError("请选择文件 / choose a file")
    if f.size > settings.MAX_UPLOAD_BYTES:
        limit = f"{settings.MAX_UPLOAD_BYTES / 1048576:.1f} MB"
        raise UploadError(f"文件超过 {limit} 上限（OGI_MAX_UPLOAD_BYTES） / the file is larger than {limit}")
    raw = f.read(settings.MAX_UPLOAD_BYTES + 1)
    if len(raw) > settings.MAX_UPLOAD_BYTES:
        raise UploadError("文件过大 / the file is too large")
    kind = "xlsx" if raw[:2] == b"PK" else ("json" if raw.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"[") else "csv")
    if kind not in kinds or (kind == "csv" and b"\x00" in raw[:4096]):
        raise UploadError(f"只接受 {'、'.join(kinds).upper()} 文件 / only {', '.join(kinds)} files")
    return raw


class AgencyForm(forms.Form):
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(queryset=None, label="机关", empty_label=None)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]  # a ModelChoiceField


@require_GET
@login_required
def export(request, fmt):
    if not permissions.can(request.user, "case.export"):
        raise PermissionDenied
    if fmt not in ("csv", "xlsx"):
        raise Http404
    qs = permissions.scoped(selectors.Application.objects.all(), request.user, "case.export")
    year = request.GET.get("year", "")
    if year.isdecimal():
        qs = qs.filter(received__year=int(year))
    qs = qs.order_by("agency__name", "received", "id")
    if fmt == "csv":
        body, ctype = transfer.export_csv(qs), "text/csv; charset=utf-8"
    else:
        body, ctype = transfer.export_xlsx(qs), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    resp = HttpResponse(body, content_type=ctype)
    resp["Content-Disposition"] = f'attachment; filename="ledger.{fmt}"'
    return resp


@require_GET
@login_required
def ledger_json(request, agency_id):
    agency = get_object_or_404(permissions.agencies(request.user, "case.export"), pk=agency_id)
    body = json.dumps(transfer.export_ledger(agency), ensure_ascii=False, indent=1)
    resp = HttpResponse(body, content_type="application/json; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="ledger-{agency.pk}.json"'
    return resp


@require_http_methods(["GET", "POST"])
@login_required
def ledger_import(request):
    agencies = permissions.agencies(request.user, "case.import")
    if not agencies.exists():
        raise PermissionDenied
    form = AgencyForm(request.POST or None, agencies=agencies)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            raw = read_upload(request.FILES.get("file"), ("json",))
            n = transfer.import_ledger(request.user, form.cleaned_data["agency"], raw)
        except (UploadError, DeskError) as err:
            messages.error(request, str(err) if isinstance(err, UploadError) else f"{err.zh} / {err.en}")
            status = 400
        else:
            messages.success(request, f"已导入 {n} 件申请 / {n} applications imported")
            return redirect("cases:search")
    elif request.method == "POST":
        status = 400
    return render(request, "cases/import_ledger.html", {"form": form}, status=status)


def _upload_dir():
    path = settings.DATA_DIR / "uploads"
    path.mkdir(exist_ok=True)
    return path


@require_http_methods(["GET", "POST"])
@login_required
def sheet_import(request):
    """Step 1: upload. Step 2: map the columns and dry-run. Step 3: import in one transaction."""
    agencies = permissions.agencies(request.user, "case.import")
    if not agencies.exists():
        raise PermissionDenied
    form = AgencyForm(request.POST or None, agencies=agencies)
    ctx: dict = {"form": form, "targets": transfer.TARGETS}
    if request.method == "GET" or not form.is_valid():
        return render(request, "cases/import_sheet.html", ctx, status=200 if request.method == "GET" else 400)
    agency = form.cleaned_data["agency"]
    token = request.POST.get("token", "")
    try:
        if "file" in request.FILES:
            raw = read_upload(request.FILES["file"], ("csv", "xlsx"))
            token = secrets.token_hex(16)
            (_upload_dir() / token).write_bytes(raw)
        elif not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)
                  and (_upload_dir() / token).exists()):
            raise UploadError("请先上传表格 / upload a sheet first")
        raw = (_upload_dir() / token).read_bytes()
        header, rows = transfer.read_table("", raw)
        mapping = {k: request.POST.get(f"map_{k}", "") for k, *_ in transfer.TARGETS if request.POST.get(f"map_{k}")}
        if "file" in request.FILES:
            mapping = transfer.guess_mapping(header)
        ctx.update(token=token, header=header, mapping=mapping, nrows=len(rows))
        if request.POST.get("action") in ("dry_run", "import"):
            plan = transfer.plan_import(agency, header, rows, mapping)
            ctx["plan"] = plan
            year = request.POST.get("year", "")
            if request.FILES.get("published") and year.isdecimal():
                # A year already reported: its composed table 3 against the published one.
                from ogi.ledger import lifecycle

                apps = [lifecycle.Application.from_events(number, f["applicant_type"], events, f["channel"])
                        for _line, number, f, events in plan.good]
                published = report.read_published(read_upload(request.FILES["published"], ("json",)))
                ctx["table"] = report.applications_table3(apps, int(year), agency)
                ctx["diffs"] = report.differences(ctx["table"], published)
            if request.POST["action"] == "import":
                n = transfer.run_import(request.user, agency, plan)
                (_upload_dir() / token).unlink(missing_ok=True)
                messages.success(request, f"已导入 {n} 件申请 / {n} applications imported")
                return redirect("cases:search")
    except UploadError as err:
        messages.error(request, str(err))
        return render(request, "cases/import_sheet.html", ctx, status=400)
    except DeskError as err:
        messages.error(request, f"{err.zh} / {err.en}")
        return render(request, "cases/import_sheet.html", ctx, status=400)
    return render(request, "cases/import_sheet.html", ctx)


@require_http_methods(["GET", "POST"])
@login_required
def table3(request, agency_id):
    """Table 3 composed from the desk for a year; with a published report (OGI JSON), the cells that differ."""
    from django.utils import timezone

    agency = get_object_or_404(permissions.agencies(request.user, "case.export"), pk=agency_id)
    year_text = request.GET.get("year") or request.POST.get("year") or ""
    year = int(year_text) if year_text.isdecimal() and 2008 <= int(year_text) <= 2100 else timezone.localdate().year
    ctx = {"agency": agency, "year": year}
    status = 200
    try:
        ctx["table"] = report.table3(report.agency_ledger(agency), year)
        if request.method == "POST":
            published = report.read_published(read_upload(request.FILES.get("file"), ("json",)))
            ctx["diffs"] = report.differences(ctx["table"], published)
    except (UploadError, DeskError) as err:
        messages.error(request, str(err) if isinstance(err, UploadError) else f"{err.zh} / {err.en}")
        status = 400
    return render(request, "cases/table3.html", ctx, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def holiday_notices(request):
    """The holiday notices entered for the working-day calendar (系统管理员): upload a year's notice
    as JSON or CSV in the format `ogi calendar --notices` reads."""
    import tempfile
    from pathlib import Path

    from django.utils import timezone

    from ogi.ledger import LedgerError
    from ogi.ledger.io import load_notices

    from .models import HolidayNotice
    from .services import calendar, holiday_notice_save

    if not permissions.can(request.user, "calendar.manage"):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        try:
            raw = read_upload(request.FILES.get("file"), ("json", "csv"))
            suffix = ".json" if raw.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"[") else ".csv"
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"notice{suffix}"
                path.write_bytes(raw)
                notices = load_notices(path)
            moved = sum(holiday_notice_save(request.user, n, timezone.localdate()) for n in notices)
        except UploadError as err:
            messages.error(request, str(err))
            status = 400
        except LedgerError as err:
            messages.error(request, f"{err.zh} / {err.en}")
            status = 400
        else:
            messages.success(request, f"已录入 {len(notices)} 个年度的放假通知，{moved} 件申请的答复期限随之更新 / "
                                      f"{len(notices)} notices entered, {moved} deadlines moved")
            return redirect("cases:holidays")
    return render(request, "cases/holidays.html", {"notices": HolidayNotice.objects.all(),
                                                   "years": calendar().years}, status=status)
