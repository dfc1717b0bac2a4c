"""The pure core: training rows from the history, and ranked targets for cases."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from investigation.candidates import Candidates, candidates
from investigation.features import pair_features
from investigation.model import RecommenderModel
from investigation.office import Office
from investigation.reasons import explain
from investigation.types import CaseRecommendation, RecommendedTarget


@dataclass
class TrainingSet:
    X: np.ndarray
    y: np.ndarray
    dates: np.ndarray
    cases: int


def training_set(office: Office, *, before: int | None = None) -> TrainingSet:
    """One row per investigation in the history (optionally only those before a date), with
    features as of that investigation's date."""
    keep = np.ones(len(office.ev_date), dtype=bool) if before is None else office.ev_date < before
    case = office.ev_case[keep]
    X = pair_features(office, case, office.ev_target[keep], office.ev_date[keep])
    return TrainingSet(X, office.ev_found[keep].astype(int), office.ev_date[keep], len(np.unique(case)))


@dataclass
class Scored:
    """Candidates with scores, grouped per case (best first)."""

    cand: Candidates
    X: np.ndarray
    raw: np.ndarray  # the model's score: ranks (isotonic calibration would tie neighbours)
    score: np.ndarray  # calibrated probability: shown, and used for the inquiry budget
    order_by_case: dict[int, np.ndarray]  # case → indexes into the pair arrays, best first


def score_candidates(office: Office, cases: list[int], as_of: int, model: RecommenderModel) -> Scored:
    cand = candidates(office, cases, as_of)
    X = pair_features(office, cand.case, cand.target, np.full(len(cand.case), as_of))
    raw = model.raw(X)
    return Scored(cand, X, raw, model.calibrate(raw), group_best_first(cand.case, raw, cand.target))


def group_best_first(case: np.ndarray, score: np.ndarray, target: np.ndarray) -> dict[int, np.ndarray]:
    """Per case, pair indexes sorted by score (ties: target order, so the ranking is stable)."""
    order = np.lexsort((target, -score, case))
    c_sorted = case[order]
    bounds = np.flatnonzero(np.diff(c_sorted)) + 1
    out: dict[int, np.ndarray] = {}
    for chunk in np.split(order, bounds):
        if len(chunk):
            out[int(case[chunk[0]])] = chunk
    return out


def recommend(
    office: Office, cases: list[int], as_of: int, model: RecommenderModel, *, top: int = 5
) -> list[CaseRecommendation]:
    """Ranked targets with reasons, and the hardship triage, for each case asked about."""
    s = score_candidates(office, cases, as_of, model)
    shown = {c: s.order_by_case.get(c, np.zeros(0, dtype=np.int64))[:top] for c in cases}
    rows = np.concatenate(list(shown.values())) if shown else np.zeros(0, dtype=np.int64)
    reasons = explain(office, s.cand.target[rows], s.X[rows], model.raw) if len(rows) else []
    out: list[CaseRecommendation] = []
    at = 0
    for c in cases:
        targets: list[RecommendedTarget] = []
        for rank, i in enumerate(shown[c], start=1):
            tg = int(s.cand.target[i])
            targets.append(
                RecommendedTarget(
                    rank=rank,
                    target_kind=office.target_kind_name[tg],
                    target_id=office.target_id[tg],
                    target_name=office.target_name[tg],
                    score=round(float(s.score[i]), 4),
                    reasons=reasons[at],
                )
            )
            at += 1
        out.append(
            CaseRecommendation(
                case_id=office.t.case_ids[c],
                targets=targets,
                hardship=s.cand.hardship[c],
                excluded=s.cand.excluded.get(c),
            )
        )
    return out
