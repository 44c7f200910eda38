"""Step 3 (only when needed): cut glued digits into cells, guided by the format's equations.

A row printed without separators (`21710000218` for 217, 1, 0, 0, 0, 0, 218) carries fewer
tokens than the row has cells. The equations of the format (the six applicant columns sum to
总计; table 4's 维持 + 纠正 + 其他 + 尚未审结 = 总计) decide where to cut. All splits that satisfy
them are returned: when there is more than one, the caller marks the cells that differ as
uncertain and never guesses silently.
"""

from __future__ import annotations

from collections.abc import Sequence

from .tokens import NULL, Token

# A piece of a token: (token, start, end) into its digits; None for a NULL token.
Piece = tuple[Token, int, int] | None


def piece_value(piece: Piece) -> int | float | None:
    if piece is None:
        return None
    tok, start, end = piece
    text = tok.text[start:end]
    if end == len(tok.text.split(".")[0]) and "." in tok.text:
        text = tok.text[start:]
    value: int | float = float(text) if "." in text else int(text)
    if tok.sign and start == 0:
        value = -value
    return value


def split_tokens(
    tokens: Sequence[Token],
    width: int,
    equations: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    max_solutions: int = 24,
    max_digits: int = 9,
    signed: Sequence[bool] | None = None,
) -> list[list[Piece]]:
    """All ways to cut `tokens` into exactly `width` values that satisfy `equations`.

    Cuts happen only inside a token's integer digits; a value never has a leading zero unless
    it is 0; a sign belongs to a token's first piece, decimals and unit to its last; a negative
    value only goes where `signed` allows it (本年增/减).
    """
    intlen = [0 if t.kind == NULL else len(t.text.split(".")[0]) for t in tokens]
    # Most and fewest values the tokens from index i on can still give.
    most = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        most[i] = most[i + 1] + (1 if tokens[i].kind == NULL else intlen[i])
    if most[0] < width or len(tokens) > width:
        return []
    by_last: dict[int, list[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for left, right in equations:
        by_last.setdefault(max(left + right), []).append((left, right))

    solutions: list[list[Piece]] = []
    pieces: list[Piece] = []
    values: list[int | float] = []

    def consistent(p: int) -> bool:
        for left, right in by_last.get(p, ()):
            if sum(values[i] for i in left) != sum(values[i] for i in right):
                return False
        return True

    def walk(ti: int, offset: int) -> None:
        if len(solutions) >= max_solutions:
            return
        p = len(pieces)
        if ti == len(tokens):
            if p == width:
                solutions.append(list(pieces))
            return
        tok = tokens[ti]
        if tok.kind == NULL:
            if p >= width:
                return
            pieces.append(None)
            values.append(0)
            if consistent(p):
                walk(ti + 1, 0)
            pieces.pop()
            values.pop()
            return
        n = intlen[ti]
        left_here = n - offset
        for length in range(1, min(left_here, max_digits) + 1):
            if length > 1 and tok.text[offset] == "0":
                break
            end = offset + length
            rest = left_here - length
            # Values still needed after this one, and what the rest can give.
            need = width - p - 1
            can_most = rest + most[ti + 1]
            can_least = (1 if rest else 0) + (len(tokens) - ti - 1)
            if not (can_least <= need <= can_most):
                continue
            if tok.sign and offset == 0 and signed is not None and not signed[p]:
                break
            piece = (tok, offset, end)
            pieces.append(piece)
            values.append(piece_value(piece) or 0)
            if consistent(p):
                if rest:
                    walk(ti, end)
                else:
                    walk(ti + 1, 0)
            pieces.pop()
            values.pop()

    walk(0, 0)
    return solutions
