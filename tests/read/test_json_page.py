"""A site's or a crawler's JSON holding the report's page: what a portal's API answers
(`{"data": {"title": …, "content": "<p>…"}}`, its markup escaped as `\\u003c` or not) and what a
crawler saves (a record with the page's text). Read as the page it holds; a crawl time is never
the report's date; JSON that holds no page is refused with a clear message; OGI's own JSON is
still a report."""

from __future__ import annotations

import json

from ogi.cli import main
from ogi.read import sniff

from . import generate as g
from .test_gold import assert_gold, parse_json

SPEC = g.build_spec(g.gold_files()[0])
SEED_TEXT = g.SHARED / "seeds" / f"{g.gold_files()[1].stem}.txt"


def _content() -> str:
    """The report's page body as a portal's content field holds it: its paragraphs and tables."""
    return "".join(g._html_table(b) if not isinstance(b, str) else f"<p>{b}</p>\n" for b in SPEC.blocks[1:])


def test_portal_answer_with_the_page_in_its_content_field(tmp_path, capsys):
    answer = {"code": 200, "msg": "success", "data": {
        "id": 20210115, "title": SPEC.title, "clickCount": 1024, "crawl_time": "2021-06-30 08:00:00",
        "publishTime": SPEC.gold["meta"]["published"] + " 10:30:00", "content": _content()}}
    path = tmp_path / "article.json"
    path.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    assert_gold(parse_json(path, capsys), SPEC.gold)


def test_markup_escaped_as_unicode_escapes(tmp_path, capsys):
    """`\\u003ctable\\u003e` and every Chinese character as `\\uXXXX`, as many APIs answer."""
    text = json.dumps({"result": [{"title": SPEC.title, "htmlContent": _content()}]}, ensure_ascii=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    assert "<" not in text and "\\u003ctable" in text
    path = tmp_path / "answer.json"
    path.write_text(text, encoding="ascii")
    assert_gold(parse_json(path, capsys), SPEC.gold)


def test_crawler_record_with_the_page_text_and_its_crawl_time(tmp_path, capsys):
    """A crawler's record: the page's text as one field, beside the time it was crawled (never the
    report's date: the signature's is)."""
    gold = json.loads(g.gold_files()[1].read_text(encoding="utf-8"))
    record = [{"url": "http://www.example.gov.cn/art/2021/1/15/art_1.html", "crawled_at": "2023-05-06T11:12:13",
               "text": SEED_TEXT.read_text(encoding="utf-8")}]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    report = parse_json(path, capsys)
    assert_gold(report, gold)
    assert report["meta"]["published"] != "2023-05-06"


def test_json_without_a_page_is_refused_with_what_it_lacks(tmp_path, capsys):
    path = tmp_path / "list.json"
    path.write_text(json.dumps({"total": 2, "rows": [{"id": 1, "title": "通知"}, {"id": 2, "title": "公告"}]}),
                    encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "JSON 中没有报告" in err and "[read.json]" in err and "Traceback" not in err


def test_text_that_opens_with_a_bracket_is_text():
    assert sniff("[首页](http://www.example.gov.cn) > 政务公开\n\n# 2021年报告\n".encode()) == "txt"
    assert sniff(b'{"data": {"content": "<p>x</p>"}}') == "json"
    assert sniff(b'[{"text": "x"}]') == "json"


def test_text_opening_with_a_brace_that_is_no_json_is_read_as_text(tmp_path, capsys):
    path = tmp_path / "report.txt"
    path.write_text('{"注": 本报告} \n' + SEED_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    assert sniff(path.read_bytes()) == "json"
    gold = json.loads(g.gold_files()[1].read_text(encoding="utf-8"))
    assert parse_json(path, capsys)["cells"] == gold["cells"]


def test_json_with_several_articles_is_refused_not_mixed(tmp_path, capsys):
    """A column's API page lists several articles with their text: read as one, their tables would
    mix. Refused, saying how many; an article whose content is a list of paragraphs is one."""
    rows = [{"title": f"{SPEC.title}（{n}）", "content": _content()} for n in range(3)]
    path = tmp_path / "column.json"
    path.write_text(json.dumps({"rows": rows}, ensure_ascii=False), encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "JSON 中有3篇文章的正文" in err and "[read.json.several]" in err
    paragraphs = {"data": {"title": SPEC.title, "content": [f"<p>{b}</p>" if isinstance(b, str) else g._html_table(b)
                                                          for b in SPEC.blocks[1:]]}}
    path.write_text(json.dumps(paragraphs, ensure_ascii=False), encoding="utf-8")
    assert_gold(parse_json(path, capsys), SPEC.gold)


def test_reading_a_text_file_imports_no_other_reader():
    """`ogi parse` of a small text file is mostly Python's imports: the readers of other formats
    (the JSON page's, HTML's and lxml with them) are imported only for their files."""
    import subprocess
    import sys

    code = ("import sys; from ogi.read import read_bytes; read_bytes('一、总体情况\\n本年度收到申请3件。\\n'.encode(), 'a.txt');"
            "print(sorted(m for m in ('ogi.read.jsonpage', 'ogi.read.html', 'ogi.read.mht', 'lxml', 'ogi.read.scan')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
