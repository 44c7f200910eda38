"""Reads of the publication desk, each limited by `visible_to(user)`."""

from __future__ import annotations

import datetime as dt

from ogi.ledger import publication as pub

from .. import permissions
from ..cases.services import calendar
from .models import Item, Tally

# The states each role acts on: what "waiting for me" means on the desk.
MINE = {"publish.draft": pub.EDITABLE, "publish.review": (pub.REVIEW1, pub.REVIEW2, pub.REVIEW3),
        "publish.secrecy": (pub.SECRECY,)}


def items_visible_to(user):
    return permissions.scoped(Item.objects.all(), user, "publish.view").select_related("agency", "category")


def desk_for(user, today: dt.date, limit: int = 50):
    """[(title, [(item, Art26 or None)…])]: what waits for this user, then every unpublished item
    by its Art. 26 limit (《政府信息公开条例》 Art. 26: 20 working days from formed or changed)."""
    cal = calendar()
    out = []
    for action, states in MINE.items():
        if permissions.can(user, action):
            qs = permissions.scoped(Item.objects.filter(state__in=states), user, action).select_related("agency")
            rows = [(i, _standing(i, today, cal)) for i in qs.order_by("art26_due", "id")[:limit]]
            out.append((action, rows))
    pending = items_visible_to(user).exclude(state__in=(pub.PUBLISHED, pub.WITHDRAWN)) \
        .filter(art26_due__isnull=False).order_by("art26_due", "id")[:limit]
    return out, [(i, _standing(i, today, cal)) for i in pending]


def _standing(item: Item, today: dt.date, cal):
    if item.state in (pub.PUBLISHED, pub.WITHDRAWN) or item.openness != pub.ACTIVE:
        return None
    return pub.art26_standing(item.formed, today, cal)


def standing(item: Item, today: dt.date):
    return _standing(item, today, calendar())


def search(user, q: str = "", state: str = "", agency_id: int | None = None):
    qs = items_visible_to(user)
    q = (q or "").replace("\x00", "").strip()[:200]
    if q:
        from django.db.models import Q

        qs = qs.filter(Q(title__icontains=q) | Q(index_no__icontains=q) | Q(doc_number__icontains=q))
    if state:
        qs = qs.filter(state=state)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return qs.order_by("-updated", "-id")


def tallies_visible_to(user):
    return permissions.scoped(Tally.objects.all(), user, "publish.view").select_related("agency")
