"""Held-out accuracy of the router on the shipped utterance set.

Split by phrasing (the ``group`` of each utterance), so no test sentence shares a template with
the training part; train the classifier on the rest and route every held-out sentence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sklearn.model_selection import GroupShuffleSplit

from bot.router import route
from bot.router.intent import Utterance, train, training_utterances
from retrieval.readings import Readings, bundled_titles


@dataclass
class RouterReport:
    correct: int = 0
    total: int = 0
    per_split: list[float] = field(default_factory=list)
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def evaluate_router(
    utterances: list[Utterance] | None = None, *, seeds: tuple[int, ...] = (0, 1, 2), test_size: float = 0.25
) -> RouterReport:
    data = utterances or training_utterances()
    groups = [u.group for u in data]
    report = RouterReport()
    for seed in seeds:
        split = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
        train_idx, test_idx = next(split.split(data, groups=groups))
        model = train([data[i] for i in train_idx])
        # kana readings from the training part only (retrieval.readings)
        readings = Readings.build([data[i].text for i in train_idx] + bundled_titles())
        ok = 0
        for i in test_idx:
            got = route(data[i].text, model=model, readings=readings).tool
            ok += got == data[i].intent
            if got != data[i].intent:
                report.confusions[(data[i].intent, got)] += 1
        report.correct += ok
        report.total += len(test_idx)
        report.per_split.append(ok / len(test_idx))
    return report
