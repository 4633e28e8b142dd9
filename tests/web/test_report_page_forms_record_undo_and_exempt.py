"""The report page's forms: a receipt recorded by the signed-in clerk (sections ticked, a figure read
the Vietnamese way), undone, an exemption with its reason; every act audited with the user; bad input
answered next to its field with what was typed kept and nothing written; a form shown before another
clerk acted is refused with who did what and when."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, MetaData, select

from tests.web.helpers import csrf_token, log_in
from tracker.store.tables import AuditRow, ExpectedReportRow, UnitRow

REPORT = "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha"


@pytest.fixture
def snapshot_of(loaded_engine: Engine) -> Callable[[], dict[str, list[Any]]]:
    """Every row of every table: equal snapshots mean an untouched database."""

    def snapshot() -> dict[str, list[Any]]:
        metadata = MetaData()
        metadata.reflect(loaded_engine)
        with loaded_engine.connect() as connection:
            return {
                name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))]
                for name, table in sorted(metadata.tables.items())
            }

    return snapshot


def _form(client: FlaskClient) -> dict[str, str]:
    page = client.get(REPORT).get_data(as_text=True)
    version = page.split('id="version" name="version" type="hidden" value="', 1)[1].split('"', 1)[0]
    return {"csrf_token": csrf_token(page), "version": version}


def _report(engine: Engine) -> Any:
    with engine.connect() as connection:
        return connection.execute(
            select(ExpectedReportRow).join(UnitRow).where(UnitRow.code == "ldld-dong-ha")
        ).one()


def _audit(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                select(AuditRow.action, AuditRow.actor).where(
                    AuditRow.unit_code == "ldld-dong-ha", AuditRow.action.startswith("submission.")
                )
            )
        ]


def test_a_clerk_records_a_receipt_then_undoes_it_each_audited(
    client: FlaskClient, loaded_engine: Engine
) -> None:
    log_in(client, "clerk")
    data = _form(client) | {
        "received_on": "16/9/2019",
        "doc_number": "45/BC-LĐLĐ",
        "section_0": "y",
        "section_5": "y",
        "figure_3": "1.234",
        "note": "Nhận qua thư điện tử",
    }

    recorded = client.post(f"{REPORT}/receive", data=data)

    assert recorded.status_code == 303
    row = _report(loaded_engine)
    assert row.received_on.isoformat() == "2019-09-16" and row.doc_number == "45/BC-LĐLĐ"
    assert row.sections == ["truoc-de-an", "phuong-huong"] and row.figures == {"cdcs_moi": 1234}
    assert "Đã ghi nhận báo cáo" in client.get(REPORT).get_data(as_text=True)

    undone = client.post(f"{REPORT}/unreceive", data=_form(client))

    assert undone.status_code == 303 and _report(loaded_engine).received_on is None
    assert _audit(loaded_engine) == [
        ("submission.receive", "Người dùng clerk"),
        ("submission.unreceive", "Người dùng clerk"),
    ]


def test_an_exemption_needs_a_reason_and_is_audited_with_it(
    client: FlaskClient, loaded_engine: Engine
) -> None:
    log_in(client, "clerk")

    refused = client.post(f"{REPORT}/exempt", data=_form(client) | {"reason": " ", "on": "17/9/2019"})
    done = client.post(
        f"{REPORT}/exempt", data=_form(client) | {"reason": "Đơn vị đã giải thể", "on": "17/9/2019"}
    )

    assert refused.status_code == 400 and "Hãy ghi lý do miễn nộp." in refused.get_data(as_text=True)
    assert done.status_code == 303 and _report(loaded_engine).exempted_at is not None
    assert _audit(loaded_engine) == [("submission.exempt", "Người dùng clerk")]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"received_on": "31/9/2019"}, "tháng 9/2019 chỉ có 30 ngày"),
        ({"received_on": "18/9/2019"}, "ở tương lai"),
        ({"received_on": "16/9/2019", "figure_3": "mười hai"}, "không phải là số"),
        ({"received_on": "16/9/2019", "figure_3": "-3"}, "không được là số âm"),
        ({"received_on": "16/9/2019", "figure_3": "1,5"}, "phải là số nguyên"),
    ],
)
def test_bad_input_is_answered_next_to_its_field_and_changes_nothing(
    client: FlaskClient,
    loaded_engine: Engine,
    snapshot_of: Callable[[], Any],
    typed: dict[str, str],
    message: str,
) -> None:
    log_in(client, "clerk")
    before = snapshot_of()

    answer = client.post(f"{REPORT}/receive", data=_form(client) | {"doc_number": "99/BC"} | typed)

    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert message in page and 'class="field-error"' in page
    assert 'value="99/BC"' in page and f'value="{next(iter(typed.values()))}"' in page
    assert snapshot_of() == before


def test_a_form_opened_before_another_clerk_recorded_the_report_is_refused(
    client: FlaskClient, app: Any, loaded_engine: Engine
) -> None:
    log_in(client, "clerk")
    stale = _form(client)
    other = app.test_client()
    log_in(other, "admin")
    assert (
        other.post(f"{REPORT}/receive", data=_form(other) | {"received_on": "16/9/2019"}).status_code == 303
    )

    late = client.post(f"{REPORT}/receive", data=stale | {"received_on": "17/9/2019"})

    assert late.status_code == 400
    assert "Báo cáo này vừa được Người dùng admin ghi nhận lúc 10:00 ngày 17/09/2019" in late.get_data(
        as_text=True
    )
    assert _report(loaded_engine).received_on.isoformat() == "2019-09-16"


def test_a_viewer_may_not_act_and_a_post_without_token_is_refused(
    client: FlaskClient, loaded_engine: Engine
) -> None:
    log_in(client, "viewer")
    token = csrf_token(client.get("/login").get_data(as_text=True))
    assert (
        "Ghi nhận"
        not in client.get(REPORT).get_data(as_text=True).split('class="story"')[0].split("</h1>")[1]
    )
    assert (
        client.post(f"{REPORT}/receive", data={"csrf_token": token, "received_on": "16/9/2019"}).status_code
        == 403
    )
    log_in(client, "clerk")
    assert client.post(f"{REPORT}/receive", data={"received_on": "16/9/2019"}).status_code == 400
    assert _report(loaded_engine).received_on is None
