"""Content ends and coordinated verbs: invented sentences for the rules of
`_content_end`, `_weak_preterite` and the coordinated `verb_reported` statement."""

from __future__ import annotations

from test_attributions import joined, run


def _indirect(text: str) -> list[str]:
    return [joined(text, a.content) for a in run(text) if a.form == "Indirect"]


def test_a_weak_preterite_after_und_ends_the_content() -> None:
    text = "Die Sprecherin erklärte, der Hafen sei gesperrt und weigerte sich, Details zu nennen."
    assert _indirect(text) == ["der Hafen sei gesperrt"]


def test_a_weak_preterite_followed_by_its_noun_is_an_adjective() -> None:
    text = "Die Sprecherin erklärte, der Hafen sei gesperrt und geplante Fahrten fielen aus."
    assert _indirect(text) == ["der Hafen sei gesperrt und geplante Fahrten fielen aus"]


def test_a_modal_opens_a_conditional_clause_not_a_second_verb() -> None:
    text = "Der Verband hatte mit einem Streik gedroht, sollte die Firma die Löhne kürzen."
    found = [a for a in run(text) if a.form != "Reported"]
    assert any("sollte die Firma" in joined(text, a.content) for a in found)


def test_a_coordinated_verb_reports_with_the_subject_of_the_first() -> None:
    text = "Der Bürgermeister sagte, die Brücke sei marode, und forderte eine Sanierung."
    reported = [a for a in run(text) if a.form == "Reported"]
    assert len(reported) == 1
    assert joined(text, reported[0].source) == "Der Bürgermeister"
    assert joined(text, reported[0].content).startswith("forderte eine Sanierung")


def test_a_zu_infinitive_is_no_reported_cue() -> None:
    assert run("Der Kapitän weigerte sich, Befehle auszuführen.") == []


def test_konjunktiv_ii_of_a_mixed_verb_continues_the_statement() -> None:
    text = "Die Ärztin sagte, die Klinik sei überlastet. Ein Neubau brächte Entlastung."
    cont = [a for a in run(text) if a.rule == "free_indirect"]
    assert [joined(text, a.content) for a in cont] == ["Ein Neubau brächte Entlastung."]


def test_a_weak_preterite_with_the_verbs_own_umlaut_is_no_konjunktiv() -> None:
    text = "Die Ärztin sagte, die Klinik sei überlastet. Die Patienten wählten eine andere."
    assert [a for a in run(text) if a.rule == "free_indirect"] == []


def test_a_reportative_perfect_after_narration_continues_its_subject() -> None:
    text = "Die Polizei nahm zwei Männer fest. Sie sollen einen Kiosk überfallen haben."
    cont = [a for a in run(text) if a.rule == "free_indirect"]
    assert [(a.form, joined(text, a.source)) for a in cont] == [("FreeIndirect", "Die Polizei")]


def test_a_planned_soll_after_narration_is_no_statement() -> None:
    text = "Die Polizei nahm zwei Männer fest. Sie sollen morgen dem Richter vorgeführt werden."
    assert [a for a in run(text) if a.rule == "free_indirect"] == []
