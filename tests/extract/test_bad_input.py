"""Bad input never crashes: one line naming the file and what is wrong, exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

OGI = [sys.executable, "-m", "ogi"]


def run(*args, stdin: bytes | None = None):
    return subprocess.run(OGI + list(args), input=stdin, capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "read.empty"),
        (b"   \n\n  ", "read.empty"),
        (os.urandom(4096).replace(b"%PDF", b"xxxx").replace(b"PK", b"xx"), "read.binary"),
        ("今天天气很好，我们去公园散步。".encode(), "extract.not_report"),
        ("某区2021年政府信息公开工作年度报告\n一、总体情况\n本年度我区认真做好政府信息公开工作。".encode(), "extract.no_tables"),
    ],
    ids=["empty", "blank", "binary", "not-a-report", "no-tables"],
)
def test_bad_input_one_line_exit_2(tmp_path: Path, content: bytes, code: str):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    res = run("parse", str(f))
    err = res.stderr.decode()
    assert res.returncode == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "bad.txt" in lines[0] and code in lines[0]
    assert " / " in lines[0]  # Chinese / English


def test_missing_file_is_exit_2(tmp_path: Path):
    res = run("parse", str(tmp_path / "nope.txt"))
    assert res.returncode == 2 and "nope.txt" in res.stderr.decode()


def test_partly_readable_tables_give_cells_and_list_the_rest(tmp_path: Path):
    text = ("某区2021年政府信息公开工作年度报告\n申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计\n"
            "一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4\n")
    f = tmp_path / "partial.txt"
    f.write_text(text, encoding="utf-8")
    res = run("parse", str(f))
    assert res.returncode == 0
    data = json.loads(res.stdout)
    assert data["cells"]["apply.new.total"] == 4
    assert "apply.carried_over.natural" in data["missing"]
    assert "review.total" in data["missing"]
    assert any(n["code"] == "extract.missing_cells" for n in data["notes"])


def test_stdin_and_table_view(tmp_path: Path):
    seed = next((Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds").glob("003_*.txt"))
    res = run("parse", "-", stdin=seed.read_bytes())
    assert res.returncode == 0
    assert json.loads(res.stdout)["cells"]["apply.new.total"] == 1
    res = run("parse", "--format", "table", str(seed))
    out = res.stdout.decode()
    assert res.returncode == 0 and "本年新收政府信息公开申请数量" in out and "行政复议" in out
    assert "未经复议直接起诉" in out and "复议后起诉" in out  # the two suit blocks told apart


def test_several_files_give_a_list_and_bad_ones_do_not_stop_the_rest(tmp_path: Path):
    seeds = sorted((Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds").glob("*.txt"))[:2]
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    res = run("parse", str(seeds[0]), str(bad), str(seeds[1]))
    assert res.returncode == 2
    data = json.loads(res.stdout)
    assert len(data) == 2


def test_a_directory_or_a_missing_file_is_said_in_chinese(tmp_path: Path):
    res = run("parse", str(tmp_path))
    err = res.stderr.decode()
    assert res.returncode == 2 and "这是目录" in err and "ogi batch" in err and "Traceback" not in err
    res = run("check", str(tmp_path / "nope.txt"))
    assert res.returncode == 2 and "文件不存在" in res.stderr.decode()
