"""The milestone page: the roll with its state in colour and words, the search that ignores marks,
the filter, sort and page in the URL, the exports of the view, names shown as text, and the 404 page
for a milestone that does not exist."""

from __future__ import annotations

import io

from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import Engine, update

from tests.web.helpers import log_in
from tracker.core.vietnamese import fold
from tracker.store.tables import UnitRow

PAGE = "/plans/so-ket-de-an-2019/bao-cao-don-vi"
HOSTILE = "<script>alert(1)</script>"


def test_a_search_without_marks_finds_the_unit_and_stays_in_the_url(client: FlaskClient) -> None:
    log_in(client, "viewer")

    page = client.get(f"{PAGE}?q=dong+ha").get_data(as_text=True)

    assert "Liên đoàn Lao động thành phố Đông Hà" in page
    assert "Gio Linh" not in page
    assert 'value="dong ha"' in page
    assert 'for="q">Tìm kiếm</label>' in page
    assert "Quá hạn" in page and "tone-bad" in page  # the state in words and in colour


def test_an_htmx_request_gets_the_table_alone(client: FlaskClient) -> None:
    log_in(client, "viewer")

    part = client.get(f"{PAGE}?state=overdue&sort=name", headers={"HX-Request": "true"}).get_data(
        as_text=True
    )

    assert part.lstrip().startswith('<div id="roll">') and "<html" not in part


def test_the_exports_hold_the_view(client: FlaskClient) -> None:
    log_in(client, "viewer")

    csv = client.get(f"{PAGE}/export/csv?q=linh")
    xlsx = client.get(f"{PAGE}/export/xlsx?q=linh")

    assert csv.status_code == 200 and csv.data.startswith(b"\xef\xbb\xbf")
    lines = csv.data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Đơn vị,Mã,Tình trạng") and all("Linh" in line for line in lines[1:])
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet is not None and sheet.max_row == len(lines)


def test_a_unit_named_like_a_script_is_shown_as_text(client: FlaskClient, loaded_engine: Engine) -> None:
    with loaded_engine.begin() as connection:
        connection.execute(
            update(UnitRow)
            .where(UnitRow.code == "ldld-dong-ha")
            .values(name=HOSTILE, name_folded=fold(HOSTILE))
        )
    log_in(client, "viewer")

    roll = client.get(PAGE).get_data(as_text=True)
    report = client.get(f"{PAGE}/ldld-dong-ha").get_data(as_text=True)

    for page in (roll, report):
        assert HOSTILE not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_unknown_milestone_or_unit_is_the_vietnamese_404_page(client: FlaskClient) -> None:
    log_in(client, "viewer")

    for url in (f"{PAGE}x", "/plans/khong-co/bao-cao-don-vi", f"{PAGE}/khong-co", f"{PAGE}/export/pdf"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Không tìm thấy" in response.get_data(as_text=True)
