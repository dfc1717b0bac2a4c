"""On the generated office: the joint model recovers the truth and the plan beats round-robin."""

from __future__ import annotations

from sqlmodel import Session

from matching.evaluation import evaluate_assignment
from matching.problem import SolverParams

FAST = SolverParams(bins_per_difficulty=6, bound_bins_per_difficulty=40)


def test_plan_on_the_generated_office_is_near_the_best_and_far_below_round_robin(demo_office) -> None:  # type: ignore[no-untyped-def]
    with Session(demo_office.engine) as session:
        report = evaluate_assignment(
            session=session, continuity=0.2, truth_dir=demo_office.truth_dir, params=FAST
        )
    assert report.speed_corr is not None and report.speed_corr > 0.9
    assert report.effort_corr is not None and report.effort_corr > 0.8
    model, *baselines = report.errors
    assert all(model.mae < b.mae for b in baselines)
    true = next(b for b in report.busiest if b.name == "true")
    assert true.bound is not None and true.best is not None and true.bound <= true.best + 1e-6
    assert true.optimiser < 0.8 * true.round_robin
    assert true.optimiser < 1.2 * true.best  # a small office (20 cases a person): 10 % above today
