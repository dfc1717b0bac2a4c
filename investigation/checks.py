"""What ``choshu doctor`` asks of the investigation engine: is the recommender trained, and on
the results staff have recorded since?"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from store.checks import Check

# investigation.model's file names, repeated here so that the doctor does not import numpy and
# joblib (a test keeps them equal).
MODEL_FILE = "recommender.joblib"
CARD_FILE = "recommender_card.json"


def model_check(models_dir: Path, engine: Engine | None = None) -> Check:
    """The recommender's model file, and the results recorded since it was trained."""
    path = models_dir / MODEL_FILE
    if path.is_file():
        newer = _results_since_training(models_dir / CARD_FILE, engine)
        if newer:
            # Results staff recorded after the model was trained teach it nothing until the
            # next `choshu train` (run it nightly).
            return Check(
                "doctor.check.model", "ok", "doctor.model_stale",
                {"path": str(path), "results": newer}, "doctor.next.retrain",
            )
        return Check("doctor.check.model", "ok", "doctor.model_ok", {"path": str(path)})
    return Check(
        "doctor.check.model",
        "missing",
        "doctor.model_missing",
        {"path": str(path)},
        "doctor.next.train",
    )


def _results_since_training(card: Path, engine: Engine | None) -> int:
    """Inquiry results recorded by staff after the model's training time (0 when unknown)."""
    import datetime as dt
    import json

    def aware(value: object) -> dt.datetime:  # SQLite gives text, PostgreSQL a datetime
        at = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        return at if at.tzinfo else at.replace(tzinfo=dt.UTC)

    if engine is None or not card.is_file():
        return 0
    try:
        trained = aware(json.loads(card.read_text(encoding="utf-8"))["trained_at"])
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT recorded_at FROM investigation WHERE recorded_at IS NOT NULL")).all()
        return sum(1 for (at,) in rows if aware(at) > trained)
    except (OSError, ValueError, KeyError, TypeError, SQLAlchemyError):
        return 0
