"""What every reader produces: a document as ordered blocks with their location.

A reader turns bytes (text, HTML, DOCX, PDF, a scan) into a `Document`; the extractor works on
blocks only, so there is one extraction code path whatever the file was.

- `Paragraph`: one line of running text (a text file gives one per line; HTML/DOCX one per
  paragraph; a PDF one per text line). Text files keep their flattened tables as paragraphs
  (`cell |` lines, tab-indented cells, Markdown rows): the extractor knows those layouts.
- `Grid`: a real table grid (HTML `<table>`, DOCX table, PDF table found from ruling lines or
  OCR boxes). `rows[r][c]` is the cell's text at its origin; positions covered by a merged cell
  (rowspan/colspan, gridSpan/vMerge) hold `None`, so a merged label is seen once. An empty
  string is a cell printed blank.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from ..errors import OgiError


@dataclass(slots=True)
class Paragraph:
    """A line or paragraph of text, with where it stands in the source."""

    text: str
    line: int | None = None  # 1-based line in a text-like source
    page: int | None = None  # 1-based page in a PDF or scan
    bbox: tuple[float, float, float, float] | None = None
    # A PDF line's characters' horizontal extents, x0 and x1 of character i at 2i and 2i + 1
    # (a flat array: 16 bytes a character, where a tuple a character took a hundred): where each
    # figure stands in a table drawn without vertical rules, so a blank cell shows as a gap.
    xs: array[float] | None = field(default=None, compare=False, repr=False)


@dataclass
class Grid:
    """A table as a grid of cell texts (None: covered by a merged cell), with where it stands."""

    rows: list[list[str | None]]
    line: int | None = None  # line of the first row in a text-like source
    page: int | None = None
    # Optional per-cell boxes (same shape as rows) for PDFs and scans, for provenance.
    boxes: list[list[tuple[float, float, float, float] | None]] | None = None
    # Optional per-cell uncertainty (OCR with a low score), same shape as rows.
    doubtful: list[list[bool]] | None = None
    # Optional page of each row when a table runs across pages.
    row_pages: list[int] | None = None
    # A table cut by a page break without a rule there (a browser's print splits a row across
    # pages): its last row goes on at the top of the next page (`cut_bottom`), or its first row
    # is the rest of the last row of the page before (`cut_top`).
    cut_bottom: bool = False
    cut_top: bool = False


Block = Paragraph | Grid


@dataclass
class Document:
    """What a reader makes of a file: its blocks in reading order, and what the file says of itself."""

    blocks: list[Block] = field(default_factory=list)
    name: str = "-"  # file name for messages
    kind: str = "txt"  # txt, md, html, docx, doc, pdf, scan
    # Readers may know things the text does not say (e.g. an HTML <title>, PDF metadata date).
    hints: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """The document as plain text, grids flattened one row per line with ` | ` between cells."""
        out = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                out.append(b.text)
            else:
                for row in b.rows:
                    out.append(" | ".join(c for c in row if c is not None))
        return "\n".join(out)


class ReadError(OgiError):
    """A document OGI refuses or cannot read. Carries a stable code and both languages.

    `ogi` prints `zh / en` on one line with the file name and exits with code 2.
    """

    def message(self, name: str | None = None) -> str:
        return super().message(name)
