"""Files the service writes hold people's data (the database, digests, emails): private to the user
the service runs as, whatever the umask says."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tracker.errors import Unavailable


def private_folder(path: Path) -> Path:
    """`path`, made if missing (mode 0700: only the service user may list or enter it)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def create_private(path: Path) -> None:
    """An empty file at `path` with mode 0600, unless one is there already. SQLite fills an empty file as
    a new database and gives its -wal and -shm files the database file's mode."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def write_private(path: Path, data: bytes) -> None:
    """`data` into `path`, mode 0600, whole: written under a temporary name (mkstemp makes it 0600)
    and renamed, so that a reader never sees half a file."""
    import tempfile  # here: the command line imports this module and most commands write no file

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def file_problem(error: OSError) -> Unavailable | None:
    """A file or folder that could not be made, read or written, with the path and what to fix; None
    for an error about no file (a network connection's)."""
    if error.filename is None:
        return None
    reasons = {
        PermissionError: "người dùng chạy tracker không có quyền ghi ở đó",
        FileNotFoundError: "thư mục chứa nó không tồn tại",
        NotADirectoryError: "một phần của đường dẫn là tệp chứ không phải thư mục",
        IsADirectoryError: "đó là một thư mục",
        FileExistsError: "đã có một tệp mang tên thư mục cần tạo",
    }
    reason = next((text for kind, text in reasons.items() if isinstance(error, kind)), error.strerror)
    return Unavailable(
        f"Không ghi được '{error.filename}': {reason}; hãy sửa đường dẫn hoặc cấp quyền ghi cho người dùng "
        "chạy tracker."
    )
