"""The pure core: training rows from the history, and ranked targets for cases."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from investigation.candidates import Candidates, candidates, known_assets
from investigation.features import F, pair_features
from investigation.model import RecommenderModel
from investigation.office import KIND_CODE, Office
from investigation.reasons import explain
from investigation.types import CaseRecommendation, Hardship, Reason, RecommendedTarget


@dataclass
class TrainingSet:
    X: np.ndarray
    y: np.ndarray
    dates: np.ndarray
    cases: int
    # 1 for real inquiries; UNASKED_WEIGHT for the weak negatives (None: all real)
    weight: np.ndarray | None = None
    real: np.ndarray | None = None  # which rows are real inquiries
    group: np.ndarray | None = None  # each row's case (the holdout counts found per case)


# Targets the office never asked about for an investigated case are weak negatives: officers
# skip what they believe is empty, and without them a target asked only for special reasons
# (売掛金 of a taxpayer with unknown business income) would keep the high rate of those few.
UNASKED_WEIGHT = 0.05
UNASKED_SAMPLE = 0.25  # share of them kept (their weight is divided by it)
# Only for the register checks (年金・不動産・自動車・売掛金): officers run them whenever there is a
# sign, so not running one says something. Not asking an insurer or a bank is mostly about cost.
UNASKED_KINDS: tuple[str, ...] = ("pension", "real_estate", "vehicle", "receivable")


def training_set(
    office: Office, *, before: int | None = None, unasked_weight: float = UNASKED_WEIGHT, seed: int = 0
) -> TrainingSet:
    """One row per investigation in the history (optionally only those before a date), with
    features as of that investigation's date; plus a sample of never-asked candidate targets
    of the investigated cases as weak negatives, dated at the case's last inquiry."""
    keep = np.ones(len(office.ev_date), dtype=bool) if before is None else office.ev_date < before
    case = office.ev_case[keep]
    target = office.ev_target[keep]
    dates = office.ev_date[keep]
    y = office.ev_found[keep].astype(int)
    n_cases = len(np.unique(case))
    if unasked_weight <= 0 or len(case) == 0:
        X = pair_features(office, case, target, dates)
        return TrainingSet(X, y, dates, n_cases, group=case)
    # the last inquiry date of each investigated case
    order = np.lexsort((dates, case))
    last_idx = order[np.r_[np.flatnonzero(np.diff(case[order])), len(order) - 1]]
    last_case, last_date = case[last_idx], dates[last_idx]
    asked = set((office.t.case_tp[case] * office.n_targets + target).tolist())
    unasked_codes = np.array([KIND_CODE[k] for k in UNASKED_KINDS], dtype=np.int64)
    u_case, u_target, u_date = [], [], []
    for d in np.unique(last_date):
        on_day = last_case[last_date == d]
        cand = candidates(office, on_day.tolist(), int(d) + 1, check_status=False, learned_hardship=False)
        keys = office.t.case_tp[cand.case] * office.n_targets + cand.target
        fresh = np.array([k not in asked for k in keys.tolist()], dtype=bool)
        fresh &= np.isin(office.target_kind[cand.target], unasked_codes)
        u_case.append(cand.case[fresh])
        u_target.append(cand.target[fresh])
        u_date.append(np.full(int(fresh.sum()), d, dtype=np.int64))
    uc, ut, ud = np.concatenate(u_case), np.concatenate(u_target), np.concatenate(u_date)
    pick = np.random.default_rng(seed).random(len(uc)) < UNASKED_SAMPLE
    uc, ut, ud = uc[pick], ut[pick], ud[pick]
    all_case = np.concatenate([case, uc])
    all_target = np.concatenate([target, ut])
    all_dates = np.concatenate([dates, ud])
    X = pair_features(office, all_case, all_target, all_dates)
    real = np.r_[np.ones(len(case), bool), np.zeros(len(uc), bool)]
    weight = np.where(real, 1.0, unasked_weight / UNASKED_SAMPLE)
    return TrainingSet(X, np.r_[y, np.zeros(len(uc), int)], all_dates, n_cases, weight, real, all_case)


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
    return Scored(cand, X, raw, model.calibrate(raw), group_best_first(cand.case, raw, cand.target, tiebreak(X)))


def tiebreak(X: np.ndarray) -> np.ndarray:
    """What decides between targets of equal score: the veteran's rules, then the office's
    recent (shrunk) rate for the target, then its plain shrunk rate — never the list order."""
    return X[:, F["rules_score"]] * 1e6 + X[:, F["office_rate_recent"]] * 1e3 + X[:, F["office_rate"]]


def group_best_first(
    case: np.ndarray, score: np.ndarray, target: np.ndarray, second: np.ndarray | None = None
) -> dict[int, np.ndarray]:
    """Per case, pair indexes sorted by score, equal scores by ``second`` (the target order only
    where both are equal, so the ranking is stable)."""
    second = np.zeros(len(score)) if second is None else second
    order = np.lexsort((target, -second, -score, case))
    c_sorted = case[order]
    bounds = np.flatnonzero(np.diff(c_sorted)) + 1
    out: dict[int, np.ndarray] = {}
    for chunk in np.split(order, bounds):
        if len(chunk):
            out[int(case[chunk[0]])] = chunk
    return out


# The inquiries that settle whether anything can be seized (国税徴収法153条1項1号 / 地方税法15条の7:
# 執行停止 needs knowing there is nothing): where money arrives and is kept.
SETTLING_KINDS = ("deposit", "salary", "pension")


def settle_first(
    office: Office, target: np.ndarray, picked: np.ndarray, hardship: Hardship
) -> tuple[np.ndarray, Hardship]:
    """A hardship-flagged case: its shown targets with deposits, the employer and pension first
    (each group in score order), and a sentence in the 生活再建 panel saying why."""
    kinds = np.array([office.target_kind_name[int(target[i])] in SETTLING_KINDS for i in picked])
    ordered = np.concatenate([picked[kinds], picked[~kinds]])
    why = Reason("hardship.settle_first")
    return ordered, Hardship(flag=True, reasons=[*hardship.reasons, why])


NONE = np.zeros(0, dtype=np.int64)


def _shown(office: Office, s: Scored, c: int, top: int) -> tuple[np.ndarray, np.ndarray, Hardship]:
    """A case's ``top`` targets best first, the same in the order shown (a hardship case:
    deposits, the employer and the pension first) and its hardship triage: what the case page
    and the worklist both show."""
    best = s.order_by_case.get(c, NONE)[:top]
    hardship = s.cand.hardship[c]
    if hardship.flag and len(best):
        ordered, hardship = settle_first(office, s.cand.target, best, hardship)
        return best, ordered, hardship
    return best, best, hardship


def shown_score(score: float) -> float:
    """A target's probability as shown (and as the worklist combines it)."""
    return round(float(score), 4)


def recommend(
    office: Office, cases: list[int], as_of: int, model: RecommenderModel, *, top: int = 5
) -> list[CaseRecommendation]:
    """Ranked targets with reasons, and the hardship triage, for each case asked about."""
    s = score_candidates(office, cases, as_of, model)
    shown = {c: _shown(office, s, c, top) for c in cases}
    rows = np.concatenate([best for best, _, _ in shown.values()]) if shown else NONE
    reasons = (
        explain(office, s.cand.target[rows], s.X[rows], model.raw, case=s.cand.case[rows], as_of=as_of,
                score=s.score[rows])
        if len(rows)
        else []
    )
    known = known_assets(office, cases, as_of)
    out: list[CaseRecommendation] = []
    at = 0
    for c in cases:
        best, picked, hardship = shown[c]
        at_of = {int(i): at + n for n, i in enumerate(best)}  # where its reasons are in ``reasons``
        at += len(best)
        targets: list[RecommendedTarget] = []
        for rank, i in enumerate(picked, start=1):
            tg = int(s.cand.target[i])
            targets.append(
                RecommendedTarget(
                    rank=rank,
                    target_kind=office.target_kind_name[tg],
                    target_id=office.target_id[tg],
                    target_name=_with_partner(office.target_name[tg], reasons[at_of[int(i)]]),
                    score=shown_score(s.score[i]),
                    reasons=reasons[at_of[int(i)]],
                )
            )
        out.append(
            CaseRecommendation(
                case_id=office.t.case_ids[c],
                targets=targets,
                hardship=hardship,
                excluded=s.cand.excluded.get(c),
                known=known.get(c, []),
            )
        )
    return out


@dataclass(frozen=True)
class Chance:
    """What the worklist needs of a case's ranking."""

    found: float  # P(at least one of the top inquiries finds an asset)
    top_kind: str | None  # the kind of the first inquiry (deposits first on a hardship case)
    hardship: bool


def chances(office: Office, cases: list[int], as_of: int, model: RecommenderModel, *, top: int) -> list[Chance]:
    """Per case, from the same ``top`` targets :func:`recommend` shows (same order, the scores as
    shown), without the reasons and the assets already held: a worklist of a few hundred cases
    costs a third of their recommendations."""
    s = score_candidates(office, cases, as_of, model)
    out: list[Chance] = []
    for c in cases:
        _, picked, hardship = _shown(office, s, c, top)
        miss = 1.0
        for i in picked:
            miss *= 1.0 - shown_score(s.score[i])
        kind = office.target_kind_name[int(s.cand.target[picked[0]])] if len(picked) else None
        out.append(Chance(found=1.0 - miss, top_kind=kind, hardship=hardship.flag))
    return out


def _with_partner(name: str, reasons: list[Reason]) -> str:
    """取引先 → 取引先 山田商事 when the notes name the business partner to ask."""
    partner = next((r.params["partner"] for r in reasons if r.key == "reason.receivable_partner"), None)
    return f"{name} {partner}" if partner else name
