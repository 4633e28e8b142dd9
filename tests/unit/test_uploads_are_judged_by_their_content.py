"""A unit's files are judged by what they contain, never by their name."""

from __future__ import annotations

import io
import zipfile

import pytest

from tracker.core.uploads import Upload, check_uploads, kind_of


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


KINDS = {
    "pdf": b"%PDF-1.7\n...",
    "png": b"\x89PNG\r\n\x1a\n....",
    "jpg": b"\xff\xd8\xff\xe0....",
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....",
    "docx": _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}),
    "xlsx": _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>"}),
    "odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<c/>"}),
}


@pytest.mark.parametrize(("kind", "data"), KINDS.items(), ids=KINDS.keys())
def test_each_accepted_kind_is_known_by_its_content(kind: str, data: bytes) -> None:
    assert kind_of(data) == kind


@pytest.mark.parametrize(
    "data",
    [b"MZ\x90\x00", b"", b"PK\x03\x04broken", _zip({"a.txt": b"x"}), b"<html>"],
    ids=["exe", "empty", "broken zip", "plain zip", "html"],
)
def test_anything_else_is_refused_whatever_its_name(data: bytes) -> None:
    assert kind_of(data) is None
    files, problems = check_uploads([Upload("bao-cao.pdf", data)])
    assert files == [] and problems


def test_one_bad_file_refuses_them_all() -> None:
    files, problems = check_uploads([Upload("a.pdf", KINDS["pdf"]), Upload("b.pdf", b"MZ")])
    assert files == []
    assert len(problems) == 1 and "'b.pdf'" in problems[0]
