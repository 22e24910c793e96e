"""The shipped German NER model: a linear-chain CRF (python-crfsuite).

``resources/models/ner-de.crfsuite`` is trained by ``training/train_ner.py`` on GermEval 2014
(CC BY 4.0); see docs/entities.md for data, scores and attribution.
``ner-de.json`` beside it records the feature version and the training summary; a model
whose feature version differs from ``features.FEATURE_VERSION`` is refused.

The model is loaded lazily, once per process.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources as _res
from pathlib import Path
from typing import Literal

import pycrfsuite

from storytrace.annotate.ner.features import FEATURE_VERSION, FeatureExtractor
from storytrace.annotate.ner.lexicon import lexicon
from storytrace.errors import ResourceError

#: Labels of the model (GermEval 2014 outer level, without ``deriv``/``part``); ``NORP``
#: (nationalities) only comes from the English spaCy model.
NerLabel = Literal["PER", "ORG", "LOC", "OTH", "NORP"]

MODEL_NAME = "ner-de.crfsuite"


@dataclass(frozen=True, slots=True)
class NerSpan:
    """Words ``[start, end)`` of a sentence tagged with one label."""

    start: int
    end: int
    label: NerLabel


def shipped_model(name: str) -> Path:
    """The path of a model file shipped in ``storytrace/resources/models``."""
    return Path(str(_res.files("storytrace.resources").joinpath("models", name)))


def open_tagger(path: Path, what: str, script: str, feature_version: str) -> pycrfsuite.Tagger:
    """A CRF trained by ``script``, refusing a missing file or one trained with other
    features than the code's ``feature_version`` (its ``.json`` beside it says which)."""
    meta_path = path.with_suffix(".json")
    if not path.is_file():
        raise ResourceError(f"{what} {path} is missing; train it with `python {script}`")
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("feature_version") != feature_version:
            raise ResourceError(
                f"{path} was trained with features {meta.get('feature_version')!r}, this code "
                f"uses {feature_version!r}; retrain with `python {script}`"
            )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def model_path() -> Path:
    return shipped_model(MODEL_NAME)


@cache
def _tagger() -> pycrfsuite.Tagger:
    return open_tagger(model_path(), "German NER model", "training/train_ner.py", FEATURE_VERSION)


def model_attributes(tagger: pycrfsuite.Tagger) -> frozenset[str]:
    """The attributes a model has weights for; the tagger ignores all others.

    Read from the model's text dump, as ``tagger.info()`` does, but only the attribute of
    each state feature line ("(0) w=Merkel --> B-PER: 2.1"): 0.1 s instead of the 0.5 s
    ``info()`` takes to parse every weight, once per process.
    """
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "model.txt"
        tagger.dump(str(dump))
        text = dump.read_text(encoding="utf-8")
    start = text.index("STATE_FEATURES = {")
    lines = text[start : text.index("\n}", start)].splitlines()[1:]
    return frozenset(line[line.index(") ") + 2 : line.rindex(" --> ")] for line in lines)


@cache
def _extractor(language: str) -> FeatureExtractor:
    return FeatureExtractor(lexicon(language), known=model_attributes(_tagger()))


def bio_to_spans(labels: list[str]) -> list[NerSpan]:
    """Spans from BIO labels; an ``I-`` without its ``B-`` starts a span (CoNLL practice)."""
    spans: list[NerSpan] = []
    start = -1
    current = ""
    for i, label in enumerate([*labels, "O"]):
        kind = label[2:] if label[:2] in ("B-", "I-") else ""
        if start >= 0 and (label == "O" or label.startswith("B-") or kind != current):
            spans.append(NerSpan(start, i, current))  # type: ignore[arg-type]
            start = -1
        if kind and start < 0:
            start, current = i, kind
    return spans


def tag_words(words: list[str], language: str = "de") -> list[str]:
    """BIO labels for one sentence's words."""
    if not words:
        return []
    return list(_tagger().tag(_extractor(language).encoded(words)))


def tag_spans(words: list[str], language: str = "de") -> list[NerSpan]:
    return bio_to_spans(tag_words(words, language))
