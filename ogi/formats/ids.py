"""The typed ids of a format's parts.

A cell id (`apply.new.natural`), a table id (`apply`) and a row id (`denied.state_secret`) are
strings in the JSON, the database and the gold files (spec/CELLS.md); in the code they are kept
apart by type, so that a row id is never passed where a cell id is meant. Only a format module
makes them: every other layer gets them from a format.
"""

from __future__ import annotations

from typing import NewType

CellId = NewType("CellId", str)
TableId = NewType("TableId", str)
RowId = NewType("RowId", str)

__all__ = ["CellId", "RowId", "TableId"]
