"""Information processing fees (信息处理费) under 国办函〔2020〕109号
(《政府信息公开信息处理费管理办法》), which Art. 42 of 国务院令第711号 refers to.

Two methods, one per request, both progressive (each band is charged at its own rate):

- 按件计收 (per request): counted per applicant per calendar month. Requests 1–10 are free,
  11–30 cost 100 元 each, and from the 31st on the rate rises by 100 元 for every band of 10
  (31–40: 200 元, 41–50: 300 元, …).
- 按量计收 (by volume): pages per request. Pages 1–30 are free, 31–100 cost 10 元 a page,
  101–200 cost 20 元 a page, above 200 cost 40 元 a page.

Amounts are whole yuan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import InputError

NOTICE = "国办函〔2020〕109号"
PER_REQUEST = "per_request"  # 按件计收
PER_VOLUME = "per_volume"  # 按量计收
METHODS = {PER_REQUEST: ("按件计收", "per request", "件", "request"),
           PER_VOLUME: ("按量计收", "by volume", "页", "page")}

# (first unit, last unit or None, rate in 元 per unit)
PER_VOLUME_BANDS: tuple[tuple[int, int | None, int], ...] = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))
PER_REQUEST_FREE = 10
PER_REQUEST_FIRST_BAND = (11, 30, 100)
PER_REQUEST_STEP = (10, 100)  # from the 31st request: +100 元 per band of 10


def per_request_rate(n: int) -> int:
    """The rate of an applicant's n-th request in a calendar month."""
    if n < 1:
        raise ValueError("n starts at 1")
    if n <= PER_REQUEST_FREE:
        return 0
    first, last, rate = PER_REQUEST_FIRST_BAND
    if n <= last:
        return rate
    width, rise = PER_REQUEST_STEP
    return rate + rise * ((n - last - 1) // width + 1)


@dataclass(frozen=True)
class Band:
    first: int
    last: int
    rate: int

    @property
    def amount(self) -> int:
        return (self.last - self.first + 1) * self.rate


@dataclass(frozen=True)
class Quote:
    method: str
    units: int
    bands: tuple[Band, ...]

    @property
    def amount(self) -> int:
        return sum(b.amount for b in self.bands)

    def explain(self) -> str:
        zh, en, uzh, uen = METHODS[self.method]
        parts = [f"第{b.first}—{b.last}{uzh} × {b.rate}元 = {b.amount}元" for b in self.bands]
        return (f"{zh}（{NOTICE}）：{'；'.join(parts) or '无'}；合计 {self.amount}元 / "
                f"{en}: {self.units} {uen}(s), {self.amount} yuan")


def _bands(first: int, last: int, rate_of: Callable[[int], int]) -> tuple[Band, ...]:
    out: list[Band] = []
    for n in range(first, last + 1):
        rate = rate_of(n)
        if out and out[-1].rate == rate:
            out[-1] = Band(out[-1].first, n, rate)
        else:
            out.append(Band(n, n, rate))
    return tuple(out)


def per_request(count: int = 1, already: int = 0) -> Quote:
    """Fee for `count` requests of an applicant who already filed `already` this month."""
    if count < 0 or already < 0:
        raise InputError("fees.E001", "申请件数不能为负", "request counts cannot be negative")
    return Quote(PER_REQUEST, count, _bands(already + 1, already + count, per_request_rate))


def per_volume_rate(page: int) -> int:
    for first, last, rate in PER_VOLUME_BANDS:
        if page >= first and (last is None or page <= last):
            return rate
    raise ValueError("page starts at 1")


def per_volume(pages: int) -> Quote:
    if pages < 0:
        raise InputError("fees.E002", "页数不能为负", "page count cannot be negative")
    bands: list[Band] = []
    for first, last, rate in PER_VOLUME_BANDS:
        if pages < first:
            break
        bands.append(Band(first, pages if last is None else min(last, pages), rate))
    return Quote(PER_VOLUME, pages, tuple(bands))


def quote(method: str, units: int, already: int = 0) -> Quote:
    """One method per request (国办函〔2020〕109号): `units` are requests or pages."""
    if method == PER_REQUEST:
        return per_request(units, already)
    if method == PER_VOLUME:
        return per_volume(units)
    raise InputError("fees.E003", f"未知的计收方式「{method}」（按件计收 per_request 或 按量计收 per_volume）",
                     f"unknown fee method {method!r} (per_request or per_volume)")
