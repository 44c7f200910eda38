"""Agency names at different lengths are one agency (used by ogi check --previous and ogi batch)."""

from __future__ import annotations

from ogi.model import same_agency
from ogi.names import normalise_agency


def test_keys_drop_the_divisions_above():
    assert normalise_agency("呼和浩特市赛罕区应急管理局") == "赛罕区应急管理局"
    assert normalise_agency("内蒙古自治区呼和浩特市赛罕区应急管理局") == "赛罕区应急管理局"


def test_same_agency():
    assert same_agency("赛罕区应急管理局", "呼和浩特市赛罕区应急管理局") is True
    assert same_agency("区应急管理局", "赛罕区应急管理局") is True  # only the level printed
    assert same_agency("赛罕区应急管理局", "新城区应急管理局") is False
    assert same_agency("赛罕区应急管理局", "赛罕区司法局") is False
    assert same_agency(None, "赛罕区司法局") is None


def test_check_previous_accepts_the_longer_name():
    from ogi.check import check
    from ogi.synth import random_report

    last = random_report("2021", seed=1, year=2022, agency="呼和浩特市赛罕区应急管理局")
    this = random_report("2021", seed=2, year=2023, agency="赛罕区应急管理局")
    rules = {f.rule for f in check(this, previous=last)}
    assert "cross.W903" not in rules
    assert rules & {"cross.E901", "cross.I904"}
