"""Generate the example ledger of a county department: examples/ledger/ledger.json.

青溪县应急管理局 (a fictional county emergency-management bureau), applications received
from December 2023 to December 2025, recorded as of 2026-01-09: every table-3 outcome row in
2024 and 2025, corrections (Art. 30), third-party and co-producer consultations (Arts. 32, 34),
extensions (Art. 33), per-request and by-volume fees (国办函〔2020〕109号), withdrawals, a few
applications still open at each year end, Art. 20 documents and tallies, review and litigation
cases. Deterministic (fixed seed): running it again writes the same file.

    .venv/bin/python examples/ledger/make_example.py
    .venv/bin/ogi compose examples/ledger/ledger.json --year 2025 -o report-2025.json
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from ogi.ledger import CATEGORIES, deadlines, fees
from ogi.ledger.calendar import default_calendar
from ogi.ledger.events import Event

SEED = 20260109
AS_OF = dt.date(2026, 1, 9)  # the ledger is a snapshot: nothing after this day is recorded
HERE = Path(__file__).parent
CAL = default_calendar()

APPLICANTS = (("natural", 70), ("commercial", 14), ("legal", 6), ("research", 2), ("nonprofit", 2), ("other_org", 6))
CHANNELS = (("online", 60), ("registered_mail", 15), ("in_person", 15), ("mail", 7), ("fax", 3))
BASIS = {
    "denied.state_secret": "《中华人民共和国政府信息公开条例》第十四条（国家秘密）",
    "denied.law_prohibited": "《中华人民共和国政府信息公开条例》第十四条（法律、行政法规禁止公开）",
    "denied.three_safety": "《中华人民共和国政府信息公开条例》第十四条（危及国家安全、公共安全、经济安全、社会稳定）",
    "denied.third_party": "《中华人民共和国政府信息公开条例》第十五条、第三十二条",
    "denied.internal": "《中华人民共和国政府信息公开条例》第十六条第一款",
    "denied.process": "《中华人民共和国政府信息公开条例》第十六条第二款",
    "denied.enforcement": "《中华人民共和国政府信息公开条例》第十六条第二款",
    "denied.query": "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    "unable.not_held": "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
    "unable.needs_creation": "《中华人民共和国政府信息公开条例》第三十八条",
    "unable.unclear": "《中华人民共和国政府信息公开条例》第三十条",
    "not_processed.petition": "《中华人民共和国政府信息公开条例》第三十九条第一款",
    "not_processed.duplicate": "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    "not_processed.publication": "《中华人民共和国政府信息公开条例》第三十九条第二款",
    "not_processed.excessive": "《中华人民共和国政府信息公开条例》第三十五条",
}
# Outcomes an agency of this kind sees most, by weight; the rest appear at least once a year.
COMMON = {"granted": 45, "partial": 12, "unable.not_held": 14, "denied.process": 3, "denied.third_party": 3,
          "not_processed.petition": 5, "not_processed.duplicate": 3, "unable.needs_creation": 3}
TOPICS = ("安全生产行政处罚决定书", "某化工企业安全评价报告", "辖区危险化学品经营许可名单", "2023年生产安全事故调查报告",
          "防汛应急预案", "矿山安全检查记录", "烟花爆竹零售许可审批材料", "应急物资储备清单", "某工贸企业整改复查意见",
          "自然灾害救助资金发放明细", "安全生产专项整治工作方案", "某建筑工地事故责任认定材料")


def pick(rng: random.Random, weighted) -> str:
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


def working_day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    while True:
        d = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
        if CAL.is_working_day(d):
            return d


def later(d: dt.date, rng: random.Random, lo: int, hi: int) -> dt.date:
    return CAL.add_working_days(d, rng.randint(lo, hi))


def application(rng: random.Random, ident: str, received: dt.date, category: str, applicant: str,
                monthly: dict, name: str) -> dict:
    channel = pick(rng, CHANNELS)
    events: list[dict] = [{"event": "received", "date": received}]

    def add(kind: str, date: dt.date, **data) -> None:
        events.append({"event": kind, "date": date, **data})

    def due() -> dt.date:
        evs = [Event(e["event"], e["date"], {k: v for k, v in e.items() if k not in ("event", "date")}) for e in events]
        d = deadlines.compute(received, evs, channel, CAL)
        return d.due or received

    cursor = received
    needs_correction = category in ("unable.unclear", "other.overdue_correction") or rng.random() < 0.08
    if needs_correction:
        cursor = later(cursor, rng, 1, 6)
        add("correction_sent", cursor)
        if category == "other.overdue_correction":
            add("correction_expired", later(cursor, rng, 15, 15))
            return _finish(ident, applicant, channel, name, events)
        cursor = later(cursor, rng, 2, 12)
        add("correction_answered", cursor)
    if category in ("denied.third_party", "partial") and rng.random() < 0.5 or rng.random() < 0.04:
        party = "third_party" if rng.random() < 0.7 else "co_producer"
        cursor = later(cursor, rng, 1, 4)
        add("consultation_started", cursor, party=party,
            name="某化工有限公司" if party == "third_party" else "县市场监督管理局")
        cursor = later(cursor, rng, 3, 15)
        add("consultation_answered", cursor, party=party)
    if rng.random() < 0.06:
        cursor = later(cursor, rng, 2, 8)
        add("extended", cursor, days=rng.choice((10, 15, 20)), approver="县应急管理局办公室主任 李某")
    fee = None
    month = (name, received.year, received.month)
    monthly[month] = monthly.get(month, 0) + 1
    ordinal = monthly[month]
    if category in ("granted", "partial", "other.overdue_fee"):
        if ordinal > fees.PER_REQUEST_FREE:
            fee = fees.per_request(1, ordinal - 1)
        elif category == "other.overdue_fee" or rng.random() < 0.05:
            fee = fees.per_volume(rng.choice((45, 80, 130, 240)))
    if fee is not None and fee.amount > 0:
        cursor = later(cursor, rng, 1, 4)
        add("fee_notice", cursor, method=fee.method, units=fee.units, amount=fee.amount,
            note=f"{name}{received.year}年{received.month}月第{ordinal}件申请" if fee.method == fees.PER_REQUEST else "")
        if category == "other.overdue_fee":
            add("fee_expired", CAL.add_working_days(cursor, deadlines.FEE_PAYMENT_DAYS + 1))
            return _finish(ident, applicant, channel, name, events)
        cursor = later(cursor, rng, 1, 12)
        add("fee_paid", cursor, amount=fee.amount)
    if category == "other.misc":
        add("withdrawn", later(cursor, rng, 1, 5), basis="申请人书面撤回申请")
        return _finish(ident, applicant, channel, name, events)
    limit = due()
    span = max(CAL.working_days_between(cursor, limit), 1)
    decided = later(cursor, rng, 1, span)
    add("decided", decided, category=category, **({"basis": BASIS[category]} if category in BASIS else {}))
    add("delivered", later(decided, rng, 0, 3))
    return _finish(ident, applicant, channel, name, events)


def _finish(ident: str, applicant: str, channel: str, name: str, events: list[dict]) -> dict:
    kept = [dict(e, date=e["date"].isoformat()) for e in events if e["date"] <= AS_OF]
    topic = name.split("|")[1]
    return {"id": ident, "applicant": applicant, "channel": channel, "content": f"申请公开{topic}", "events": kept}


def year_categories(rng: random.Random, n: int) -> list[str]:
    """n outcomes: every category at least once, the rest by the weights above."""
    cats = list(CATEGORIES)
    out = rng.choices(list(COMMON), list(COMMON.values()), k=n - len(cats))
    # Received before November, so that each one is also closed within the year.
    for c in cats:
        out.insert(rng.randrange(int(n * 0.8)), c)
    return out


def main() -> None:
    rng = random.Random(SEED)
    apps: list[dict] = []
    monthly: dict = {}
    plan = [(2023, dt.date(2023, 12, 1), dt.date(2023, 12, 29), 6),
            (2024, dt.date(2024, 1, 2), dt.date(2024, 12, 31), 168),
            (2025, dt.date(2025, 1, 2), dt.date(2025, 12, 31), 214)]
    for year, start, end, n in plan:
        cats = year_categories(rng, n) if year > 2023 else rng.choices(["granted", "unable.not_held"], k=n)
        dates = sorted(working_day_in(rng, start, end) for _ in range(n))
        for i, (received, category) in enumerate(zip(dates, cats, strict=True), 1):
            applicant = pick(rng, APPLICANTS)
            topic = rng.choice(TOPICS)
            name = f"{'个人' if applicant == 'natural' else '单位'}{rng.randrange(60):02d}|{topic}"
            apps.append(application(rng, f"QX-{year}-{i:03d}", received, category, applicant, monthly, name))
    # A frequent applicant: 13 requests in March 2025, the 11th on charged per request (按件计收).
    for k in range(13):
        received = CAL.add_working_days(dt.date(2025, 3, 2), k)
        apps.append(application(rng, f"QX-2025-Z{k + 1:02d}", received, "granted", "natural", monthly,
                                "张某|辖区企业安全生产标准化达标名单"))
    documents = [
        {"id": "QYJ-2019-3", "kind": "normative", "title": "青溪县安全生产约谈办法", "issued": "2019-06-10",
         "repealed": "2024-09-30"},
        {"id": "QYJ-2021-1", "kind": "normative", "title": "青溪县应急救援队伍管理办法", "issued": "2021-04-02"},
        {"id": "QYJ-2022-2", "kind": "normative", "title": "青溪县烟花爆竹经营许可实施细则", "issued": "2022-11-15",
         "repealed": "2025-06-30"},
        {"id": "QYJ-2024-1", "kind": "normative", "title": "青溪县安全生产举报奖励办法", "issued": "2024-03-18"},
        {"id": "QYJ-2024-2", "kind": "normative", "title": "青溪县安全生产约谈办法（修订）", "issued": "2024-09-30"},
        {"id": "QYJ-2025-1", "kind": "normative", "title": "青溪县烟花爆竹经营许可实施细则（2025年修订）",
         "issued": "2025-06-30", "published": "2025-07-02"},
        {"id": "QYJ-2025-2", "kind": "normative", "title": "青溪县自然灾害救助资金管理办法", "issued": "2025-10-20"},
    ]
    tallies = []
    for year, lic, pen, coe, items in ((2023, 212, 48, 6, 31), (2024, 236, 57, 9, 33), (2025, 251, 63, 4, 35)):
        tallies += [
            {"kind": "licensing", "year": year, "decisions": lic, "items": items},
            {"kind": "other_services", "year": year, "decisions": 0, "items": 4},
            {"kind": "penalty", "year": year, "decisions": pen, "items": 118},
            {"kind": "coercion", "year": year, "decisions": coe, "items": 12},
            {"kind": "fees", "year": year, "items": 0, "amount": 0},
            {"kind": "procurement", "year": year, "items": 3, "amount": 486000},
        ]
    denied = [a["id"] for a in apps if any(e.get("category", "").startswith("denied.") for e in a["events"])]
    cases = [
        {"id": "青溪政复〔2024〕12号", "kind": "review", "filed": "2024-05-20", "outcome": "upheld",
         "concluded": "2024-07-15", "application": denied[0]},
        {"id": "（2024）青行初字第8号", "kind": "suit_direct", "filed": "2024-10-09", "outcome": "corrected",
         "concluded": "2025-03-12", "application": denied[1]},
        {"id": "青溪政复〔2025〕7号", "kind": "review", "filed": "2025-04-08", "outcome": "other",
         "concluded": "2025-05-30", "application": denied[-3]},
        {"id": "青溪政复〔2025〕21号", "kind": "review", "filed": "2025-11-24", "outcome": None, "concluded": None,
         "application": denied[-1]},
    ]
    ledger = {
        "agency": "青溪县应急管理局",
        "kind": "department",
        "region": "示例省示例市青溪县",
        "as_of": AS_OF.isoformat(),
        "applications": apps,
        "documents": documents,
        "tallies": tallies,
        "cases": cases,
        "texts": {"2025": {"5": "一是依申请公开答复文书的说理还需加强；二是基层安全生产执法信息公开的及时性有待提高。"
                                "下一步，将加强业务培训，规范答复文书，完善执法信息公开流程。"}},
    }
    out = HERE / "ledger.json"
    out.write_text(json.dumps(ledger, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(apps)} applications")


if __name__ == "__main__":
    main()
