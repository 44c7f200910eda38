"""The words of a government site's chrome (页眉、页脚、工具条): one list for the HTML reader, which
drops short chrome lines around the article, and for the extractor, which drops the chrome a page
scraped as plain text carries inside the report's sections. Each adds only the words its own job
needs (the reader keeps 发布日期 lines, the metadata is read from them; the sections drop them)."""

from __future__ import annotations

import re

# Footer and toolbar words found on nearly every government site; a line holding one is chrome.
SITE_CHROME_WORDS: tuple[str, ...] = (
    "ICP备", "公网安备", "网站标识码", "主办单位", "承办单位", "技术支持", "版权所有",
    "打印本页", "关闭窗口", "分享到", "网站地图",
)
SITE_CHROME = "|".join(map(re.escape, SITE_CHROME_WORDS))

# A site's toolbar words (登录 | 注册 | 无障碍 …), which a crawler may glue before the title.
SITE_TOOLBAR_WORDS: tuple[str, ...] = ("登录", "注册", "首页", "无障碍", "长者模式", "关怀版", "English", "简体", "繁體", "繁体")
# A site's breadcrumb (当前位置：首页 > 政府信息公开 > 年度报告): it names the column, not the report.
SITE_BREADCRUMB = r"位置\s*[:：]|首\s*页\s*[>＞»›→/|]"
