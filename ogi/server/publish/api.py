"""The registry in the REST API (/api/v1/items): the same rules, scopes and services as the desk."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from ogi.ledger import publication as pub

from .. import permissions
from . import selectors, services

router = Router(tags=["主动公开 / proactive disclosure"])


class ItemOut(Schema):
    id: int
    agency_id: int
    index_no: str
    title: str
    doc_number: str
    publisher: str
    written: dt.date
    published: dt.date | None
    state: str
    version: int
    openness: str
    art26_due: dt.date | None


class ReviewOut(Schema):
    step: str
    action: str
    opinion: str
    username: str
    date: dt.date
    version: int


class ItemDetail(ItemOut):
    body: str
    reviews: list[ReviewOut]


class Error(Schema):
    code: str
    zh: str
    en: str


class ActIn(Schema):
    action: Literal[tuple(pub.ACTION_WORDS)]  # type: ignore[valid-type]
    opinion: str = Field("", max_length=2000)


def _out(i) -> dict:
    return {f: getattr(i, f) for f in ItemOut.model_fields}


@router.get("", response=list[ItemOut], summary="政府信息登记簿 / the registry")
def list_items(request, q: str = Query("", max_length=200), state: str = Query("", max_length=20),
               offset: int = Query(0, ge=0, le=10**7), limit: int = Query(50, ge=1, le=500)):
    if not permissions.can(request.user, "publish.view"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return [_out(i) for i in selectors.search(request.user, q, state)[offset:offset + limit]]


@router.get("/{item_id}", response=ItemDetail, summary="一条信息及其审核记录 / one item and its reviews")
def get_item(request, item_id: int = Path(..., ge=1, le=2**62)):
    item = get_object_or_404(selectors.items_visible_to(request.user), pk=item_id)
    return {**_out(item), "body": item.body,
            "reviews": [{f: getattr(r, f) for f in ReviewOut.model_fields} for r in item.reviews.all()]}


@router.post("/{item_id}/actions", response={201: ItemOut, 400: Error, 403: Error},
             summary="提交、审核、退回、撤回或修订 / submit, review, reject, withdraw or revise")
def item_act(request, payload: ActIn, item_id: int = Path(..., ge=1, le=2**62)):
    item = get_object_or_404(selectors.items_visible_to(request.user), pk=item_id)
    services.item_act(request.user, item, payload.action, payload.opinion, timezone.localdate())
    item.refresh_from_db()
    return Status(201, _out(item))
