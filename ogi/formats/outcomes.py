"""The outcomes of an application, as 国务院令第711号 and the format notices count them.

The ledger decides each application into exactly one category; each format says which of its
table-3 rows counts which categories (`Row.counts`). The category ids are the rows' ids of the
finest format (2021), which is how the workbench stores them.
"""

from __future__ import annotations

GRANTED = "granted"  # （一）予以公开, Art. 36 (1)(2)
PARTIAL = "partial"  # （二）部分公开, Art. 37
DENIED = (
    "denied.state_secret", "denied.law_prohibited", "denied.three_safety", "denied.third_party",
    "denied.internal", "denied.process", "denied.enforcement", "denied.query",
)
UNABLE = ("unable.not_held", "unable.needs_creation", "unable.unclear")
UNCLEAR_AFTER_CORRECTION = UNABLE[2]  # 补正后申请内容仍不明确 (Art. 30)
NOT_PROCESSED = ("not_processed.petition", "not_processed.duplicate", "not_processed.publication",
                 "not_processed.excessive", "not_processed.confirm")
OVERDUE_CORRECTION = "other.overdue_correction"  # Art. 30: not corrected in time
OVERDUE_FEE = "other.overdue_fee"  # 国办函〔2020〕109号: fee not paid in time
WITHDRAWN = "other.misc"  # withdrawn, and the rest of （六）其他处理
OTHER = (OVERDUE_CORRECTION, OVERDUE_FEE, WITHDRAWN)

CATEGORIES: tuple[str, ...] = (GRANTED, PARTIAL) + DENIED + UNABLE + NOT_PROCESSED + OTHER

# The case kinds of table 4 (行政复议, 行政诉讼 without and after review) and their outcomes.
REVIEW = "review"
SUIT_DIRECT = "suit_direct"
SUIT_AFTER_REVIEW = "suit_after_review"
CASE_OUTCOMES = ("upheld", "corrected", "other")
PENDING = "pending"
TOTAL = "total"
