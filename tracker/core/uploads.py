"""Which files a unit may send with its report, judged from their content (never the name they came
with), and the limits on their size. Pure: bytes in, a verdict out."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MB = 1024 * 1024

# The kinds accepted, by what the file starts with; the Office Open XML and OpenDocument kinds are
# ZIP archives, told apart by what is inside.
_PDF, _PNG, _JPEG, _OLE = b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
KIND_NAMES = {
    "pdf": "PDF",
    "doc": "Word/Excel (bản cũ)",
    "docx": "Word",
    "xlsx": "Excel",
    "odt": "OpenDocument",
    "jpg": "ảnh JPG",
    "png": "ảnh PNG",
}
MIME_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "jpg": "image/jpeg",
    "png": "image/png",
}
ACCEPTED = "PDF, Word (DOC/DOCX), Excel (XLS/XLSX), ODT, ảnh JPG hoặc PNG"
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029/\\]")  # a path, or what breaks a line


@dataclass(frozen=True)
class Upload:
    name: str  # as the browser gave it: shown to the clerk, never used to store the file
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str  # a key of KIND_NAMES, also the stored file's extension
    data: bytes


def kind_of(data: bytes) -> str | None:
    """The accepted kind the content is, or None. (An old binary Word or Excel file is one OLE2
    container; both are kept as `doc`, with the extension the unit gave shown beside it.)"""
    if data.startswith(_PDF):
        return "pdf"
    if data.startswith(_PNG):
        return "png"
    if data.startswith(_JPEG):
        return "jpg"
    if data.startswith(_OLE):
        return "doc"
    if data.startswith(_ZIP):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIMETYPE:
                return "odt"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    if "[Content_Types].xml" in names:
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
    return None


def check_uploads(uploads: Sequence[Upload]) -> tuple[list[CheckedFile], list[str]]:
    """The files accepted and, if any is refused, every reason (in Vietnamese, naming the file).
    Nothing is accepted unless all are: the caller stores none when the list of reasons is not empty."""
    sent = [u for u in uploads if u.name or u.data]
    if not sent:
        return [], ["Hãy chọn ít nhất một tệp báo cáo."]
    problems: list[str] = []
    checked: list[CheckedFile] = []
    for upload in sent:
        shown = _BAD_NAME.sub("?", upload.name)
        if _BAD_NAME.search(upload.name) or upload.name.strip() in ("", ".", ".."):
            problems.append(
                f"Tên tệp '{shown}' không hợp lệ (có đường dẫn '../', dấu '/' '\\' hoặc ký tự "
                "điều khiển): đổi tên tệp rồi gửi lại."
            )
            continue
        if len(upload.data) > MAX_FILE_BYTES:
            problems.append(
                f"Tệp '{shown}' nặng {len(upload.data) / MB:.1f} MB, "
                f"quá {MAX_FILE_BYTES // MB} MB cho mỗi tệp."
            )
            continue
        if not upload.data:
            problems.append(f"Tệp '{shown}' rỗng.")
            continue
        kind = kind_of(upload.data)
        if kind is None:
            problems.append(
                f"Tệp '{shown}' không phải {ACCEPTED} (kiểm tra theo nội dung tệp, không theo tên)."
            )
            continue
        checked.append(CheckedFile(upload.name.strip(), kind, upload.data))
    total = sum(len(u.data) for u in sent)
    if total > MAX_TOTAL_BYTES:
        problems.append(f"Các tệp nặng tổng cộng {total / MB:.1f} MB, quá {MAX_TOTAL_BYTES // MB} MB.")
    return (checked if not problems else []), problems
