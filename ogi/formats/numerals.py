"""Chinese numerals, the one table of them: the formats number their sections (一、) and items
(第二十条第（五）项) with them, reports write dates (二〇二二年一月十五日) and counts (收到申请十二件)
in them, and every layer that reads or writes one asks here.
"""

from __future__ import annotations

# The digits as written, 1 to 9 (一 is DIGITS[0]).
DIGITS = "一二三四五六七八九"
# Each character's value: the digits, the forms of zero met in print (〇, the circle ○, the letter
# O a typist or OCR puts for it) and 两 (两件).
VALUES: dict[str, int] = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, **{d: i for i, d in enumerate(DIGITS, 1)},
                          "两": 2}
# Characters of a numeral: VALUES' and the multipliers.
CHARACTERS = "".join(VALUES) + "十百"


def numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (as section and item numbers print)."""
    if not 0 < n < 100:
        raise ValueError(f"no numeral for {n} here (1 to 99)")
    tens, units = divmod(n, 10)
    if not tens:
        return DIGITS[units - 1]
    return ("" if tens == 1 else DIGITS[tens - 1]) + "十" + (DIGITS[units - 1] if units else "")


def cn_number(text: str) -> int:
    """The value of a numeral: 十二 → 12, 二十一 → 21, 一百零五 → 105, 两 → 2; without 十 or 百,
    digit by digit as years print (二〇二二 → 2022)."""
    if "十" not in text and "百" not in text:
        return int("".join([str(VALUES[ch]) for ch in text]))
    total, current = 0, 0
    for ch in text:
        if ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = VALUES[ch]
    return total + current
