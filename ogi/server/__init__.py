"""The workbench (Django): the 依申请公开 desk, agencies, people and roles, the audit log, the API.

It persists and calls the layers below (`ogi.ledger`, `ogi.render`…), never the reverse. Apps by
domain: `orgs` (regions, agencies, people, roles), `cases` (依申请公开), `audit`, `api`.
"""
