"""What the ledger counts, in the words of 国务院令第711号: the vocabulary the formats' rows and
columns are filled from.

The ledger decides each application into exactly one outcome category; each format says which
of its table-3 rows counts which categories (`Row.counts`), which of its table-2 rows counts
which kind of record, which ledger figure fills which table-2 column (`Column.measure`), and
which block of table 4 counts which kind of case (`Block.id`). The ids are those of the 2021
format's rows, which is how the workbench stores them.
"""

from __future__ import annotations

GRANTED = "granted"  # （一）予以公开, Art. 36 (1)(2)
PARTIAL = "partial"  # （二）部分公开, Art. 37
# （三）不予公开
STATE_SECRET = "denied.state_secret"
LAW_PROHIBITED = "denied.law_prohibited"
THREE_SAFETY = "denied.three_safety"
THIRD_PARTY = "denied.third_party"
INTERNAL = "denied.internal"
PROCESS = "denied.process"
ENFORCEMENT = "denied.enforcement"
QUERY = "denied.query"
DENIED = (STATE_SECRET, LAW_PROHIBITED, THREE_SAFETY, THIRD_PARTY, INTERNAL, PROCESS, ENFORCEMENT, QUERY)
# （四）无法提供
NOT_HELD = "unable.not_held"
NEEDS_CREATION = "unable.needs_creation"
UNCLEAR_AFTER_CORRECTION = "unable.unclear"  # 补正后申请内容仍不明确 (Art. 30)
UNABLE = (NOT_HELD, NEEDS_CREATION, UNCLEAR_AFTER_CORRECTION)
# （五）不予处理
PETITION = "not_processed.petition"
DUPLICATE = "not_processed.duplicate"
PUBLICATION = "not_processed.publication"
EXCESSIVE = "not_processed.excessive"
CONFIRM = "not_processed.confirm"
NOT_PROCESSED = (PETITION, DUPLICATE, PUBLICATION, EXCESSIVE, CONFIRM)
OVERDUE_CORRECTION = "other.overdue_correction"  # Art. 30: not corrected in time
OVERDUE_FEE = "other.overdue_fee"  # 国办函〔2020〕109号: fee not paid in time
WITHDRAWN = "other.misc"  # withdrawn, and the rest of （六）其他处理
OTHER = (OVERDUE_CORRECTION, OVERDUE_FEE, WITHDRAWN)

CATEGORIES: tuple[str, ...] = (GRANTED, PARTIAL) + DENIED + UNABLE + NOT_PROCESSED + OTHER

# Records of table 2 (Art. 20): regulatory documents (规章, 规范性文件) and yearly tallies.
RULES = "rules"
NORMATIVE = "normative"
DOCUMENT_KINDS = (RULES, NORMATIVE)
# What fills a table-2 column (Column.measure): a count of the documents, or a tally's figure.
ISSUED, PUBLISHED, PUBLIC, REPEALED, IN_FORCE = "issued", "published", "public", "repealed", "in_force"
DECISIONS, ITEMS, PREV_ITEMS, CHANGE, AMOUNT = "decisions", "items", "prev_items", "change", "amount"

# The case kinds of table 4 (行政复议, 行政诉讼 without and after review) and their outcomes.
REVIEW = "review"
SUIT_DIRECT = "suit_direct"
SUIT_AFTER_REVIEW = "suit_after_review"
CASE_OUTCOMES = ("upheld", "corrected", "other")
PENDING = "pending"
TOTAL = "total"
