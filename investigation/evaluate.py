"""Time-based holdout of the recommender against three baselines.

The history is cut at a date: the model is trained on investigations before it, and every
case investigated on or after it is ranked as of the cutoff (features only see the past).
Each method proposes its top 5 targets from the same allowed candidates (same exclusions;
cases flagged by hardship triage get none from any method) and we count assets found:

- with the generator's truth (``truth``: taxpayer → held targets; evaluation only, never a
  feature): every proposed target the taxpayer really holds counts. This is the fair figure.
- observed labels only (a real office): a proposed target counts when a later investigation
  found it. Targets nobody asked about have no label and count as not found, so this favours
  methods that resemble what officers chose; we also print the hit rate among labelled targets.

References (with the truth only, evaluation only): ``ceiling`` fits the same features and
booster to the truth over every candidate target of earlier investigated cases of other
taxpayers (the most any model of these features could learn from complete, unbiased labels);
``world`` ranks by the probabilities the generator drew the holdings with (``odds.csv``:
hidden facts included, so no ranking can expect more); ``oracle`` proposes what is really
held. How much of the gap between the veteran and the ceiling the model closes is the honest
measure of the learning; the oracle shows what no feature of the office's data reveals.

Methods: the model; a novice (the same five biggest deposit institutions, by branch count, for
everyone); historical popularity (targets by how often they were found before the cutoff);
and a veteran's hand rules (employer salary, banks named in notes, the co-workers' payroll bank,
pension for the elderly, assessed property and vehicles, business receivables, nearest branches:
``features.rules_score``, which the model also gets as a feature — it has to learn where the
rules are wrong to beat them).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from investigation import model as model_mod
from investigation.candidates import candidates
from investigation.engine import group_best_first, tiebreak, training_set
from investigation.features import F, pair_features
from investigation.office import KIND_CODE, Office
from store.errors import InvalidInput

PER = 200
METHODS = ("model", "novice", "popularity", "veteran")
# With the truth, reference rows that are not methods: the same features and booster fitted to
# the truth of earlier cases (what any model of these features can reach), the generator's own
# odds (what any ranking can expect) and a perfect oracle (what is there to find in the top slots).
REFERENCES = ("ceiling", "world", "oracle")
CEILING_SAMPLE = 0.5  # share of the earlier investigated cases the ceiling is fitted on


@dataclass
class MethodResult:
    name: str
    truth_found: int | None  # assets really held among proposed targets (None: no truth)
    observed_found: int  # proposed targets a later investigation found
    labelled: int  # proposed targets that a later investigation asked about
    # Assets found per holdout case (same case order for every method), for paired bootstraps.
    truth_by_case: np.ndarray | None = None
    observed_by_case: np.ndarray | None = None

    def per_cases(self, value: int | None, cases: int) -> float | None:
        return None if value is None or cases == 0 else PER * value / cases


@dataclass
class EvalReport:
    cutoff: str
    train_rows: int
    holdout_cases: int
    hardship_cases: int
    proposed_per_case: int
    results: dict[str, MethodResult] = field(default_factory=dict)
    # Hardship triage against the truth over every holdout case (None: the truth has no hardship).
    hardship_flagged: int | None = None
    hardship_true: int | None = None
    hardship_hits: int | None = None

    def hardship_precision(self) -> float | None:
        if self.hardship_hits is None or not self.hardship_flagged:
            return None
        return self.hardship_hits / self.hardship_flagged

    def hardship_recall(self) -> float | None:
        if self.hardship_hits is None or not self.hardship_true:
            return None
        return self.hardship_hits / self.hardship_true

    def per200(self, method: str, which: str = "truth") -> float | None:
        r = self.results[method]
        cases = self.holdout_cases - self.hardship_cases
        return r.per_cases(r.truth_found if which == "truth" else r.observed_found, cases)

    def ratio_interval(
        self, method: str, baseline: str, which: str = "truth", *, level: float = 0.95, n_boot: int = 2000, seed: int = 0
    ) -> tuple[float, float] | None:
        """A paired bootstrap interval (cases resampled) of found(method) / found(baseline)."""
        a = self.results[method].truth_by_case if which == "truth" else self.results[method].observed_by_case
        b = self.results[baseline].truth_by_case if which == "truth" else self.results[baseline].observed_by_case
        if a is None or b is None:
            return None
        return paired_ratio_interval(a, b, level=level, n_boot=n_boot, seed=seed)

    def share_of_ceiling_gain(
        self, method: str = "model", baseline: str = "veteran", ceiling: str = "ceiling"
    ) -> float | None:
        """(method − baseline) / (ceiling − baseline), on the truth; ``ceiling`` may be the
        feature ceiling or the generator's odds (``world``)."""
        if ceiling not in self.results:
            return None
        m, b, c = (self.per200(x) for x in (method, baseline, ceiling))
        if m is None or b is None or c is None or c <= b:
            return None
        return (m - b) / (c - b)

    def hit_rate(self, method: str) -> float | None:
        r = self.results[method]
        return None if r.labelled == 0 else r.observed_found / r.labelled


Ranker = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def paired_ratio_interval(
    a: np.ndarray, b: np.ndarray, *, level: float = 0.95, n_boot: int = 2000, seed: int = 0
) -> tuple[float, float] | None:
    """Percentile interval of sum(a)/sum(b) over cases resampled with replacement (paired)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if len(a) == 0 or len(a) != len(b):
        return None
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(a), size=(n_boot, len(a)))
    num, den = a[idx].sum(axis=1), b[idx].sum(axis=1)
    ratios = num[den > 0] / den[den > 0]
    if len(ratios) == 0:
        return None
    tail = (1 - level) / 2
    lo, hi = np.quantile(ratios, [tail, 1 - tail])
    return float(lo), float(hi)


def novice_scores(office: Office) -> Ranker:
    """The same five biggest deposit institutions (most branches) for everyone."""
    deposit = [i for i in range(len(office.t.inst_ids)) if office.inst_target[i] >= 0
               and office.target_kind[office.inst_target[i]] == KIND_CODE["deposit"]]
    biggest = sorted(deposit, key=lambda i: (-office.inst_branches[i], office.t.inst_ids[i]))[:5]
    score = np.zeros(office.n_targets)
    for rank, i in enumerate(biggest):
        score[office.inst_target[i]] = 10 - rank
    return lambda case, target, X: score[target]


def popularity_scores(office: Office, before: int) -> Ranker:
    """Targets by how often they were found in the office before the cutoff (salary: all
    employers pooled, since each case has its own)."""
    keep = office.ev_date < before
    found = np.bincount(office.ev_target[keep & office.ev_found], minlength=office.n_targets).astype(float)
    salary = office.target_kind == KIND_CODE["salary"]
    found[salary] = found[salary].sum()
    return lambda case, target, X: found[target]


def veteran_scores(office: Office) -> Ranker:
    """A veteran's rules of thumb, written by hand (not learned): ``features.rules_score``;
    ties go to the office's experience."""

    def score(case: np.ndarray, target: np.ndarray, X: np.ndarray) -> np.ndarray:
        return X[:, F["rules_score"]] + 0.01 * X[:, F["office_rate"]]

    return score


def ceiling_scores(
    office: Office, cutoff: int, truth_keys: set[int], holdout: list[int], *, seed: int = 0
) -> Ranker:
    """The model's features and booster fitted to the truth (evaluation only): every candidate
    target of a sample of the cases investigated before the cutoff, as of the cutoff, labelled
    by what the taxpayer really holds. Taxpayers of holdout cases are left out, so no holdout
    answer is learnt."""
    t = office.t
    held_out_tp = set(t.case_tp[np.asarray(holdout, dtype=np.int64)].tolist()) if holdout else set()
    earlier = [int(c) for c in np.unique(office.ev_case[office.ev_date < cutoff])
               if int(t.case_tp[c]) not in held_out_tp]
    rng = np.random.default_rng(seed)
    sample = [c for c in earlier if rng.random() < CEILING_SAMPLE]
    if not sample:
        return lambda case, target, X: np.zeros(len(target))
    cand = candidates(office, sample, cutoff, check_status=False, learned_hardship=False)
    X = pair_features(office, cand.case, cand.target, np.full(len(cand.case), cutoff))
    keys = t.case_tp[cand.case] * office.n_targets + cand.target
    y = np.array([k in truth_keys for k in keys.tolist()], dtype=int)
    if y.min() == y.max():
        return lambda case, target, X: np.zeros(len(target))
    with model_mod.one_thread():
        booster = model_mod.make_booster(seed).fit(model_mod.no_empty_columns(X), y)
    return lambda case, target, X: booster.predict_proba(X)[:, 1]


def evaluate(
    office: Office,
    *,
    cutoff: int | None = None,
    truth: dict[str, set[tuple[str, str]]] | None = None,
    top: int = 5,
    seed: int = 0,
    references: bool = True,
    odds: dict[str, dict[tuple[str, str], float]] | None = None,
    hardship_truth: set[str] | None = None,
) -> EvalReport:
    """Train before the cutoff, rank the cases investigated after it, count assets found."""
    if len(office.ev_date) == 0:
        raise InvalidInput("recommend.too_little_history", rows=0)
    if cutoff is None:
        cutoff = int(np.quantile(office.ev_date, 0.8))
    t = office.t
    n_t = office.n_targets
    truth_keys: set[int] | None = None
    if truth is not None:
        truth_keys = set()
        lookup = {(k, i): n for n, (k, i) in enumerate(zip(office.target_kind_name, office.target_id, strict=True))}
        for tp, tpid in enumerate(t.tp_ids):
            for kind, tid in truth.get(tpid, ()):
                tg = lookup.get((kind, tid or ""))
                if tg is not None:
                    truth_keys.add(tp * n_t + tg)
        _check_truth_belongs(office, truth_keys)
    ts = training_set(office, before=cutoff)
    fitted = model_mod.fit(ts.X, ts.y, ts.dates, cases=ts.cases, seed=seed, weight=ts.weight, real=ts.real, group=ts.group)

    after = office.ev_date >= cutoff
    holdout = sorted(set(office.ev_case[after].tolist()))
    cand = candidates(office, holdout, cutoff, check_status=False)
    hardship = sum(1 for c in holdout if c in cand.excluded)  # 生活保護: no targets from any method
    X = pair_features(office, cand.case, cand.target, np.full(len(cand.case), cutoff))

    # labels observed after the cutoff: (taxpayer, target) → found at least once
    keys = office.ev_tp[after] * n_t + office.ev_target[after]
    labelled = set(keys.tolist())
    found_keys = set(keys[office.ev_found[after]].tolist())

    rankers: dict[str, Ranker] = {
        "model": lambda case, target, X: fitted.raw(X),
        "novice": novice_scores(office),
        "popularity": popularity_scores(office, cutoff),
        "veteran": veteran_scores(office),
    }
    pair_keys = t.case_tp[cand.case] * n_t + cand.target
    # which candidate pairs the taxpayer really holds (every method's hits are read from it)
    held = None if truth_keys is None else np.array([k in truth_keys for k in pair_keys.tolist()], dtype=bool)
    if held is not None and truth_keys is not None and references:
        rankers["ceiling"] = ceiling_scores(office, cutoff, truth_keys, holdout, seed=seed)
        if odds is not None:
            kinds, ids = office.target_kind_name, office.target_id
            world = np.array([odds.get(t.tp_ids[t.case_tp[c]], {}).get((kinds[g], ids[g] or ""), 0.0)
                              for c, g in zip(cand.case.tolist(), cand.target.tolist(), strict=True)])
            rankers["world"] = lambda case, target, X: world
        rankers["oracle"] = lambda case, target, X: held.astype(float)
    report = EvalReport(
        cutoff=dt.date.fromordinal(cutoff).isoformat(),
        train_rows=len(ts.y) if ts.real is None else int(ts.real.sum()),
        holdout_cases=len(holdout),
        hardship_cases=hardship,
        proposed_per_case=top,
    )
    if hardship_truth is not None:
        flagged = {c for c in holdout if cand.hardship[c].flag}
        really = {c for c in holdout if t.tp_ids[t.case_tp[c]] in hardship_truth}
        report.hardship_flagged, report.hardship_true = len(flagged), len(really)
        report.hardship_hits = len(flagged & really)
    case_slot = np.zeros(max(holdout, default=-1) + 1, dtype=np.int64)
    case_slot[np.asarray(holdout, dtype=np.int64)] = np.arange(len(holdout))
    for name, ranker in rankers.items():
        score = np.asarray(ranker(cand.case, cand.target, X), dtype=float)
        groups = group_best_first(cand.case, score, cand.target, tiebreak(X))
        chosen = np.concatenate([g[:top] for g in groups.values()]) if groups else np.zeros(0, np.int64)
        ck = pair_keys[chosen].tolist()
        slot = case_slot[cand.case[chosen]]
        observed_hits = np.array([k in found_keys for k in ck], dtype=bool)
        truth_hits = None if held is None else held[chosen]
        report.results[name] = MethodResult(
            name=name,
            truth_found=None if truth_hits is None else int(truth_hits.sum()),
            observed_found=int(observed_hits.sum()),
            labelled=sum(k in labelled for k in ck),
            truth_by_case=None if truth_hits is None else np.bincount(slot, weights=truth_hits, minlength=len(holdout)),
            observed_by_case=np.bincount(slot, weights=observed_hits, minlength=len(holdout)),
        )
    return report


TRUTH_MIN_AGREEMENT = 0.8


def _check_truth_belongs(office: Office, truth_keys: set[int]) -> None:
    """The truth must be this office's: nearly every inquiry found in the history is a holding
    of the truth (the generator finds 95 % of holdings and invents 1 %). Another office's truth
    shares taxpayer ids by accident only and would print meaningless figures."""
    found = office.ev_tp[office.ev_found] * office.n_targets + office.ev_target[office.ev_found]
    if len(found) == 0:
        return
    agreement = sum(k in truth_keys for k in found.tolist()) / len(found)
    if agreement < TRUTH_MIN_AGREEMENT:
        raise InvalidInput("recommend.truth_mismatch", share=round(100 * agreement))


def read_odds(directory: Path) -> dict[str, dict[tuple[str, str], float]] | None:
    """The generator's probabilities (evaluation only), or None when the truth has none."""
    path = _truth_file(directory, "odds.csv")
    if not path.exists():
        return None
    out: dict[str, dict[tuple[str, str], float]] = {}
    for line, row in _truth_rows(path, ("taxpayer_id", "target_kind", "probability")):
        try:
            p = float(row["probability"])
        except ValueError:
            raise InvalidInput("recommend.truth_bad_row", file=path.name, line=line, column="probability") from None
        if not 0.0 <= p <= 1.0:
            raise InvalidInput("recommend.truth_bad_row", file=path.name, line=line, column="probability")
        out.setdefault(row["taxpayer_id"], {})[(row["target_kind"], row.get("target_id") or "")] = p
    return out


def _truth_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a truth CSV that has the columns it needs."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InvalidInput("recommend.truth_bad_row", file=path.name, line=1, column=missing[0])
            return [(n, row) for n, row in enumerate(reader, start=2)]
    except (OSError, UnicodeDecodeError, csv.Error):
        raise InvalidInput("recommend.truth_unreadable", path=str(path)) from None


def _truth_file(directory: Path, name: str) -> Path:
    path = Path(directory) / name
    if not path.exists() and (Path(directory) / "truth" / name).exists():
        path = Path(directory) / "truth" / name
    return path


def read_hardship_truth(directory: Path) -> set[str] | None:
    """Taxpayers the generator gave a hardship or welfare (evaluation only), or None when the
    truth has no ``hardship_truth.csv``."""
    path = _truth_file(directory, "hardship_truth.csv")
    if not path.exists():
        return None
    out: set[str] = set()
    for line, row in _truth_rows(path, ("taxpayer_id", "hardship", "welfare")):
        if row["welfare"] not in ("0", "1"):
            raise InvalidInput("recommend.truth_bad_row", file=path.name, line=line, column="welfare")
        if row["hardship"] or row["welfare"] == "1":
            out.add(row["taxpayer_id"])
    return out


def read_truth(directory: Path) -> dict[str, set[tuple[str, str]]]:
    """The generator's holdings (evaluation only): taxpayer_id → {(target_kind, target_id)}."""
    path = _truth_file(directory, "holdings.csv")
    if not path.exists():
        raise InvalidInput("recommend.truth_missing", path=str(path))
    out: dict[str, set[tuple[str, str]]] = {}
    for _line, row in _truth_rows(path, ("taxpayer_id", "target_kind")):
        out.setdefault(row["taxpayer_id"], set()).add((row["target_kind"], row.get("target_id") or ""))
    return out
