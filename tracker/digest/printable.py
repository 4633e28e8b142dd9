"""The digest as a printable A4 report in the form of a Vietnamese trade-union document (HTML).

Self-contained: the charts are embedded as data: URIs, the styles are in the page, so the file prints
the same from any browser, offline.
"""

from __future__ import annotations

import base64

from jinja2 import Environment

from tracker.core.digest import Digest
from tracker.core.model import Organization
from tracker.digest.chart import has_chart, progress_chart
from tracker.digest.wording import document_date_vi, summary_line

DOCUMENT_CODE = "BC-LĐLĐ"  # "BC": a report (báo cáo), issued by the LĐLĐ (Decree 30/2020 annex III)
PRINT_DPI = 200


def render_printable(
    digest: Digest, organization: Organization, env: Environment, *, document_code: str = DOCUMENT_CODE
) -> str:
    """The HTML of `templates/digest/report.html.j2`; `env` comes from `digest_environment()`."""
    chart_uris = {
        (p.plan.code, m.milestone.code): _data_uri(progress_chart(m, dpi=PRINT_DPI))
        for p in digest.plans
        for m in p.milestones
        if has_chart(m)
    }
    return env.get_template("digest/report.html.j2").render(
        digest=digest,
        organization=organization,
        document_code=document_code,
        document_date=document_date_vi(organization.place, digest.today),
        summary=summary_line(digest),
        chart_uris=chart_uris,
    )


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
