"""Every tunable of the printed layout in one place: fonts, sizes, page, spacing.

The defaults follow 党政机关公文格式 (GB/T 9704-2012): A4, title in 方正小标宋简体 二号 (22 pt),
body in 仿宋_GB2312 三号 (16 pt) with a fixed 28 pt line, first-level headings in 黑体 三号, and
margins 37/35/28/26 mm. Tables are set in 仿宋 小五 (9 pt) so that the ten columns of table 3
fit the 156 mm text width.

Each font has a fallback that ships with Linux (fonts-noto-cjk). DOCX files name the official
font and record the fallback as its `altName`; the PDF writer swaps in the fallback when the
official font is not installed, so LibreOffice never falls back to a Latin font.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Font:
    name: str  # the official (Windows) name printed into DOCX and first in CSS
    fallback: str  # a font that exists on Linux
    css: tuple[str, ...] = ()  # more names for browsers (macOS, Windows variants)
    generic: str = "serif"

    def css_family(self) -> str:
        names = (self.name, *self.css, self.fallback)
        return ", ".join(f'"{n}"' for n in dict.fromkeys(names)) + f", {self.generic}"


@dataclass(frozen=True)
class Style:
    title_font: Font = Font("方正小标宋简体", "Noto Serif CJK SC", ("方正小标宋_GBK", "STZhongsong", "华文中宋"))
    body_font: Font = Font("仿宋_GB2312", "Noto Serif CJK SC", ("仿宋", "FangSong", "STFangsong"))
    heading_font: Font = Font("黑体", "Noto Sans CJK SC", ("SimHei", "STHeiti", "Heiti SC"), "sans-serif")
    table_font: Font = Font("仿宋_GB2312", "Noto Serif CJK SC", ("仿宋", "FangSong", "STFangsong"))
    latin_font: str = "Times New Roman"
    title_pt: float = 22  # 二号
    body_pt: float = 16  # 三号
    heading_pt: float = 16  # 三号
    table_pt: float = 9  # 小五
    line_pt: float = 28  # fixed line spacing of the body
    table_line_pt: float = 12
    page_mm: tuple[float, float] = (210, 297)  # A4
    margins_mm: tuple[float, float, float, float] = (37, 26, 35, 28)  # top, right, bottom, left
    first_line_chars: int = 2  # body paragraphs indent two characters
    title_bold: bool = False  # 方正小标宋 is bold by design; fallbacks get bold via `fallback_title_bold`
    fallback_title_bold: bool = True
    title_break: bool = True  # break a long title after the agency (GB/T 9704-2012 7.3.3)
    fonts_resolved: bool = field(default=False, compare=False)

    @property
    def text_width_mm(self) -> float:
        return self.page_mm[0] - self.margins_mm[1] - self.margins_mm[3]

    def with_fallback_fonts(self) -> Style:
        """The same style with every font swapped for its Linux fallback (for LibreOffice)."""
        def fb(f: Font) -> Font:
            return Font(f.fallback, f.fallback, (), f.generic)

        return replace(self, title_font=fb(self.title_font), body_font=fb(self.body_font),
                       heading_font=fb(self.heading_font), table_font=fb(self.table_font),
                       title_bold=self.fallback_title_bold, fonts_resolved=True)


OFFICIAL = Style()
