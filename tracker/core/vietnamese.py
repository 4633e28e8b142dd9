"""Vietnamese text as people search it: without marks, without case."""

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
