"""Unknown pages get a Vietnamese 404 page, forbidden ones a Vietnamese 403 page, inside the layout;
a view without a role is refused when the app is built."""

import pytest
from flask import Blueprint, Flask

from tests.web.helpers import log_in
from tracker.core.access import Role
from tracker.web.security import check_every_view_has_a_role, requires


def test_an_unknown_page_is_a_vietnamese_404(app: Flask):
    client = app.test_client()
    log_in(client, "viewer")
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Không tìm thấy" in page and "Về bảng theo dõi" in page
    assert "Not Found" not in page


def test_a_page_above_the_user_s_role_is_a_vietnamese_403(app: Flask):
    admin_only = Blueprint("admin_only", __name__)
    admin_only.add_url_rule("/chi-quan-tri", view_func=requires(Role.ADMIN)(lambda: "ok"), endpoint="page")
    app.register_blueprint(admin_only)
    client = app.test_client()
    log_in(client, "clerk")
    response = client.get("/chi-quan-tri")
    assert response.status_code == 403
    assert "Không có quyền" in response.get_data(as_text=True)
    log_in(client, "admin")
    assert client.get("/chi-quan-tri").status_code == 200


def test_a_view_without_a_role_stops_the_app_from_being_built(app: Flask):
    forgotten = Blueprint("forgotten", __name__)
    forgotten.add_url_rule("/quen", view_func=lambda: "open to all", endpoint="page")
    app.register_blueprint(forgotten)
    with pytest.raises(RuntimeError, match=r"forgotten\.page"):
        check_every_view_has_a_role(app)
