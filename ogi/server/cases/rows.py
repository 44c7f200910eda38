"""The rows of the desk's long lists (worklist, search results) as HTML, made in Python.

A list of a few dozen rows through template tags costs more than everything else on the page
(each cell a variable lookup, a filter and an escape); here each row is one format string whose
every value is escaped once. The markup stays in view below; the page's template places the rows.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from ogi.ledger import worklist

from .links import detail_url
from .models import STATE_CHOICES, Application

STATE_WORDS = {k: str(v) for k, v in STATE_CHOICES}
CLIP = 40  # characters of the requested information shown in a list

WORKLIST_ITEM = ('<li><a href="{url}"><b>{number}</b> {applicant}</a>\n'
                 '    <span class="agency">{agency}</span>\n    <small class="why">{why}</small></li>')
RESULT_ROW = ('<tr>\n<td><a href="{url}">{number}</a></td><td>{agency}</td><td>{applicant}</td>\n'
              '<td class="clip">{content}</td><td>{received}</td><td>{state}</td><td>{due}</td>\n</tr>')


def list_row(app: Application, standing: worklist.Standing | None = None) -> dict[str, str]:
    """What a list shows of one application, as text (not yet escaped)."""
    content = app.content
    return {"url": detail_url(app.pk), "number": app.number, "agency": app.agency.name,
            "applicant": app.applicant_name, "content": content if len(content) <= CLIP else content[:CLIP - 1] + "…",
            "received": app.received.isoformat(), "state": STATE_WORDS.get(app.state, app.state),
            "due": app.due.isoformat() if app.due else "—", "why": standing.zh if standing else ""}


def html(template: str, rows: list[dict[str, str]]) -> SafeString:
    """`rows` through `template`, every value escaped."""
    return mark_safe("".join(template.format(**{k: escape(v) for k, v in r.items()}) for r in rows))
