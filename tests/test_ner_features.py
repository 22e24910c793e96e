"""The German NER features: word shapes, and the tagging form against the training form."""

from __future__ import annotations

import pytest

from storytrace.annotate.ner import crf
from storytrace.annotate.ner.features import FeatureExtractor, shape
from storytrace.annotate.ner.lexicon import lexicon


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Rutte", "Xx"),
        ("NATO-Chef", "X-Xx"),
        ("1.500", "d.d"),
        ("G7", "Xd"),
        ("Kim Jong-un", "Xx Xx-x"),
        ("Ölpreis", "Xx"),
        ("x", "x"),
        ("§", "§"),
        ("", ""),
    ],
)
def test_shape(word: str, expected: str) -> None:
    assert shape(word) == expected


SENTENCES = [
    ["Gestern", "besuchte", "Angela", "Merkel", "die", "Stadt", "Hamburg", "."],
    ["Der", "NATO-Generalsekretär", "Mark", "Rutte", "sagte", "in", "Den", "Haag", ":"],
    ["Die", "Vereinigten", "Staaten", "von", "Amerika", "und", "Russland"],
    ["Er", "kam", "am", "21.", "Oktober", "2024", "mit", "3,5", "Mio", "."],
    ["Kreml"],
    [],
]


@pytest.mark.parametrize("words", SENTENCES)
def test_tagging_form_is_the_training_form_without_unknown_attributes(words: list[str]) -> None:
    # The tagger must add the same weights in the same order as with the training form.
    known = crf.model_attributes(crf._tagger())
    training = FeatureExtractor(lexicon("de"))(words)
    tagging = FeatureExtractor(lexicon("de"), known=known, limit=3).encoded(words)
    assert tagging == [[f.encode() for f in feats if f in known] for feats in training]


def test_tagging_form_gives_the_same_tags() -> None:
    known = crf.model_attributes(crf._tagger())
    for words in SENTENCES[:-1]:
        training = FeatureExtractor(lexicon("de"))(words)
        tagging = FeatureExtractor(lexicon("de"), known=known).encoded(words)
        assert crf._tagger().tag(tagging) == crf._tagger().tag(training)


def test_model_attributes_are_those_of_the_state_features() -> None:
    tagger = crf._tagger()
    assert crf.model_attributes(tagger) == {a for a, _ in tagger.info().state_features}
