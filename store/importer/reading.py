"""Bytes to rows: encoding detection per file and CSV parsing with physical line numbers.

Forgiving about form (BOM, CP932, CRLF, blank lines, header case and spaces), strict about
what cannot be read: every failure is a :class:`Problem` naming the file and line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from store.importer.problems import NO_COLUMN, Problem

UTF8_BOM = b"\xef\xbb\xbf"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_JA = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass
class RawTable:
    """A CSV file as read: its header and its data rows with their starting line numbers."""

    file: str
    encoding: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


class FileUnreadable(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(file: str, data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a file: UTF-8, UTF-8 with BOM or CP932, tried strictly."""

    def unreadable(key: str, line: int = 1) -> FileUnreadable:
        return FileUnreadable(Problem(file, line, NO_COLUMN, key))

    if not data.strip():
        raise unreadable("import.empty_file")
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise unreadable("import.zip_file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise unreadable("import.utf16_file")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise unreadable("import.binary_file", _line_of(data, nul))
    if data.startswith(UTF8_BOM):
        try:
            return data[len(UTF8_BOM) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as err:
            raise unreadable(
                "import.bad_encoding", _line_of(data, err.start + len(UTF8_BOM))
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        utf8_failed_at = err.start
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError as err:
        if _looks_like_eucjp(data, None):
            raise unreadable("import.eucjp_file") from None
        # The decoding that read further is the one the file was meant to be in.
        raise unreadable(
            "import.bad_encoding", _line_of(data, max(err.start, utf8_failed_at))
        ) from None
    if _looks_like_eucjp(data, text):
        raise unreadable("import.eucjp_file")
    return text, "cp932"


def _looks_like_eucjp(data: bytes, cp932_text: str | None) -> bool:
    """EUC-JP often decodes as CP932 half-width katakana: prefer EUC-JP when it reads as Japanese."""
    try:
        euc = data.decode("euc_jp")
    except UnicodeDecodeError:
        return False
    if not _JA.search(euc):
        return False
    return cp932_text is None or not _JA.search(cp932_text)


def parse(file: str, data: bytes) -> RawTable:
    """Decode and split a file into header and rows; raises :class:`FileUnreadable`."""
    text, encoding = decode(file, data)
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise FileUnreadable(Problem(file, line, NO_COLUMN, "import.binary_file"))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table: RawTable | None = None
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(c.strip() for c in cells):
                continue  # blank line
            if table is None:
                header = [c.strip().lstrip("\ufeff").lower() for c in cells]
                table = RawTable(file, encoding, header)
            else:
                table.rows.append((start, cells))
    except csv.Error as err:
        raise FileUnreadable(
            Problem(file, reader.line_num, NO_COLUMN, "import.bad_csv", {"detail": str(err)})
        ) from None
    if table is None:
        raise FileUnreadable(Problem(file, 1, NO_COLUMN, "import.empty_file"))
    return table
