"""Import an office's CSV export (the data contract) into the store: all of it, or nothing.

``import_directory`` reads and checks every file first (pure code, see ``validate``), refuses
the whole directory with every ``file:line: column: reason`` when anything is wrong, and
otherwise writes new and changed rows in one transaction.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from store.db import refresh_planner_statistics
from store.errors import ImportRefused, InvalidInput
from store.importer.load import FileResult, Progress, read_existing, record_assignments, write_file
from store.importer.lock import lock_for_import
from store.importer.problems import NO_COLUMN, Problem
from store.importer.reading import FileUnreadable, RawTable, parse
from store.importer.spec import BY_NAME, files_for
from store.importer.validate import Existing, Validated, validate
from store.models import chat_surfaces

__all__ = [
    "Existing",
    "FileResult",
    "ImportRefused",
    "ImportSummary",
    "Problem",
    "import_directory",
    "read_directory",
    "validate",
]


@dataclass
class ImportSummary:
    files: list[FileResult] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    assignments: int = 0  # CaseAssignment rows recorded for new or changed staff of a case
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    def file(self, name: str) -> FileResult:
        return next(f for f in self.files if f.file == name)


def read_directory(directory: Path) -> dict[str, RawTable | Problem]:
    """Every ``*.csv`` of the directory, parsed, or the problem that makes it unreadable."""
    tables: dict[str, RawTable | Problem] = {}
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() != ".csv" or path.is_dir():
            continue
        name = path.name.lower() if path.name.lower() in BY_NAME else path.name
        try:
            tables[name] = parse(name, read_regular_file(path))
        except FileUnreadable as err:
            tables[name] = err.problem
    return tables


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file; a symbolic link (which could point at any
    file of the server, /etc/passwd say) or a FIFO, device or socket is refused, not followed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    refused = FileUnreadable(Problem(path.name, 0, NO_COLUMN, "import.not_regular_file"))
    if path.is_symlink():
        raise refused
    try:
        fd = os.open(path, flags)
    except OSError:
        raise refused from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise refused
        return fh.read()


def check_directory(
    directory: Path, existing: Existing | None = None, surfaces: Sequence[str] | None = None
) -> Validated:
    """Read and validate a directory without touching any store."""
    return validate(read_directory(directory), existing, files_for(tuple(surfaces or chat_surfaces())))


def import_directory(
    *,
    engine: Engine,
    directory: Path | str,
    progress: Progress | None = None,
    dry_run: bool = False,
    waiting: Callable[[], None] | None = None,
    wait_seconds: float = 600.0,
    surfaces: Sequence[str] | None = None,
) -> ImportSummary:
    """Import ``directory`` into the store of ``engine`` in one transaction.

    Raises :class:`ImportRefused` with every :class:`Problem` (file, line, column, key) and leaves the
    store as it was when any file is wrong. ``progress(file, done, total)`` is called while writing.
    ``dry_run`` does everything, counts included, then rolls back.

    One import at a time (``store.importer.lock``): while another one runs, ``waiting()`` is
    called once and this one waits up to ``wait_seconds``, then raises :class:`Conflict`.

    ``surfaces``: the chat surfaces whose ``<surface>_user_id`` columns staff.csv may carry
    (default: those the store knows, ``store.models.chat_surfaces()``: the contract's slack and
    teams, and any other registered by ``bot.surfaces``); other columns are warned about.
    """
    from store.migrate import is_current  # lazy: alembic loads only when a directory is imported

    started = time.perf_counter()
    directory = Path(directory)
    if not directory.is_dir():
        raise InvalidInput("import.not_a_directory", path=str(directory))
    if not is_current(engine):
        raise InvalidInput("import.store_not_migrated")
    tables = read_directory(directory)
    summary = ImportSummary()
    with engine.connect() as conn, conn.begin() as transaction:
        lock_for_import(conn, wait_seconds=wait_seconds, waiting=waiting)
        present = {name for name, item in tables.items() if isinstance(item, RawTable)}
        files_spec = files_for(tuple(surfaces or chat_surfaces()))
        existing, current = read_existing(conn, need_rows=present, files_spec=files_spec)
        checked = validate(tables, existing, files_spec)
        if checked.problems:
            raise ImportRefused(checked.problems)
        summary.warnings = checked.warnings
        changes: list[tuple[str, str | None, str | None]] = []
        for spec in files_spec:
            parsed = checked.files.get(spec.name)
            if parsed is None:
                continue
            result = FileResult(
                spec.name, parsed.encoding, parsed.read, duplicates=parsed.duplicates
            )
            try:
                changes += write_file(conn, parsed, current.get(spec.name), result, progress)
            except IntegrityError as err:
                # The checks above should make this impossible; if the store disagrees, say where.
                detail = str(err.orig or err).strip().splitlines()[0]
                problem = Problem(spec.name, 0, NO_COLUMN, "import.db_conflict", {"detail": detail})
                raise ImportRefused([problem]) from err
            summary.files.append(result)
        summary.assignments = record_assignments(conn, changes)
        if dry_run:
            transaction.rollback()
    if not dry_run:
        refresh_planner_statistics(engine)
    summary.seconds = time.perf_counter() - started
    return summary
