"""What a unit sends from its page in the tests: a small valid PDF, the form as a person fills it."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient

from tests.web.helpers import csrf_token

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def filled(**changes: Any) -> dict[str, Any]:
    """A complete submission (a PDF, the document, two sections, two figures, the contact); `changes`
    replace or add fields (`files` a list of (bytes, name))."""
    form: dict[str, Any] = {
        "files": [(PDF, "bao-cao-so-ket.pdf")],
        "doc_number": "45/BC-LĐLĐ",
        "doc_date": "12/9/2019",
        "section_0": "y",
        "section_3": "y",
        "figure_0": "1.234",
        "figure_4": "56",
        "contact": "Trần Thị Bình",
        "phone": "0233 3852 123",
    } | changes
    form["files"] = [(io.BytesIO(data), name) for data, name in form["files"]]
    return form


def send(client: FlaskClient, path: str, form: dict[str, Any]) -> Any:
    """Open the unit's page, then send `form` with its CSRF token, as the browser does."""
    token = csrf_token(client.get(path).get_data(as_text=True))
    return client.post(path, data={**form, "csrf_token": token}, content_type="multipart/form-data")
