"""The joint hours model: a slow case is not taken for a slow officer; levels; no work log."""

from __future__ import annotations

import numpy as np

from matching.hours import WorkLog, difficulty_levels, fit_hours_model, proficiency_levels


def _log(staff: np.ndarray, case: np.ndarray, hours: np.ndarray) -> WorkLog:
    n = hours.size
    return WorkLog(staff=staff, case=case, hours=hours, log_exposure=np.zeros(n), closing=np.zeros(n))


def test_joint_model_separates_a_slow_case_from_a_slow_officer() -> None:
    # Officer 0 is fast (speed 0.7) but is handed the hard cases; officer 1 is slow (1.4) and
    # gets easy ones; officer 2 (speed 1) works a bit of everything, which links the two.
    rng = np.random.default_rng(0)
    speed = np.array([0.7, 1.4, 1.0])
    effort = np.concatenate([np.full(40, 30.0), np.full(40, 4.0)])  # 40 hard, 40 easy cases
    staff, case = [], []
    for c in range(80):
        staff.append(0 if c < 40 else 1)
        case.append(c)
        if c % 4 == 0:  # officer 2 also logged hours on every fourth case
            staff.append(2)
            case.append(c)
    staff_a, case_a = np.array(staff), np.array(case)
    hours = effort[case_a] * speed[staff_a] * rng.lognormal(0, 0.1, staff_a.size)

    naive = np.array([hours[staff_a == s].mean() for s in range(3)])
    assert naive[0] > naive[1]  # per-staff averages call the fast officer slow

    model = fit_hours_model(
        log=_log(staff_a, case_a, hours), case_features=np.zeros((80, 1)), staff_years=np.array([5.0, 5.0, 5.0])
    )
    assert model.speed[0] < model.speed[2] < model.speed[1]
    assert model.speed[1] / model.speed[0] > 1.6  # true ratio 2
    assert np.all(model.effort[:40] > 4 * model.effort[40:])  # hard cases are hard, for anyone
    levels = proficiency_levels(model.log_speed)
    assert levels[0] > levels[1]


def test_staff_with_little_history_are_shrunk_toward_their_experience() -> None:
    rng = np.random.default_rng(1)
    n_staff, n_cases = 8, 400
    years = np.array([1, 2, 4, 8, 12, 16, 20, 25], dtype=float)
    speed = np.exp(0.4 - 0.04 * years)
    effort = rng.lognormal(np.log(8), 0.5, n_cases)
    staff = rng.integers(0, n_staff - 1, n_cases)  # the last officer (25 years) has no history
    case = np.arange(n_cases)
    staff = np.concatenate([staff, rng.integers(0, n_staff - 1, n_cases)])
    case = np.concatenate([case, case])
    hours = effort[case] * speed[staff] * rng.lognormal(0, 0.2, case.size)
    model = fit_hours_model(log=_log(staff, case, hours), case_features=np.zeros((n_cases, 1)), staff_years=years)
    assert model.staff_rows[-1] == 0
    assert model.speed[-1] < model.speed[0]  # the veteran with no history is still expected fast
    assert proficiency_levels(model.log_speed)[-1] == 4


def test_without_a_work_log_speed_follows_experience() -> None:
    empty = _log(np.zeros(0, int), np.zeros(0, int), np.zeros(0))
    model = fit_hours_model(
        log=empty,
        case_features=np.zeros((3, 1)),
        staff_years=np.array([1.0, 10.0, 30.0]),
        fallback_log_effort=np.log(np.array([2.0, 8.0, 20.0])),
    )
    assert not model.from_work_log
    assert model.speed[0] > model.speed[1] > model.speed[2]
    assert list(difficulty_levels(model.log_effort)[0]) == [1, 2, 3]


def test_hard_cases_handed_to_veterans_do_not_make_the_veterans_look_slow() -> None:
    # Supervisors hand the hard cases to the two veterans; the case features say nothing about
    # it, and most cases have one row. Who worked a case is then what tells its effort: without
    # it the shrinkage toward the case prior calls the veterans' cases average and the veterans
    # slow (≈ +35 % on their speed).
    rng = np.random.default_rng(0)
    years = np.array([1.0, 2.0, 3.0, 4.0, 20.0, 25.0])
    speed = np.array([1.4, 1.3, 1.2, 1.15, 0.7, 0.6])
    n = 600
    effort = rng.lognormal(np.log(8), 0.6, n)
    hard = effort > np.quantile(effort, 0.6)
    staff = list(np.where(hard, rng.integers(4, 6, n), rng.integers(0, 4, n)))
    case = list(range(n))
    for c in rng.choice(n, 60, replace=False):  # a few cases changed hands: the link
        staff.append(int(rng.integers(0, 6)))
        case.append(int(c))
    staff_a, case_a = np.array(staff), np.array(case)
    hours = effort[case_a] * speed[staff_a] * rng.lognormal(0, 0.3, case_a.size)
    model = fit_hours_model(
        log=_log(staff_a, case_a, hours), case_features=rng.normal(size=(n, 2)), staff_years=years
    )
    err = model.log_speed - np.log(speed)
    veterans_vs_juniors = float(err[4:].mean() - err[:4].mean())
    assert abs(veterans_vs_juniors) < 0.2


def test_speed_is_less_certain_with_less_history_and_closing_rows_weigh_less() -> None:
    rng = np.random.default_rng(2)
    n_cases = 500
    speed = np.array([1.2, 1.0, 0.8, 0.9])
    effort = rng.lognormal(np.log(8), 0.5, n_cases)
    # officer 3 worked 30 cases, the others the rest; every case has two years
    first = np.where(np.arange(n_cases) < 30, 3, rng.integers(0, 3, n_cases))
    second = rng.integers(0, 3, n_cases)
    staff = np.concatenate([first, second])
    case = np.concatenate([np.arange(n_cases), np.arange(n_cases)])
    closing = np.concatenate([np.zeros(n_cases), (rng.random(n_cases) < 0.2).astype(float)])
    # the last year of a closed case ends on an unknown day: its hours are a random share
    share = np.where(closing > 0, rng.uniform(0.05, 1.0, closing.size), 1.0)
    hours = effort[case] * speed[staff] * share * rng.lognormal(0, 0.2, case.size)
    log = WorkLog(staff=staff, case=case, hours=hours, log_exposure=np.zeros(case.size), closing=closing)
    model = fit_hours_model(log=log, case_features=np.zeros((n_cases, 1)), staff_years=np.full(4, 5.0))
    assert model.log_speed_var is not None and model.log_effort_var is not None
    assert model.log_speed_var[3] > 2 * model.log_speed_var[:3].max()
    err = np.abs((model.log_speed - model.log_speed[1]) - np.log(speed / speed[1]))
    assert err.max() < 0.1
    # a closing row tells less than a full year: its case's effort stays less certain
    with_closing = np.bincount(case, weights=closing, minlength=n_cases) > 0
    assert model.log_effort_var[with_closing].min() > model.log_effort_var[~with_closing].max()


def _handover_log(seed: int = 4) -> tuple[WorkLog, np.ndarray]:
    """Juniors open most cases and hand many over to a veteran during the next year: the opening
    year is a part of a year, and so is each officer's row in the year the case changed hands;
    the veteran then has the case for a whole year."""
    rng = np.random.default_rng(seed)
    speed = np.array([1.3, 1.3, 1.3, 0.8, 0.8, 0.8])
    n = 900
    effort = rng.lognormal(np.log(6), 0.5, n)
    staff, case, age, share = [], [], [], []
    for c in range(n):
        first = int(rng.integers(0, 3) if rng.random() < 0.75 else rng.integers(3, 6))
        staff.append(first), case.append(c), age.append(0), share.append(rng.uniform(0.3, 0.7))
        if rng.random() < 0.5:  # handed over during year 1, then a full year with the new holder
            second = int(rng.integers(3, 6) if first < 3 else rng.integers(0, 3))
            staff += [first, second, second]
            case += [c, c, c]
            age += [1, 1, 2]
            share += [rng.uniform(0.2, 0.6), rng.uniform(0.2, 0.6), 1.0]
        else:
            staff.append(first), case.append(c), age.append(1), share.append(1.0)
    s, c = np.array(staff), np.array(case)
    hours = effort[c] * speed[s] * np.array(share) * rng.lognormal(0, 0.2, s.size)
    log = WorkLog(staff=s, case=c, hours=hours, log_exposure=np.zeros(s.size), closing=np.zeros(s.size),
                  case_age=np.array(age, dtype=float))
    return log, speed


def test_a_case_handed_over_during_the_year_does_not_make_the_junior_look_quick() -> None:
    log, speed = _handover_log()
    true_gap = float(np.log(speed[:3]).mean() - np.log(speed[3:]).mean())

    def gap(log: WorkLog) -> float:
        model = fit_hours_model(log=log, case_features=np.zeros((900, 1)), staff_years=np.full(6, 5.0))
        return float(model.log_speed[:3].mean() - model.log_speed[3:].mean())

    # read as whole years (no stage), the juniors' short parts make them look as quick as the
    # veterans; with the opening year and the shared year as the case's stage, the gap is back
    blind = gap(WorkLog(staff=log.staff, case=log.case, hours=log.hours, log_exposure=log.log_exposure,
                        closing=log.closing))
    assert true_gap - blind > 0.15  # the juniors look quicker than they are
    assert abs(gap(log) - true_gap) < 0.06
