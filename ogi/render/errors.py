"""The renderers' refusals in OGI's one error shape (`ogi.errors.OgiError`: code, Chinese,
English, where)."""

from __future__ import annotations

from ..errors import OgiError


class RenderError(OgiError):
    """A report OGI cannot write in the asked form (unknown form, LibreOffice missing, …)."""
