"""The events of an application's life, as the ledger records them.

An application is the list of its events (event sourcing): its state, its outcome row and its
deadline are all derived from them, so correcting the ledger means adding or removing an
event, never editing a computed field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

RECEIVED = "received"
CORRECTION_SENT = "correction_sent"  # 补正通知 (Art. 30)
CORRECTION_ANSWERED = "correction_answered"
CORRECTION_EXPIRED = "correction_expired"  # 逾期不补正, 视为放弃申请 (Art. 30)
CONSULTATION_STARTED = "consultation_started"  # 征求意见 (Arts. 32, 34)
CONSULTATION_ANSWERED = "consultation_answered"
EXTENDED = "extended"  # 延长答复期限 (Art. 33)
FEE_NOTICE = "fee_notice"  # 收费通知 (国办函〔2020〕109号)
FEE_PAID = "fee_paid"
FEE_EXPIRED = "fee_expired"  # 逾期未缴费, 视为放弃申请 (国办函〔2020〕109号)
DECIDED = "decided"  # 作出答复
DELIVERED = "delivered"  # 送达
WITHDRAWN = "withdrawn"  # 申请人撤回
REASONS_REQUESTED = "reasons_requested"  # 要求申请人说明理由 (Art. 35)
REASONS_GIVEN = "reasons_given"  # 申请人说明理由 (Art. 35)
DEFERRED = "deferred"  # 确定延迟答复的合理期限 (Art. 35)

WORDS: dict[str, tuple[str, str]] = {
    RECEIVED: ("收到申请", "application received"),
    CORRECTION_SENT: ("发出补正通知", "correction notice sent"),
    CORRECTION_ANSWERED: ("收到补正", "corrected application received"),
    CORRECTION_EXPIRED: ("逾期未补正", "correction period expired"),
    CONSULTATION_STARTED: ("征求意见", "consultation started"),
    CONSULTATION_ANSWERED: ("收到意见", "consultation answered"),
    EXTENDED: ("延长答复期限", "reply period extended"),
    FEE_NOTICE: ("发出收费通知", "fee notice sent"),
    FEE_PAID: ("缴纳费用", "fee paid"),
    FEE_EXPIRED: ("逾期未缴费", "fee payment period expired"),
    DECIDED: ("作出答复", "decision made"),
    DELIVERED: ("送达", "decision delivered"),
    WITHDRAWN: ("申请人撤回申请", "application withdrawn"),
    REASONS_REQUESTED: ("要求说明理由", "reasons requested"),
    REASONS_GIVEN: ("收到理由说明", "reasons given"),
    DEFERRED: ("确定延迟答复期限", "reply deferred"),
}
KINDS = tuple(WORDS)

# Who is consulted: a third party whose rights are affected (Art. 32) or another agency that
# made the information jointly (Art. 34).
THIRD_PARTY = "third_party"
CO_PRODUCER = "co_producer"
PARTIES = {THIRD_PARTY: ("第三方", "third party", "第三十二条"),
           CO_PRODUCER: ("共同制作机关", "co-producing agency", "第三十四条")}


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    date: dt.date
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def words(self) -> tuple[str, str]:
        return WORDS.get(self.kind, (self.kind, self.kind))


def date_value(value: Any) -> dt.date | None:
    """A date carried in an event's data (a date, or ISO text as stored in JSON); None if absent."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
