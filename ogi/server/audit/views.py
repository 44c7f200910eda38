"""The audit log: viewable and exportable (CSV) by those the rule table allows."""

from __future__ import annotations

import csv
import io
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import permissions
from .selectors import entries_visible_to


def _entries(request):
    if not permissions.can(request.user, "audit.view"):
        raise PermissionDenied
    qs = entries_visible_to(request.user).select_related("agency")
    q = (request.GET.get("q") or "").replace("\x00", "").strip()[:100]
    if q:
        qs = qs.filter(object_repr__icontains=q) | qs.filter(username__icontains=q) | qs.filter(action__icontains=q)
    return qs


@require_GET
@login_required
def entries(request):
    page = Paginator(_entries(request), 100).get_page(request.GET.get("page"))
    return render(request, "audit/entries.html", {"page": page, "q": request.GET.get("q", "")})


@require_GET
@login_required
def export(request):
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["时间", "操作人", "操作", "对象类型", "对象", "对象名称", "机关", "修改前", "修改后"])
    for e in _entries(request).iterator(chunk_size=2000):
        w.writerow([e.at.isoformat(), e.username, e.action, e.model, e.object_id, e.object_repr,
                    e.agency.name if e.agency else "", json.dumps(e.before, ensure_ascii=False),
                    json.dumps(e.after, ensure_ascii=False)])
    resp = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = 'attachment; filename="audit.csv"'
    return resp
