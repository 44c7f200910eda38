"""Fees under 国办函〔2020〕109号: every band of both methods."""

from __future__ import annotations

import pytest

from ogi.ledger import fees
from ogi.ledger.errors import InputError


@pytest.mark.parametrize("n,rate", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300),
                                    (50, 300), (51, 400), (61, 500)])
def test_per_request_rate_of_the_nth_request_in_a_month(n, rate):
    assert fees.per_request_rate(n) == rate


@pytest.mark.parametrize("count,amount", [
    (10, 0),  # 1–10 free
    (11, 100),  # 11th at 100
    (30, 2000),  # 11–30: 20 × 100
    (31, 2200),  # 31st at 200
    (40, 4000),  # 31–40: 10 × 200
    (45, 5500),  # 41–45: 5 × 300
])
def test_per_request_progressive(count, amount):
    assert fees.per_request(count).amount == amount


def test_per_request_continues_the_month_count():
    # The applicant's 29th to 32nd request this month: 100 + 100 + 200 + 200.
    assert fees.per_request(4, already=28).amount == 600


@pytest.mark.parametrize("pages,amount", [
    (0, 0), (30, 0),  # 1–30 free
    (31, 10), (100, 700),  # 31–100 at 10
    (101, 720), (200, 2700),  # 101–200 at 20
    (201, 2740), (250, 4700),  # above 200 at 40
])
def test_per_volume_progressive(pages, amount):
    assert fees.per_volume(pages).amount == amount


def test_quote_explains_its_bands_and_refuses_unknown_methods():
    q = fees.quote(fees.PER_VOLUME, 150)
    assert [(b.first, b.last, b.rate) for b in q.bands] == [(1, 30, 0), (31, 100, 10), (101, 150, 20)]
    assert "1700元" in q.explain() and "国办函〔2020〕109号" in q.explain()
    with pytest.raises(InputError):
        fees.quote("per_hour", 3)
    with pytest.raises(InputError):
        fees.per_volume(-1)
