"""AnnualReport → HTML: a standalone page (no external assets, prints on A4) or a fragment.

The fragment is one `<article class="ogi-report">` with its own `<style>` whose every selector
is scoped under `.ogi-report`, so a portal can drop it into its page without the page's CSS and
the report's CSS touching each other. Value cells carry `data-cell="<cell id>"`.
"""

from __future__ import annotations

from functools import lru_cache

from ..model import AnnualReport
from .layout import HEAD, LABEL, VALUE, TableGrid
from .outline import Heading, Para, Signature, TableBlock, Title, outline, title_of
from .style import OFFICIAL, Style


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@lru_cache(maxsize=16)
def css(style: Style = OFFICIAL, page: bool = True) -> str:
    s = ".ogi-report"
    top, right, bottom, left = style.margins_mm
    rules = [
        f"{s}{{font-family:{style.body_font.css_family()};font-size:{style.body_pt}pt;line-height:{style.line_pt}pt;"
        f"color:#000;background:#fff;max-width:{style.text_width_mm}mm;margin:0 auto;padding:1em 0}}",
        f"{s} h1{{font-family:{style.title_font.css_family()};font-size:{style.title_pt}pt;font-weight:"
        f"{'bold' if style.title_bold else 'normal'};line-height:1.5;text-align:center;margin:0 0 1em;text-wrap:balance}}",
        f"{s} h2{{font-family:{style.heading_font.css_family()};font-size:{style.heading_pt}pt;font-weight:normal;"
        "margin:0;text-indent:2em;break-after:avoid;page-break-after:avoid}",
        f"{s} p{{margin:0;text-indent:{style.first_line_chars}em;text-align:justify}}",
        f"{s} p.sign{{text-align:right;text-indent:0;padding-right:2em}}",
        f"{s} p.sign:first-of-type{{margin-top:2em}}",
        f"{s} table{{border-collapse:collapse;width:100%;table-layout:fixed;margin:.5em 0 1em;"
        f"font-family:{style.table_font.css_family()};font-size:{style.table_pt}pt;line-height:1.35}}",
        f"{s} th,{s} td{{border:1px solid #000;padding:2px 3px;text-align:center;vertical-align:middle;"
        "font-weight:normal;word-break:break-all}",
        f"{s} thead th,{s} th.band{{font-weight:bold}}",
        f"{s} th.left{{text-align:left}}",
        f"{s} thead{{display:table-header-group}}",
        f"{s} tr{{break-inside:avoid;page-break-inside:avoid}}",
        "@media print{" + f"{s}{{max-width:none;padding:0}}" + "}",
    ]
    if page:
        rules.insert(0, f"@page{{size:A4;margin:{top}mm {right}mm {bottom}mm {left}mm}}")
        rules.insert(1, "html,body{margin:0;background:#fff}")
    return "".join(rules)


def _table(grid: TableGrid) -> str:
    by_row: list[list[str]] = [[] for _ in range(grid.n_rows)]
    widths = "".join(f'<col style="width:{w * 100:.2f}%">' for w in grid.widths)
    for c in grid.cells:  # row-major
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        if c.role == VALUE:
            by_row[c.row].append(f'<td data-cell="{c.cell}"{span}>{_esc(c.text)}</td>')
        else:
            cls = c.role
            if c.align == "left":
                cls += " left"
            scope = ' scope="row"' if c.role == LABEL else (' scope="col"' if c.role == HEAD else "")
            by_row[c.row].append(f'<th class="{cls}"{scope}{span}>{_esc(c.text)}</th>')
    head = "".join(f"<tr>{''.join(r)}</tr>" for r in by_row[:grid.header_rows])
    body = "".join(f"<tr>{''.join(r)}</tr>" for r in by_row[grid.header_rows:])
    thead = f"<thead>{head}</thead>" if head else ""
    return f'<table class="ogi-table-{grid.table.id}"><colgroup>{widths}</colgroup>{thead}<tbody>{body}</tbody></table>'


def _article(report: AnnualReport, style: Style, scoped_css: bool) -> str:
    out = ['<article class="ogi-report" lang="zh-CN">']
    if scoped_css:
        out.append(f"<style>{css(style, page=False)}</style>")
    for block in outline(report):
        if isinstance(block, Title):
            out.append(f"<h1>{_esc(block.text)}</h1>")
        elif isinstance(block, Heading):
            out.append(f'<h2 id="section-{block.number}">{_esc(block.text)}</h2>')
        elif isinstance(block, Para):
            out.append(f"<p>{_esc(block.text)}</p>")
        elif isinstance(block, TableBlock):
            out.append(_table(block.grid))
        elif isinstance(block, Signature):
            out.extend(f'<p class="sign">{_esc(line)}</p>' for line in block.lines)
    out.append("</article>")
    return "".join(out)


def render_html(report: AnnualReport, style: Style = OFFICIAL) -> str:
    """A complete page: inline CSS, no scripts, no external fonts or images."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="generator" content="OGI"><title>{_esc(title_of(report))}</title>'
        f"<style>{css(style)}</style></head><body>{_article(report, style, False)}</body></html>\n"
    )


def render_html_fragment(report: AnnualReport, style: Style = OFFICIAL) -> str:
    """One `<article class="ogi-report">` with scoped CSS, for a portal page."""
    return _article(report, style, True) + "\n"
