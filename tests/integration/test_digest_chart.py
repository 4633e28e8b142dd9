"""The progress chart: a PNG drawn off-screen with matplotlib's Agg canvas."""

import io

from PIL import Image

from tests.digest_campaign import at, campaign_digest
from tracker.digest.chart import digest_charts, has_chart, progress_chart


def test_the_chart_is_a_png_of_the_requested_size():
    m = campaign_digest().plans[0].milestones[0]
    image = Image.open(io.BytesIO(progress_chart(m, width_in=6, height_in=3, dpi=100)))
    assert (image.format, image.size) == ("PNG", (600, 300))


def test_only_milestones_with_several_reports_and_some_history_get_a_chart():
    digest = campaign_digest()
    units, summary = digest.plans[0].milestones
    assert has_chart(units)
    assert not has_chart(summary)  # one report: its state says it all
    assert not has_chart(campaign_digest(at(20, 8, 8, 0)).plans[0].milestones[0])  # before the notice
    assert list(digest_charts(digest)) == [("so-ket-de-an-2019", "bao-cao-don-vi")]


def test_a_long_campaign_still_draws():
    m = campaign_digest(at(31, 12, 8, 0)).plans[0].milestones[0]
    assert len(m.progress) > 120
    assert progress_chart(m).startswith(b"\x89PNG")
