"""Reasons from the taxpayer's own attributes: the office's found rate among taxpayers of the
same age decade and kinds of income, counted only from earlier inquiries of other taxpayers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from investigation import service
from investigation.features import F, pair_features
from investigation.office import Office
from investigation.reasons import explain
from store.importer import import_directory
from tests.investigation.office import office_files
from tools.messages import t

YOUNG = 40
FIRST_DAY = dt.date(2024, 1, 10)


def _day(m: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=10 * m)


def _found(m: int) -> bool:
    return m % 4 != 0


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Office:
    """The tiny office plus 40 salaried taxpayers in their 30s, each asked once at ゆうちょ
    (found for three in four), one every ten days."""
    files = office_files()
    tps, cases, invs = [], [], []
    for m in range(YOUNG):
        tp = f"Y{m:03d}"
        tps.append(f"{tp},1990-03-01,A1,若手 {m},ワカテ,東京都けやき区若{m}番,1,3000000,0,0,0,E1,0,0,0")
        cases.append(f"{2000 + m},{tp},住民税,80000,2023-05-31,1,open,K1,2023-08-01")
        invs.append(f"{2000 + m},{_day(m).isoformat()},deposit,9900,{'found' if _found(m) else 'not_found'},,K1")
    files["taxpayers.csv"] += "\n".join(tps) + "\n"
    files["cases.csv"] += "\n".join(cases) + "\n"
    files["investigations.csv"] += "\n".join(invs) + "\n"
    directory = tmp_path / "office"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    import_directory(engine=engine, directory=directory)
    with Session(engine) as session:
        return service.office_of(session=session)


def _reasons(office: Office, case_id: str, as_of: dt.date) -> list:
    c = office.t.case_index[case_id]
    tg = office.target_of("deposit", "9900")
    day = as_of.toordinal()
    X = pair_features(office, np.array([c]), np.array([tg]), np.array([day]))

    def young_score(X: np.ndarray) -> np.ndarray:  # the model of this test: the age decides
        return np.where(X[:, F["age"]] < 40, 0.7, 0.1)

    return explain(office, np.array([tg]), X, young_score, case=np.array([c]), as_of=day,
                   score=np.array([0.7]))[0]


def _expected(own: int, before: dt.date) -> tuple[int, int]:
    """(inquiries, found) at ゆうちょ of the other young taxpayers strictly before the date."""
    earlier = [m for m in range(YOUNG) if m != own and _day(m) < before]
    return len(earlier), sum(_found(m) for m in earlier)


def test_a_target_driven_by_the_taxpayers_age_and_income_gets_the_segment_reason_with_its_figure(
    office: Office,
) -> None:
    as_of = _day(30) + dt.timedelta(days=1)
    reasons = _reasons(office, "2005", as_of)
    assert reasons[0].key == "reason.segment_salary"
    n, found = _expected(5, as_of)
    assert reasons[0].params == {"decade": 30, "pct": round(100 * found / n), "found": found, "n": n}
    text = t(reasons[0].key, "ja", **reasons[0].params)
    assert "給与所得者" in text and f"{n} 件中 {found} 件" in text
    assert t(reasons[0].key, "en", **reasons[0].params)


def test_the_segment_figure_counts_only_inquiries_before_the_date_and_not_the_taxpayers_own(
    office: Office,
) -> None:
    on_day = _day(20)  # Y020's own inquiry is that day: not yet counted
    reasons = _reasons(office, "2030", on_day)
    seg = next(r for r in reasons if r.key.startswith("reason.segment_"))
    n, found = _expected(30, on_day)
    assert (seg.params["n"], seg.params["found"]) == (n, found) == (20, 15)
    later = next(r for r in _reasons(office, "2030", _day(39) + dt.timedelta(days=1))
                 if r.key.startswith("reason.segment_"))
    assert later.params["n"] == YOUNG - 1  # every other young taxpayer, never Y030's own inquiry
