"""Who may do what: one table of rules, and the scopes every list and check derives from.

A rule names an action and the roles that may take it. A role held for an agency (经办人, 审核人,
保密审查员, 机关管理员) reaches that agency only; 政务公开办 reaches every agency of its region and
the regions below, read-only; 系统管理员 reaches everything its rules list. `visible_to(user)` of
each model is built from `agency_scope` here, so a page and an API endpoint cannot disagree.
"""

from __future__ import annotations

from django.db.models import Q

from .orgs.models import Agency, Membership

C, A, S, M = Membership.CLERK, Membership.APPROVER, Membership.SECRECY, Membership.AGENCY_ADMIN
R, X = Membership.REGION_OFFICE, Membership.SYSADMIN

RULES: dict[str, frozenset[str]] = {
    "case.view": frozenset({C, A, S, M, R, X}),     # read applications, their notices and deadlines
    "case.register": frozenset({C, A}),             # register a new application (Art. 29)
    "case.act": frozenset({C, A}),                  # 补正, consultation, fee, delivery… and notices
    "case.approve": frozenset({A}),                 # extension (Art. 33 (2)) and the decision (Art. 36)
    "case.import": frozenset({C, A, M}),            # JSON ledger and spreadsheet import
    "case.export": frozenset({C, A, S, M, R, X}),   # 台账 XLSX/CSV and the JSON ledger
    "agency.view": frozenset({C, A, S, M, R, X}),
    "agency.edit": frozenset({M, X}),               # the office facts its 指南 publishes (Art. 12)
    "people.manage": frozenset({M, X}),             # who holds which role in the agency
    "audit.view": frozenset({M, R, X}),
    "region.manage": frozenset({X}),                # regions and agencies themselves
    "calendar.manage": frozenset({X}),              # the State Council's holiday notices (working days)
    # 主动公开 (ogi/server/publish): the registry, 三审 and 保密审查 (Art. 17, 26)
    "publish.view": frozenset({C, A, S, M, R, X}),  # the registry, its reviews, versions and table 2
    "publish.draft": frozenset({C, A}),             # draft, edit, attach, submit, revise
    "publish.review": frozenset({A}),               # 初审, 复审, 终审 (pass or return with the reason)
    "publish.secrecy": frozenset({S}),              # 保密审查 sign-off
    "publish.withdraw": frozenset({A}),             # 撤回 with the reason
    "publish.manage": frozenset({M, X}),            # the 目录 categories, the 索引号 rule, 同步发布 of 解读
    "publish.tally": frozenset({C, A, M}),          # table-2 tallies (许可/处罚/强制/收费), CSV import
    "publish.report": frozenset({A, M}),            # publish the composed annual report on the column
    "complaint.answer": frozenset({R, X}),          # 投诉举报 (Art. 47): the region's 政务公开办 answers
}
# Roles that may only read, whatever a rule says (政务公开办 reads everything in its region).
READ_ONLY_ACTIONS = frozenset({"case.view", "case.export", "agency.view", "audit.view", "publish.view"})
# The one thing 政务公开办 does itself in its region: answer the public's complaints (Art. 47).
REGION_ACTIONS = READ_ONLY_ACTIONS | {"complaint.answer"}


def memberships(user) -> list[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_ogi_memberships", None)
    if cached is None:
        # Only what the scopes need: the role, the agency's id, the region's path.
        cached = list(Membership.objects.select_related("region").only("role", "agency", "region", "region__path")
                      .filter(user=user))
        user._ogi_memberships = cached
    return cached


def roles(user) -> set[str]:
    return {m.role for m in memberships(user)}


def _reach(user, action: str) -> tuple[bool, frozenset[int], tuple[str, ...]] | None:
    """What `user` reaches for `action`: (every agency?, agency ids, region paths); None: nothing.

    Computed once per action and request (the memberships are read once per request)."""
    cache = user.__dict__.setdefault("_ogi_reach", {})
    if action in cache:
        return cache[action]
    allowed = RULES[action]
    ids: set[int] = set()
    paths: list[str] = []
    found = False
    out: tuple[bool, frozenset[int], tuple[str, ...]] | None = None
    for m in memberships(user):
        if m.role not in allowed:
            continue
        if m.role == X:
            out = (True, frozenset(), ())
            break
        if m.role == R:
            if action in REGION_ACTIONS and m.region is not None and m.region.path:  # "" never means "everything"
                paths.append(m.region.path)
                found = True
        elif m.agency_id:
            ids.add(m.agency_id)
            found = True
    else:
        out = (False, frozenset(ids), tuple(paths)) if found else None
    cache[action] = out
    return out


def agency_scope(user, action: str) -> Q | None:
    """The agencies `user` may take `action` on, as a filter on Agency; None: none at all.

    `Q()` (no condition) means every agency (系统管理员).
    """
    reach = _reach(user, action)
    if reach is None:
        return None
    every, ids, paths = reach
    if every:
        return Q()
    q = Q(pk__in=sorted(ids)) if ids else None
    for p in paths:
        q = (q | Q(region__path__startswith=p)) if q is not None else Q(region__path__startswith=p)
    return q


def agencies(user, action: str):
    q = agency_scope(user, action)
    return Agency.objects.none() if q is None else Agency.objects.filter(q)


def can_region(user, action: str, region) -> bool:
    """May `user` take a region-wide `action` in `region` (its 政务公开办, or the office of a
    region above it; 系统管理员)?"""
    reach = _reach(user, action)
    if reach is None:
        return False
    return reach[0] or any(region.path.startswith(p) for p in reach[2])


def can(user, action: str, agency: Agency | None = None) -> bool:
    """May `user` take `action` (on `agency`, or on at least one agency when None)?"""
    reach = _reach(user, action)
    if reach is None:
        return False
    if agency is None or reach[0]:
        return True
    if agency.pk in reach[1]:
        return True
    ids = agency_ids(user, action)
    return ids is None or agency.pk in ids


def agency_ids(user, action: str) -> list[int] | None:
    """The ids of the agencies in scope (None: every agency), looked up once per request."""
    cache = user.__dict__.setdefault("_ogi_agency_ids", {})
    if action not in cache:
        reach = _reach(user, action)
        if reach is None:
            cache[action] = []
        elif reach[0]:
            cache[action] = None
        elif not reach[2]:  # agency roles only: the ids are the memberships' own
            cache[action] = sorted(reach[1])
        else:
            q = agency_scope(user, action)
            cache[action] = list(Agency.objects.filter(q).values_list("pk", flat=True))
    return cache[action]


def scoped(queryset, user, action: str, field: str = "agency"):
    """`queryset` (of a model with a foreign key `field` to Agency) limited to the user's scope.

    The ids are given as a list, not a subquery, so the (agency, state, due) index is used.
    """
    ids = agency_ids(user, action)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}_id__in": ids}) if ids else queryset.none()
