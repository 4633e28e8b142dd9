"""Renderings of the digest (`tracker.core.digest.Digest`): plain text, HTML email (`message`), printable
A4 HTML (`printable`), Word (`word`), Excel (`excel`) and the progress chart (`chart`).

Each module is imported on its own, so that a command needing one format does not load the libraries
of the others (matplotlib, python-docx, openpyxl).
"""

DIGEST_FORMATS = ("html", "eml", "text", "json", "xlsx", "docx")  # what `render_digest` writes
