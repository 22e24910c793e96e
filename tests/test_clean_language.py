"""Language of the cleaned body (storytrace.clean.language)."""

from __future__ import annotations

import pytest

from storytrace.clean.language import OTHER, detect_language, sample

LANGS = ("de", "en")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Die Reederei und die Gemeinde streiten seit Monaten über den maroden Anleger."], "de"),
        (["The ferry operator and the council have argued for months about the pier."], "en"),
        (["Le conseil municipal et la compagnie maritime se disputent depuis des mois."], OTHER),
        (["El ayuntamiento y la naviera discuten desde hace meses sobre el muelle."], OTHER),
        (["De gemeente en de rederij ruziën al maanden over de vervallen aanlegsteiger."], OTHER),
        (["12 345 678 -- 90"], OTHER),  # no letters
        (["Ja."], OTHER),  # too short to say
        ([], OTHER),
    ],
)
def test_detect(lines: list[str], expected: str) -> None:
    assert detect_language(lines, LANGS) == expected


def test_only_configured_languages_are_reported() -> None:
    english = ["The ferry operator and the council have argued for months about the pier."]
    assert detect_language(english, ("de",)) == OTHER


def test_sample_cuts_at_a_word() -> None:
    text = sample(["Hafen " * 100], 40)
    assert len(text) <= 40
    assert text.endswith("Hafen")
    assert sample(["Kurz.", "Auch kurz."], 400) == "Kurz. Auch kurz."
