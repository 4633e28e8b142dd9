"""Vietnamese text as readers sort and search it: letters first, marks and case only breaking ties
(sorting) or not at all (searching)."""

from __future__ import annotations

import unicodedata

# `đ` is a letter of its own, not `d` with a mark: NFD leaves it whole, so it is mapped by hand.
_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """`Đông Hà` → `dong ha`: what a search compares, so that "dong ha" finds "Đông Hà".

    Marks are removed after NFD decomposition, `đ` becomes `d`, case is folded, and runs of
    whitespace become one space.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_WITH_STROKE).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def sort_key(text: str) -> tuple[str, str]:
    """Sorts Vietnamese names the way a reader expects: `Đông Hà` next to `Đakrông`, after `Cồn Cỏ`.

    Letters first without their marks (đ after d), then the marks break ties.
    """
    folded = unicodedata.normalize("NFD", text.casefold().replace("đ", "d\uffff"))
    base = "".join(c for c in folded if not unicodedata.combining(c))
    return (base, folded)


def number_vi(value: float | None) -> str:
    """`1.234`, `12,5`; an em dash for a figure nobody gave."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:,.2f}".rstrip("0").partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole
