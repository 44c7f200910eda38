"""What the public does on the 政府信息公开 column: apply online (Art. 29), follow the application
by its query code, complain (Art. 47) and rate (社会评议). Each write is one function; the forms
are rate-limited per client.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction

from .. import permissions
from ..audit.services import record as audit
from ..cases import services as cases
from ..cases.services import DeskError, calendar
from .models import Complaint, OnlineApplication, Rating, Submission

# Tunables of the public forms, in one place.
FORM_LIMITS = {"apply": 5, "complain": 5, "rate": 30, "lookup": 30}  # uses per client per window
FORM_WINDOW = dt.timedelta(hours=1)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed again


PUBLIC = SimpleNamespace(username="公众 / public", is_authenticated=False)  # who acts on the public site


class RateLimited(Exception):
    pass


def client_digest(request) -> str:
    addr = request.META.get("REMOTE_ADDR", "") or ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{addr}".encode()).hexdigest()[:32]


def rate_check(request, form: str, now) -> None:
    """Refuse a public form used more than FORM_LIMITS[form] times in FORM_WINDOW by this client."""
    client = client_digest(request)
    if Submission.objects.filter(form=form, client=client, at__gte=now - FORM_WINDOW).count() >= FORM_LIMITS[form]:
        raise RateLimited(form)
    Submission.objects.create(form=form, client=client)


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def code_digest(code: str) -> str:
    norm = "".join(ch for ch in str(code or "").upper() if ch in CODE_ALPHABET)[:16]
    return hashlib.sha256(norm.encode()).hexdigest()


def apply_online(agency, data: dict[str, Any], today: dt.date) -> tuple[Any, str]:
    """Register the application on the agency's desk; returns it with its query code (shown once)."""
    with transaction.atomic():
        app = cases.application_register_online(agency, data, today)
        code = new_code()
        OnlineApplication.objects.create(application=app, code_digest=code_digest(code))
    return app, code


def application_by_code(code: str):
    row = OnlineApplication.objects.select_related("application__agency").filter(code_digest=code_digest(code)).first()
    return row.application if row else None


def mask_name(name: str) -> str:
    """张三 → 张*, 某某有限公司 → 某某****司: never the whole name on a public page."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*"
    if len(name) <= 3:
        return name[0] + "*" * (len(name) - 1)
    return name[:2] + "*" * (len(name) - 3) + name[-1]


def complaint_submit(agency, data: dict[str, Any], today: dt.date) -> tuple[Complaint, str]:
    """A complaint about an agency's disclosure, routed to the 政务公开办 of its region (Art. 47)."""
    content = str(data.get("content") or "").replace("\x00", "").strip()[:5000]
    if not content:
        raise DeskError("portal.E010", "请填写投诉举报内容", "please describe the complaint or report", "content")
    code = new_code()
    with transaction.atomic():
        c = Complaint.objects.create(
            agency=agency, region=agency.region, kind=data.get("kind") or "complaint",
            name=str(data.get("name") or "").replace("\x00", "").strip()[:100],
            contact=str(data.get("contact") or "").replace("\x00", "").strip()[:100], content=content,
            code_digest=code_digest(code), received=today,
            due=calendar().add_working_days(today, agency.region.complaint_period()))
        audit(PUBLIC, "complaint.receive", c, None, {"agency": agency.name, "kind": c.kind, "due": c.due}, agency)
    return c, code


def complaint_by_code(code: str):
    return Complaint.objects.select_related("agency").filter(code_digest=code_digest(code)).first()


def complaints_visible_to(user):
    return permissions.scoped(Complaint.objects.all(), user, "complaint.answer").select_related("agency", "region")


def complaint_answer(actor, complaint: Complaint, answer: str, today: dt.date) -> Complaint:
    if not permissions.can(actor, "complaint.answer", complaint.agency):
        raise PermissionDenied("complaint.answer")
    answer = str(answer or "").replace("\x00", "").strip()[:5000]
    if not answer:
        raise DeskError("portal.E011", "请填写答复意见", "the answer is required", "answer")
    with transaction.atomic():
        c = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if c.state == Complaint.ANSWERED:
            raise DeskError("portal.E012", "该投诉举报已经答复", "already answered")
        before = {"state": c.state}
        c.state, c.answer, c.answered, c.answered_by = Complaint.ANSWERED, answer, today, actor
        c.save()
        audit(actor, "complaint.answer", c, before, {"state": c.state, "answered": today, "answer": answer}, c.agency)
    return c


def complaint_period_set(actor, region, days: int) -> None:
    """The 政务公开办 sets the time it gives itself to answer complaints in its region (and the
    regions below that have no rule of their own); complaints already received keep their date."""
    from ..orgs.models import COMPLAINT_DAYS_RANGE

    if not permissions.can_region(actor, "complaint.answer", region):
        raise PermissionDenied("complaint.answer")
    low, high = COMPLAINT_DAYS_RANGE
    if not isinstance(days, int) or isinstance(days, bool) or not low <= days <= high:
        raise DeskError("portal.E013", f"答复期限应为{low}至{high}个工作日", f"the period is {low} to {high} working days",
                        "complaint_days")
    with transaction.atomic():
        before = {"complaint_days": region.complaint_days}
        region.complaint_days = days
        region.save(update_fields=["complaint_days"])
        audit(actor, "region.complaint_days", region, before, {"complaint_days": days})


def rate(agency, score: int, comment: str, item=None, application=None) -> Rating:
    if score not in dict(Rating.SCORES):
        raise DeskError("portal.E020", "请选择评价等级", "please choose a rating", "score")
    return Rating.objects.create(agency=agency, item=item, application=application, score=score,
                                 comment=str(comment or "").replace("\x00", "").strip()[:500])


SATISFIED = 3  # 基本满意 or better counts as satisfied (满意度 = satisfied / all ratings)


def rating_summary_visible_to(user) -> list[dict[str, Any]]:
    """社会评议 in the reader's reach (the 政务公开办's region): per agency, the ratings of its
    published items and of its answered applications: how many, the mean score (1–5) and the share
    of readers satisfied. Agencies nobody rated are left out."""
    from django.db.models import Avg, Count, Q

    agencies = permissions.agencies(user, "complaint.answer")
    rows = (Rating.objects.filter(agency__in=agencies).values("agency_id", "agency__name")
            .annotate(items=Count("id", filter=Q(item__isnull=False)),
                      items_mean=Avg("score", filter=Q(item__isnull=False)),
                      items_ok=Count("id", filter=Q(item__isnull=False, score__gte=SATISFIED)),
                      apps=Count("id", filter=Q(application__isnull=False)),
                      apps_mean=Avg("score", filter=Q(application__isnull=False)),
                      apps_ok=Count("id", filter=Q(application__isnull=False, score__gte=SATISFIED)))
            .order_by("agency__name"))
    out = []
    for r in rows:
        out.append({"agency": r["agency__name"], "items": r["items"], "apps": r["apps"],
                    "items_mean": round(r["items_mean"], 2) if r["items_mean"] is not None else None,
                    "apps_mean": round(r["apps_mean"], 2) if r["apps_mean"] is not None else None,
                    "items_ok": round(100 * r["items_ok"] / r["items"], 1) if r["items"] else None,
                    "apps_ok": round(100 * r["apps_ok"] / r["apps"], 1) if r["apps"] else None})
    return out
