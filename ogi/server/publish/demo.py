"""Demo data of the publication desk: each agency's catalogue, items published through the
reviews (with a policy and its 解读), items still in review or returned, last year's tallies and,
for the 应急管理局, last year's annual report on its public column. All through `services`."""

from __future__ import annotations

import datetime as dt

from ogi.ledger import LedgerError

from . import services

ITEMS = [  # (title, genre, art20, topic, doc_kind, category index)
    ("关于印发《安全生产大检查工作方案》的通知", "通知", "13", "市场监管、安全生产监管", "other", 1),
    ("{year}年部门预算公开说明", "预决算", "7", "财政、金融、审计", "other", 2),
    ("关于进一步规范行政执法公示工作的规定", "规定", "1", "综合政务", "normative", 0),
    ("{year}年度行政许可办理结果汇总", "许可结果", "5", "综合政务", "other", 0),
    ("政府信息公开工作制度", "工作制度", "15", "综合政务", "other", 0),
    ("防汛抗旱应急预案", "方案", "12", "农业、林业、水利", "other", 1),
]


def load(users: dict, agencies, today: dt.date) -> int:
    """users: username → User (clerk, approver, secrecy, admin of agencies[1]); returns items made."""
    clerk, approver, secrecy, admin = (users[k] for k in ("clerk", "approver", "secrecy", "admin"))
    lead = agencies[1]
    services.profile_save(admin, lead, {"index_code": "11360100MB0001", "require_interpretation": True})
    cats = [services.category_save(admin, lead, {"name": n, "code": c, "order": i})
            for i, (n, c) in enumerate([("法规文件", "FG"), ("应急管理", "YJ"), ("财政信息", "CZ")])]
    n = 0
    year = today.year
    for i, (title, genre, art20, topic, kind, cat) in enumerate(ITEMS):
        written = today - dt.timedelta(days=30 + 20 * i)
        extra = {"validity": "in_force", "effective": written} if kind == "normative" else {}
        item = services.item_create(clerk, lead, _data(lead, title.format(year=written.year), genre, art20, topic,
                                                       kind, cats[cat], written, **extra), today)
        _through(item, clerk, approver, secrecy, today)
        n += 1
    policy = services.item_create(clerk, lead, _data(lead, f"{lead.name}安全生产专项整治三年行动方案", "方案", "3",
                                                     "市场监管、安全生产监管", "other", cats[1], today - dt.timedelta(days=6),
                                                     needs_interpretation=True), today)
    _through(policy, clerk, approver, secrecy, today)  # waits for its 解读 (同步发布)
    reading = services.item_create(clerk, lead, _data(lead, f"《{lead.name}安全生产专项整治三年行动方案》政策解读",
                                                      "政策解读", "3", "市场监管、安全生产监管", "other", cats[1],
                                                      today - dt.timedelta(days=5), interprets=policy), today)
    _through(reading, clerk, approver, secrecy, today)
    waiting = services.item_create(clerk, lead, _data(lead, "关于开展森林防火宣传月活动的通知", "通知", "12",
                                                      "农业、林业、水利", "other", cats[1], today - dt.timedelta(days=25)),
                                   today)
    services.item_act(clerk, waiting, "submit", "", today)
    returned = services.item_create(clerk, lead, _data(lead, "化工园区整治情况通报（征求意见稿）", "通报", "13",
                                                       "市场监管、安全生产监管", "other", cats[1], today - dt.timedelta(days=3)),
                                    today)
    services.item_act(clerk, returned, "submit", "", today)
    returned.refresh_from_db()
    services.item_act(approver, returned, "reject", "征求意见稿属过程性信息，定稿后再公开", today)
    for kind, decisions, amount in (("licensing", 312, None), ("penalty", 47, None), ("coercion", 5, None),
                                    ("fees", None, 0)):
        services.tally_save(admin, lead, year - 1, kind, decisions, None, amount)
    try:
        services.report_publish(admin, lead, year - 1, today)
    except LedgerError:
        pass
    return n + 4


def _data(agency, title, genre, art20, topic, kind, category, written, **extra):
    data = {"title": title, "doc_number": "", "publisher": agency.name, "written": written, "topic": topic,
            "genre": genre, "art20": art20, "category": category, "openness": "active", "ground": "", "doc_kind": kind,
            "validity": "", "effective": None, "validity_changed": None, "interprets": None, "needs_interpretation": False,
            "body": f"{title}\n\n各有关单位：\n    现将有关事项通知如下。（演示数据）\n\n{agency.name}\n{written.isoformat()}"}
    data.update(extra)
    return data


def _through(item, clerk, approver, secrecy, today) -> None:
    services.item_act(clerk, item, "submit", "", today)
    for _ in range(3):
        item.refresh_from_db()
        services.item_act(approver, item, "pass", "同意", today)
    item.refresh_from_db()
    services.item_act(secrecy, item, "pass", "经审查不涉及国家秘密", today)
