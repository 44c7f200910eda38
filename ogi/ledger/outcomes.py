"""The legal basis of each table-3 outcome, as the 答复书 (Art. 36 reply) cites it.

Every decision of the desk is exactly one outcome category of `lifecycle.CATEGORIES`; the reply
to the applicant names the provision of 国务院令第711号 it rests on. Refusals must also state
their reasons (Art. 36 (3)), which the officer writes; this table gives the provision only.
The remedies sentence follows Art. 51 with the time limits of 行政复议法 (60 days, Art. 20) and
行政诉讼法 (6 months, Art. 46).
"""

from __future__ import annotations

from .. import formats
from .lifecycle import CATEGORIES

# category → the provisions the reply cites
BASIS: dict[str, str] = {
    "granted": "第三十六条第（一）项、第（二）项",
    "partial": "第三十七条、第三十六条第（二）项、第（三）项",
    "denied.state_secret": "第十四条、第三十六条第（三）项",
    "denied.law_prohibited": "第十四条、第三十六条第（三）项",
    "denied.three_safety": "第十四条、第三十六条第（三）项",
    "denied.third_party": "第十五条、第三十二条、第三十六条第（三）项",
    "denied.internal": "第十六条第一款、第三十六条第（三）项",
    "denied.process": "第十六条第二款、第三十六条第（三）项",
    "denied.enforcement": "第十六条第二款、第三十六条第（三）项",
    "denied.query": "第三十六条第（七）项",
    "unable.not_held": "第三十六条第（四）项、第（五）项",
    "unable.needs_creation": "第三十八条",
    "unable.unclear": "第三十条",
    "not_processed.petition": "第三十九条第一款",
    "not_processed.duplicate": "第三十六条第（六）项",
    "not_processed.publication": "第三十九条第二款",
    "not_processed.excessive": "第三十五条",
    "not_processed.confirm": "第三十九条",
    "other.overdue_correction": "第三十条",
    "other.overdue_fee": "国办函〔2020〕109号",
    "other.misc": "",
}
assert set(BASIS) == set(CATEGORIES), set(CATEGORIES) ^ set(BASIS)

# The categories an officer decides (the two overdue ones follow from events, see lifecycle).
DECIDABLE: tuple[str, ...] = tuple(c for c in CATEGORIES if c not in ("other.overdue_correction", "other.overdue_fee"))

REMEDIES = ("申请人对本答复不服的，可以依照《中华人民共和国政府信息公开条例》第五十一条，自收到本答复之日起六十日内"
            "向本机关的上一级行政机关或者本级人民政府申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。")


def label(category: str) -> str:
    """The category's row label in the newest format (e.g. 「不予公开 · 1.属于国家秘密」)."""
    table = formats.all_formats()[-1].table("apply")
    row = next(r for r in table.rows if r.id == category)
    group = next((g for g in table.groups if g.id == row.group and g.id != "result"), None)
    return f"{group.label} · {row.label}" if group else row.label
