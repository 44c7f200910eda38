"""Step 3 (only when needed): cut glued digits into cells, guided by the format's equations.

A row printed without separators (`21710000218` for 217, 1, 0, 0, 0, 0, 218) carries fewer
tokens than the row has cells. The equations of the format (the six applicant columns sum to
总计; table 4's 维持 + 纠正 + 其他 + 尚未审结 = 总计) decide where to cut. All splits that satisfy
them are returned: when there is more than one, the caller marks the cells that differ as
uncertain and never guesses silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from .tokens import NULL, Token

# A piece of a token: (token, start, end) into its digits; None for a NULL token.
Digits = tuple[Token, int, int]
Piece = Digits | None
# An equation among a row's cells as positions in the row: (left, right), sum(left) == sum(right).
RowEquation = tuple[tuple[int, ...], tuple[int, ...]]
# A split remembered without its tokens: (token index, start, end) per cell, None for a blank.
_Cut = tuple[int, int, int] | None
# What a split depends on: the tokens' (kind, sign, printed text), the row's width, its equations,
# the search's limits and which cells may be negative.
_SplitKey = tuple[tuple[tuple[int, str, str], ...], int, tuple[RowEquation, ...], int, int, tuple[bool, ...] | None]


@overload
def piece_value(piece: Digits) -> int | float: ...
@overload
def piece_value(piece: Piece) -> int | float | None: ...
def piece_value(piece: Piece) -> int | float | None:
    if piece is None:
        return None
    tok, start, end = piece
    if tok.plain:  # digits alone: no sign, decimals or unit
        return int(tok.text[start:end])
    text = tok.text[start:end]
    if end == len(tok.text.split(".")[0]) and "." in tok.text:
        text = tok.text[start:]
    value: int | float = float(text) if "." in text else int(text)
    if tok.sign and start == 0:
        value = -value
    return value


# Glued rows repeat across reports (a row of zeros is the commonest row there is): the search
# result depends only on the printed digits and the row's shape, so it is kept.
_CACHE: dict[_SplitKey, list[list[_Cut]]] = {}
_CACHE_MAX = 20000


def split_tokens(
    tokens: Sequence[Token],
    width: int,
    equations: Sequence[RowEquation],
    max_solutions: int = 24,
    max_digits: int = 9,
    signed: Sequence[bool] | None = None,
) -> list[list[Piece]]:
    """All ways to cut `tokens` into exactly `width` values that satisfy `equations` (see
    `_search`), remembered by the tokens' printed text and the row's shape."""
    key: _SplitKey = (tuple([(t.kind, t.sign, t.text) for t in tokens]), width, tuple(equations), max_solutions, max_digits,
           tuple(signed) if signed is not None else None)
    found: list[list[_Cut]] | None = _CACHE.get(key)
    if found is None and len(tokens) == 1 and tokens[0].kind != NULL and tokens[0].text.isdigit() \
            and not tokens[0].sign and list(equations) == [(tuple(range(width - 1)), (width - 1,))]:
        found = [[(0, a, b) for a, b in sol]
                 for sol in _row_total_split(tokens[0].text, width - 1, max_solutions, max_digits)]
        _remember(key, found)
    if found is None:
        index = {id(t): i for i, t in enumerate(tokens)}
        found = [[None if p is None else (index[id(p[0])], p[1], p[2]) for p in sol]
                 for sol in _search(tokens, width, equations, max_solutions, max_digits, signed)]
        _remember(key, found)
    return [[None if p is None else (tokens[p[0]], p[1], p[2]) for p in sol] for sol in found]


def _remember(key: _SplitKey, found: list[list[_Cut]]) -> None:
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = found


def _row_total_split(digits: str, parts: int, max_solutions: int, max_digits: int) -> list[list[tuple[int, int]]]:
    """The commonest glued row — `parts` counts then their total, all in one digit string — as
    (start, end) spans. Same answers as `_search`, found with the total fixed first and the
    prefix split by a memoised search (the shape of table 3's rows)."""
    n = len(digits)
    out: list[list[tuple[int, int]]] = []
    # Digit sums from the start: a number is its digit sum modulo 9, so however digits are cut,
    # the values sum to their digits' sum modulo 9 (casting out nines): a total it does not
    # match has no split, and neither has any part of the search it does not match.
    sums = [0]
    for ch in digits:
        sums.append(sums[-1] + int(ch))  # (any decimal digit, not only ASCII)
    for length in range(1, min(max_digits, n - parts) + 1):
        start = n - length
        if length > 1 and digits[start] == "0":
            continue
        total = int(digits[start:])
        if total < sums[start] or (total - sums[start]) % 9:
            continue
        ways = _Ways(digits, start, max_digits, max_solutions, sums)
        for sol in ways(0, parts, total):
            out.append(sol + [(start, n)])
            if len(out) >= max_solutions:
                return out
    return out


class _Ways:
    """Splits of digits[pos:stop] into `left` values (no leading zeros) summing to `rest`."""

    def __init__(self, digits: str, stop: int, max_digits: int, max_solutions: int, sums: list[int]):
        self.digits, self.stop, self.max_digits, self.max_solutions = digits, stop, max_digits, max_solutions
        self.sums = sums  # digit sums of digits[:i] (see `_row_total_split`)
        # A leading zero is refused as "0": other zeros (０) may lead a value, which then has more
        # digits than its size says.
        self.ascii = digits.isascii()
        self.memo: dict[tuple[int, int, int], list[list[tuple[int, int]]]] = {}

    def __call__(self, pos: int, left: int, rest: int) -> list[list[tuple[int, int]]]:
        key = (pos, left, rest)
        if key in self.memo:
            return self.memo[key]
        digits, stop, max_digits = self.digits, self.stop, self.max_digits
        found: list[list[tuple[int, int]]] = []
        n = stop - pos
        if left == 1:
            if n <= max_digits and (n == 1 or digits[pos] != "0") and int(digits[pos:stop]) == rest:
                found = [[(pos, stop)]]
        elif (excess := rest - self.sums[stop] + self.sums[pos]) < 0 or excess % 9 \
                or rest > min(10 ** (n - left + 1) - 1 + 9 * (left - 1), left * (10 ** max_digits - 1)) \
                or (self.ascii and n > left * min(max_digits, len(str(rest)))):
            # No split, without trying each, when `rest` is below the digits' sum (a value is at
            # least its digits' sum) or differs from it by other than a multiple of 9; above the
            # most `left` values can make (one as long as the others leave it, or each as long as
            # allowed); or when the digits are too many for `left` values none above `rest` (no
            # leading zeros).
            pass
        else:
            for end in range(pos + 1, min(stop - left + 1, pos + max_digits) + 1):
                if end - pos > 1 and digits[pos] == "0":
                    break
                value = int(digits[pos:end])
                if value > rest:
                    break
                if left == 2:
                    # The last value is what the digits after `end` say: no search for it.
                    m = stop - end
                    if m <= max_digits and (m == 1 or digits[end] != "0") and int(digits[end:stop]) == rest - value:
                        found.append([(pos, end), (end, stop)])
                    continue
                for tail in self(end, left - 1, rest - value):
                    found.append([(pos, end)] + tail)
                    if len(found) >= self.max_solutions:
                        break
        self.memo[key] = found
        return found


def _search(
    tokens: Sequence[Token],
    width: int,
    equations: Sequence[RowEquation],
    max_solutions: int = 24,
    max_digits: int = 9,
    signed: Sequence[bool] | None = None,
) -> list[list[Piece]]:
    """All ways to cut `tokens` into exactly `width` values that satisfy `equations`.

    Cuts happen only inside a token's integer digits; a value never has a leading zero unless
    it is 0; a sign belongs to a token's first piece, decimals and unit to its last; a negative
    value only goes where `signed` allows it (本年增/减).

    The search runs from the end of the row backwards: totals are printed last, so they are
    known first and bound the sums of the cells before them.
    """
    n_tok = len(tokens)
    intlen = [0 if t.kind == NULL else len(t.text.split(".")[0]) for t in tokens]
    # Most values the tokens before index i (0..i-1) can give, and fewest (one each).
    most_before = [0] * (n_tok + 1)
    for i in range(n_tok):
        most_before[i + 1] = most_before[i] + (1 if tokens[i].kind == NULL else intlen[i])
    if most_before[n_tok] < width or n_tok > width:
        return []
    # Running sums of each equation's sides, kept as cells are assigned (from the end).
    n_eq = len(equations)
    lsum: list[int | float] = [0] * n_eq
    rsum: list[int | float] = [0] * n_eq
    touches: list[list[tuple[int, bool]]] = [[] for _ in range(width)]  # (equation, on the left?)
    closes: list[list[int]] = [[] for _ in range(width)]  # equations complete at this position
    bounded = [False] * n_eq  # a total printed after its parts caps their partial sum
    for e, (left, right) in enumerate(equations):
        for i in left:
            touches[i].append((e, True))
        for i in right:
            touches[i].append((e, False))
        closes[min(left + right)].append(e)
        bounded[e] = len(right) == 1 and right[0] > max(left) and not (signed and any(signed[i] for i in left))

    solutions: list[list[Piece]] = []
    pieces: list[Piece] = [None] * width

    def assign(p: int, value: int | float) -> bool:
        ok = True
        for e, on_left in touches[p]:
            if on_left:
                lsum[e] += value
                if bounded[e] and lsum[e] > rsum[e]:
                    ok = False
            else:
                rsum[e] += value
        if ok:
            for e in closes[p]:
                if lsum[e] != rsum[e]:
                    return False
        return ok

    def unassign(p: int, value: int | float) -> None:
        for e, on_left in touches[p]:
            if on_left:
                lsum[e] -= value
            else:
                rsum[e] -= value

    def walk(ti: int, end: int, p: int) -> None:
        """Assign position p from token ti whose digits [0, end) are still unused."""
        if len(solutions) >= max_solutions:
            return
        if ti < 0:
            if p < 0:
                solutions.append(list(pieces))
            return
        if p < 0:
            return
        tok = tokens[ti]
        if tok.kind == NULL:
            pieces[p] = None
            if assign(p, 0):
                walk(ti - 1, intlen[ti - 1] if ti else 0, p - 1)
            unassign(p, 0)
            return
        text = tok.text
        plain = not tok.sign and "." not in text
        for length in range(1, min(end, max_digits) + 1):
            start = end - length
            if length > 1 and text[start] == "0":
                continue
            # Values still needed before this one, and what the rest can give.
            can_most = start + most_before[ti]
            can_least = (1 if start else 0) + ti
            if not (can_least <= p <= can_most):
                continue
            if tok.sign and start == 0 and signed is not None and not signed[p]:
                continue
            piece: Digits = (tok, start, end)
            value = int(text[start:end]) if plain else piece_value(piece)
            pieces[p] = piece
            if assign(p, value):
                if start:
                    walk(ti, start, p - 1)
                else:
                    walk(ti - 1, intlen[ti - 1] if ti else 0, p - 1)
            unassign(p, value)

    walk(n_tok - 1, intlen[n_tok - 1], width - 1)
    return solutions
