"""Reads of the audit log, limited to what the user may see."""

from __future__ import annotations

from .. import permissions
from .models import Entry


def entries_visible_to(user):
    """系统管理员: everything; 机关管理员 and 政务公开办: the entries of the agencies in their scope."""
    return permissions.scoped(Entry.objects.all(), user, "audit.view")
