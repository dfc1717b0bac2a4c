"""Notes are read for institution names from several chat turns at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from investigation.aliases import MentionFinder


def test_mentions_are_found_from_many_threads_at_once() -> None:
    finder = MentionFinder({"みどり信金": [1], "ひかり銀行": [2]})
    notes = [
        f"{i}回目の架電。給与はひかり銀行に振込、年金はみどり信金で受取とのこと。" * 20
        for i in range(64)
    ]
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(finder.institutions, notes))
    assert found == [{1, 2}] * len(notes)
