"""The intent classifier: character n-grams and a linear model, trained in well under a second
on the utterance set shipped beside this module (``utterances.jsonl``) and the example
sentences each tool registers (``tools.registry.ToolSpec.examples``)."""

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
from retrieval.readings import Readings
from tools.registry import tools

UTTERANCES = Path(__file__).with_name("utterances.jsonl")


@dataclass(frozen=True)
class Utterance:
    text: str
    intent: str
    group: int  # utterances written from one phrasing share a group (for honest held-out splits)


def load_utterances(path: Path = UTTERANCES) -> list[Utterance]:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
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


def registered_examples() -> tuple[tuple[str, str], ...]:
    """(sentence, tool) of every registered tool's examples."""
    return tuple((text, spec.name) for spec in tools().values() for text in spec.examples)


def training_utterances(
    utterances: list[Utterance] | None = None, examples: tuple[tuple[str, str], ...] | None = None
) -> list[Utterance]:
    """The utterance set and the tools' examples it does not hold yet (each its own phrasing)."""
    data = list(utterances if utterances is not None else load_utterances())
    seen = {u.text for u in data}
    group = max((u.group for u in data), default=0)
    for text, intent in registered_examples() if examples is None else examples:
        if text not in seen:
            seen.add(text)
            group += 1
            data.append(Utterance(text, intent, group))
    return data


def default_model() -> Pipeline:
    """Trained once per set of registered tools (a tool registered later retrains it)."""
    return _model_for(registered_examples())


@lru_cache(maxsize=2)
def _model_for(examples: tuple[tuple[str, str], ...]) -> Pipeline:
    return train(training_utterances(examples=examples))


def default_readings() -> Readings:
    """Readings (kana → kanji) of the classifier's vocabulary — the utterances, the tools'
    examples — and of the bundled manual's and FAQ's titles; built once per set of registered
    tools, on the first message written mostly in kana."""
    return _readings_for(registered_examples())


@lru_cache(maxsize=2)
def _readings_for(examples: tuple[tuple[str, str], ...]) -> Readings:
    from retrieval.readings import Readings, bundled_titles  # SudachiPy's dictionary: on first use

    return Readings.build(
        [u.text for u in training_utterances(examples=examples)] + bundled_titles()
    )


def classify(text: str, model: Pipeline | None = None) -> list[tuple[str, float]]:
    """Intents with probabilities, most likely first."""
    if model is None:  # the tools' own model: the same phrasing gets the same answer
        return list(_classify_default(registered_examples(), features(text)))
    return _classify(model, features(text))


def _classify(model: Pipeline, feature_text: str) -> list[tuple[str, float]]:
    probs = model.predict_proba([feature_text])[0]
    return sorted(zip(model.classes_, (float(p) for p in probs), strict=True), key=lambda x: -x[1])


@lru_cache(maxsize=4096)
def _classify_default(
    examples: tuple[tuple[str, str], ...], feature_text: str
) -> tuple[tuple[str, float], ...]:
    """Per process: officers ask in the same words about different cases (the features mask
    the numbers), and the prediction costs more than the rest of the routing."""
    return tuple(_classify(_model_for(examples), feature_text))
