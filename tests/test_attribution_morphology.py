"""German verb morphology the attribution rules read from ``[konjunktiv]`` and ``[lemmas]`` of
``resources/<lang>/cues.toml``: Konjunktiv forms no list names, and lemmas the dictionary lacks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storytrace.annotate import attributions
from storytrace.annotate.attributions import _lemma, _lemma_fallbacks, _lexicon, find_attributions
from storytrace.annotate.entities import find_mentions
from storytrace.annotate.sentences import split_sentences
from storytrace.errors import ResourceError
from storytrace.resources import load_toml

LEAD = "Der Sprecher sagte, der Hafen sei geschlossen. "


def contents(text: str) -> list[str]:
    sentences = split_sentences(text, "de")
    found = find_attributions(text, sentences, "de", find_mentions(text, sentences, "de"), None)
    return [" … ".join(s.of(text) for s in a.content) for a in found]


@pytest.mark.parametrize(
    "follow_up",
    [
        "Die Stadt bereite einen Umzug vor.",  # Konjunktiv I of a regular verb: stem + "-e"
        "Es befänden sich noch zwei Schiffe dort.",  # Konjunktiv II of a strong verb: umlaut
    ],
)
def test_unlisted_konjunktiv_continues_the_statement(follow_up: str) -> None:
    assert follow_up in contents(LEAD + follow_up)


@pytest.mark.parametrize(
    "follow_up",
    [
        "Die Bürger wählten einen neuen Rat.",  # weak past tense: the umlaut is the verb's own
        "Die Stadt plant einen Umzug.",  # indicative
    ],
)
def test_indicative_does_not_continue_the_statement(follow_up: str) -> None:
    assert follow_up not in contents(LEAD + follow_up)


def test_lemma_fallback_comes_from_the_cues_file() -> None:
    assert ("iert", "ieren") in _lemma_fallbacks("de")
    assert _lemma("skandiert", "de") == "skandieren"
    assert _lemma_fallbacks("en") == ()


@pytest.fixture
def broken_cues(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def load(language: str, name: str) -> dict[str, object]:
        data = dict(load_toml(language, name))
        if name == "cues":
            data["konjunktiv"] = {**data["konjunktiv"], "regular_i": ["en"]}
            data["lemmas"] = {"fallbacks": [["iert"]]}
        return data

    monkeypatch.setattr(attributions, "load_toml", load)
    _lexicon.cache_clear()
    _lemma_fallbacks.cache_clear()
    yield
    _lexicon.cache_clear()
    _lemma_fallbacks.cache_clear()


@pytest.mark.usefixtures("broken_cues")
def test_malformed_morphology_is_refused_with_the_key() -> None:
    with pytest.raises(ResourceError, match="regular_i"):
        _lexicon("de")
    with pytest.raises(ResourceError, match="fallbacks"):
        _lemma_fallbacks("de")
