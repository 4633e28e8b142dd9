"""The printable report renders in a real browser (headless Chromium), on screen and as A4 pages: the
seed campaign's digest of Monday 23/9/2019 (13 units, three outstanding, three incomplete, a chart)
prints on two."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.digest_campaign import ORGANIZATION, campaign_digest
from tracker.digest.printable import render_printable
from tracker.digest.wording import digest_environment

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--hide-scrollbars",
]


def _chromium(*arguments: str, page: Path) -> None:
    assert CHROMIUM is not None
    subprocess.run([CHROMIUM, *FLAGS, *arguments, page.as_uri()], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("digest") / "bao-cao-tien-do.html"
    path.write_text(render_printable(campaign_digest(), ORGANIZATION, digest_environment()), encoding="utf-8")
    return path


def test_the_report_screenshot_is_an_a4_sized_png(page: Path, tmp_path: Path):
    screenshot = tmp_path / "digest-a4.png"
    _chromium(f"--screenshot={screenshot}", "--window-size=1240,1754", page=page)
    assert Image.open(screenshot).size == (1240, 1754)


def test_the_seed_digest_prints_on_two_a4_pages(page: Path, tmp_path: Path):
    pdf = tmp_path / "digest-a4.pdf"
    _chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page=page)
    content = pdf.read_bytes()
    boxes = set(re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", content))
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}  # A4 in points
    assert len(re.findall(rb"/Type\s*/Page\b", content)) == 2  # what a Standing Committee member reads
