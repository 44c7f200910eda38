"""Docs that cannot drift: every `ogi` subcommand is in the README, and its --help runs."""

from __future__ import annotations

import argparse

import pytest

from ogi.cli import build_parser
from tests.conftest import ROOT


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_there_are_the_core_commands():
    assert {"parse", "check", "render", "calendar", "deadline", "compose"} <= set(_subcommands())


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_command_is_in_the_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`ogi {name}" in readme, f"ogi {name} is not documented in README.md"


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_command_has_chinese_help(name):
    text = _subcommands()[name].format_help()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), name
