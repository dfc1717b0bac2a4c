"""Placing individual cases once the class counts are known, and the local search after it."""

from __future__ import annotations

import numpy as np

from matching.classes import CaseClasses
from matching.problem import HARD, JUNIOR_MAX_LEVEL, AssignmentProblem, juniors_hard_of, loads_of


def place_cases(
    problem: AssignmentProblem,
    cases: np.ndarray,
    staff: np.ndarray,
    fixed: np.ndarray,
    cls: CaseClasses,
    counts: np.ndarray,
) -> np.ndarray:
    """Individual cases from class counts ``counts[k, j]`` (class k to ``staff[j]``): keep
    current assignees, then deal largest first to the least loaded with quota left.

    ``cases`` are the free cases (aligned with ``cls.class_of``), ``fixed`` the hours each staff
    member already holds (locked cases)."""
    staff_of = problem.current.copy()
    load = fixed.copy()
    quota = counts.copy()
    col = np.full(problem.n_staff, -1, dtype=int)
    col[staff] = np.arange(staff.size)
    effort = problem.effort[cases]
    pending: list[list[int]] = [[] for _ in range(cls.n_classes)]
    # cases kept with their current assignee (as many as the counts allow)
    for i in np.argsort(-effort, kind="stable"):
        case = int(cases[i])
        k = int(cls.class_of[i])
        cur = int(problem.current[case])
        j = int(col[cur]) if cur >= 0 else -1
        if j >= 0 and quota[k, j] > 0:
            quota[k, j] -= 1
            staff_of[case] = cur
            load[cur] += problem.hours(case, cur)
        else:
            pending[k].append(case)
    # the rest, largest class first and within each class largest case first
    for k in np.argsort(-cls.mean_effort, kind="stable"):
        for case in sorted(pending[k], key=lambda c: -problem.effort[c]):
            cand = np.flatnonzero(quota[k] > 0)
            h = problem.hours_of(np.asarray(case), staff[cand])
            i = int(np.argmin(load[staff[cand]] + h))
            j = int(cand[i])
            quota[k, j] -= 1
            staff_of[case] = int(staff[j])
            load[staff[j]] += float(h[i])
    return staff_of


def enforce_juniors_hard(problem: AssignmentProblem, staff_of: np.ndarray, target: int) -> np.ndarray:
    """Make juniors hold exactly ``target`` hard cases (rounding can miss by a few): move a
    free hard case across, or swap it for a free non-hard case, cheapest effort first."""
    staff_of = staff_of.copy()
    cap = problem.capacity.copy()
    cap[cap < 0] = problem.n_cases
    hard = problem.difficulty == HARD
    free = ~problem.locked
    junior = problem.level <= JUNIOR_MAX_LEVEL
    for _ in range(problem.n_cases):
        diff = target - juniors_hard_of(problem, staff_of)
        if diff == 0:
            break
        to_junior = diff > 0
        on_junior = junior[staff_of]
        give = np.flatnonzero(free & hard & (on_junior != to_junior))  # hard cases to move across
        if give.size == 0:
            break
        c = int(give[np.argmin(problem.effort[give])])
        count = np.bincount(staff_of, minlength=problem.n_staff)
        side = np.flatnonzero((junior == to_junior) & (cap > 0))
        load = loads_of(problem, staff_of)
        roomy = side[count[side] < cap[side]]
        if roomy.size:
            staff_of[c] = int(roomy[np.argmin(load[roomy])])
            continue
        back = np.flatnonzero(free & ~hard & (junior[staff_of] == to_junior))
        if back.size == 0:
            break
        o = int(back[np.argmin(problem.effort[back])])
        staff_of[c], staff_of[o] = staff_of[o], staff_of[c]
    return staff_of


def improve(
    problem: AssignmentProblem,
    staff_of: np.ndarray,
    *,
    continuity: float,
    rounds: int,
    candidates: int = 16,
) -> np.ndarray:
    """Moves and swaps off the busiest staff member while the busiest hours fall.

    A move never changes how many hard cases juniors hold, never breaks a capacity and never
    touches a locked case; one that takes a case from its current assignee must save more than
    ``continuity`` × the case's hours with that assignee.
    """
    staff_of = staff_of.copy()
    effort, speed = problem.effort, problem.speed
    cap = problem.capacity.copy()
    cap[cap < 0] = problem.n_cases
    hard = problem.difficulty == HARD
    junior = problem.level <= JUNIOR_MAX_LEVEL
    movable = ~problem.locked
    load = loads_of(problem, staff_of)
    count = np.bincount(staff_of, minlength=problem.n_staff)
    members: list[list[int]] = [
        [int(c) for c in np.flatnonzero((staff_of == s) & movable)] for s in range(problem.n_staff)
    ]

    def move(case: int, src: int, dst: int) -> None:
        staff_of[case] = dst
        members[src].remove(case)
        members[dst].append(case)
        load[src] -= problem.hours(case, src)
        load[dst] += problem.hours(case, dst)
        count[src] -= 1
        count[dst] += 1

    for _ in range(rounds):
        b = int(np.argmax(load))
        top = load[b]
        mine = np.asarray(members[b], dtype=int)
        if mine.size == 0:
            break
        best: tuple[float, int, int, int] | None = None  # (new max, case, to staff, other case)
        for t in np.argsort(load)[:candidates]:
            t = int(t)
            if t == b or cap[t] == 0:
                continue
            same_side = junior[t] == junior[b]
            penalty_b = np.where(problem.current[mine] == b, continuity * problem.hours_of(mine, b), 0.0)
            # move one case b -> t
            if count[t] < cap[t]:
                ok = same_side | ~hard[mine]
                new_max = np.maximum(top - problem.hours_of(mine, b), load[t] + problem.hours_of(mine, t)) + penalty_b
                new_max = np.where(ok, new_max, np.inf)
                i = int(np.argmin(new_max))
                if new_max[i] < top - 1e-9 and (best is None or new_max[i] < best[0]):
                    best = (float(new_max[i]), int(mine[i]), t, -1)
            # swap: b gives c, takes c' with smaller effort
            theirs = np.asarray(members[t], dtype=int)
            if theirs.size == 0:
                continue
            for group in ((True, False) if not same_side else (None,)):
                if group is None:
                    cand_b, cand_t = mine, theirs
                else:
                    cand_b, cand_t = mine[hard[mine] == group], theirs[hard[theirs] == group]
                if cand_b.size == 0 or cand_t.size == 0:
                    continue
                order = np.argsort(effort[cand_t])
                sorted_t = cand_t[order]
                e_t = effort[sorted_t]
                e_c = effort[cand_b]
                ideal = e_c - (top - load[t]) / (speed[b] + speed[t])
                pos = np.clip(np.searchsorted(e_t, ideal), 0, e_t.size - 1)
                for shift in (0, -1):
                    p = np.clip(pos + shift, 0, e_t.size - 1)
                    other = sorted_t[p]
                    pen = np.where(problem.current[cand_b] == b, continuity * problem.hours_of(cand_b, b), 0.0) + np.where(
                        problem.current[other] == t, continuity * problem.hours_of(other, t), 0.0
                    )
                    new_b = top + problem.hours_of(other, b) - problem.hours_of(cand_b, b)
                    new_t = load[t] + problem.hours_of(cand_b, t) - problem.hours_of(other, t)
                    new_max = np.maximum(new_b, new_t) + pen
                    i = int(np.argmin(new_max))
                    if new_max[i] < top - 1e-9 and (best is None or new_max[i] < best[0]):
                        best = (float(new_max[i]), int(cand_b[i]), t, int(other[i]))
        if best is None:
            break
        _, c, t, o = best
        move(c, b, t)
        if o >= 0:  # a swap: the other case comes back
            move(o, t, b)
    return staff_of
