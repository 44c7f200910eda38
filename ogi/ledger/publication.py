"""Proactive disclosure (主动公开) as pure domain logic: the review workflow of an item of
government information, its 索引号, and the Art. 26 time limit. No web, no database, no clock.

- Workflow: 起草 → 初审 → 复审 → 终审 → 保密审查 → 发布. Nothing goes public unreviewed: the
  reviews are steps of one state machine, each refusing what the state does not allow; a rejection
  at any step returns the item to the drafter with its reason (状态「已退回」, editable again).
  《保守国家秘密法》 and 《政府信息公开条例》 Art. 17 require the 保密审查 before publication.
- 同步发布 (政策解读): an agency may require that a policy is published only together with its
  interpretation (国办发〔2016〕80号 "同步组织、同步审签、同步部署"); `publishable` says whether
  an item that passed every review may go public now, or waits for its partner.
- 《政府信息公开条例》 Art. 26: information to be disclosed proactively is made public within
  20 working days of being formed or changed; `art26_standing` says where an item stands.
- 《政府信息公开条例》 Art. 19, 20: what is disclosed proactively; only 主动公开 items go public.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .calendar import WorkCalendar
from .errors import LedgerError, TransitionError

# States of an item (机关 registry).
DRAFT, RETURNED = "draft", "returned"
REVIEW1, REVIEW2, REVIEW3, SECRECY = "review1", "review2", "review3", "secrecy"
READY, PUBLISHED, WITHDRAWN = "ready", "published", "withdrawn"
STATE_WORDS: dict[str, tuple[str, str]] = {
    DRAFT: ("草稿", "draft"), RETURNED: ("已退回", "returned"),
    REVIEW1: ("待初审", "awaiting first review"), REVIEW2: ("待复审", "awaiting second review"),
    REVIEW3: ("待终审", "awaiting final review"), SECRECY: ("待保密审查", "awaiting confidentiality review"),
    READY: ("待同步发布", "approved, waiting to be published with its partner"),
    PUBLISHED: ("已发布", "published"), WITHDRAWN: ("已撤回", "withdrawn"),
}
EDITABLE = (DRAFT, RETURNED)
IN_REVIEW = (REVIEW1, REVIEW2, REVIEW3, SECRECY)

# Actions (each one recorded with who, when and the opinion).
SUBMIT, PASS, REJECT, WITHDRAW, REVISE = "submit", "pass", "reject", "withdraw", "revise"
ACTION_WORDS: dict[str, tuple[str, str]] = {
    SUBMIT: ("提交审核", "submit for review"), PASS: ("审核通过", "approve"), REJECT: ("退回", "reject"),
    WITHDRAW: ("撤回", "withdraw"), REVISE: ("修订（新版本）", "revise (new version)"),
}
STEP_WORDS: dict[str, tuple[str, str]] = {
    REVIEW1: ("初审", "first review"), REVIEW2: ("复审", "second review"), REVIEW3: ("终审", "final review"),
    SECRECY: ("保密审查", "confidentiality review"),
}
_NEXT = {REVIEW1: REVIEW2, REVIEW2: REVIEW3, REVIEW3: SECRECY, SECRECY: READY}

# 公开方式 (公文公开属性认定, made when the document is drafted).
ACTIVE, ON_REQUEST, NOT_PUBLIC = "active", "on_request", "not_public"
OPENNESS_WORDS = {ACTIVE: "主动公开", ON_REQUEST: "依申请公开", NOT_PUBLIC: "不予公开"}

# 有效性 of 规章 and 规范性文件.
IN_FORCE, REVISED, REPEALED, EXPIRED = "in_force", "revised", "repealed", "expired"
VALIDITY_WORDS = {IN_FORCE: "现行有效", REVISED: "已修订", REPEALED: "已废止", EXPIRED: "已失效"}
# Document kinds table 2 counts (ids of ogi.formats' table 2 rows); "other" is not counted.
DOC_KIND_WORDS = {"rules": "规章", "normative": "规范性文件", "other": "其他"}

ART26_DAYS = 20  # 《政府信息公开条例》 Art. 26
ART26_SOON = 5  # working days before the limit from which the desk warns


def transition(state: str, action: str, *, has_reason: bool = True) -> str:
    """The state after `action`, or TransitionError. A rejection and a withdrawal need a reason."""
    if action == SUBMIT and state in EDITABLE:
        return REVIEW1
    if action == PASS and state in _NEXT:
        return _NEXT[state]
    if action == REJECT and state in IN_REVIEW:
        if not has_reason:
            raise LedgerError("publish.E002", "退回须写明理由", "a rejection needs its reason")
        return RETURNED
    if action == WITHDRAW and state in (PUBLISHED, READY):
        if not has_reason:
            raise LedgerError("publish.E003", "撤回须写明理由", "a withdrawal needs its reason")
        return WITHDRAWN
    if action == REVISE and state in (PUBLISHED, WITHDRAWN):
        return DRAFT
    raise TransitionError("publish.E001",
                          f"「{STATE_WORDS.get(state, (state,))[0]}」状态下不能{ACTION_WORDS.get(action, (action,))[0]}",
                          f"cannot {ACTION_WORDS.get(action, ('', action))[1]} an item that is {STATE_WORDS.get(state, ('', state))[1]}")


def offered(state: str) -> tuple[str, ...]:
    """The actions the state allows (the desk shows only these)."""
    out = []
    for action in (SUBMIT, PASS, REJECT, WITHDRAW, REVISE):
        try:
            transition(state, action)
        except LedgerError:
            continue
        out.append(action)
    return tuple(out)


def publishable(openness: str, needs_partner: bool, partner_ready: bool) -> tuple[bool, str]:
    """May an item that passed every review go public now? (yes/no, why not).

    Only 主动公开 information is published (Art. 19, 20); a policy the agency publishes only with
    its 解读 (or a 解读 of such a policy) waits until the other one has passed its reviews.
    """
    if openness != ACTIVE:
        return False, f"公开方式为「{OPENNESS_WORDS.get(openness, openness)}」，不在网站主动公开"
    if needs_partner and not partner_ready:
        return False, "政策文件与其解读须同步发布：另一方尚未审核通过"
    return True, ""


def check_metadata(*, doc_kind: str, validity: str, openness: str, ground: str, written: dt.date | None,
                   effective: dt.date | None, validity_changed: dt.date | None) -> None:
    """The registry's own rules for an item's metadata (LedgerError on the first one broken)."""
    if openness not in OPENNESS_WORDS:
        raise LedgerError("publish.E010", "未知的公开方式", "unknown disclosure type")
    if openness != ACTIVE and not ground.strip():
        # 公文公开属性认定: 依申请公开 and 不予公开 must state their ground (Arts. 14–16).
        raise LedgerError("publish.E011", "依申请公开或不予公开须写明理由和依据（第十四条至第十六条）",
                          "on-request or non-disclosure needs its ground (Arts. 14–16)")
    if doc_kind in ("rules", "normative"):
        if validity not in VALIDITY_WORDS:
            raise LedgerError("publish.E012", "规章和规范性文件须标明有效性", "rules and normative documents need their validity")
        if validity != IN_FORCE and validity_changed is None:
            raise LedgerError("publish.E013", "已修订、已废止或已失效的文件须写明变更日期",
                              "a revised, repealed or expired document needs the date of the change")
    if written and effective and effective < written:
        raise LedgerError("publish.E014", "施行日期早于成文日期", "the effective date is before the document was written")
    if written and validity_changed and validity_changed < written:
        raise LedgerError("publish.E015", "有效性变更日期早于成文日期", "the validity changed before the document was written")


INDEX_FIELDS = ("code", "year", "category", "seq")
DEFAULT_INDEX_PATTERN = "{code}/{year}-{category}-{seq:05d}"
_FIELD = re.compile(r"\{(\w+)(?::[^}]*)?\}")


def check_index_pattern(pattern: str) -> None:
    names = set(_FIELD.findall(pattern))
    if not {"code", "year", "seq"} <= names or names - set(INDEX_FIELDS):
        raise LedgerError("publish.E020", "索引号规则须包含 {code}、{year}、{seq}，可含 {category}",
                          "the index rule needs {code}, {year}, {seq} and may use {category}")
    index_number(pattern, "X", 2026, "00", 1)


def index_number(pattern: str, code: str, year: int, category: str, seq: int) -> str:
    """The 索引号 by the agency's rule: agency code, year, category, sequence."""
    try:
        return pattern.format(code=code, year=year, category=category, seq=seq)
    except (KeyError, ValueError, IndexError) as err:
        raise LedgerError("publish.E021", f"索引号规则无效：{err}", f"invalid index rule: {err}") from None


@dataclass(frozen=True)
class Art26:
    due: dt.date
    days_left: int  # working days from today to the limit (negative when past)
    bucket: str  # "overdue", "soon", "ok"
    zh: str


def art26_due(formed: dt.date, calendar: WorkCalendar) -> dt.date:
    """The last day to publish: 20 working days after the day the information was formed or changed."""
    return calendar.add_working_days(formed, ART26_DAYS)


def art26_standing(formed: dt.date, today: dt.date, calendar: WorkCalendar) -> Art26:
    due = art26_due(formed, calendar)
    if due < today:
        left = -calendar.working_days_between(due, today)
        return Art26(due, left, "overdue", f"已超过第二十六条规定的20个工作日期限（{due.isoformat()}）{-left}个工作日")
    left = calendar.working_days_between(today, due)
    bucket = "soon" if left <= ART26_SOON else "ok"
    return Art26(due, left, bucket, f"须于{due.isoformat()}前公开（第二十六条，尚余{left}个工作日）")
