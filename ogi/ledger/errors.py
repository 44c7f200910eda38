"""One error shape for the whole ledger: a stable id, Chinese and English, and a place.

Every refusal of the ledger (an unknown year in the calendar, an illegal transition, a bad
record in an imported file) is a `LedgerError`. The command line prints `str(error)` as one
line and exits with 2; the web application will show `zh` or `en` next to the field `where`
points at.
"""

from __future__ import annotations

from ..errors import OgiError


class LedgerError(OgiError, ValueError):
    """`code` is stable (e.g. "calendar.E001"); `where` names the file and record, if known."""

    def __init__(self, code: str, zh: str, en: str, where: str = "") -> None:
        super().__init__(code, zh, en, where)
        self.where = self.where or ""
        self.args = (str(self),)

    def located(self, where: str) -> LedgerError:
        """The same error, placed (e.g. "ledger.json 第3条申请 / application #3")."""
        place = f"{where}：{self.where}" if self.where else where
        return type(self)(self.code, self.zh, self.en, place)

    def __str__(self) -> str:
        head = f"{self.where}：" if self.where else ""
        return f"{head}{self.zh} / {self.en} [{self.code}]"


class CalendarError(LedgerError):
    """A date the calendar cannot answer for (its year's holiday notice is not known)."""


class TransitionError(LedgerError):
    """An event the application's current state does not allow."""


class InputError(LedgerError):
    """A malformed ledger, events or calendar file."""
