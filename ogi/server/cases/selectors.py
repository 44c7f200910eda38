"""Reads of the desk, each limited by `visible_to(user)`; worklist buckets from `ogi.ledger`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from ogi.ledger import worklist

from .. import permissions
from .models import OPEN_STATES, Application
from .services import calendar


def applications_visible_to(user):
    return permissions.scoped(Application.objects.all(), user, "case.view").select_related("agency")


def bucket_query(bucket: str, today: dt.date, cal=None) -> Q:
    """The applications of one worklist bucket, with the date ranges `ogi.ledger.worklist` gives."""
    waits = Q(waiting__in=worklist.APPLICANT_WAITS)
    if bucket == worklist.WAITING:
        return Q(state__in=OPEN_STATES) & waits
    lo, hi = worklist.bounds(today, cal or calendar())[bucket]
    q = Q(state__in=OPEN_STATES, due__isnull=False) & ~waits
    if lo is not None:
        q &= Q(due__gte=lo)
    if hi is not None:
        q &= Q(due__lte=hi)
    return q


def standing(app: Application, today: dt.date, cal=None) -> worklist.Standing | None:
    if app.state not in OPEN_STATES:
        return None
    return worklist.standing_of(app.due, app.waiting or None, app.fee_payment_due, today, cal or calendar())


# The four the desk asks for, then the rest of the open work.
WORKLIST_BUCKETS = (worklist.OVERDUE, worklist.DUE_TODAY, worklist.DUE_SOON, worklist.WAITING, worklist.RUNNING)


SMALL_SCOPE = 400  # open applications up to which the worklist is one fetch, sorted in Python


def worklist_for(user, today: dt.date, limit: int = 30, agency_id: int | None = None):
    """[(bucket, words, count, [(application, standing)…])] for the buckets of the desk.

    An agency's open work is small: it is fetched at once and each application placed by
    `ogi.ledger.worklist.standing_of`. A wide scope (a region's office, a whole province) is
    counted and listed bucket by bucket in the database, with the ledger's date ranges.
    """
    base = applications_visible_to(user)
    if agency_id:
        base = base.filter(agency_id=agency_id)
    cal = calendar()
    open_apps = base.filter(state__in=OPEN_STATES)
    rows = list(open_apps.order_by("due", "received", "id")[:SMALL_SCOPE + 1])
    if len(rows) <= SMALL_SCOPE:
        placed: dict[str, list] = {b: [] for b in WORKLIST_BUCKETS}
        for a in rows:
            s = standing(a, today, cal)
            placed[s.bucket].append((a, s))
        return [(b, worklist.BUCKETS[b], len(placed[b]), placed[b][:limit]) for b in WORKLIST_BUCKETS]
    queries = {bucket: bucket_query(bucket, today, cal) for bucket in WORKLIST_BUCKETS}
    # Aliases must not be field names ("waiting" is one): a later filter would read the alias.
    counts = {k[2:]: v for k, v in base.aggregate(**{f"n_{b}": Count("pk", filter=q) for b, q in queries.items()}).items()}
    out = []
    for bucket, q in queries.items():
        listed = [] if not counts[bucket] else \
            [(a, standing(a, today, cal)) for a in base.filter(q).order_by("due", "received", "id")[:limit]]
        out.append((bucket, worklist.BUCKETS[bucket], counts[bucket], listed))
    return out


def search(user, text: str = "", state: str = "", year: int | None = None, agency_id: int | None = None):
    qs = applications_visible_to(user)
    text = (text or "").replace("\x00", "").strip()
    if text:
        qs = qs.filter(Q(number__icontains=text) | Q(applicant_name__icontains=text) | Q(content__icontains=text))
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(received__year=year)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return qs.order_by("-received", "-id")


def due_list(user, today: dt.date):
    """What falls due for one officer: overdue, today and within three working days."""
    base = permissions.scoped(Application.objects.all(), user, "case.act").select_related("agency")
    cal = calendar()
    q = bucket_query(worklist.OVERDUE, today, cal) | bucket_query(worklist.DUE_TODAY, today, cal) | \
        bucket_query(worklist.DUE_SOON, today, cal)
    return [(a, standing(a, today, cal)) for a in base.filter(q).order_by("due", "id")]
