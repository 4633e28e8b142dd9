"""The Jinja set-up every template of the product shares: the emails of `templates/emails/` and the
digest's documents under `templates/`, which the federation edits without touching code."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from tracker.core.calendar import date_vi, weekday_date_vi


def jinja_environment(templates_dir: Path, *, keep_trailing_newline: bool = False) -> Environment:
    """An environment loading from `templates_dir`.

    HTML templates (`*.html.j2` too: `select_autoescape` alone would not cover the `.j2` suffix) are
    autoescaped, so a unit named `<script>` stays text. An unknown variable is an error rather than a
    silent blank, so that a typo in an edited template shows up at the first render, not in a mailbox.
    """
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )
    # The same name means the same thing in every template (the emails' editors read them in _layout).
    env.filters["date_vi"] = date_vi  # 16/09/2019
    env.filters["day_vi"] = weekday_date_vi  # Thứ Hai, 16/09/2019
    env.filters["cut_words"] = cut_between_words  # a long title, to fit a subject line
    return env


def cut_between_words(text: str, limit: int) -> str:
    """`text` when it has at most `limit` characters; else its first words within `limit`, without a
    trailing comma or dash, and "…" (never a word, nor a letter and its accent, cut in two)."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    if text[limit - 1] != " " and " " in kept:  # a word cut in two: drop its beginning
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip(" ,;:-–") + "…"


def lower_first(text: str) -> str:
    """`Sơ kết 3 năm …` → `sơ kết 3 năm …`, for a title inside a sentence; acronyms such as `LĐLĐ …`
    stay as they are."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
