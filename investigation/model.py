"""The target model: gradient boosting over (case, target) features, calibrated by isotonic
regression on the newest part of the history, saved with a model card.

Training rows are the office's investigation history (imported and recorded by staff), each
with features as of its own date. The newest 20 % (by date) is the holdout: it calibrates the
probabilities and gives the card's figures; the saved model is then refitted on all rows.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from threadpoolctl import ThreadpoolController

from investigation.features import FEATURES, F
from store.errors import InvalidInput, ModelMissing

# Bump when FEATURES or their meaning change: older models then refuse to load.
SCHEMA_VERSION = 3  # 2: the veteran rules' score is a feature; 3: shrunk and recent rates, ranker by found@K
MODEL_FILE = "recommender.joblib"
CARD_FILE = "recommender_card.json"
SUMMARY_FILE = "recommender_card.md"
HOLDOUT_SHARE = 0.2
MIN_ROWS = 50
# OpenMP threads spin and collide on a small shared machine: one thread is many times faster
# there, and deterministic.
THREADS = 1
_CONTROLLER: ThreadpoolController | None = None


def one_thread() -> Any:
    """A context with OpenMP limited to THREADS (the libraries are looked up once per process)."""
    global _CONTROLLER
    if _CONTROLLER is None:
        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER.limit(limits=THREADS, user_api="openmp")


@dataclass
class ModelCard:
    schema_version: int
    trained_at: str
    rows: int
    rows_found: int
    cases: int
    history_from: str
    history_to: str
    holdout_from: str
    holdout_rows: int
    holdout_auc: float | None
    holdout_brier: float | None
    holdout_base_rate: float
    seconds: float
    features: list[str] = field(default_factory=list)
    # the veteran's rules (the rules_score feature alone) on the same holdout: the model is
    # worth its keep where its AUC is above this one
    holdout_auc_rules: float | None = None
    # what ranks the targets: the ranking that found the most assets in the top TOP_K of each
    # holdout case ("model", "rules" — the model only breaks their ties — or "blend"); the
    # rules while the history cannot tell (a new office)
    ranker: str = "rules"
    # assets found in the top TOP_K per holdout case, per ranking (observed results of the
    # office's newest inquiries), and over how many cases with more than TOP_K inquiries
    holdout_found_top_k: dict[str, float] = field(default_factory=dict)
    holdout_cases: int = 0
    holdout_deciding_cases: int = 0
    top_k: int = 0

    def comparison(self) -> str:
        """「モデル 1.84 / 経験則 1.71 / 併用 1.80 件」 and the winner's margin over the rules."""
        if not self.holdout_found_top_k:
            return "—"
        parts = " / ".join(f"{RANKER_SHORT[k]} {v:.3f}" for k, v in self.holdout_found_top_k.items())
        rules = self.holdout_found_top_k.get("rules", 0.0)
        best = self.holdout_found_top_k.get(self.ranker, 0.0)
        margin = "" if self.ranker == "rules" or rules <= 0 else f"; 経験則の {best / rules:.3f} 倍 ({best / rules - 1:+.1%})"
        return (f"上位 {self.top_k} 件での発見数/案件 found in top {self.top_k} per case: {parts} "
                f"({self.holdout_cases:,} 案件, うち順位で差が出るもの {self.holdout_deciding_cases:,}){margin}")

    def summary(self) -> str:
        auc = "—" if self.holdout_auc is None else f"{self.holdout_auc:.3f}"
        brier = "—" if self.holdout_brier is None else f"{self.holdout_brier:.4f}"
        rules = "—" if self.holdout_auc_rules is None else f"{self.holdout_auc_rules:.3f}"
        return (
            "# 財産調査先モデル (investigation-target model)\n\n"
            f"- 学習日時 trained at: {self.trained_at} (schema v{self.schema_version})\n"
            f"- 学習データ rows: {self.rows:,} 件の照会 ({self.rows_found:,} 件発見), {self.cases:,} 案件, "
            f"{self.history_from} 〜 {self.history_to}\n"
            f"- 検証 holdout (newest {int(HOLDOUT_SHARE * 100)} %, from {self.holdout_from}): "
            f"{self.holdout_rows:,} rows, AUC {auc} (ベテランの経験則 rules alone: {rules}), Brier {brier}, "
            f"発見率 base rate {self.holdout_base_rate:.3f}\n"
            f"- 検証での比較 holdout comparison: {self.comparison()}\n"
            f"- 順位づけ ranking: {RANKER_LABEL.get(self.ranker, self.ranker)}\n"
            f"- 学習時間 fit time: {self.seconds:.1f} s\n"
            f"- 特徴量 features: {', '.join(self.features)}\n"
        )


RANKERS = ("model", "rules", "blend")
RANKER_SHORT = {"model": "モデル model", "rules": "経験則 rules", "blend": "併用 blend"}
RANKER_LABEL = {
    "model": "モデル model (found the most assets in the top of each holdout case)",
    "rules": "ベテランの経験則 veteran rules (found at least as many on the holdout, or too little history "
             "to tell; the model breaks ties)",
    "blend": "併用 blend (the model's probability and the rules' score, half each; found the most on the holdout)",
}
# Under the rules, the model's probability only orders targets the rules score (almost) alike.
RULES_TIEBREAK = 0.01
RULES_SCALE = 100.0  # the rules' score is 0–100: the blend puts it on the probability's scale
TOP_K = 5  # what the office looks at: the first five targets of a case


def rules_raw(X: np.ndarray, model_probability: np.ndarray) -> np.ndarray:
    return X[:, F["rules_score"]] + RULES_TIEBREAK * model_probability


def ranker_raw(ranker: str, X: np.ndarray, model_probability: np.ndarray) -> np.ndarray:
    """The score targets are ranked by under a ranking choice."""
    if ranker == "rules":
        return rules_raw(X, model_probability)
    if ranker == "blend":
        return 0.5 * model_probability + 0.5 * X[:, F["rules_score"]] / RULES_SCALE
    return model_probability


def found_in_top_k(score: np.ndarray, y: np.ndarray, group: np.ndarray, k: int = TOP_K) -> np.ndarray:
    """Per group (case), how many of its k best-scored rows were found; ties are counted at
    their expected value (a tie straddling the cut gives each tied row its share of the slots),
    so no ranking gains from the order rows happen to be listed in."""
    if len(score) == 0:
        return np.zeros(0)
    _, g = np.unique(group, return_inverse=True)
    out = np.zeros(g.max() + 1)
    order = np.lexsort((-score, g))
    bounds = np.flatnonzero(np.diff(g[order])) + 1
    for chunk in np.split(order, bounds):
        s, f = score[chunk], y[chunk].astype(float)
        if len(chunk) <= k:
            out[g[chunk[0]]] = f.sum()
            continue
        cut = s[k - 1]
        above = s > cut
        tied = s == cut
        slots = k - int(above.sum())
        out[g[chunk[0]]] = f[above].sum() + (f[tied].mean() * slots if tied.any() else 0.0)
    return out


@dataclass
class RecommenderModel:
    schema_version: int
    booster: HistGradientBoostingClassifier
    calibrator: IsotonicRegression | None
    card: ModelCard

    def raw(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros(0)
        with one_thread():
            p = self.booster.predict_proba(X)[:, 1]
        return ranker_raw(self.card.ranker, X, p)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Calibrated probability that the asset is found there."""
        return self.calibrate(self.raw(X))

    def calibrate(self, raw: np.ndarray) -> np.ndarray:
        p = raw
        if self.calibrator is not None and len(p):
            p = self.calibrator.predict(p)
        return np.clip(p, 0.0, 1.0)


def make_booster(seed: int) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        learning_rate=0.1,
        max_iter=100,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        # The category columns (kind, institution kind, kind × signal, industry) are small
        # integer codes grouped so that thresholds separate them; declaring them categorical
        # costs an encoder pass (~10 ms) on every prediction and did not rank better.
        categorical_features=None,
        early_stopping=False,
        random_state=seed,
    )


def fit(
    X: np.ndarray,
    y: np.ndarray,
    dates: np.ndarray,
    *,
    cases: int = 0,
    seed: int = 0,
    weight: np.ndarray | None = None,
    real: np.ndarray | None = None,
    group: np.ndarray | None = None,
) -> RecommenderModel:
    """Fit on rows in time order; the newest share of the real inquiries calibrates, chooses
    the ranking (model, rules or blend: the most assets found in the top TOP_K of each holdout
    case, ``group`` = the rows' case) and is reported on the card. ``weight``/``real`` mark
    weak negatives (not real inquiries)."""
    with one_thread():
        return _fit(X, y, dates, cases=cases, seed=seed, weight=weight, real=real, group=group)


def _fit(
    X: np.ndarray,
    y: np.ndarray,
    dates: np.ndarray,
    *,
    cases: int,
    seed: int,
    weight: np.ndarray | None,
    real: np.ndarray | None,
    group: np.ndarray | None = None,
) -> RecommenderModel:
    started = time.perf_counter()
    w = np.ones(len(y)) if weight is None else weight
    is_real = np.ones(len(y), dtype=bool) if real is None else real
    n = int(is_real.sum())
    n_found = int(y[is_real].sum())
    if n < MIN_ROWS or n_found == 0 or n_found == n:
        raise InvalidInput("recommend.too_little_history", rows=n)
    real_dates = dates[is_real]
    cut_date = np.sort(real_dates, kind="stable")[int(n * (1 - HOLDOUT_SHARE))]
    fit_idx = np.flatnonzero(dates < cut_date)
    hold_idx = np.flatnonzero((dates >= cut_date) & is_real)
    first = make_booster(seed).fit(no_empty_columns(X[fit_idx]), y[fit_idx], sample_weight=w[fit_idx])
    p_hold = first.predict_proba(X[hold_idx])[:, 1]
    y_hold = y[hold_idx]
    calibrator: IsotonicRegression | None = None
    auc = brier = auc_rules = None
    ranker = "rules"  # until the history says otherwise
    found: dict[str, float] = {}
    g_hold = (np.arange(len(y)) if group is None else np.asarray(group))[hold_idx]
    hold_cases = len(np.unique(g_hold))
    deciding = int((np.bincount(np.unique(g_hold, return_inverse=True)[1]) > TOP_K).sum()) if len(g_hold) else 0
    if 0 < y_hold.sum() < len(y_hold):
        auc = float(roc_auc_score(y_hold, p_hold))
        auc_rules = float(roc_auc_score(y_hold, X[hold_idx, F["rules_score"]]))
        raws = {r: ranker_raw(r, X[hold_idx], p_hold) for r in RANKERS}
        found = {r: float(found_in_top_k(raws[r], y_hold, g_hold).mean()) for r in RANKERS}
        # the rules keep the ranking unless another finds more (a tie goes to the rules)
        best = max(found.values())
        if found["rules"] < best:
            ranker = max((r for r in RANKERS if r != "rules"), key=lambda r: (found[r], r == "model"))
        p_hold = raws[ranker]
        calibrator = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(p_hold, y_hold)
        brier = float(brier_score_loss(y_hold, calibrator.predict(p_hold)))
    final = make_booster(seed).fit(no_empty_columns(X), y, sample_weight=w)
    d = lambda o: dt.date.fromordinal(int(o)).isoformat()  # noqa: E731
    card = ModelCard(
        schema_version=SCHEMA_VERSION,
        trained_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        rows=n,
        rows_found=n_found,
        cases=cases,
        history_from=d(real_dates.min()),
        history_to=d(real_dates.max()),
        holdout_from=d(dates[hold_idx].min()),
        holdout_rows=len(hold_idx),
        holdout_auc=auc,
        holdout_brier=brier,
        holdout_base_rate=float(y_hold.mean()) if len(y_hold) else 0.0,
        seconds=round(time.perf_counter() - started, 2),
        features=list(FEATURES),
        holdout_auc_rules=auc_rules,
        ranker=ranker,
        holdout_found_top_k=found,
        holdout_cases=hold_cases,
        holdout_deciding_cases=deciding,
        top_k=TOP_K,
    )
    return RecommenderModel(SCHEMA_VERSION, final, calibrator, card)


def no_empty_columns(X: np.ndarray) -> np.ndarray:
    """A feature never known in the training rows (co-workers' shares in a small office) is a
    constant 0 there: scikit-learn's binning fails on a column without any value, and a
    constant column is never split on, so predictions do not depend on it either way."""
    empty = np.isnan(X).all(axis=0)
    if not empty.any():
        return X
    X = X.copy()
    X[:, empty] = 0.0
    return X


def save(model: RecommenderModel, model_dir: Path) -> Path:
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / MODEL_FILE
    tmp = path.with_suffix(".tmp")
    joblib.dump(
        {"schema_version": model.schema_version, "booster": model.booster,
         "calibrator": model.calibrator, "card": asdict(model.card)},
        tmp,
    )
    tmp.replace(path)
    (model_dir / CARD_FILE).write_text(json.dumps(asdict(model.card), ensure_ascii=False, indent=2), encoding="utf-8")
    (model_dir / SUMMARY_FILE).write_text(model.card.summary(), encoding="utf-8")
    return path


_CACHE: dict[tuple[str, float], RecommenderModel] = {}


def load(model_dir: Path) -> RecommenderModel:
    """The saved model, loaded once per process (cached by path and modification time)."""
    path = Path(model_dir) / MODEL_FILE
    if not path.exists():
        raise ModelMissing("recommend.model_missing", path=str(path))
    key = (str(path.resolve()), path.stat().st_mtime)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    try:
        data: dict[str, Any] = joblib.load(path)
        version = int(data.get("schema_version", 0))
    except (OSError, EOFError, ValueError, TypeError, AttributeError, KeyError, pickle.UnpicklingError):
        raise ModelMissing("recommend.model_unreadable", path=str(path)) from None
    if version != SCHEMA_VERSION:
        raise ModelMissing("recommend.model_outdated", found=version, expected=SCHEMA_VERSION)
    card_data = dict(data["card"])
    if list(card_data.get("features", [])) != list(FEATURES):  # the same version, other features
        raise ModelMissing("recommend.model_outdated", found=version, expected=SCHEMA_VERSION)
    model = RecommenderModel(version, data["booster"], data["calibrator"], ModelCard(**card_data))
    _CACHE.clear()
    _CACHE[key] = model
    return model
