"""Rules for German statements the earlier rules missed (invented sentences)."""

from __future__ import annotations

from storytrace.annotate.attributions import find_attributions
from storytrace.model import Attribution, Sentence, Span
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


def test_according_phrase_opening_the_content_after_a_cue() -> None:
    text = "Eine Sprecherin sagte am Abend, nach Angaben der Feuerwehr sei niemand verletzt worden."
    (a,) = [a for a in run(text) if a.rule == "verb_content_after"]
    assert joined(text, a.cue) == "sagte"
    assert joined(text, a.content) == "nach Angaben der Feuerwehr sei niemand verletzt worden"


def test_taken_cue_verb_after_the_comma_still_ends_the_content() -> None:
    # ", hieß es, …": a cue another rule took is a clause of its own, no content of "sagte"
    text = "Die Stadt sagte nichts, hieß es am Abend aus dem Rathaus."
    assert [a for a in run(text) if a.rule == "verb_content_after"] == []


def test_apposition_and_phrase_between_cue_source_and_content() -> None:
    text = (
        "Am Morgen erklärte der Besitzer, das auch den „Landboten“ druckende Verlagshaus "
        "Kramer, dass die Zeitung eingestellt werde."
    )
    (a,) = [a for a in run(text) if a.form == "Indirect"]
    assert joined(text, a.source) == (
        "der Besitzer, das auch den „Landboten“ druckende Verlagshaus Kramer"
    )
    assert joined(text, a.content) == "dass die Zeitung eingestellt werde"
    text = "So sagte der Leiter, Tim Brandt, gegenüber dem Sender, dass zwei Fähren ausfielen."
    (a,) = run(text)
    assert joined(text, a.source) == "der Leiter, Tim Brandt"
    assert joined(text, a.content) == "dass zwei Fähren ausfielen"


def test_clause_between_commas_is_no_phrase_before_the_content() -> None:
    # "sie hätten Belege" is the content itself, not a phrase to step over
    text = "Die Anwohner erklärten dagegen, sie hätten Belege dafür, dass die Straße zu laut sei."
    (a,) = [a for a in run(text) if a.rule == "verb_content_after"]
    assert joined(text, a.content).startswith("sie hätten Belege dafür")


def test_zu_infinitive_of_sein_is_a_content_clause() -> None:
    text = "Sie wird unter anderem beschuldigt, die Kassiererin der Bande gewesen zu sein."
    (a,) = run(text)
    assert joined(text, a.content) == "die Kassiererin der Bande gewesen zu sein"


def test_apposition_without_verb_after_the_comma_is_no_content() -> None:
    # "Tom Wendler, Chef des Vereins" has no verb: a list or an apposition, no content
    text = "Es äußerte sich der Vorsitzende, Tom Wendler, Chef des Vereins."
    assert [a for a in run(text) if a.rule == "verb_content_after"] == []


def test_cue_after_und_and_its_own_subject() -> None:
    text = "Das war nicht der letzte Streit und die Nachbarn fürchten, dass bald der nächste folgt."
    (a,) = run(text)
    assert joined(text, a.cue) == "fürchten"
    assert joined(text, a.source) == "die Nachbarn"
    assert joined(text, a.content) == "dass bald der nächste folgt"


def test_infinitive_form_cue_keeps_its_future_auxiliary() -> None:
    text = "Die Stadt wird am Montag erklären, dass die Brücke hält."
    (a,) = run(text)
    assert joined(text, a.cue) == "wird … erklären"
    assert joined(text, a.source) == "Die Stadt"


def test_holding_it_unlikely_is_a_thought_cue() -> None:
    text = "Die Förster halten es für unwahrscheinlich, dass der Wolf zurückkehrt."
    (a,) = run(text)
    assert joined(text, a.cue) == "halten … für unwahrscheinlich"
    assert joined(text, a.content) == "dass der Wolf zurückkehrt"


def test_holding_without_a_judgement_adjective_is_no_cue() -> None:
    text = "Die Förster halten den Wolf für einen Hund."
    assert run(text) == []


def test_quote_announced_by_a_colon_sentence_without_a_speaker() -> None:
    text = (
        "Die Bilanz der Försterin nach zwanzig Jahren im Wald überrascht nicht:\n\n"
        "„Ich habe genug gesehen und gehe jetzt.“"
    )
    (a,) = run(text)
    assert a.form == "Direct" and a.rule == "quote_colon_announced"
    assert joined(text, a.content) == "„Ich habe genug gesehen und gehe jetzt.“"


def test_quote_after_a_full_stop_is_not_announced() -> None:
    text = (
        "Die Bilanz der Försterin nach zwanzig Jahren im Wald überrascht nicht.\n\n"
        "„Ich habe genug gesehen und gehe jetzt.“"
    )
    assert [a for a in run(text) if a.rule == "quote_colon_announced"] == []


def test_passive_quoting_gives_the_agent_a_statement_too() -> None:
    text = "Die Ministerin wird vom Sender Radio Nord mit den Worten zitiert, die Fähre sei sicher."
    got = {joined(text, a.source): a for a in run(text)}
    assert set(got) == {"Die Ministerin", "Sender Radio Nord"}
    assert got["Sender Radio Nord"].cue == ()
    assert {joined(text, a.content) for a in got.values()} == {"die Fähre sei sicher"}


def test_passive_quoting_without_an_agent_has_one_statement() -> None:
    text = "Die Ministerin wird mit den Worten zitiert, die Fähre sei sicher."
    assert len(run(text)) == 1


def test_noun_of_saying_as_object_with_a_zu_infinitive() -> None:
    text = "Der Verein stellte den Antrag, die alte Mühle zu renovieren."
    (a,) = run(text)
    assert a.rule == "noun_content"
    assert joined(text, a.content) == "die alte Mühle zu renovieren"
    text = "Erste Pläne, den Wolf zu fangen, wurden verworfen."
    (a,) = run(text)
    assert joined(text, a.content) == "den Wolf zu fangen"


def test_noun_of_saying_with_a_relative_clause_is_no_content() -> None:
    text = "Die Stadt lehnte den Antrag, den der Verein gestellt hatte, ab."
    assert [a for a in run(text) if a.rule == "noun_content"] == []


def test_konjunktiv_sentences_continue_a_demnach_statement() -> None:
    text = (
        "Die Prüfer legten ihren Bericht vor. Demnach trägt der Bauleiter die Schuld. "
        "Er habe die Statik nie prüfen lassen."
    )
    (c,) = [a for a in run(text) if a.rule == "free_indirect"]
    assert joined(text, c.content) == "Er habe die Statik nie prüfen lassen."


def test_indicative_sentence_after_demnach_is_narration() -> None:
    text = (
        "Die Prüfer legten ihren Bericht vor. Demnach trägt der Bauleiter die Schuld. "
        "Er lebt heute in Bremen."
    )
    assert [a for a in run(text) if a.rule == "free_indirect"] == []


def test_article_main_clause_after_a_comma_is_a_report() -> None:
    text = "Es kamen 500 Gäste, die Veranstalter sprechen von 700 Besuchern."
    (a,) = run(text)
    assert a.form == "Reported"
    assert joined(text, a.source) == "die Veranstalter"
    assert joined(text, a.content).startswith("die Veranstalter sprechen von 700")


def test_relative_clause_with_a_cue_is_no_report() -> None:
    text = "Es kamen viele Gäste, die von einem schönen Fest sprachen."
    assert run(text) == []


def test_zufolge_after_a_pronoun_or_a_parenthesis() -> None:
    text = "Ihnen zufolge hat die Fähre den Hafen nie verlassen."
    (a,) = run(text)
    assert joined(text, a.source) == "Ihnen"
    text = "Einer Mitteilung des Bundes Freier Fischer (BFF) zufolge sank der Fang um ein Drittel."
    (a,) = run(text)
    assert joined(text, a.source) == "Einer Mitteilung des Bundes Freier Fischer (BFF)"


def test_zufolge_after_a_verb_is_no_according_phrase() -> None:
    text = "Das kam zufolge drei Tagen."
    assert run(text) == []


def test_subject_relative_clause_then_konjunktiv_before_the_cue() -> None:
    text = "Ein Sturm, der über der See lag, habe die Küste erreicht, meldet der Wetterdienst."
    (a,) = run(text)
    assert joined(text, a.source) == "der Wetterdienst"
    assert joined(text, a.content) == "Ein Sturm, der über der See lag, habe die Küste erreicht"


def test_subject_and_apposition_before_the_cue_are_no_statement() -> None:
    text = "Die Leiterin des Hafens, Jana Voss, forderte mehr Geld."
    assert [a for a in run(text) if a.rule == "verb_content_before"] == []


def _pretokenised(text: str) -> list[Attribution]:
    """Attributions of one sentence tokenised at spaces, as SpkAtt's tokens come."""
    spans = []
    pos = 0
    for word in text.split(" "):
        spans.append(Span(pos, pos + len(word)))
        pos += len(word) + 1
    sentence = Sentence(Span(0, len(text)), tuple(spans))
    return list(find_attributions(text, [sentence], "de", ()))


def test_lowercase_compound_with_a_noun_is_a_noun() -> None:
    text = "Laut einer dpa-Meldung will die Stadt die Brücke sanieren ."
    (a,) = _pretokenised(text)
    assert joined(text, a.source) == "einer dpa-Meldung"


def test_lowercase_word_with_a_lowercase_part_is_no_noun() -> None:
    text = "Laut einer nord-westlichen will die Stadt die Brücke sanieren ."
    assert _pretokenised(text) == []


def test_judging_with_als_is_a_thought_cue() -> None:
    text = "Der Verband wertet die Einigung mit der Stadt als großen Erfolg."
    (a,) = run(text)
    assert a.form == "Reported"
    assert joined(text, a.cue) == "wertet … als"


def test_als_without_a_judging_verb_is_no_cue() -> None:
    text = "Der Verband arbeitet seit Jahren als Vermittler."
    assert run(text) == []


def test_insisting_on_is_a_demand_cue() -> None:
    text = "Die Fischer bestehen jedoch darauf, den Hafen offen zu halten."
    (a,) = run(text)
    assert a.stance == "demand"
    assert joined(text, a.content) == "den Hafen offen zu halten"


def test_consisting_in_is_no_cue() -> None:
    text = "Die Gefahr besteht darin, dass die Brücke bricht."
    assert run(text) == []


def test_quote_after_a_noun_of_written_words_is_direct() -> None:
    text = "Einige Fischer trugen Schilder mit der Aufschrift „Der Hafen bleibt offen“ am Kai."
    (a,) = run(text)
    assert a.form == "Direct" and a.rule == "quote_after_noun"
    assert joined(text, a.cue) == "Aufschrift"
    assert joined(text, a.content) == "„Der Hafen bleibt offen“"


def test_quote_after_motto_is_a_name() -> None:
    text = "Das Hafenfest steht in diesem Jahr unter dem Motto „Offene Häfen für alle“."
    assert run(text) == []


def test_weak_past_tense_after_und_ends_the_content() -> None:
    text = "Keller sagte, die Stadt müsse sparen und verteidigte danach den Haushalt."
    (a,) = run(text)
    assert joined(text, a.content) == "die Stadt müsse sparen"


def test_modal_past_after_und_stays_in_the_content() -> None:
    text = "Keller sagte, die Stadt müsse sparen und sollte das Geld nicht verschwenden."
    (a,) = run(text)
    assert joined(text, a.content) == (
        "die Stadt müsse sparen und sollte das Geld nicht verschwenden"
    )
