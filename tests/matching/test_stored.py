"""A plan survives the trip through the store's JSON unchanged (numpy counts included)."""

from __future__ import annotations

import json

import numpy as np

from matching.stored import from_payload, to_payload
from matching.types import AssignmentPlan, AssignmentRow, StaffSummary


def test_a_plan_round_trips_through_json() -> None:
    plan = AssignmentPlan(
        rows=[AssignmentRow("10001", "A01", 3, 2, 12.5, "B01"), AssignmentRow("10002", "A02", 1, 4, 3.0)],
        summary=[StaffSummary("A01", "佐藤 花子", 2, 1, 0, 0, 1, 12.5, 0, 0.0, 1, 0, None)],
        makespan=12.5,
        total_hours=15.5,
        lower_bound=np.float64(11.0),
        gap=0.12,
        moves=np.int64(1),  # type: ignore[arg-type]
        development_weight=0.2,
        juniors_hard_base=0,
        juniors_hard=np.int64(1),  # type: ignore[arg-type]
        cost_makespan=1.5,
        cost_total=-0.5,
        thresholds=(4.0, 9.5),
        notes=[("assign.no_work_log", {})],
        status="OPTIMAL",
    )
    payload = json.loads(json.dumps(to_payload(plan)))
    assert from_payload(payload) == plan
