"""Reads of the desk, each limited by `visible_to(user)`; worklist buckets from `ogi.ledger`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from ogi.ledger import worklist

from .. import permissions
from .models import OPEN_STATES, Application
from .services import calendar


def applications_visible_to(user):
    return permissions.scoped(Application.objects.all(), user, "case.view").select_related("agency")


# What a list row shows (the worklist, the search results): the rest of the row stays unread.
LIST_FIELDS = ("id", "agency", "number", "applicant_name", "content", "received", "state", "due", "waiting",
               "fee_payment_due")


def list_query(qs, fields: tuple[str, ...] | None = LIST_FIELDS):
    """A list's query: its columns only (and the agency's name, joined by its key)."""
    qs = qs.select_related("agency")
    return qs.only(*fields, "agency__name") if fields else qs


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


def worklist_for(user, today: dt.date, limit: int = 30, agency_id: int | None = None,
                 fields: tuple[str, ...] | None = None):
    """[(bucket, words, count, [(application, standing)…])] for the buckets of the desk.

    An agency's open work is small: it is fetched at once and each application placed by
    `ogi.ledger.worklist.standing_of`. A wide scope (a region's office, a whole province) is
    counted and listed bucket by bucket in the database, with the ledger's date ranges.
    `fields`: only these columns of the applications are read (a page's list).
    """
    base = list_query(applications_visible_to(user), fields)
    if agency_id:
        base = base.filter(agency_id=agency_id)
    cal = calendar()
    open_apps = base.filter(state__in=OPEN_STATES)
    rows = list(open_apps.order_by("due", "received", "id")[:SMALL_SCOPE + 1])
    if len(rows) <= SMALL_SCOPE:
        placed: dict[str, list] = {b: [] for b in WORKLIST_BUCKETS}
        for a in rows:  # all open: each has a standing
            s = worklist.standing_of(a.due, a.waiting or None, a.fee_payment_due, today, cal)
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


def search(user, text: str = "", state: str = "", year: int | None = None, agency_id: int | None = None,
           fields: tuple[str, ...] | None = None):
    qs = list_query(applications_visible_to(user), fields)
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


COUNT_CAP = 1000  # a search counts its matches up to here ("1000 件以上"), never all 100,000


@dataclass
class Page:
    """One page of a keyset-paginated list: rows newest first, and the cursors of its neighbours.

    A cursor is the (received, id) of a row; the next page is what sorts after the last row,
    so a page costs the same on the first and the thousandth page (no OFFSET, no COUNT(*))."""

    rows: list
    count: int
    capped: bool  # more than COUNT_CAP matches: `count` is COUNT_CAP
    after: str | None  # cursor of the next (older) page
    before: str | None  # cursor of the previous (newer) page


def cursor_of(app) -> str:
    return f"{app.received.isoformat()}.{app.pk}"


def parse_cursor(text: str | None) -> tuple[dt.date, int] | None:
    """A cursor from a URL, or None when absent; ValueError when it is not one."""
    if not text:
        return None
    day, _, pk = text.partition(".")
    return dt.date.fromisoformat(day), int(pk)


def keyset_page(qs, after: tuple[dt.date, int] | None = None, before: tuple[dt.date, int] | None = None,
                size: int = 25) -> Page:
    """A page of `qs` (ordered newest first by received, id) after or before a cursor."""
    count = qs.order_by()[:COUNT_CAP + 1].count()
    if before is not None:
        d, pk = before
        rows = list(qs.filter(Q(received__gt=d) | Q(received=d, id__gt=pk)).order_by("received", "id")[:size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        more_older = True
    else:
        if after is not None:
            d, pk = after
            qs = qs.filter(Q(received__lt=d) | Q(received=d, id__lt=pk))
        rows = list(qs.order_by("-received", "-id")[:size + 1])
        more_older = len(rows) > size
        rows = rows[:size]
        more_newer = after is not None
    return Page(rows, min(count, COUNT_CAP), count > COUNT_CAP,
                cursor_of(rows[-1]) if rows and more_older else None,
                cursor_of(rows[0]) if rows and more_newer else None)


def due_list(user, today: dt.date):
    """What falls due for one officer: overdue, today and within three working days."""
    base = permissions.scoped(Application.objects.all(), user, "case.act").select_related("agency")
    cal = calendar()
    q = bucket_query(worklist.OVERDUE, today, cal) | bucket_query(worklist.DUE_TODAY, today, cal) | \
        bucket_query(worklist.DUE_SOON, today, cal)
    return [(a, standing(a, today, cal)) for a in base.filter(q).order_by("due", "id")]
