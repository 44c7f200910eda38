"""A web page saved as one file (.mht/.mhtml): Word's 单个文件网页 and Chromium's 网页，单个文件 are
read as the page they hold, a report in a frame included; the archive's own headers (`Date:` is
when it was saved) are never the report's."""

from __future__ import annotations

import base64
import os
import shutil

import pytest

from benchmarks.realworld.converters import chromium_mhtml_batch
from ogi.cli import main
from ogi.read import read_bytes, sniff

from . import generate as g
from .conftest import SEEDS
from .test_gold import assert_gold, parse_json

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FRAMED = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府信息公开平台</title></head><body>"
          "<div class='nav'>首页 | 政务公开 | 年度报告</div><iframe src='report.html' width='900' height='3000'>"
          "</iframe><div class='footer'>主办单位：某某区人民政府办公室</div></body></html>")


def _mime(part_headers: str, body: bytes) -> bytes:
    boundary = "----=_NextPart_000_0000_01DAAAAA.BBBBBBBB"
    return (f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
            f"--{boundary}\r\n{part_headers}\r\n\r\n").encode("ascii") + body + f"\r\n--{boundary}--\r\n".encode("ascii")


@pytest.mark.slow
def test_chromium_saved_page_with_the_report_in_a_frame(tmp_path, capsys):
    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: apt-get install -y chromium")
    spec = g.build_spec(g.gold_files()[0])
    (tmp_path / "report.html").write_bytes(g.html_plain(spec))
    (tmp_path / "page.html").write_text(FRAMED, encoding="utf-8")
    saved = tmp_path / "page.mhtml"
    chromium_mhtml_batch([(tmp_path / "page.html", saved)])
    data = saved.read_bytes()
    assert data.startswith(b"From: <Saved by Blink>") and b"\nDate: " in data  # the browser's own archive
    assert b'src=3D"cid:frame-' in data  # the report is a part of its own, named by the page
    assert sniff(data) == "mht"
    assert_gold(parse_json(saved, capsys), spec.gold)  # published: the report's signature date


def test_word_single_file_page_is_the_word_page(corpus, capsys):
    for seed in SEEDS:
        data = corpus.path(seed, "mht_word").read_bytes()
        assert b"Content-Transfer-Encoding: quoted-printable" in data and b"=3D" in data
        assert read_bytes(data, "report.mht").kind == "mht"
        assert_gold(parse_json(corpus.path(seed, "mht_word"), capsys), corpus.specs[seed].gold)


def test_base64_part_read_in_the_charset_its_headers_declare(tmp_path, capsys):
    """A GBK page with no charset of its own, base64 encoded, the part declaring gbk."""
    spec = g.build_spec(g.gold_files()[1])
    body = base64.encodebytes(g.html_gbk(spec))
    path = tmp_path / "report.mhtml"
    path.write_bytes(_mime('Content-Type: text/html; charset="gbk"\r\nContent-Transfer-Encoding: base64', body))
    assert_gold(parse_json(path, capsys), spec.gold)


def test_saved_page_without_a_page_is_refused(tmp_path, capsys):
    path = tmp_path / "picture.mht"
    path.write_bytes(_mime("Content-Type: image/png\r\nContent-Transfer-Encoding: base64",
                           base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)))
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "单个文件网页（MHT）中没有网页正文" in err and "[read.mht.no_page]" in err and "Traceback" not in err


def test_text_whose_first_line_looks_like_a_header_is_text():
    assert sniff(b"Title: 2021\n\nContent-Type: multipart/related\n") == "txt"  # not in the header block
    assert sniff("标题: 某某区2021年政府信息公开工作年度报告\n".encode()) == "txt"


def test_archive_date_is_not_the_report_date(tmp_path, capsys):
    """`Date:` of the archive is when it was saved: a report without a date of its own has none."""
    spec = g.build_spec(g.gold_files()[2])
    undated = g.Spec(spec.name, spec.title, spec.agency, [b for b in spec.blocks if not (
        isinstance(b, str) and b.endswith("日") and len(b) <= 12)], spec.gold)
    body = g.html_plain(undated)
    path = tmp_path / "undated.mhtml"
    path.write_bytes(_mime("Content-Type: text/html\r\nContent-Transfer-Encoding: 8bit", body).replace(
        b"MIME-Version: 1.0\r\n", b"From: <Saved by Blink>\r\nDate: Tue, 01 Dec 2026 04:02:49 GMT\r\nMIME-Version: 1.0\r\n"))
    report = parse_json(path, capsys)
    assert report["meta"]["agency"] == spec.agency
    assert report["meta"]["published"] is None


def test_archive_repeating_one_frame_reads_it_a_bounded_number_of_times():
    """A hostile archive whose page names one frame a thousand times reads it MAX_FRAMES times."""
    from ogi.read import mht

    boundary = "b0"
    page = "<html><body>" + '<iframe src="cid:f@x"></iframe>' * 1000 + "</body></html>"
    frame = "<html><body><p>" + "某某区政府信息公开" * 50 + "</p></body></html>"
    data = (f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
            f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}\r\n"
            f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-ID: <f@x>\r\n\r\n{frame}\r\n"
            f"--{boundary}--\r\n").encode()
    doc = read_bytes(data, "page.mht")
    assert sum(b.text.count("某某区政府信息公开") for b in doc.blocks if hasattr(b, "text")) == 50 * mht.MAX_FRAMES


def test_archive_whose_page_is_empty_is_refused_as_such(tmp_path, capsys):
    path = tmp_path / "empty.mht"
    path.write_bytes(_mime("Content-Type: text/html; charset=utf-8", b"\r\n"))
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "单个文件网页（MHT）中的网页没有内容" in err and "[read.html.empty]" in err
