from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
OGI = str(Path(sys.executable).with_name("ogi"))


def measured(*args: str, env: dict[str, str] | None = None) -> dict:
    """`ogi ARGS…` run in a fresh process: seconds, peak_mb, status, stderr."""
    out = subprocess.run([sys.executable, str(HERE / "measure.py"), OGI, *args], capture_output=True, text=True,
                         env=env, timeout=120)
    return json.loads(out.stdout)


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")
