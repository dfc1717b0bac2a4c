"""Opening an index that Chroma's own SQLite has locked for a moment waits and succeeds; any
other error is not retried."""

from __future__ import annotations

import pytest

from retrieval.dense import _retry_locked


def test_a_locked_chroma_database_is_tried_again_until_it_is_free() -> None:
    calls: list[int] = []

    def write() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise RuntimeError("Database error: error returned from database: (code: 5) database is locked")

    _retry_locked(write, waits=(0.0, 0.0, 0.0))
    assert len(calls) == 3


def test_a_lock_that_stays_and_other_errors_are_raised() -> None:
    def locked() -> None:
        raise RuntimeError("database is locked")

    with pytest.raises(RuntimeError, match="locked"):
        _retry_locked(locked, waits=(0.0, 0.0))
    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise ValueError("no such collection")

    with pytest.raises(ValueError):
        _retry_locked(broken, waits=(0.0, 0.0))
    assert len(calls) == 1
