"""The one error shape of the renderers: a stable code, Chinese and English, like `ReadError`."""

from __future__ import annotations


class RenderError(Exception):
    """A report OGI cannot write in the asked form (unknown form, LibreOffice missing, …)."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.code = code
        self.zh = zh
        self.en = en

    def message(self, name: str | None = None) -> str:
        where = f"{name}: " if name else ""
        return f"{where}{self.zh} / {self.en} [{self.code}]"
