"""Metadata printed in the document: agency, report year, publication or signing date, region.

The format actually used is decided from the table headers (tables.detect_format), not here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..formats import cn_number
from ..lazy_pattern import LazyPattern
from ..model import AGENCY_SUFFIX, REGION_SUFFIX, Meta, agency_kind
from ..read.chrome import SITE_BREADCRUMB, SITE_CHROME_WORDS, SITE_TOOLBAR_WORDS

_DATE = re.compile(
    r"(20\d\d)\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?"
)
_CN_DATE = LazyPattern(r"([二〇○零一二三四五六七八九Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_WIDE_DIGIT = re.compile("[０-９]")
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LABELLED_DATE = re.compile(r"(?:发布日期|发布时间|成文日期|印发日期|发文日期|公开日期|日期|时间)\s*[:：]\s*")
# Dates a site or a crawler adds that are not the document's: when the page was collected,
# updated or visited. Never the publication date.
_NOT_PUBLISHED = re.compile(r"(?:采集|抓取|爬取|入库|更新|修改|访问|浏览|下载|打印|生成|截止|统计|检索|录入|保存)"
                            r"(?:日期|时间)\s*[:：]\s*$")
# A site's field name before the title (标题: …, 题名：…): not part of the title.
_FIELD_PREFIX = re.compile(r"^\s*(?:标\s*题|题\s*目|题名|文章标题|信息名称|名\s*称|主\s*题|title)\s*[:：]\s*", re.I)
_DATE_LINE = LazyPattern(
    r"^\s*(?:(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(20\d\d)-(\d{1,2})-(\d{1,2})|"
    r"([二〇○零一二三四五六七八九Ｏ]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日)\s*$"
)
_TITLE_YEAR = re.compile(r"(20\d\d)\s*年度?\s*(?:的)?\s*(?:政府信息公开|政务公开|信息公开)")
_REPORT_NAME = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?年度?报告")
_YEAR_AFTER_NAME = re.compile(r"年度?报告\s*[（(]\s*(20\d\d)\s*(?:年度?)?\s*[）)]")
_PERIOD_YEAR = re.compile(r"统计期限?(?:为|是)?\s*(?:自)?\s*(20\d\d)\s*年\s*1\s*月\s*1\s*日")
_YEAR = re.compile(r"(20\d\d)\s*年")
_AGENCY_BY = LazyPattern(r"由\s*([\u4e00-\u9fa5（）()]{2,40}?)\s*(?:编制|制作|起草|发布)")
# 2025年，拉萨市城关区人民政府办公室认真贯彻…: the reporting body as the subject of the opening
# sentence, up to the verb that follows it.
_SUBJECT = LazyPattern(r"(?:^|[。\n])\s*(?:20\d\d\s*年度?\s*[，,]\s*)?([\u4e00-\u9fa5]{2,30}"
                        r"(?:局|办公室|委员会|人民政府|管理委员会|厅|办|中心|院|署|街道办事处))"
                        r"(?=认真|坚持|严格|深入|按照|紧紧|围绕|高度|全面|始终|积极|进一步|继续|不断|以习近平|切实)")
_AGENCY_IN_TEXT = LazyPattern(r"([\u4e00-\u9fa5]{1,16}?(?:局|办公室|委员会|人民政府|管理委员会))")
_REGION = re.compile(r"^(.*(?:省|自治区|市|区|县|旗|自治州|盟))")
# 奉化区政府, 赛罕区人民政府: the district a department's text names (two-character names,
# the commonest; the most frequent one wins).
_REGION_NAME = LazyPattern(r"([\u4e00-\u9fa5]{2}[区县市旗])(?:人民)?政府")


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _CN_DATE.search(text)
    if m:
        return _date(cn_number(m.group(1)), cn_number(m.group(2)), cn_number(m.group(3)))
    return None


def find_published(lines: list[str]) -> dt.date | None:
    """发布日期/发布时间 when printed; else the signing date (a line that is only a date)."""
    for n, text in enumerate(lines):
        for m in _LABELLED_DATE.finditer(text):
            if _NOT_PUBLISHED.search(text[:m.end()]):
                continue
            value = text[m.end():m.end() + 24]
            if len(value) < 24 and n + 1 < len(lines) and lines[n + 1][:1].isdigit():
                value += lines[n + 1][:24 - len(value)]  # the date wrapped (2020-01-2 / 1)
            d = parse_date(value)
            if d:
                return d
    for text in lines:
        t = text.strip(_SIGN_STRIP)
        if len(t) <= 24 and _DATE_LINE.match(t):
            d = parse_date(t)
            if d:
                return d
    # The signature at the very end: glued after the agency's name (…应急管理局2021年1月15日), or
    # cut into table cells by a converter (| 2022 | 年 1 月 25 | 日 |).
    last = [x for x in (_signature_text(y) for y in lines[-12:]) if x and not _PAGE_MARK.fullmatch(x)][-3:]
    for text in reversed(last):
        if len(text) <= 24 and _DATE_LINE.match(text):
            return parse_date(text)
    signed = _SIGNED_AT_END.search("".join(last)[-40:])
    if signed:
        return parse_date(signed.group(1))
    return None


_PAGE_MARK = LazyPattern(r"[-—–－]*\d{1,4}[-—–－]*|第\d{1,4}页")


def _signature_text(line: str) -> str:
    """A signature line without the bars, dashes and spaces a converter put into it."""
    return re.sub(r"[|｜\s\u3000\xa0]+|^-{3,}$", "", line)


_SIGN_STRIP = " \u3000\xa0|｜\t"
_SIGNED_AT_END = LazyPattern(r"(?:局|办公室|办|委员会|委|人民政府|政府|中心|院|厅|部|署|会|所|站|处|队)\s*"
                              r"((?:20\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
                              r"[二〇○零一二三四五六七八九Ｏ]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$")


_TITLE_MARKS = " \u3000\xa0#*>"
_BREADCRUMB = re.compile(SITE_BREADCRUMB)


def find_title(lines: list[str]) -> str | None:
    """The report's title; a 公文 title printed on two lines (机关 / 20XX年…年度报告) is joined."""
    previous = ""
    for n, text in enumerate(lines[:40]):
        t = _FIELD_PREFIX.sub("", text.strip(_TITLE_MARKS)).strip(_TITLE_MARKS)
        if 6 <= len(t) <= 60 and "年度报告" in t and "本报告" not in t and not _BREADCRUMB.search(t) \
                and not _not_the_title(t):
            if re.match(r"^(20\d\d|[〇○零一二三四五六七八九]{4})\s*年", t) and previous and len(previous) <= 30 \
                    and AGENCY_SUFFIX.search(previous):
                return previous + t
            return t
        if t and len(t) <= 40 and "。" not in t and n + 1 < len(lines):
            # The title wrapped anywhere (洮北区政务服务局2019年度政府信息公开 / 工作年度报告: a PDF's
            # line, or a converter's): the two lines are the title when they end as one does.
            rest = lines[n + 1].strip(_TITLE_MARKS)
            whole = t + rest
            if len(rest) <= 20 and "告" in rest and _TITLE_END.search(whole) and (_TITLE_YEAR.search(whole) or _YEAR_AFTER_NAME.search(
                    whole)) and "本报告" not in whole and not _BREADCRUMB.search(whole) and not _not_the_title(whole):
                return whole
        if t:
            previous = t
    # The whole report on one line: the title is where the text begins.
    head = "".join(lines[:3])[:300]
    m = _GLUED_TITLE.search(head)
    return _TOOLBAR.sub("", m.group(0)) if m else None


def _not_the_title(line: str) -> bool:
    """A line of narrative that names a report: a cited document (《…年度报告制度的通知》, or a
    piece of such a citation a PDF's line cut: …年度报告制度的通知》和《20, 发自治区政府信息公开工作年度
    报告制度的通), not the title (a title in 《》 alone is, and one followed by a note, a site's name
    or a field)."""
    if line.count("《") != line.count("》") or not _TITLE_TAIL.search(line):
        return True
    return "《" in line and not (line.startswith("《") and line.endswith("》"))


# What may follow a title's 年度报告 on its line: a note in brackets (（全文）, （2019年度）), then the
# site's name or a field after a mark or wide space (_某某网, | 某某网,    发布日期：…).
_TITLE_TAIL = re.compile(r"年度?报告\s*(?:[（(][^）)]{0,12}[）)]\s*)?"
                         r"(?:[》」_\-—|｜].*|\s{2,}.*|(?:发布|来源|时间|日期|作者|浏览|点击|信息来源).*)?$")


_TITLE_END = re.compile(r"年度?报告(?:\s*[（(]\s*20\d\d\s*(?:年度?)?\s*[）)])?[》」]?$")
# (After the site's toolbar, when the crawler kept a space or a bar between them: 登录 | 注册 某局…)
_GLUED_TITLE = LazyPattern(r"(?:^|(?<=[\s|｜]))[^\s。，,；;|｜]{2,40}?(?:20\d\d)\s*年度?政府信息公开工作年度报告")
# A site's toolbar words glued before the title (登录注册某局…: the crawler kept nothing between).
_TOOLBAR = re.compile("^(?:" + "|".join(SITE_TOOLBAR_WORDS) + ")+")


def find_year(title: str | None, lines: list[str], section1: str, published: dt.date | None) -> int | None:
    if title:
        m = _TITLE_YEAR.search(title) or _YEAR_AFTER_NAME.search(title)
        if m:
            return int(m.group(1))
    head = "\n".join(lines[:60])
    m = _TITLE_YEAR.search(head)
    if m and "工作年度报告" in head[m.start():m.end() + 20]:
        return int(m.group(1))
    for text in lines:
        m = _PERIOD_YEAR.search(text)
        if m:
            return int(m.group(1))
    m = _YEAR.search(section1[:300])
    if m:
        year = int(m.group(1))
        if published is None or year <= published.year:
            return year
    if published:
        return published.year - 1
    years = Counter(int(y) for text in lines for y in _YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


# Latin letters and marks no Chinese agency's name holds, which OCR puts in place of characters it
# cannot read (东城x文套委员会, 应急管：局).
_GARBLE = re.compile(r"[A-Za-z：:'\"‘’“”；;，,。！!？?·•|｜_~`^]")


def find_agency(title: str | None, lines: list[str], published: dt.date | None, section1: str) -> str | None:
    if title:
        title = _FIELD_PREFIX.sub("", title)
        m = re.match(r"^(.*?)(20\d\d|[〇○零一二三四五六七八九]{4})\s*年", title)
        prefix = (m.group(1) if m else "").strip(" 《“\"【】[]")
        if m and not prefix:
            # 2023年度国务院办公厅政府信息公开工作年度报告: the agency after the year.
            after = re.match(r"^(?:20\d\d|[〇○零一二三四五六七八九]{4})\s*年度?\s*(.*?)\s*(?:政府信息公开|政务公开|信息公开)",
                             title)
            prefix = after.group(1) if after else ""
        # 某局政府信息公开工作年度报告（2019年度）: the year after the report's name, the agency before it.
        named = _REPORT_NAME.search(prefix if m else title)
        if named:
            prefix = (prefix if m else title)[:named.start()].strip(" 《“\"【】[]")
        prefix = re.sub(r"^关于", "", prefix)
        prefix = re.sub(r"(?:关于|的)$", "", prefix).strip(" 《“\"")
        # An OCR misreading of the title (`_GARBLE`): the signature or the text says the name.
        if len(prefix) >= 2 and not _GARBLE.search(prefix):
            if REGION_SUFFIX.search(prefix) and not AGENCY_SUFFIX.search(prefix):
                # 大同市云州区2021年…: the government of the region, in the words the document prints
                # it (来源:大同市云州区人民政府办公室); never a word the document does not print.
                text = "".join(lines)  # (a name a converter wrapped: 大同市云州区人民政 / 府办公室)
                for name in (prefix + "人民政府", prefix + "政府"):
                    if name in text:
                        return name
            return prefix
    signed = signature_agency(lines)
    if signed:
        return signed
    head = "".join(lines[:80])  # (lines a PDF wrapped joined again: 由鄂尔多斯市扶贫开发办 / 公室编制)
    m = _AGENCY_BY.search(head)
    if m:
        return m.group(1)
    closing = closing_agency(lines)
    if closing:
        return closing
    opening = section1[:400].replace("\n", "")  # (its lines a PDF wrapped: 区应急 / 管理局)
    m = _SUBJECT.search(opening) or _AGENCY_IN_TEXT.search(opening)
    if m:
        name = m.group(1)
        name = re.sub(r"^.*[，,。、；;]", "", name)
        if name[:1] in "区县市旗":  # 区应急管理局: the text names the district elsewhere
            # (A name of the same level: a district's department also names its city's government,
            # 宁波市人民政府, often more than its own, 奉化区政府.)
            text = "".join(lines)  # (a name a PDF wrapped: 奉化 / 区政府)
            names = Counter(n for n in _REGION_NAME.findall(text) if n[-1] == name[0])
            if names:
                name = _whole_name(names.most_common(1)[0][0], text) + name[1:]
        return name
    return None


def _whole_name(name: str, text: str) -> str:
    """A region's name as the text prints it whole: `_REGION_NAME` takes the two characters before
    市 or 区, which of 鄂尔多斯市 are 多斯. Where every time the text prints the name, the same
    character stands before it (尔, then 鄂), that character is the name's own; a name printed
    once cannot show it (通过奉化区政府: 过 is no part of 奉化区)."""
    for _ in range(4):  # (names of up to six characters before the suffix: 乌鲁木齐市)
        found = [m.start() for m in re.finditer(re.escape(name), text)]
        before = {text[i - 1] if i else "" for i in found}
        if len(found) < 2 or len(before) != 1:
            break
        ch = before.pop()
        if not ("\u4e00" <= ch <= "\u9fa5") or ch in "省市区县州盟旗":
            break
        name = ch + name
    return name


# What stands around a signature's name on its line: spacing and a converter's Markdown marks.
_SIGNATURE_MARKS = " \u3000\xa0#*"


def signature_agency(lines: list[str]) -> str | None:
    """The signature: the short line just above the signing date (blank lines between allowed)."""
    for i, text in enumerate(lines):
        t = text.strip(" \u3000\xa0")
        if i and len(t) <= 24 and _DATE_LINE.match(t):
            before = [x.strip(_SIGNATURE_MARKS) for x in lines[max(0, i - 4):i] if x.strip(_SIGNATURE_MARKS + "|")]
            prev = before[-1] if before else ""
            if _signed_name(prev):
                return prev
            break
    return None


def _signed_name(text: str) -> bool:
    """A line a signature's name may be: short, ending as an agency's name does, no garbled or
    punctuated text."""
    return 2 <= len(text) <= 30 and bool(AGENCY_SUFFIX.search(text)) and not _GARBLE.search(text)


def closing_agency(lines: list[str]) -> str | None:
    """A signature without its date: the name alone on the document's last line (鄂尔多斯市扶贫开发
    办公室), which a report whose title a converter dropped may be the only one to print in full
    (its text says 市扶贫办)."""
    last = next((t.strip(_SIGNATURE_MARKS) for t in reversed(lines) if t.strip(_SIGNATURE_MARKS + "|")), "")
    if len(lines) < 2 or not _signed_name(last) or any(ch.isdigit() for ch in last) \
            or any(w in last for w in SITE_CHROME_WORDS) \
            or last.endswith(("主办", "承办", "协办")):  # (a site's footer: XX市人民政府办公室主办)
        return None
    return last


# Two printings of a name an OCR read this alike are one name (海淀区教育委员会 read 诲证区教育委员会
# in the title's large characters: two of eight misread, 0.75).
MISREAD_NAME_RATIO = 0.75


def _one_misreading_apart(a: str, b: str) -> bool:
    """Two printings of a name that OCR may have told apart by a character or two (dropped, added
    or misread), the same otherwise."""
    if a == b or abs(len(a) - len(b)) > 2:
        return False
    from difflib import SequenceMatcher  # (only for scans: not imported by every `ogi parse`)

    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= MISREAD_NAME_RATIO


def region_of(agency: str | None) -> str | None:
    if not agency:
        return None
    m = _REGION.match(agency)
    return m.group(1) if m else None


def find_meta(lines: list[str], section1: str, hints: dict[str, str] | None = None, ocr: bool = False) -> Meta:
    """`hints` are what the reader knew beyond the text (a PDF's or an HTML page's title); `ocr`:
    the text was read by OCR (a scan)."""
    # (Looked for where the metadata stands, the head and the tail: a report typed so is typed so
    # throughout, and the whole text is long.)
    if _WIDE_DIGIT.search(section1[:400]) or _WIDE_DIGIT.search("".join(lines[:40] + lines[-12:])):
        # Digits typed full-width (２０２１年度…报告, 发布日期：２０２２-０２-１４: an input method's,
        # kept by Word and the pages made from it) are the same numbers as ASCII ones.
        lines = [t.translate(_ASCII_DIGITS) for t in lines]
        section1 = section1.translate(_ASCII_DIGITS)
    published = find_published(lines)
    title = find_title(lines)
    hinted = (hints or {}).get("title", "").strip()
    if hinted and "年度报告" in hinted and (not title or len(hinted) > len(title)):
        title = hinted
    year = find_year(title, lines, section1, published)
    agency = find_agency(title, lines, published, section1)
    if ocr and agency:
        # Read by OCR, the title's large bold characters are the likeliest misread (苏州工业区 for
        # 苏州工业园区): where the signature prints the name a character or two apart, the
        # signature's body-size print is the one to trust.
        signed = signature_agency(lines)
        if signed and (_one_misreading_apart(agency, signed) or (
                # (the title's first line, its region, taken apart from the rest: 余杭区 / 目然资源和规划局)
                0 < len(signed) - len(agency) <= 4 and _one_misreading_apart(agency, signed[-len(agency):]))):
            agency = signed
    return Meta(agency=agency, year=year, published=published, region=region_of(agency), kind=agency_kind(agency),
                title=title)
