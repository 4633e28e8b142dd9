"""The progress chart of a milestone: reports received over time against the expected count and deadline.

Drawn with matplotlib's Agg canvas directly (no pyplot, no display, no global figure state), in
DejaVu Sans, which has every Vietnamese diacritic.
"""

from __future__ import annotations

import io
from datetime import timedelta

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import MO, DateFormatter, WeekdayLocator
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from tracker.core.calendar import date_vi
from tracker.core.digest import Digest, MilestoneDigest

_STYLE = {
    # A serif like the document's text. DejaVu Serif ships with matplotlib and has every Vietnamese
    # letter; a system serif may not (Liberation Serif 2.0 lacks ố, ậ …) and the chart does not fall back.
    "font.family": "DejaVu Serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_RECEIVED = "#1f5fa8"
_EXPECTED = "#555555"
_DEADLINE = "#c0392b"
_MAX_TICKS = 9


def has_chart(m: MilestoneDigest) -> bool:
    """A chart says something only for several reports with at least one day of history."""
    return m.expected > 1 and bool(m.progress)


def progress_chart(
    m: MilestoneDigest, *, width_in: float = 6.6, height_in: float = 1.65, dpi: int = 150
) -> bytes:
    """PNG bytes: cumulative reports received per day, the expected count and the effective deadline."""
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        days = [p.day for p in m.progress]
        cumulative = [p.cumulative for p in m.progress]
        # Extend the last step to the end of its day, so the last arrivals are visible.
        days.append(days[-1] + timedelta(days=1))
        cumulative.append(cumulative[-1])
        axes.step(days, cumulative, where="post", color=_RECEIVED, linewidth=2, label="Đã nhận (cộng dồn)")
        axes.fill_between(days, cumulative, step="post", color=_RECEIVED, alpha=0.12)
        axes.axhline(
            m.expected, color=_EXPECTED, linestyle="--", linewidth=1, label=f"Phải nộp: {m.expected}"
        )
        if m.exempt:
            required = m.expected - m.exempt
            axes.axhline(
                required, color=_EXPECTED, linestyle=":", linewidth=1, label=f"Trừ miễn nộp: {required}"
            )
        # The deadline ends with its last day, so the line stands at the start of the next one.
        axes.axvline(
            m.deadline.effective + timedelta(days=1),
            color=_DEADLINE,
            linewidth=1.5,
            label=f"Hạn cuối: {date_vi(m.deadline.effective)}",
        )
        start, end = m.progress[0].day, m.progress_end + timedelta(days=2)
        axes.set_xlim(start, end)
        axes.set_ylim(0, m.expected * 1.08)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        # Mondays, the digest's day; every few weeks when the campaign is long.
        weeks = (end - start).days // 7
        axes.xaxis.set_major_locator(WeekdayLocator(byweekday=MO, interval=max(1, weeks // _MAX_TICKS + 1)))
        axes.xaxis.set_major_formatter(DateFormatter("%d/%m"))
        axes.set_ylabel("Số báo cáo")
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.annotate(
            f"{cumulative[-1]}/{m.expected}",
            (days[-1], cumulative[-1]),
            xytext=(3, 3),
            textcoords="offset points",
            color=_RECEIVED,
            fontweight="bold",
        )
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4, frameon=False, fontsize=8)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def digest_charts(digest: Digest) -> dict[tuple[str, str], bytes]:
    """The PNG of every milestone worth a chart, keyed by (plan code, milestone code)."""
    return {
        (p.plan.code, m.milestone.code): progress_chart(m)
        for p in digest.plans
        for m in p.milestones
        if has_chart(m)
    }
