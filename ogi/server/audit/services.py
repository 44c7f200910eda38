"""`record(...)`: the one way a change reaches the audit log, inside the change's transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from .models import Entry


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record(actor, action: str, obj, before: dict | None, after: dict | None, agency=None) -> Entry:
    """Append one entry; must run inside the transaction of the change it describes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the change's transaction")
    user = actor if getattr(actor, "is_authenticated", False) else None
    return Entry.objects.create(
        user=user, username=getattr(actor, "username", "") or "system", action=action,
        model=obj._meta.label_lower if obj is not None else "", object_id=str(getattr(obj, "pk", "") or ""),
        object_repr=str(obj)[:200] if obj is not None else "", agency=agency,
        before=_plain(before), after=_plain(after))


def record_view(actor, obj, agency=None) -> Entry:
    """A view of a person's data (identity document, phone, address): every one is logged."""
    with transaction.atomic():
        return record(actor, f"{obj._meta.model_name}.view", obj, None, None, agency)
