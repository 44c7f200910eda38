"""The rows of the public lists (catalogue, search, latest items) as HTML, made in Python.

Twenty rows through template tags (a URL reversed per row, each value looked up, filtered and
escaped) cost more than the rest of a catalogue page; here each row is one format string whose
values are escaped once (as `cases/rows.py` does for the desk's lists). The markup is below.
"""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

ROW = ('<li><a href="{url}">{title}</a> <span class="meta"><time datetime="{date}">{date}</time>'
       '{doc_number}{agency}</span></li>')


@register.simple_tag
def item_rows(rows, show_agency=False) -> SafeString:
    """`<ul class="rows">` of published items (`publish.Public`), newest first as given."""
    sample = reverse("portal:item", args=[0])
    head, tail = sample[:sample.rindex("0")], sample[sample.rindex("0") + 1:]
    out = []
    for p in rows:
        out.append(ROW.format(url=escape(f"{head}{p.item_id}{tail}"), title=escape(p.title),
                              date=p.published.isoformat(),
                              doc_number=f" · {escape(p.doc_number)}" if p.doc_number else "",
                              agency=f" · {escape(p.agency.name)}" if show_agency else ""))
    if not out:
        out.append(f'<li class="muted">{escape(_("暂无信息"))}</li>')
    return mark_safe('<ul class="rows">' + "".join(out) + "</ul>")
