"""How the office's officers chose their inquiries (``choshu demo-data --officer-style``).

The history's inquiry choices are the selection bias a recommender learns from: what officers
never ask about has no label. One generated office is one story of that bias; these styles
make others, so the project's own checks are not tuned to one:

- ``veteran`` (default, the bytes of earlier versions): big banks, nearer branches, banks named
  in the notes, the employer, pension for the elderly, assessed property;
- ``big-banks``: a novice's habit: the megabanks and ゆうちょ whatever the address, other
  banks seldom;
- ``explorer``: every deposit institution alike (an office that inquires widely by 電子照会);
- ``mixed``: each taxpayer's cases handled in one of the three styles, drawn at random.
"""

from __future__ import annotations

import numpy as np

from bot.demo.holdings import Target
from bot.demo.world import INSTITUTIONS

OFFICER_STYLES = ("veteran", "big-banks", "explorer", "mixed")
_TIER = {i.institution_id: i.tier for i in INSTITUTIONS}


def _big_banks(base: np.ndarray, deposit: np.ndarray, columns: list[Target]) -> np.ndarray:
    w = base.copy()
    big = np.array([c[0] == "deposit" and _TIER.get(c[1]) in ("mega", "post") for c in columns])
    w[:, big] = 3.0
    w[:, deposit & ~big] = 0.1
    return w


def _explorer(base: np.ndarray, deposit: np.ndarray) -> np.ndarray:
    w = base.copy()
    w[:, deposit] = base[:, deposit].mean(axis=1, keepdims=True)
    return w


def styled_weights(style: str, base: np.ndarray, columns: list[Target], seed: int) -> np.ndarray:
    """The officers' weights (taxpayers × targets) under a style; ``veteran`` returns ``base``."""
    if style not in OFFICER_STYLES:
        raise ValueError(style)
    if style == "veteran":
        return base
    deposit = np.array([c[0] == "deposit" for c in columns])
    if style == "big-banks":
        return _big_banks(base, deposit, columns)
    if style == "explorer":
        return _explorer(base, deposit)
    pick = np.asarray(np.random.default_rng([seed, 13]).integers(3, size=base.shape[0]))
    options = (base, _big_banks(base, deposit, columns), _explorer(base, deposit))
    return np.choose(pick[:, None], options)
