"""The built-in rules. Importing this package declares them in `ogi.check.registry.RULES`."""

from . import cross_year, narrative, structure, tables, timeliness

__all__ = ["cross_year", "narrative", "structure", "tables", "timeliness"]
