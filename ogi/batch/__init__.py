"""Corpora: every report of a region or a country, parsed and checked into Parquet.

    from ogi.batch import run_batch, process_document
    result = run_batch("reports/", "out/", workers=2)             # local process pool
    result = run_batch("reports/", "out/", engine="dask", scheduler="tcp://host:8786")

`process_document(path, root)` is the one per-document function every engine runs. The output
(`OUT/reports/`, `OUT/cells/`, `OUT/findings/` as Parquet parts, `OUT/links.parquet`,
`OUT/cross_findings.parquet`) is described in `ogi/batch/store.py` and `ogi/batch/link.py`.

Layer rule: this package sits above read, extract, check and model; nothing imports it but the
commands.
"""

from __future__ import annotations

from ..model import parse_agency
from ..names import normalise_agency, resolve
from .document import Rows, process_document, process_many
from .link import coverage, link_corpus
from .run import BatchResult, discover, run_batch

__all__ = ["BatchResult", "Rows", "coverage", "discover", "link_corpus", "normalise_agency", "parse_agency",
           "process_document", "process_many", "resolve", "run_batch"]
