"""Shared steps of the publication tests: draft an item and walk it through the reviews."""

from __future__ import annotations

import datetime as dt

from ogi.server.publish import services

from .conftest import TODAY


def draft(user, agency, today=TODAY, **over):
    data = {"title": "关于做好2026年安全生产工作的通知", "doc_number": "青应急发〔2026〕1号", "publisher": agency.name,
            "written": dt.date(2026, 3, 2), "topic": "市场监管、安全生产监管", "genre": "通知", "art20": "13",
            "category": None, "openness": "active", "ground": "", "doc_kind": "other", "validity": "",
            "effective": None, "validity_changed": None, "body": "各乡镇：现将安全生产工作要点印发给你们。",
            "interprets": None, "needs_interpretation": False}
    data.update(over)
    return services.item_create(user, agency, data, today)


def through_reviews(world, item, today=TODAY) -> str:
    """submit → 初审 → 复审 → 终审 (审核人) → 保密审查 (保密审查员); returns the last note."""
    u = world["users"]
    item.refresh_from_db()
    services.item_act(u["clerk"], item, "submit", "", today)
    for _ in range(3):
        item.refresh_from_db()
        services.item_act(u["approver"], item, "pass", "同意", today)
    item.refresh_from_db()
    note = services.item_act(u["secrecy"], item, "pass", "不涉密", today)
    item.refresh_from_db()
    return note


def publish(world, agency=None, **over):
    item = draft(world["users"]["clerk"], agency or world["a"], **over)
    through_reviews(world, item)
    return item
