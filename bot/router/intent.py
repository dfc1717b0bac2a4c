"""The intent classifier: character n-grams and a linear model, trained in well under a second
on the utterance set shipped beside this module (``utterances.jsonl``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import Pipeline, make_pipeline

from bot.router.normalize import mask, normalize

UTTERANCES = Path(__file__).with_name("utterances.jsonl")


@dataclass(frozen=True)
class Utterance:
    text: str
    intent: str
    group: int  # utterances written from one phrasing share a group (for honest held-out splits)


def load_utterances(path: Path = UTTERANCES) -> list[Utterance]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Utterance(r["text"], r["intent"], int(r["group"])) for r in rows]


_POLITE = re.compile(r"(お願いします|お願い|ください|下さい|至急|please|pls)[。.!！?？]*$", re.I)


def features(text: str) -> str:
    """What the classifier sees: normalised, politeness stripped, digits collapsed."""
    norm = normalize(text)
    return mask(_POLITE.sub("", norm).strip() or norm)


def train(utterances: list[Utterance]) -> Pipeline:
    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=1),
        SGDClassifier(loss="log_loss", alpha=1e-4, random_state=0),
    )
    model.fit([features(u.text) for u in utterances], [u.intent for u in utterances])
    return model


@lru_cache(maxsize=1)
def default_model() -> Pipeline:
    return train(load_utterances())


def classify(text: str, model: Pipeline | None = None) -> list[tuple[str, float]]:
    """Intents with probabilities, most likely first."""
    model = model or default_model()
    probs = model.predict_proba([features(text)])[0]
    return sorted(zip(model.classes_, (float(p) for p in probs), strict=True), key=lambda x: -x[1])
