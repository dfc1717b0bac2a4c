"""Banks' reach changing over the years (``choshu demo-data --drift``).

The truth (``truth/holdings.csv``) is what each taxpayer holds today. With ``none`` (default, the
bytes of earlier versions) an inquiry of any year answers from it. With ``shift`` two
institutions' reach changes over the history (``f`` = the share of the history's span elapsed
at the inquiry's date, 0 at the oldest case's opening, 1 today):

- 東都中央銀行 (0001) gains: each of today's accounts was opened at a point ``o`` drawn
  uniformly in [-0.25, 1]; asked before it (``f < o``), the answer is not_found. Its found-rate
  rises over the years;
- 大和橋銀行 (0003) loses (its branches close; customers move on): 35 % of those who do not hold it today held it once and closed the
  account at a point drawn uniformly in [0, 1]; asked before that, the answer is found. Its
  found-rate falls over the years, and its older finds say little about today.

Draws come from a stream of their own: the other files do not change.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from bot.demo.holdings import Target

DRIFTS = ("none", "shift")
GAINING = "0001"
LOSING = "0003"
LOST_SHARE = 0.35


class Drift:
    """Adjusts an inquiry's answer for the date it was asked (``shift``)."""

    def __init__(self, seed: int, n_taxpayers: int, start: dt.date, today: dt.date) -> None:
        rng = np.random.default_rng([seed, 15])
        self.opened = rng.uniform(-0.25, 1.0, n_taxpayers)
        self.closed = np.where(rng.random(n_taxpayers) < LOST_SHARE, rng.random(n_taxpayers), -1.0)
        self.amount = np.maximum(1_000, np.round(60_000 * rng.lognormal(0.0, 1.2, n_taxpayers), -3)).astype(int)
        self.start, self.span = start, max(1, (today - start).days)

    def answer(self, i: int, target: Target, d: dt.date, result: str, amount: int | None) -> tuple[str, int | None]:
        if target[0] != "deposit" or target[1] not in (GAINING, LOSING):
            return result, amount
        f = (d - self.start).days / self.span
        if target[1] == GAINING and result == "found" and f < self.opened[i]:
            return "not_found", None
        if target[1] == LOSING and result == "not_found" and f < self.closed[i]:
            return "found", int(self.amount[i])
        return result, amount


def make_drift(drift: str, seed: int, n_taxpayers: int, start: dt.date, today: dt.date) -> Drift | None:
    if drift not in DRIFTS:
        raise ValueError(drift)
    return None if drift == "none" else Drift(seed, n_taxpayers, start, today)
