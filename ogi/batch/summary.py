"""Corpus roll-ups with DuckDB over the Parquet output: table totals and indicators per group.

Only readable reports count, and identical files (same sha256) once. Row and column labels come from ogi.formats.
Only cells OGI read with certainty are added up; each figure says how many it left out (cells OGI
doubts, reports whose cells a rate needs are not all sure). The share of reports with arithmetic
errors counts the documents' own errors, never OGI's misreadings (those are parse.* findings).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import formats
from ..model import AGENCY_KIND_ZH

if TYPE_CHECKING:
    import duckdb

GROUPS = {"region": "coalesce(l.region, r.region, '（未知）')", "year": "CAST(r.year AS VARCHAR)",
          "agency-type": "CASE r.kind " + " ".join(f"WHEN '{k}' THEN '{zh}'" for k, zh in AGENCY_KIND_ZH.items())
                         + " ELSE '（未知）' END",
          None: "'全部'"}
ARITHMETIC = ("apply.E101", "apply.E102", "appeal.E101", "table.E100")
FORMAT = ("format.E201", "format.E202", "format.E203", "format.E204")


def _connect(out: Path) -> duckdb.DuckDBPyConnection:
    import duckdb

    con = duckdb.connect()
    con.execute(f"CREATE VIEW reports AS SELECT * FROM read_parquet('{out}/reports/*.parquet')")
    con.execute(f"CREATE VIEW cells AS SELECT * FROM read_parquet('{out}/cells/*.parquet')")
    if (out / "links.parquet").exists():
        con.execute(f"CREATE VIEW links AS SELECT * FROM read_parquet('{out}/links.parquet')")
    else:
        con.execute("CREATE VIEW links AS SELECT NULL::VARCHAR report_id, NULL::VARCHAR region, "
                    "TRUE representative WHERE FALSE")
    return con


def _base(by: str | None) -> str:
    return (f"SELECT r.*, {GROUPS[by]} AS grp FROM reports r LEFT JOIN links l USING (report_id) "
            "WHERE r.error_code IS NULL QUALIFY row_number() OVER (PARTITION BY r.sha256 ORDER BY r.report_id) = 1")


def table_rows() -> list[tuple[str, str, str]]:
    """(table id, row id, Chinese row label) of every format, in order, each row once."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, str]] = []
    for fmt in formats.all_formats():
        for t in fmt.tables:
            for r in t.rows:
                if (t.id, r.id) not in seen:
                    seen.add((t.id, r.id))
                    out.append((t.id, r.id, r.label))
    return out


def totals(out: Path, by: str | None = None) -> list[dict[str, Any]]:
    """Sum and number of reports of every cell, per group."""
    con = _connect(out)
    q = (f"WITH base AS ({_base(by)}) SELECT b.grp, c.cell, sum(c.value) FILTER (WHERE NOT c.uncertain) AS total, "
         "count(c.value) FILTER (WHERE NOT c.uncertain) AS reports, count(*) FILTER (WHERE c.uncertain) AS left_out "
         "FROM cells c JOIN base b USING (report_id) GROUP BY ALL ORDER BY ALL")
    labels: dict[str, tuple[str, str, str]] = {}
    for fmt in formats.all_formats():
        for t in fmt.tables:
            for r in t.rows:
                for cell, col in zip(r.cells, r.columns, strict=True):
                    labels.setdefault(cell, (t.id, r.label, col.label))
            for g in t.groups:
                for cell, col in zip(g.collapsed_cells, t.rows[0].columns, strict=False):
                    labels.setdefault(cell, (t.id, g.label, col.label))
    rows = []
    for grp, cell, total, n, left_out in con.execute(q).fetchall():
        tid, row_label, col_label = labels.get(cell, ("", cell, ""))
        rows.append({"group": grp, "table": tid, "cell": cell, "row": row_label, "column": col_label,
                     "total": total, "reports": n, "left_out": left_out})
    return rows


def _sql_list(cells: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"'{c}'" for c in cells)


def _summarised() -> list[tuple[formats.Format, formats.Table, formats.Summary]]:
    """The formats that say what a summary adds up (Format.summary), oldest first."""
    return [(f, f.by_role(formats.APPLICATIONS), f.summary) for f in formats.all_formats() if f.summary is not None]


def _grounds() -> dict[str, tuple[formats.Row, str, tuple[str, ...]]]:
    """The grounds of refusal a summary gives as shares (the rows of Summary.grounds), by row id:
    (the row in the newest format that has it, its group's label, its total cell in every format)."""
    out: dict[str, tuple[formats.Row, str, tuple[str, ...]]] = {}
    for _, table, summary in _summarised():
        label = next(g.label for g in table.groups if g.id == summary.grounds)
        for r in table.rows:
            if r.group == summary.grounds:
                cells = out[r.id][2] if r.id in out else ()
                out[r.id] = (r, label, tuple(dict.fromkeys(cells + (table.total_cell(r),))))
    return out


def indicators(out: Path, by: str | None = None) -> list[dict[str, Any]]:
    """Per group: reports, 予以公开 rate, 不予公开 by ground, arithmetic errors, late, format deviations."""
    con = _connect(out)
    grounds = _grounds()
    arith = ", ".join(f"'{r}'" for r in ARITHMETIC)
    fmt_rules = ", ".join(f"'{r}'" for r in FORMAT)
    denied_cols = ", ".join(f"sum(CASE WHEN c.cell IN ({_sql_list(cells)}) THEN c.value END) AS \"{rid}\""
                            for rid, (_, _, cells) in grounds.items())
    granted = _sql_list(tuple(dict.fromkeys(s.granted for _, _, s in _summarised())))
    handled = _sql_list(tuple(dict.fromkeys(s.handled for _, _, s in _summarised())))
    # A rate takes a report only when OGI is sure of every cell it needs from it.
    q = f"""
    WITH base AS ({_base(by)}),
    sure AS (SELECT c.* FROM cells c WHERE c.report_id IN (
                SELECT report_id FROM cells WHERE cell IN ({granted}, {handled})
                GROUP BY report_id HAVING count(*) = 2 AND NOT bool_or(uncertain))),
    t AS (SELECT b.grp, sum(CASE WHEN c.cell IN ({granted}) THEN c.value END) AS granted,
                 sum(CASE WHEN c.cell IN ({handled}) THEN c.value END) AS handled,
                 count(DISTINCT c.report_id) AS rate_reports, {denied_cols}
          FROM sure c JOIN base b USING (report_id) GROUP BY b.grp)
    SELECT b.grp, count(*) AS reports,
           avg(b.score) AS mean_score,
           avg(CASE WHEN list_has_any(b.rules, [{arith}]) THEN 1.0 ELSE 0 END) AS arithmetic_errors,
           avg(CASE WHEN b.timeliness = 'late' THEN 1.0 ELSE 0 END) AS late,
           avg(CASE WHEN list_has_any(b.rules, [{fmt_rules}]) THEN 1.0 ELSE 0 END) AS format_deviations,
           avg(CASE WHEN b.verdict = 'unverified' THEN 1.0 ELSE 0 END) AS unverified,
           sum(b.n_uncertain + coalesce(b.n_unread, 0)) / nullif(sum(b.n_cells + coalesce(b.n_unread, 0)), 0)
               AS doubtful_cells,
           any_value(t.granted) / nullif(any_value(t.handled), 0) AS granted_rate,
           any_value(t.handled) AS handled,
           count(*) - coalesce(any_value(t.rate_reports), 0) AS rate_left_out,
           {", ".join(f'any_value(t."{rid}") AS "{rid}"' for rid in grounds)}
    FROM base b LEFT JOIN t USING (grp) GROUP BY b.grp ORDER BY b.grp
    """
    cur = con.execute(q)
    names = [d[0] for d in cur.description]
    result = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    (unreadable,) = con.execute("SELECT count(*) FROM reports WHERE error_code IS NOT NULL").fetchone() or (0,)
    for row in result:
        row["unreadable"] = unreadable if by is None else None  # unreadable files have no group
        for rid in grounds:
            row[rid] = row[rid] / row["handled"] if row[rid] is not None and row["handled"] else None
    return result


def indicator_labels() -> list[tuple[str, str]]:
    """(key, Chinese / English label) of the indicators, in display order; grounds from ogi.formats."""
    _, table, summary = _summarised()[-1]  # the labels of the newest format
    handled, granted = (next(r for r in table.rows if cell in r.cells) for cell in (summary.handled, summary.granted))
    return [("reports", "报告数 / reports"), ("unreadable", "无法读取 / unreadable"),
            ("mean_score", "平均质量分 / mean quality score"),
            ("handled", f"{handled.label} / applications handled"),
            ("granted_rate", f"{granted.label}比例 / granted rate"),
            *[(rid, f"{group}·{r.label}（占比）/ denied: {rid.rsplit('.', 1)[-1]}")
              for rid, (r, group, _) in _grounds().items()],
            ("rate_left_out", "比例未计入的报告（单元格存疑）/ reports left out of the rates (cells in doubt)"),
            ("arithmetic_errors", "表内数字不平的报告占比（OGI确认读对）/ reports with arithmetic errors (read with certainty)"),
            ("unverified", "OGI未能确认全部单元格的报告占比 / reports OGI could not read with certainty"),
            ("doubtful_cells", "存疑或未读出的单元格占比 / cells in doubt or unread"),
            ("late", "逾期公布占比 / published late"),
            ("format_deviations", "格式不符占比 / format deviations")]
