"""Rules against invented German statements (relative clauses, passives, adjectives), on
invented sentences."""

from __future__ import annotations

from test_attributions import joined, run


def _contents(text: str) -> list[str]:
    return [joined(text, a.content) for a in run(text)]


def test_question_word_after_article_and_noun_is_relative() -> None:
    text = "Die Ministerin kritisierte die Pläne, welche der Landrat vorgelegt hatte."
    assert not any(c.startswith("welche") for c in _contents(text))


def test_question_word_after_question_noun_is_content() -> None:
    text = "Die Ministerin erläuterte im Landtag die Frage, welche Brücke zuerst saniert werde."
    assert "welche Brücke zuerst saniert werde" in _contents(text)


def test_question_word_right_after_cue_is_content() -> None:
    text = "Die Ministerin erklärte, welche Brücke zuerst saniert werde."
    assert "welche Brücke zuerst saniert werde" in _contents(text)


def test_indicative_main_clause_after_passive_cue_is_no_content() -> None:
    text = (
        "Die Ernennung muss noch vom Stadtrat bestätigt werden, im Mai soll die Ärztin ihr "
        "Amt antreten."
    )
    assert not any("im Mai" in c for c in _contents(text))


def test_konjunktiv_clause_after_passive_cue_is_content() -> None:
    text = "Am Montag wurde mitgeteilt, die Brücke bleibe bis Mai gesperrt."
    assert "die Brücke bleibe bis Mai gesperrt" in _contents(text)


def test_relative_clause_after_heisst_es_source_is_no_statement() -> None:
    text = "Die Brücke sei marode, heißt es in einem Gutachten, das am Montag erschien."
    assert _contents(text) == ["Die Brücke sei marode"]


def test_konjunktiv_clause_after_heisst_es_source_is_the_statement() -> None:
    text = "Nun heißt es im Gutachten, bei der Prüfung seien Risse gefunden worden."
    assert _contents(text) == ["bei der Prüfung seien Risse gefunden worden"]


def _cues(text: str) -> list[str]:
    return [joined(text, a.cue) for a in run(text)]


def test_participle_after_article_and_adverb_is_an_adjective() -> None:
    text = "Die Ministerin sagte in der gestern veröffentlichten Mitteilung, die Brücke sei marode."
    assert _cues(text) == ["sagte"]


def test_participle_after_vom_is_an_adjective() -> None:
    text = (
        "Die Ministerin sagte nach einer vom Landtag beschlossenen Änderung, die Brücke sei marode."
    )
    assert _cues(text) == ["sagte"]


def test_finite_verb_after_preposition_phrase_is_a_cue() -> None:
    text = "In der Sitzung bestätigten die Räte, dass die Brücke marode sei."
    assert _cues(text) == ["bestätigten"]


def test_participle_after_article_and_adverb_without_preposition_is_an_adjective() -> None:
    text = "Mit der Brücke schließt sich eine oft beklagte Lücke im Netz."
    assert _cues(text) == []


def test_relative_pronoun_adverb_and_cue_stay_a_cue() -> None:
    text = "Die Räte, die gestern kritisierten, dass die Brücke marode sei, schwiegen."
    assert _cues(text) == ["kritisierten"]


def test_reflexive_naming_verb_is_no_speech_act() -> None:
    text = "Die Bürgerinitiative, die sich selbst „Grüner Ring Halberstadt“ nennt, lud ein."
    assert not any("nennt" in c for c in _cues(text))


def test_reflexive_confirmation_is_no_speech_act() -> None:
    text = "Der Verdacht der Förster hat sich am Montag bestätigt."
    assert _cues(text) == []


def test_confirmation_without_reflexive_stays_a_cue() -> None:
    text = "Der Förster hat am Montag bestätigt, dass der Wald gesperrt sei."
    assert _cues(text) == ["hat … bestätigt"]


def test_naming_participle_in_comma_clause_is_no_statement() -> None:
    text = "Das neue Gerät, auch „Kleiner Bär“ genannt, kommt im Mai in den Handel."
    assert _cues(text) == []


def test_naming_verb_with_auxiliary_stays_a_cue() -> None:
    text = "Die Ärztin hat den Plan „mutig“ genannt."
    assert _cues(text) == ["hat … genannt"]


def test_main_clause_after_condition_is_no_content() -> None:
    text = "Wenn der Verband damals geklagt hätte, hätte die Stadt keine Mittel bekommen."
    assert not any("hätte die Stadt" in c for c in _contents(text))


def test_konjunktiv_after_cue_in_main_clause_is_content() -> None:
    text = "Der Verband klagte, die Stadt hätte keine Mittel bekommen."
    assert "die Stadt hätte keine Mittel bekommen" in _contents(text)


def test_nach_definite_act_noun_without_source_is_a_time() -> None:
    text = "Nach der Veröffentlichung kam es in der Stadt zu Protesten gegen den Bürgermeister."
    assert _cues(text) == []


def test_nach_act_noun_with_genitive_source_is_according() -> None:
    text = "Nach der Ankündigung der Ministerin soll die Brücke im Mai gesperrt werden."
    assert "Nach" in _cues(text)


def test_quote_after_title_noun_is_no_statement() -> None:
    text = (
        "Unter dem Motto „Mut statt Angst“ zogen Tausende durch die Altstadt und skandierten "
        "Parolen wie „Weg mit dem Zaun“."
    )
    assert _contents(text) == ["„Weg mit dem Zaun“"]


def test_quote_without_title_noun_is_a_statement() -> None:
    text = "Die Aktivisten riefen „Mut statt Angst“."
    assert _contents(text) == ["„Mut statt Angst“"]


def test_cue_in_a_question_reports_nothing() -> None:
    text = "Alle reden von Sanierung, aber glauben Sie, dass die Stadt die Brücke saniert?"
    assert _contents(text) == []


def test_quoted_question_is_still_a_statement() -> None:
    text = "Die Bürgermeisterin sagte: „Wer soll das bezahlen?“"
    assert _contents(text) == ["„Wer soll das bezahlen?“"]


def test_question_word_after_addressee_in_konjunktiv_is_content() -> None:
    text = "Die Ministerin erklärte den Journalisten, welche Brücke zuerst saniert werde."
    assert "welche Brücke zuerst saniert werde" in _contents(text)


def test_zu_infinitive_after_intention_noun_is_no_statement() -> None:
    text = "Trotz der Proteste fiel die Entscheidung, die Brücke bis zum Sommer abzureißen."
    assert _contents(text) == []


def test_zu_infinitive_after_demand_noun_is_a_statement() -> None:
    text = "Trotz der Proteste gab es die Forderung, die Brücke bis zum Sommer abzureißen."
    assert _contents(text) == ["die Brücke bis zum Sommer abzureißen"]


def test_was_after_the_object_is_a_relative_on_the_clause() -> None:
    text = "Die Ministerin kritisierte die Rolle des Landrats, was eine lange Debatte auslöste."
    assert not any(c.startswith("was") for c in _contents(text))


def test_refused_confirmation_reports_nothing() -> None:
    text = "Ein Sprecher der Stadt wollte nicht bestätigen, dass die Brücke gesperrt werde."
    assert _contents(text) == []


def test_unconfirmed_claim_is_a_statement() -> None:
    text = "Ein Sprecher der Stadt konnte nicht bestätigen, dass die Brücke gesperrt werde."
    assert _contents(text) == ["dass die Brücke gesperrt werde"]
