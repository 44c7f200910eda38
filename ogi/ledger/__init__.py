"""The disclosure work itself, as pure domain logic (no web, no database, no clock).

- `calendar`: working days with 调休 (chinesecalendar + holiday notices an administrator enters);
- `deadlines`: reply deadlines under 国务院令第711号 Arts. 30–34, each explaining itself;
- `lifecycle`: the event-sourced application, its states and its table-3 outcome row;
- `fees`: information processing fees under 国办函〔2020〕109号;
- `records`: Art. 20 documents and tallies, table-4 review and litigation cases;
- `compose`: the `AnnualReport` of an agency for a year;
- `io`: ledgers, events and holiday notices from JSON/CSV, errors located by file and record.

Today's date is always an argument; nothing here reads the clock.
"""

from .calendar import HolidayNotice, WorkCalendar, default_calendar
from .compose import compose
from .deadlines import Deadline, parse_channel, receipt_date
from .deadlines import compute as compute_deadline
from .errors import CalendarError, InputError, LedgerError, TransitionError
from .events import Event
from .ledger import Ledger
from .lifecycle import APPLICANT_TYPES, CATEGORIES, Application, category_row
from .records import Case, RegulatoryDocument, Tally

__all__ = [
    "APPLICANT_TYPES", "CATEGORIES", "Application", "CalendarError", "Case", "Deadline", "Event",
    "HolidayNotice", "InputError", "Ledger", "LedgerError", "RegulatoryDocument", "Tally", "TransitionError",
    "WorkCalendar",
    "category_row", "compose", "compute_deadline", "default_calendar", "parse_channel", "receipt_date",
]
