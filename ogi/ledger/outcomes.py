"""The legal basis of each table-3 outcome, as the 答复书 (Art. 36 reply) cites it.

Every decision of the desk is exactly one outcome category of `lifecycle.CATEGORIES`; the reply
to the applicant names the provision of 国务院令第711号 it rests on. Refusals must also state
their reasons (Art. 36 (3)), which the officer writes; this table gives the provision only.
The remedies sentence follows Art. 51 with the time limits of 行政复议法 (60 days, Art. 20) and
行政诉讼法 (6 months, Art. 46).
"""

from __future__ import annotations

from .. import formats
from ..formats import APPLICATIONS
from ..formats import counts as c
from .lifecycle import CATEGORIES

# category → the provisions the reply cites
BASIS: dict[str, str] = {
    c.GRANTED: "第三十六条第（一）项、第（二）项",
    c.PARTIAL: "第三十七条、第三十六条第（二）项、第（三）项",
    c.STATE_SECRET: "第十四条、第三十六条第（三）项",
    c.LAW_PROHIBITED: "第十四条、第三十六条第（三）项",
    c.THREE_SAFETY: "第十四条、第三十六条第（三）项",
    c.THIRD_PARTY: "第十五条、第三十二条、第三十六条第（三）项",
    c.INTERNAL: "第十六条第一款、第三十六条第（三）项",
    c.PROCESS: "第十六条第二款、第三十六条第（三）项",
    c.ENFORCEMENT: "第十六条第二款、第三十六条第（三）项",
    c.QUERY: "第三十六条第（七）项",
    c.NOT_HELD: "第三十六条第（四）项、第（五）项",
    c.NEEDS_CREATION: "第三十八条",
    c.UNCLEAR_AFTER_CORRECTION: "第三十条",
    c.PETITION: "第三十九条第一款",
    c.DUPLICATE: "第三十六条第（六）项",
    c.PUBLICATION: "第三十九条第二款",
    c.EXCESSIVE: "第三十五条",
    c.CONFIRM: "第三十九条",
    c.OVERDUE_CORRECTION: "第三十条",
    c.OVERDUE_FEE: "国办函〔2020〕109号",
    c.WITHDRAWN: "",
}
assert set(BASIS) == set(CATEGORIES), set(CATEGORIES) ^ set(BASIS)

# The categories an officer decides (the two overdue ones follow from events, see lifecycle).
DECIDABLE: tuple[str, ...] = tuple(x for x in CATEGORIES if x not in (c.OVERDUE_CORRECTION, c.OVERDUE_FEE))

REMEDIES = ("申请人对本答复不服的，可以依照《中华人民共和国政府信息公开条例》第五十一条，自收到本答复之日起六十日内"
            "向本机关的上一级行政机关或者本级人民政府申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。")


def label(category: str) -> str:
    """The category's row label in the newest format that has a row of its own for it
    (e.g. 「不予公开 · 1.属于国家秘密」)."""
    for fmt in reversed(formats.all_formats()):
        if not fmt.has_role(APPLICATIONS):
            continue
        table = fmt.by_role(APPLICATIONS)
        row = next((r for r in table.leaf_rows if r.counts == (category,)), None)
        if row is not None:
            group = next((g for g in table.groups if g.id == row.group and g.id != table.result_group), None)
            return f"{group.label} · {row.label}" if group else row.label
    raise KeyError(category)
