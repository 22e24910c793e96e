"""Rules for German statements the earlier rules missed (invented sentences)."""

from __future__ import annotations

from test_attributions import joined, run


def _directs(text: str) -> list[str]:
    return [joined(text, a.content) for a in run(text) if a.form == "Direct"]


def test_one_lowercase_word_quoted_in_content_is_direct() -> None:
    text = "Der Umbau sei „ungewöhnlich“ teuer gewesen, sagte Anna Keller."
    assert "„ungewöhnlich“" in _directs(text)


def test_one_capitalised_word_quoted_in_content_is_no_direct() -> None:
    text = "Der Umbau sei im „Tagesblatt“ beschrieben worden, sagte Anna Keller."
    assert _directs(text) == []


def test_particle_after_an_apposition_of_the_subject() -> None:
    text = (
        "Am Abend gab der Leiter des Bauamts, Jonas Weber, bekannt, dass die Brücke gesperrt werde."
    )
    (a,) = run(text)
    assert joined(text, a.cue) == "gab … bekannt"
    assert joined(text, a.source) == "der Leiter des Bauamts, Jonas Weber"
    assert joined(text, a.content) == "dass die Brücke gesperrt werde"


def test_no_particle_after_a_relative_clause_between() -> None:
    # only a noun-phrase apposition is skipped: a clause between the verb and a particle
    # ends the verb's clause for the particle search
    text = "Der Hausmeister gab den Ort, an dem er wohnt, bei der Anmeldung an."
    assert run(text) == []
