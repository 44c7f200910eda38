"""Template context: what the navigation may offer the user (from the rule table)."""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .. import permissions

# The navigation: (the action a link needs, the URL's name, its words), in the order shown.
NAV = (
    ("case.view", "cases:worklist", _("工作清单")),
    ("case.view", "cases:search", _("申请检索")),
    ("case.register", "cases:register", _("登记申请")),
    ("publish.view", "publish:desk", _("主动公开")),
    ("complaint.answer", "complaints:list", _("投诉举报")),
    ("case.import", "cases:import_sheet", _("导入台账")),
    ("agency.view", "orgs:agencies", _("机关与人员")),
    ("audit.view", "audit:entries", _("审计日志")),
    ("calendar.manage", "cases:holidays", _("工作日历")),
)


@lru_cache(maxsize=256)
def _nav(allowed: frozenset[str], language: str, prefix: str) -> tuple[tuple[str, str], ...]:
    """The links for a set of allowed actions, reversed and translated once per language."""
    return tuple((reverse(name), str(words)) for action, name, words in NAV if action in allowed)


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can": {}, "nav": ()}
    can = {action.replace(".", "_"): permissions.can(user, action) for action in permissions.RULES}
    allowed = frozenset(action for action in permissions.RULES if can[action.replace(".", "_")])
    return {"can": can, "nav": _nav(allowed, get_language(), get_script_prefix())}
