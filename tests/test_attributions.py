"""Attribution rules, one parametrised case list per rule, on invented sentences.

Each case names the text, what must be found (rule, form, stance, cue, source, content as
substrings of the text) or, for negatives, what must not be found.
"""

from __future__ import annotations

import pytest

from storytrace.annotate.attributions import find_attributions
from storytrace.annotate.entities import find_mentions
from storytrace.annotate.quotes import find_quotes
from storytrace.annotate.sentences import split_sentences
from storytrace.model import Attribution, PartialDate, Sentence, Span


def run(text: str, language: str = "de", published: PartialDate | None = None) -> list[Attribution]:
    sentences = split_sentences(text, language)
    mentions = find_mentions(text, sentences, language)
    return list(find_attributions(text, sentences, language, mentions, published))


def joined(text: str, spans: tuple[object, ...]) -> str:
    return " … ".join(s.of(text) for s in spans)  # type: ignore[attr-defined]


def of_rule(text: str, rule: str) -> list[Attribution]:
    """The German attributions of ``text`` that ``rule`` made."""
    return [a for a in run(text) if a.rule == rule]


def of_form(text: str, form: str) -> list[Attribution]:
    """The German attributions of ``text`` with the given form."""
    return [a for a in run(text) if a.form == form]


# (text, form, stance, cue, source, content)
POSITIVE_DE = [
    # verb_content_before: ", sagte X, apposition." is no content after the cue
    (
        "Die Brücke werde im Mai fertig, sagte Anna Keller, die Leiterin des Bauamts.",
        "Indirect",
        "assert",
        "sagte",
        "Anna Keller, die Leiterin des Bauamts",
        "Die Brücke werde im Mai fertig",
    ),
    # according: a short quote as the name after "laut"
    (
        "Laut „Tagesblatt“ wird die Brücke im Mai fertig.",
        "Indirect",
        "assert",
        "Laut",
        "„Tagesblatt“",
        "wird die Brücke im Mai fertig",
    ),
    # according: ", so X," inside the statement, and ", so X, apposition."
    (
        "Im kommenden Jahr, so die Ingenieure, werde die Brücke fertig.",
        "Indirect",
        "assert",
        "so",
        "die Ingenieure",
        "Im kommenden Jahr … werde die Brücke fertig",
    ),
    (
        "Die Brücke werde im Mai fertig, so Anna Keller, die Leiterin des Bauamts.",
        "Indirect",
        "assert",
        "so",
        "Anna Keller, die Leiterin des Bauamts",
        "Die Brücke werde im Mai fertig",
    ),
    # a passive speech act: the agent after "von" is the source, not the subject
    (
        "Die Entscheidung wurde vom Verband der Anwohner scharf kritisiert.",
        "Reported",
        "assert",
        "wurde … kritisiert",
        "Verband der Anwohner",
        "Die Entscheidung wurde vom Verband der Anwohner scharf kritisiert.",
    ),
    # a separable reading wins over the plain verb: "forderte … auf" is "auffordern"
    (
        "Der Rat forderte die Stadt auf, die Brücke zu sanieren.",
        "Indirect",
        "demand",
        "forderte … auf",
        "Der Rat",
        "die Brücke zu sanieren",
    ),
    # verb_reported: a speech act by a named speaker in a main clause
    (
        "Der Verband bemängelte am Montag den geplanten Neubau.",
        "Reported",
        "assert",
        "bemängelte",
        "Der Verband",
        "Der Verband bemängelte am Montag den geplanten Neubau.",
    ),
    # verb_content_previous: "Dies …" takes up the sentence before
    (
        "Die Brücke wird im Mai eröffnet. Dies teilte gestern die Stadt mit.",
        "Indirect",
        "assert",
        "teilte … mit",
        "die Stadt",
        "Die Brücke wird im Mai eröffnet.",
    ),
    (
        "Der Minister hat angekündigt, das neue Gesetz noch im Mai vorzulegen.",
        "Indirect",
        "assert",
        "hat angekündigt",
        "Der Minister",
        "das neue Gesetz noch im Mai vorzulegen",
    ),
    # verb_content_after: a comma right after the cue opens content, not a relative clause
    (
        "Die Stadtwerke gaben an, den Tarif im Winter nicht zu erhöhen.",
        "Indirect",
        "assert",
        "gaben an",
        "Die Stadtwerke",
        "den Tarif im Winter nicht zu erhöhen",
    ),
    (
        "Der Verband drohte damit, die Verhandlungen abzubrechen.",
        "Indirect",
        "warn",
        "drohte damit",
        "Der Verband",
        "die Verhandlungen abzubrechen",
    ),
    # according: "nach" with an article before the noun, and "nach" after its noun
    (
        "Nach den Worten des Bürgermeisters wird die Brücke im Mai fertig.",
        "Indirect",
        "assert",
        "Nach",
        "den Worten des Bürgermeisters",
        "wird die Brücke im Mai fertig",
    ),
    (
        "Seiner Meinung nach ist die neue Brücke viel zu teuer.",
        "Indirect",
        "assert",
        "nach",
        "Seiner Meinung",
        "ist die neue Brücke viel zu teuer",
    ),
    # quote_cue_after
    (
        "„Wir bauen die Brücke neu“, sagte Bürgermeisterin Anna Keller.",
        "Direct",
        "assert",
        "sagte",
        "Bürgermeisterin Anna Keller",
        "„Wir bauen die Brücke neu“",
    ),
    # quote_cue_before
    (
        "Keller sagte am Montag: „Die Brücke wird bis Mai gebaut.“",
        "Direct",
        "assert",
        "sagte",
        "Keller",
        "„Die Brücke wird bis Mai gebaut.“",
    ),
    # quote_colon_source
    (
        "Der Landrat: „Wir sind auf alles vorbereitet.“",
        "Direct",
        "assert",
        "",
        "Der Landrat",
        "„Wir sind auf alles vorbereitet.“",
    ),
    # verb_content_after with a separable verb and its particle
    (
        "Die Reederei teilte am Montag mit, der Fährbetrieb werde eingestellt.",
        "Indirect",
        "assert",
        "teilte … mit",
        "Die Reederei",
        "der Fährbetrieb werde eingestellt",
    ),
    # verb_content_after with an auxiliary and a dass-clause
    (
        "Die Stadt hatte zuvor erklärt, dass die Brücke gesperrt bleibe.",
        "Indirect",
        "assert",
        "hatte … erklärt",
        "Die Stadt",
        "dass die Brücke gesperrt bleibe",
    ),
    # verb_content_before: the statement, then ", sagte X"
    (
        "Der Fährbetrieb werde eingestellt, sagte ein Sprecher der Reederei.",
        "Indirect",
        "assert",
        "sagte",
        "ein Sprecher der Reederei",
        "Der Fährbetrieb werde eingestellt",
    ),
    # "wie X mitteilte, …"
    (
        "Wie die Polizei mitteilte, wurden zwei Menschen leicht verletzt.",
        "Indirect",
        "assert",
        "Wie … mitteilte",
        "die Polizei",
        "wurden zwei Menschen leicht verletzt",
    ),
    # according: laut, zufolge, nach Angaben, so
    (
        "Laut Polizei wurden zwei Menschen leicht verletzt.",
        "Indirect",
        "assert",
        "Laut",
        "Polizei",
        "wurden zwei Menschen leicht verletzt",
    ),
    (
        "Der Feuerwehr zufolge brannte die Halle vollständig aus.",
        "Indirect",
        "assert",
        "zufolge",
        "Der Feuerwehr",
        "brannte die Halle vollständig aus",
    ),
    (
        "Nach Angaben des Ministeriums sind 300 Helfer im Einsatz.",
        "Indirect",
        "assert",
        "Nach",
        "Angaben des Ministeriums",
        "sind 300 Helfer im Einsatz",
    ),
    (
        "Die Fähre fahre wieder ab Mittwoch, so die Reederei.",
        "Indirect",
        "assert",
        "so",
        "die Reederei",
        "Die Fähre fahre wieder ab Mittwoch",
    ),
    # impersonal "hieß es" with a source
    (
        "Die Verhandlungen seien gescheitert, hieß es von Seiten der Gewerkschaft.",
        "Indirect",
        "assert",
        "hieß es",
        "der Gewerkschaft",
        "Die Verhandlungen seien gescheitert",
    ),
    # a finite verb with "ge" inside ("prangerte") is no attributive participle
    (
        "Der Verband prangerte die Zustände am Bahnhof an.",
        "Reported",
        "assert",
        "prangerte … an",
        "Der Verband",
        "Der Verband prangerte die Zustände am Bahnhof an.",
    ),
    # two multi-word entries of one verb ("von sprechen", "davon sprechen") both count
    (
        "Die Anwohner sprachen davon, dass die Brücke marode sei.",
        "Indirect",
        "assert",
        "sprachen davon",
        "Die Anwohner",
        "dass die Brücke marode sei",
    ),
    # the separable particle "entgegen" ("setzte … entgegen")
    (
        "Die Opposition setzte dem entgegen, dass die Brücke zu teuer sei.",
        "Indirect",
        "assert",
        "setzte … entgegen",
        "Die Opposition",
        "dass die Brücke zu teuer sei",
    ),
    # "lauten" before a colon and a quote
    (
        "Die Antwort des Bauamts lautete: „Die Brücke wird im Mai fertig.“",
        "Direct",
        "assert",
        "lautete",
        "Die Antwort des Bauamts",
        "„Die Brücke wird im Mai fertig.“",
    ),
    # impersonal "heißt es" without a source: the statement before or after it
    (
        "Die Brücke bleibe bis Mai gesperrt, heißt es.",
        "Indirect",
        "assert",
        "heißt es",
        "",
        "Die Brücke bleibe bis Mai gesperrt",
    ),
    (
        "Bisher hieß es, die Brücke werde im Mai wieder geöffnet.",
        "Indirect",
        "assert",
        "hieß es",
        "",
        "die Brücke werde im Mai wieder geöffnet",
    ),
    # impersonal_vorfeld: the document before "heißt es" is the source
    (
        "In der Mitteilung des Verbands heißt es weiter, die Brücke werde gesperrt.",
        "Indirect",
        "assert",
        "heißt es",
        "der Mitteilung des Verbands",
        "die Brücke werde gesperrt",
    ),
    (
        "In dem Antrag heißt es: „Die Brücke muss bis zum Sommer saniert werden.“",
        "Direct",
        "assert",
        "heißt es",
        "dem Antrag",
        "„Die Brücke muss bis zum Sommer saniert werden.“",
    ),
    # verb_reported: a speech act without a content clause
    (
        "Das Unternehmen hatte die Vorwürfe am Freitag zurückgewiesen.",
        "Reported",
        "deny",
        "hatte … zurückgewiesen",
        "Das Unternehmen",
        "Das Unternehmen hatte",
    ),
    # stances from the cue verb, its negation and the content
    (
        "Die Behörde bestätigte, dass die Proben belastet seien.",
        "Indirect",
        "confirm",
        "bestätigte",
        "Die Behörde",
        "dass die Proben belastet seien",
    ),
    (
        "Bisher könne das Amt nicht bestätigen, ob die Berichte zutreffen, so ein Sprecher.",
        "Indirect",
        "unconfirmed",
        "so",
        "ein Sprecher",
        "nicht bestätigen",
    ),
    (
        "Dafür gebe es Beweise, sagte der Minister am Mittwoch.",
        "Indirect",
        "confirm",
        "sagte",
        "der Minister",
        "Dafür gebe es Beweise",
    ),
    (
        "Die Gewerkschaft forderte, die Löhne müssten sofort steigen.",
        "Indirect",
        "demand",
        "forderte",
        "Die Gewerkschaft",
        "die Löhne müssten sofort steigen",
    ),
    (
        "Ein solcher Schritt würde eine gefährliche Eskalation bedeuten, sagte die Ministerin.",
        "Indirect",
        "warn",
        "sagte",
        "die Ministerin",
        "eine gefährliche Eskalation",
    ),
    (
        "Das Werk wies die Berichte als unbegründete Gerüchte zurück.",
        "Reported",
        "deny",
        "wies … zurück",
        "Das Werk",
        "unbegründete Gerüchte",
    ),
]


@pytest.mark.parametrize(("text", "form", "stance", "cue", "source", "content"), POSITIVE_DE)
def test_german_rules(
    text: str, form: str, stance: str, cue: str, source: str, content: str
) -> None:
    found = run(text)
    assert found, f"nothing found in {text!r}"
    hits = [a for a in found if a.form == form]
    assert hits, f"no {form} attribution in {text!r}: {[(a.form, a.rule) for a in found]}"
    a = hits[0]
    assert a.stance == stance
    assert joined(text, a.cue) == cue
    assert joined(text, a.source) == source
    assert content in joined(text, a.content)


def test_impersonal_without_a_document_in_the_vorfeld_has_no_source() -> None:
    text = "Am Montag hieß es dann, die Brücke werde im Mai wieder geöffnet."
    (a,) = run(text)
    assert joined(text, a.cue) == "hieß es"
    assert a.source == ()
    assert joined(text, a.content) == "die Brücke werde im Mai wieder geöffnet"


def test_citation_chain_gives_via() -> None:
    text = "Die Zeitung berichtete unter Berufung auf Regierungskreise, der Minister trete zurück."
    (a,) = run(text)
    assert joined(text, a.source) == "Die Zeitung"
    assert joined(text, a.via_spans) == "Regierungskreise"
    assert joined(text, a.content) == "der Minister trete zurück"


def test_free_indirect_continues_the_speaker() -> None:
    text = (
        "Der Landrat Peter Hollmann sagte, die Lage sei ernst. "
        "Man habe alle verfügbaren Kräfte im Einsatz."
    )
    found = run(text)
    assert [a.form for a in found] == ["Indirect", "IndirectFreeIndirect"]
    assert found[1].source == found[0].source
    assert found[1].speaker == found[0].speaker is not None


def test_free_indirect_continues_over_one_sentence_of_narration() -> None:
    text = (
        "Der Landrat Peter Hollmann sagte, die Lage sei ernst. "
        "Die Feuerwehr ist seit dem Morgen im Einsatz. "
        "Man habe alle verfügbaren Kräfte mobilisiert."
    )
    found = run(text)
    assert [a.form for a in found] == ["Indirect", "IndirectFreeIndirect"]
    assert found[1].source == found[0].source


def test_free_indirect_over_consecutive_sentences_is_one_statement() -> None:
    text = (
        "Der Landrat Peter Hollmann sagte, die Lage sei ernst. "
        "Man habe alle verfügbaren Kräfte im Einsatz. "
        "Die Straße bleibe bis Montag gesperrt."
    )
    found = run(text)
    assert [a.form for a in found] == ["Indirect", "IndirectFreeIndirect"]
    assert joined(text, found[1].content) == (
        "Man habe alle verfügbaren Kräfte im Einsatz. … Die Straße bleibe bis Montag gesperrt."
    )


def test_free_indirect_after_narration_in_between_is_a_new_statement() -> None:
    text = (
        "Der Landrat Peter Hollmann sagte, die Lage sei ernst. "
        "Man habe alle verfügbaren Kräfte im Einsatz. "
        "Die Feuerwehr ist seit dem Morgen unterwegs. "
        "Die Straße bleibe bis Montag gesperrt."
    )
    found = run(text)
    assert [a.form for a in found] == ["Indirect", "IndirectFreeIndirect", "IndirectFreeIndirect"]


def test_konjunktiv_ii_after_narration_is_the_narrators() -> None:
    text = (
        "Der Landrat Peter Hollmann sagte, die Lage sei ernst. "
        "Die Feuerwehr ist seit dem Morgen im Einsatz. "
        "Am Abend könnten starke Böen auftreten."
    )
    assert [a.form for a in run(text)] == ["Indirect"]


def test_free_indirect_ends_after_two_sentences_of_narration() -> None:
    text = (
        "Der Landrat Peter Hollmann sagte, die Lage sei ernst. "
        "Die Feuerwehr ist seit dem Morgen im Einsatz. "
        "Der Regen hält an. "
        "Man habe alle verfügbaren Kräfte mobilisiert."
    )
    assert [a.form for a in run(text)] == ["Indirect"]


def test_pronoun_and_role_noun_resolve_to_the_earlier_speaker() -> None:
    text = (
        "Bürgermeisterin Anna Keller sagte, die Brücke werde neu gebaut. "
        "Die Kosten seien noch offen, sagte die SPD-Politikerin weiter. "
        "„Wir warten auf das Gutachten“, sagte sie."
    )
    sentences = split_sentences(text, "de")
    mentions = find_mentions(text, sentences, "de")
    found = find_attributions(text, sentences, "de", mentions)
    speakers = {mentions[a.speaker].span.of(text) for a in found if a.speaker is not None}
    assert speakers == {"Anna Keller"}, [(a.rule, a.speaker) for a in found]


def test_quote_inside_indirect_content_is_a_nested_direct_statement() -> None:
    text = "Sie sei „völlig überrascht“ über den Ausgang, sagte die Ministerin."
    found = run(text)
    assert [(a.form, a.nested) for a in found] == [("Indirect", False), ("Direct", True)]
    inner = found[1]
    assert inner.rule == "quote_in_content"
    assert joined(text, inner.content) == "„völlig überrascht“"
    assert joined(text, inner.cue) == "sagte"
    assert joined(text, inner.source) == "die Ministerin"


def test_comma_after_a_noun_opens_a_relative_clause_not_content() -> None:
    text = "Der Verband bemängelte den Plan, den der Rat vorgelegt hatte."
    assert [(a.rule, a.form) for a in run(text)] == [("verb_reported", "Reported")]


def test_comma_after_a_participle_and_its_object_opens_a_relative_clause() -> None:
    text = "Der Konzern hatte zuvor Gerüchte dementiert, die in der Presse kursierten."
    assert [(a.rule, a.form) for a in run(text)] == [("verb_reported", "Reported")]


def test_demonstrative_without_a_sentence_before_takes_up_nothing() -> None:
    text = "Dies teilte die Stadt am Montag mit."
    assert [(a.rule, a.form) for a in run(text)] == [("verb_reported", "Reported")]


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("Der Minister sagte gegenüber der Zeitung, die Brücke werde teurer.", "der Zeitung"),
        ("Die Ministerin sagte vor Journalisten, die Brücke werde teurer.", "Journalisten"),
        ("Die Reederei teilte dem Sender mit, der Betrieb werde eingestellt.", "dem Sender"),
        ("Der Bürgermeister sagte der Zeitung, die Brücke werde teurer.", "der Zeitung"),
        ("Der Verband warf der Stadt vor, die Kosten verschwiegen zu haben.", "der Stadt"),
        ("Der Rat forderte die Stadt auf, die Brücke zu sanieren.", "die Stadt"),
        (
            "Die Anwohner wurden von der Polizei aufgefordert, ihre Häuser zu verlassen.",
            "Die Anwohner",
        ),
        ("Ihm wird vorgeworfen, Gelder veruntreut zu haben.", "Ihm"),
    ],
)
def test_addressee(text: str, addressee: str) -> None:
    found = run(text)
    assert found and joined(text, found[0].addressee) == addressee, [
        (a.rule, joined(text, a.addressee)) for a in found
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Die Ministerin sagte vor dem Rathaus, die Brücke werde teurer.",  # no audience
        "Am Montag sagte der Bürgermeister, die Brücke werde teurer.",  # the subject, not a dative
        "Der Rat forderte am Montag, die Brücke zu sanieren.",  # "fordern" has no addressee
    ],
)
def test_no_addressee(text: str) -> None:
    found = run(text)
    assert found and all(not a.addressee for a in found), [
        (a.rule, joined(text, a.addressee)) for a in found
    ]


def test_english_quote_inside_indirect_content_is_no_statement_of_its_own() -> None:
    text = "The mayor said the bridge was “a total failure” and would be rebuilt."
    assert not [a for a in run(text, "en") if a.rule == "quote_in_content"]


def test_a_long_quote_after_laut_is_no_name() -> None:
    text = "Laut „die Lage ist in diesem Sommer wirklich ernst“ geht es weiter."
    assert not of_rule(text, "according")


def test_one_capitalised_word_quote_inside_content_is_no_statement_of_its_own() -> None:
    text = "Sie sei vom „Ausgang“ überrascht, sagte die Ministerin."
    assert [a.rule for a in run(text)] == ["verb_content_before"]


def test_content_after_the_source_still_wins_with_a_verb() -> None:
    text = "Zum Streit kam es später, sagte Keller, die Stadt habe zu spät reagiert."
    (a,) = [a for a in run(text) if a.cue]
    assert joined(text, a.content) == "die Stadt habe zu spät reagiert"


def test_direct_quote_gets_no_nested_copy() -> None:
    text = "„Wir bauen die Brücke neu“, sagte Keller."
    assert [a.rule for a in run(text)] == ["quote_cue_after"]


def test_said_on_is_the_time_expression_outside_the_content() -> None:
    text = "Der Geheimdienst hatte am Freitag mitgeteilt, dass 1.500 Soldaten verlegt worden seien."
    (a,) = run(text, published=PartialDate("2024-10-21", "day"))
    assert a.said_on is not None and a.said_on.of(text) == "am Freitag"


@pytest.mark.parametrize(
    "text",
    [
        "Die Kosten teilen sich Bund und Länder.",  # "teilen" without "mit"
        "Die geforderten Reformen blieben aus.",  # a participle used as an adjective
        "Die angeprangerten Zustände blieben.",  # a separable participle used as an adjective
        "Das Urteil lautete auf drei Jahre Haft.",  # "lauten" used bare
        "Der Verband klagte gegen den Bescheid.",  # "klagen" (to sue) used bare
        "Berichte über Schäden an der Brücke sorgen für Unruhe.",  # the noun "Berichte"
        "Er sprach am Abend mit dem Minister über die Brücke.",  # "sprechen" without "von"
        "Nach Berlin fuhren am Montag mehr Züge als sonst.",  # "nach" without "Angaben"
        "Nach dem Essen fuhren die Gäste wieder nach Hause.",  # "nach" + article, no report
        "Die Züge nach Berlin fielen am Montag aus.",  # "nach" after a noun not of the list
        # verb_reported: only by a named speaker, in a main clause, with a speech-act verb
        "Über die Pläne wurde bereits viel spekuliert.",  # nobody named
        "Es kam zum Streit, weil der Verband den Plan kritisiert hatte.",  # subordinate clause
        "Dem Angeklagten droht eine lange Haftstrafe.",  # "drohen" used bare
        "Das Institut veröffentlichte am Montag die neuen Zahlen.",  # publishing, not a statement
        "Der Stadtrat beschloss den Haushalt mit großer Mehrheit.",  # a decision
        "Die Erklärung wurde inzwischen verbreitet.",  # passive speech act without speaker
    ],
)
def test_german_negatives(text: str) -> None:
    assert run(text) == []


POSITIVE_EN = [
    (
        "“We will pay for the clean-up,” Ashdown said on Tuesday.",
        "Direct",
        "said",
        "Ashdown",
        "“We will pay for the clean-up,”",
    ),
    (
        "According to the police, two people were injured.",
        "Indirect",
        "According to",
        "the police",
        "two people were injured",
    ),
    (
        "The minister said that the bridge would be rebuilt by May.",
        "Indirect",
        "said",
        "The minister",
        "that the bridge would be rebuilt by May",
    ),
    (
        "The plant is not the source, a spokeswoman said.",
        "Indirect",
        "said",
        "a spokeswoman",
        "The plant is not the source",
    ),
]


@pytest.mark.parametrize(("text", "form", "cue", "source", "content"), POSITIVE_EN)
def test_english_rules(text: str, form: str, cue: str, source: str, content: str) -> None:
    found = [a for a in run(text, "en") if a.form == form]
    assert found, f"no {form} attribution in {text!r}"
    a = found[0]
    assert joined(text, a.cue) == cue
    assert joined(text, a.source) == source
    assert content in joined(text, a.content)


def test_english_stance_cannot_confirm() -> None:
    text = "Until then it could not confirm where the substance came from, a spokeswoman said."
    (a,) = run(text, "en")
    assert a.stance == "unconfirmed"


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("„Ja“, sagte er.", ["„Ja“"]),
        ("»Nein«, sagte sie, «vielleicht».", ["»Nein«", "«vielleicht»"]),
        ("„Wir haben „Small Business“-Kunden“, sagte er.", ["„Wir haben „Small Business“-Kunden“"]),
        ('Er sagte: "Wir kommen." Dann ging er.', ['"Wir kommen."']),
        ("“We will,” she said, “pay.”", ["“We will,”", "“pay.”"]),
        # an opening mark without its partner in the paragraph stays unpaired
        ("„Wir kommen nicht.\n\nDann ging er.", []),
        ("Selenskyj’s plan, don't worry", []),
    ],
)
def test_quotes(text: str, quotes: list[str]) -> None:
    assert [q.of(text) for q in find_quotes(text)] == quotes


def test_unsupported_language_gives_nothing() -> None:
    text = "Le ministre a dit que le pont serait reconstruit."
    assert find_attributions(text, split_sentences(text, "fr"), "fr") == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Die Talme ist verschmutzt. Nach eigenen Angaben hat die Korvath Chemie alle "
            "Tanks in Wendelsau geprüft.",
            "Korvath Chemie",
        ),
        (
            "Die Talme ist verschmutzt. Die Korvath Chemie hat nach eigenen Angaben alle "
            "Tanks in Wendelsau geprüft.",
            "Korvath Chemie",
        ),
        # the only name stands in the statement, after the comma: nobody is guessed
        (
            "Die Talme ist verschmutzt. Das Amt kann nach eigenen Angaben noch nicht "
            "bestätigen, dass die Stoffe aus dem Werk der Korvath Chemie stammen.",
            None,
        ),
    ],
)
def test_own_account_speaks_for_the_subject(text: str, speaker: str | None) -> None:
    from storytrace.annotate import annotate
    from storytrace.clean import clean
    from storytrace.model import Origin, RawDocument
    from storytrace.settings import DEFAULT_SETTINGS

    raw = RawDocument(Origin("a.jsonl", "jsonl"), text=text, published="2025-05-06")
    a = annotate(clean(raw, DEFAULT_SETTINGS), DEFAULT_SETTINGS)
    [att] = [
        t
        for t in a.attributions
        if "eigenen Angaben" in " ".join(s.of(a.article.text) for s in t.source)
    ]
    found = a.mentions[att.speaker].span.of(a.article.text) if att.speaker is not None else None
    assert found == speaker


def test_a_cue_in_a_relative_clause_before_heisst_es_takes_no_content() -> None:
    text = "In dem Bericht, den der Rat angenommen hat, heißt es, die Brücke sei marode."
    found = run(text)
    assert [joined(text, a.cue) for a in found] == ["heißt es"]
    assert joined(text, found[0].content) == "die Brücke sei marode"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # verb_coordinators: the content clause belongs to the second of two verbs
        (
            "Der Bürgermeister lobte den Plan und gab bekannt, dass die Brücke im Mai öffne.",
            "gab bekannt",
            "dass die Brücke im Mai öffne",
        ),
        # a comma clause opened by a separable cue verb is that verb's, not content
        (
            "Die Stadt bestätigte den Schaden, teilte aber mit, die Brücke bleibe offen.",
            "teilte … mit",
            "die Brücke bleibe offen",
        ),
    ],
)
def test_content_clause_after_a_second_verb_is_its_own(text: str, cue: str, content: str) -> None:
    found = run(text)
    with_content = {joined(text, a.cue): joined(text, a.content) for a in found}
    assert with_content[cue] == content
    first = next(a for a in found if joined(text, a.cue) != cue)
    assert first.form == "Reported"


def test_content_after_a_coordinated_non_cue_verb_stays() -> None:
    text = "Der Bürgermeister kam am Abend und sagte, die Brücke öffne im Mai."
    (a,) = run(text)
    assert joined(text, a.cue) == "sagte"
    assert joined(text, a.content) == "die Brücke öffne im Mai"


def test_demnach_is_its_own_source_and_speaks_for_the_statement_before() -> None:
    text = (
        "Die Bürgermeisterin Anna Keller sagte, die Brücke werde neu gebaut. "
        "Demnach soll der Bau im Mai beginnen."
    )
    first, second = run(text)
    assert joined(text, second.cue) == "Demnach"
    assert joined(text, second.source) == "Demnach"
    assert first.speaker is not None and second.speaker == first.speaker


def test_wonach_is_no_source_of_its_own() -> None:
    text = "Die Stadt dementierte einen Bericht, wonach die Brücke gesperrt werde."
    assert all(joined(text, a.source) != "wonach" for a in run(text))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a short quoted name inside the subject
        (
            "Die Zeitung „Der Kurier“ berichtete, die Brücke werde gesperrt.",
            "Die Zeitung „Der Kurier“",
        ),
        # attached_prepositions: "vom X", "von der „X“" go on the name before
        (
            "Anna Keller vom Bauamt sagte, die Brücke werde gesperrt.",
            "Anna Keller vom Bauamt",
        ),
        (
            "Der Chef von „Brückenbau Nord“, Peter Hollmann, sagte, die Brücke werde gesperrt.",
            "Der Chef von „Brückenbau Nord“, Peter Hollmann",
        ),
        # verb_subject_gap: adverbs between the verb and its subject
        (
            "Am Montag kündigte heute der Bürgermeister an, die Brücke zu sperren.",
            "der Bürgermeister",
        ),
    ],
)
def test_source_noun_phrase(text: str, source: str) -> None:
    found = run(text)
    assert found, f"nothing found in {text!r}"
    assert joined(text, found[0].source) == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a long quote after the subject is no name
        (
            "Die Zeitung schrieb „die Brücke ist seit Jahren marode und gefährlich“, sagte er.",
            "er",
        ),
        # "von" after a lowercase word attaches nothing ("sagte er von sich")
        ("Die Brücke sei marode, sagte er von der Tribüne aus.", "er"),
    ],
)
def test_source_noun_phrase_stops(text: str, source: str) -> None:
    found = run(text)
    assert found, f"nothing found in {text!r}"
    assert joined(text, found[-1].source) == source


ORGANISATION_TEXT = (
    "Die Korvath Chemie GmbH hat in Leuna ein neues Werk eröffnet. "
    "Der Bürgermeister Peter Hollmann sagte, das sei gut für die Stadt. "
    "Das Unternehmen teilte mit, es werde 200 Stellen schaffen. "
    "Der Chemiekonzern kündigte an, weitere Werke zu bauen."
)


def test_organisation_role_noun_resolves_to_the_organisation_named_before() -> None:
    found = run(ORGANISATION_TEXT)
    speakers = {joined(ORGANISATION_TEXT, a.source): a.speaker for a in found}
    mentions = find_mentions(ORGANISATION_TEXT, split_sentences(ORGANISATION_TEXT, "de"), "de")
    for source in ("Das Unternehmen", "Der Chemiekonzern"):
        index = speakers[source]
        assert index is not None
        assert mentions[index].span.of(ORGANISATION_TEXT) == "Korvath Chemie GmbH"


@pytest.mark.parametrize(
    "text",
    [
        # indefinite: a company not named before
        "Die Korvath Chemie GmbH baut ein Werk. Ein Unternehmen teilte mit, es werde klagen.",
        # no organisation named before
        "Peter Hollmann kam am Montag. Das Unternehmen teilte mit, es werde klagen.",
    ],
)
def test_organisation_role_noun_without_antecedent_has_no_speaker(text: str) -> None:
    (a,) = [a for a in run(text) if "Unternehmen" in joined(text, a.source)]
    assert a.speaker is None


# --- fourth pass (2026-12-02) ----------------------------------------------------------


def test_danach_opening_the_sentence_takes_up_a_report() -> None:
    text = "Die Stadt legte am Montag den Prüfbericht vor. Danach ist die Brücke marode."
    cues = [joined(text, a.cue) for a in run(text)]
    assert "Danach" in cues


@pytest.mark.parametrize(
    "text",
    [
        "Die Brücke wurde gesperrt, und danach fuhren die Züge über Umwege.",
        "Erst danach wurden die Bäume in den Wald gepflanzt.",
        # opening the sentence, but after narration: no report to take up
        "Die Feuerwehr rückte am Abend an. Danach brach das Feuer erneut aus.",
    ],
)
def test_danach_after_narration_or_inside_the_sentence_is_time(text: str) -> None:
    assert all(joined(text, a.cue).lower() != "danach" for a in run(text))


@pytest.mark.parametrize(
    "text",
    [
        "Den Fahrer erwartet eine Anklage wegen Körperverletzung.",  # "erwarten": awaits
        "Die Polizei bittet um Mithilfe bei der Suche.",  # an appeal, not a statement
        "Der Verband versprach sich davon mehr Mitglieder.",  # "sich versprechen"
        "Die Stadt meldete am Montag drei neue Baustellen.",  # bare "melden"
        "Die Anwohner zweifelten am Nutzen der Brücke.",  # bare "zweifeln"
        "Die Rufe erinnerten an die Proteste von 1989.",  # bare "erinnern"
        "Nun verlangen die Länder das Geld zurück.",  # bare "verlangen"
        "Die Grünen bezweifelten das Gutachten der Stadt.",  # bare "bezweifeln"
        "Mehrere Länder sagten rasche Hilfe für die Stadt zu.",  # bare "zusagen"
    ],
)
def test_bare_not_reported_verbs_are_no_statement(text: str) -> None:
    assert run(text) == []


def test_not_reported_verb_with_a_content_clause_is_a_statement() -> None:
    text = "Der Verband erwartet, dass die Brücke im Mai öffnet."
    (a,) = run(text)
    assert joined(text, a.cue) == "erwartet"
    assert joined(text, a.content) == "dass die Brücke im Mai öffnet"


def test_a_statement_before_the_cue_is_a_main_clause() -> None:
    text = "Die Brücke sei marode, sagte die Ingenieurin."
    (a,) = run(text)
    assert a.rule == "verb_content_before"
    assert joined(text, a.content) == "Die Brücke sei marode"


@pytest.mark.parametrize(
    "text",
    [
        # a subordinate clause in the Vorfeld
        "Nachdem die Brücke gesperrt worden war, forderten die Anwohner eine Fähre.",
        # the subject with an apposition
        "Die Vorsitzende des Vereins, Anna Keller, kritisierte die Pläne der Stadt.",
        "Auch die größte Partei, die Volkspartei, kritisierte den Plan.",
    ],
)
def test_the_vorfeld_before_the_cue_is_no_statement(text: str) -> None:
    assert all(a.rule != "verb_content_before" for a in run(text))


@pytest.mark.parametrize(
    "text",
    [
        "Der Plan wurde im Mai veröffentlicht, und nun beginnt der Bau der Brücke.",
        "Die Bürgermeisterin rief beim Bauamt an, um die Sperrung zu verhindern.",
        "Die Pläne wurden im Mai vorgestellt, wobei die Kosten offen blieben.",
    ],
)
def test_a_coordinated_or_adverbial_clause_is_no_content(text: str) -> None:
    assert all(a.rule != "verb_content_after" for a in run(text))


def test_a_comma_clause_in_konjunktiv_after_the_cue_is_content() -> None:
    text = "Die Bürgermeisterin erklärte, die Sperrung werde bald aufgehoben."
    (a,) = run(text)
    assert joined(text, a.content) == "die Sperrung werde bald aufgehoben"


@pytest.mark.parametrize(
    "text",
    [
        "Die Brücke, die von den Anwohnern seit Jahren gefordert wird, soll im Mai öffnen.",
        "Nachdem die Behörden vor dem Sturm gewarnt hatten, blieben die Schulen geschlossen.",
    ],
)
def test_the_comma_closing_a_subordinate_cue_clause_opens_no_content(text: str) -> None:
    assert all(a.rule != "verb_content_after" for a in run(text))


def test_a_subordinate_cue_clause_takes_a_dass_clause() -> None:
    text = "Die Brücke, von der die Stadt glaubt, dass sie marode sei, bleibt offen."
    contents = [joined(text, a.content) for a in run(text) if a.rule == "verb_content_after"]
    assert any(c.startswith("dass sie marode sei") for c in contents)


def test_konjunktiv_after_a_cue_less_sentence_continues_its_subject() -> None:
    text = (
        "Die Brücke wurde am Montag gesperrt. "
        "Peter Hollmann kam am Abend zur Brücke. "
        "Die Brücke sei sicher und werde bald wieder geöffnet."
    )
    (a,) = run(text)
    assert a.form == "IndirectFreeIndirect"
    assert joined(text, a.source) == "Peter Hollmann"
    assert joined(text, a.content).startswith("Die Brücke sei sicher")


@pytest.mark.parametrize(
    "text",
    [
        # the subject before cannot speak
        "Die Brücke wurde am Montag gesperrt. Der Regen hielt an. Die Straße sei gesperrt.",
        # Konjunktiv II alone is the narrator's
        "Die Brücke wurde gesperrt. Peter Hollmann kam am Abend. Sonst wäre sie noch offen.",
    ],
)
def test_konjunktiv_after_narration_without_a_speaker_is_no_statement(text: str) -> None:
    assert run(text) == []


def test_quote_after_a_cue_less_sentence_ending_in_a_colon_is_its_subjects() -> None:
    text = "Die Firma hält die Kritik für ungerecht: „Wir haben alle Auflagen erfüllt.“"
    (a,) = run(text)
    assert (a.form, a.rule) == ("Direct", "quote_colon_subject")
    assert joined(text, a.source) == "Die Firma"
    assert joined(text, a.content) == "„Wir haben alle Auflagen erfüllt.“"


def test_quote_after_a_colon_without_a_subject_has_no_speaker() -> None:
    text = "Am Montag kam es anders: „Wir haben alle Auflagen erfüllt.“"
    assert all(a.rule != "quote_colon_subject" for a in run(text))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Nach dem vorläufigen Endergebnis liegt die Partei knapp vorn.",
            "dem vorläufigen Endergebnis",
        ),
        (
            "Nach dem Stand der Planungen wird die Brücke im Mai eröffnet.",
            "dem Stand der Planungen",
        ),
    ],
)
def test_nach_with_a_document_or_result(text: str, source: str) -> None:
    (a,) = run(text)
    assert (a.rule, joined(text, a.cue)) == ("according", "Nach")
    assert joined(text, a.source) == source


def test_nach_with_an_event_is_time() -> None:
    assert run("Nach der Nachtsitzung gingen die Abgeordneten nach Hause.") == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Laut ndr.de wurden zwei Menschen verletzt.", "ndr.de"),
        ("Laut eBay wurde das Angebot sofort gelöscht.", "eBay"),
    ],
)
def test_lowercase_names_are_sources(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


def test_a_lowercase_abbreviation_is_no_name() -> None:
    text = "Laut u.a. wurden zwei Menschen verletzt."
    assert all(joined(text, a.source) != "u.a." for a in run(text))


def run_tokens(words: list[str]) -> tuple[str, list[Attribution]]:
    """One sentence given as tokens joined by spaces, as the SpkAtt harness hands them over
    (the pipeline's splitter divides "saudi-arabischen" at the hyphen, the corpus does not)."""
    text = " ".join(words)
    spans, k = [], 0
    for w in words:
        spans.append(Span(k, k + len(w)))
        k += len(w) + 1
    sentences = [Sentence(Span(0, len(text)), tuple(spans))]
    mentions = find_mentions(text, sentences, "de")
    return text, list(find_attributions(text, sentences, "de", mentions))


def test_hyphenated_adjective_inside_the_source() -> None:
    words = "Ein Sprecher des saudi-arabischen Ministeriums sagte , die Brücke sei sicher ."
    text, (a,) = run_tokens(words.split())
    assert joined(text, a.source) == "Ein Sprecher des saudi-arabischen Ministeriums"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a focus particle before the subject is not part of it
        ("Einzig die Stadt gab bekannt, die Brücke zu sperren.", "die Stadt"),
        # the whole Vorfeld: the subject with a prepositional phrase
        (
            "Ein Regierungssprecher in Berlin sagte, die Brücke sei sicher.",
            "Ein Regierungssprecher in Berlin",
        ),
        # a pronoun alone in the Vorfeld
        ("Dieser behauptete, die Brücke sei sicher.", "Dieser"),
    ],
)
def test_vorfeld_subject(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


@pytest.mark.parametrize(
    ("text", "not_source"),
    [
        (
            "Dem Minister in Berlin sagte die Stadt, die Brücke sei sicher.",
            "Dem Minister in Berlin",
        ),
        ("Es wird erwartet, dass die Brücke im Mai öffnet.", "Es"),
    ],
)
def test_vorfeld_that_is_no_subject(text: str, not_source: str) -> None:
    assert all(joined(text, a.source) != not_source for a in run(text))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a count after the head opens the next phrase
        ("In der Region mussten laut Behördenangaben 7.000 Menschen fliehen.", "Behördenangaben"),
        # any determiner after a genitive link
        (
            "Nach Meinung der beiden Politiker wird die Brücke teurer.",
            "Meinung der beiden Politiker",
        ),
        ("Nach Angaben seines Sprechers wird die Brücke teurer.", "Angaben seines Sprechers"),
        # "vom" before an adjective
        (
            "Laut Anna Keller vom städtischen Bauamt wird die Brücke teurer.",
            "Anna Keller vom städtischen Bauamt",
        ),
    ],
)
def test_according_source_boundaries(text: str, source: str) -> None:
    (a,) = of_rule(text, "according")
    assert joined(text, a.source) == source


def test_a_number_closing_a_name_stays() -> None:
    text = "Laut Artikel 5 wird die Brücke teurer."
    (a,) = of_rule(text, "according")
    assert joined(text, a.source) == "Artikel 5"


def test_quote_cue_after_source_with_apposition_to_the_end() -> None:
    text = "„Wir bauen neu“, sagte Anna Keller, Leiterin des Bauamts."
    (a,) = run(text)
    assert joined(text, a.source) == "Anna Keller, Leiterin des Bauamts"


def test_according_source_with_a_name_apposition() -> None:
    text = "Nach Ansicht der Leiterin des Bauamts, Anna Keller, ist die Brücke marode."
    (a,) = run(text)
    assert joined(text, a.source) == "Ansicht der Leiterin des Bauamts, Anna Keller"
    assert joined(text, a.content) == "ist die Brücke marode"


def test_according_source_before_a_comma_clause_stays() -> None:
    text = "Nach Angaben der Polizei, die am Abend eintraf, ist die Brücke marode."
    (a,) = of_rule(text, "according")
    assert joined(text, a.source) == "Angaben der Polizei"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Es gibt Gerüchte, nach denen die Brücke marode ist.", "denen", "die Brücke marode ist"),
        (
            "Es gibt eine Schätzung, wonach die Brücke marode ist.",
            "eine Schätzung",
            "die Brücke marode ist",
        ),
    ],
)
def test_relative_clause_after_a_noun_says_what_it_says(
    text: str, source: str, content: str
) -> None:
    (a,) = of_rule(text, "according")
    assert joined(text, a.source) == source
    assert joined(text, a.content) == content


def test_nach_with_a_relative_pronoun_after_a_verb_is_no_report() -> None:
    text = "Die Brücke, nach der die Straße benannt ist, bleibt gesperrt."
    assert all(a.rule != "according" for a in run(text))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Die Polizei stufte die Lage als ernst ein.", "stufte … als … ein"),
        ("Der Verband sieht darin eine Gefahr für die Brücke.", "sieht darin"),
        ("Die Bürgermeisterin erwägt einen Neubau der Brücke.", "erwägt"),
    ],
)
def test_judgements_are_reported_thought(text: str, cue: str) -> None:
    (a,) = run(text)
    assert (a.form, a.medium, joined(text, a.cue)) == ("Reported", "Thought", cue)


def test_seeing_without_als_or_darin_is_no_judgement() -> None:
    assert run("Die Kinder sahen am Abend den Film über die Brücke.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Stadt sagte, die Brücke heiße künftig „Neue Mainbrücke“.",
        "Die Ministerin nannte in der Zeitung „Rheinischer Kurier“ drei Gründe.",
    ],
)
def test_a_quoted_name_is_no_direct_statement(text: str) -> None:
    assert all(a.form != "Direct" for a in run(text))


def test_a_quoted_phrase_with_lowercase_words_is_a_direct_statement() -> None:
    text = "Die Stadt sagte, die Brücke sei „in einem schlechten Zustand“."
    assert any(a.form == "Direct" for a in run(text))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Den Schaden schätzt die Polizei auf 250.000 Euro.", "die Polizei"),
        ("Seinen Rücktritt hatte der Minister im Mai angekündigt.", "der Minister"),
    ],
)
def test_an_object_in_the_vorfeld_is_no_source(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


def test_a_report_in_a_short_parenthesis_is_no_statement() -> None:
    text = "Die Brücke wurde im Mai gesperrt ( Tagesblatt berichtete ) und bleibt zu."
    assert all(joined(text, a.cue) != "berichtete" for a in run(text))


def test_the_same_report_outside_a_parenthesis_stays() -> None:
    text = "Das Tagesblatt berichtete am Montag über die Sperrung der Brücke."
    assert [joined(text, a.cue) for a in run(text)] == ["berichtete"]


def test_a_participle_between_article_and_noun_is_no_cue() -> None:
    assert run("Der Zug erreichte eine bestätigte Höchstgeschwindigkeit von 300 Kilometern.") == []


def test_a_demonstrative_before_the_cue_is_no_article() -> None:
    text = "Die Brücke wird im Mai eröffnet. Das bestätigte Bürgermeisterin Anna Keller am Montag."
    assert any(a.rule == "verb_content_previous" for a in run(text))


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Der Vorwurf der Opposition, die Brücke sei zu teuer, wurde zurückgewiesen.",
            "der Opposition",
            "die Brücke sei zu teuer",
        ),
        (
            "Pläne, die Brücke abzureißen, stießen auf Widerstand.",
            "Pläne",
            "die Brücke abzureißen",
        ),
    ],
)
def test_noun_of_what_is_said_with_its_content(text: str, source: str, content: str) -> None:
    (a,) = of_rule(text, "noun_content")
    assert (a.form, joined(text, a.source), joined(text, a.content)) == (
        "Indirect",
        source,
        content,
    )


@pytest.mark.parametrize(
    "text",
    [
        # a relative clause after the noun
        "Der Vorwurf der Opposition, der am Montag erhoben wurde, blieb ohne Folgen.",
        # an indicative clause that is no content
        "Die Pläne der Stadt, alle Brücken werden gesperrt, stießen auf Widerstand.",
    ],
)
def test_noun_of_what_is_said_without_content(text: str) -> None:
    assert all(a.rule != "noun_content" for a in run(text))


def test_vorfeld_subject_the_rules_cannot_close_before_a_name_apposition() -> None:
    text = "Die Sprecherin von Bündnis 90 / Die Grünen, Anna Keller, bemängelte die Pläne."
    (a,) = run(text)
    assert a.rule == "verb_reported"
    assert joined(text, a.source) == "Die Sprecherin von Bündnis 90 / Die Grünen, Anna Keller"


def test_a_statement_before_a_name_apposition_is_no_subject() -> None:
    text = "Die Brücke sei marode, Anna Keller, kritisierte die Stadt."
    assert all(joined(text, a.source) != "Die Brücke sei marode, Anna Keller" for a in run(text))


@pytest.mark.parametrize(
    "text",
    [
        "Die Stadt wollte den Vorwurf zurückweisen, hielt sich damals jedoch zurück.",
        "Das Bündnis, das sich selbst „Neue Mitte“ nennt, kam auf zehn Prozent.",
    ],
)
def test_a_clause_opened_by_a_finite_verb_is_no_content(text: str) -> None:
    assert all(a.rule != "verb_content_after" for a in run(text))


def test_a_main_clause_after_a_wie_clause_is_the_content() -> None:
    text = "Wie die Sprecherin der Stadt, Anna Keller, mitteilte, bleibt die Brücke gesperrt."
    (a,) = run(text)
    assert joined(text, a.content) == "bleibt die Brücke gesperrt"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Der Bürgermeister sagte, die Brücke sei marode, doch der Landrat widersprach.",
            "die Brücke sei marode",
        ),
        (
            "Der Bürgermeister sagte, sie müssten sparen und verließ den Saal.",
            "sie müssten sparen",
        ),
    ],
)
def test_content_ends_before_what_the_narrator_adds(text: str, content: str) -> None:
    (a,) = of_rule(text, "verb_content_after")
    assert joined(text, a.content) == content


def test_content_goes_on_over_a_coordinated_konjunktiv() -> None:
    text = "Der Bürgermeister sagte, die Brücke sei marode und werde gesperrt."
    (a,) = run(text)
    assert joined(text, a.content) == "die Brücke sei marode und werde gesperrt"


def test_a_one_word_name_as_a_cues_object_is_no_direct_statement() -> None:
    text = "Der Minister nannte im Sender „Radiowelle“ drei Gründe für den Neubau."
    assert all(a.form != "Direct" for a in run(text))


def test_a_one_word_lowercase_quote_as_a_cues_object_is_a_direct_statement() -> None:
    text = "Der Minister nannte den Plan „fahrlässig“."
    assert any(a.form == "Direct" for a in run(text))


def test_nach_after_a_noun_of_asking_names_no_source() -> None:
    text = "Die Stadt wies die Forderung nach Angaben zu den Kosten zurück."
    assert all(a.rule != "according" for a in run(text))


def test_nach_angaben_after_a_verb_is_a_source() -> None:
    text = "Die Brücke kostet nach Angaben der Stadt zehn Millionen Euro."
    assert any(a.rule == "according" for a in run(text))


def test_entscheiden_is_no_cue() -> None:
    text = "Der Richter entscheidet am Montag, ob die Brücke gesperrt wird."
    assert run(text) == []


def test_a_quote_sentence_after_a_statement_is_its_speakers() -> None:
    text = (
        "Die Ministerin Anna Keller kündigte an, das Gymnasium zu reformieren. "
        "„Nicht jede Formel ist für das Leben notwendig.“"
    )
    found = run(text)
    assert [a.form for a in found] == ["Indirect", "Direct"]
    assert joined(text, found[1].source) == joined(text, found[0].source)


def test_a_quote_sentence_after_narration_has_no_speaker() -> None:
    text = "Die Brücke wurde im Mai gesperrt. „Nicht jede Brücke ist für immer gebaut.“"
    assert run(text) == []


# --- fifth pass: sources ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Das Landesamt (LfB) teilte mit, dass die Brücke gesperrt bleibe.",
            "Das Landesamt (LfB)",
        ),
        (
            "Die Gewerkschaft der Fährleute (GdF) sagte, es gebe keine Einigung.",
            "Die Gewerkschaft der Fährleute (GdF)",
        ),
    ],
)
def test_a_parenthesis_in_the_vorfeld_goes_on_the_subject(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


def test_a_parenthesis_after_a_comma_is_no_subject() -> None:
    text = "Die Brücke bleibt zu, (so die Stadt) teilte Anna Keller mit, dass es regne."
    assert all("so die Stadt" not in joined(text, a.source) for a in run(text))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Anna Keller, die seit Mai das Amt führt, sagte, die Brücke sei marode.",
            "Anna Keller",
        ),
        (
            "Jens Borg, der Sprecher der Fährleute, der am Montag in Kiel war, sagte, es "
            "gebe keine Einigung.",
            "Jens Borg, der Sprecher der Fährleute",
        ),
        (
            "Jens Borg, mit dem die Stadt verhandelt hatte, sagte, es gebe keine Einigung.",
            "Jens Borg",
        ),
    ],
)
def test_a_relative_clause_after_the_subject_is_no_source(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


def test_appositions_after_the_subject_stay_on_the_source() -> None:
    text = "Jens Borg, der Sprecher der Fährleute, sagte, es gebe keine Einigung."
    (a,) = run(text)
    assert joined(text, a.source) == "Jens Borg, der Sprecher der Fährleute"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Der Stadt schlug er vor, die Brücke zu sanieren.", "er"),
        ("Die Sperrung der Brücke hatte man im Mai angekündigt.", "man"),
    ],
)
def test_a_nominative_pronoun_after_the_verb_is_the_subject(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


def test_a_pronoun_after_the_verb_of_a_subordinate_clause_is_no_subject() -> None:
    text = "Anna Keller sagte, weil die Stadt zahlte er nicht, sei die Brücke marode."
    assert all(joined(text, a.source) != "er" for a in run(text))


def test_words_of_a_multi_word_cue_in_the_vorfeld_are_no_source() -> None:
    text = "Von einer gezielten Kampagne sprach der Fährmann Jens Borg."
    (a,) = run(text)
    assert joined(text, a.source) == "der Fährmann Jens Borg"


def test_a_multi_word_cue_after_the_subject_ends_the_source() -> None:
    text = "Im Interview sprach Anna Keller von der Möglichkeit einer Sanierung."
    (a,) = run(text)
    assert joined(text, a.source) == "Anna Keller"


def test_the_subject_of_a_quoting_passive_is_the_speaker() -> None:
    text = "Anna Keller wird von der Agentur Nordpress mit den Worten zitiert, es regne."
    (a,) = [a for a in run(text) if a.rule != "quote_cited"]  # the agent's: its own test
    assert joined(text, a.source) == "Anna Keller"
    assert joined(text, a.via_spans) == "der Agentur Nordpress"


def test_the_subject_of_another_passive_is_no_speaker() -> None:
    text = "Darin wird der Bürgermeister aufgefordert, die Brücke zu sanieren."
    (a,) = run(text)
    assert a.source == ()


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            "Jens Borg von der Fährgilde ist der Meinung, dass die Brücke marode sei.",
            "ist der Meinung",
            "Jens Borg von der Fährgilde",
        ),
        (
            "Die Fähre legte trotz einer Warnung der Hafenmeister, bei Sturm im Hafen zu "
            "bleiben, ab.",
            "einer Warnung",
            "der Hafenmeister",
        ),
    ],
)
def test_cue_and_source_of_a_noun_of_what_is_said(text: str, cue: str, source: str) -> None:
    (a,) = run(text)
    assert (joined(text, a.cue), joined(text, a.source)) == (cue, source)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Angaben des Wetteramts von Kiel zufolge kam der Sturm in der Nacht.",
            "Angaben des Wetteramts von Kiel",
        ),
        (
            "Ersten Berichten vom Montag zufolge kam der Sturm in der Nacht.",
            "Ersten Berichten vom Montag",
        ),
        ("Der Polizei zufolge kam der Sturm in der Nacht.", "Der Polizei"),
    ],
)
def test_a_postposed_source_takes_its_attachments(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


def test_an_apposition_with_attachments_goes_on_an_according_source() -> None:
    text = (
        "Nach Meinung von Jens Borg, Professor am Institut für Seefahrt, könnte die Brücke brechen."
    )
    (a,) = run(text)
    assert joined(text, a.source) == "Meinung von Jens Borg, Professor am Institut für Seefahrt"
    assert joined(text, a.content) == "könnte die Brücke brechen"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Wie die Stadtverwaltung in Kiel mitteilte, bleibt die Brücke zu.",
            "die Stadtverwaltung in Kiel",
        ),
        (
            "Am Montag teilte ein Sprecher in einer Erklärung mit, dass die Brücke zu bleibe.",
            "ein Sprecher",
        ),
    ],
)
def test_a_place_after_the_subject_goes_on_it(text: str, source: str) -> None:
    found = of_rule(text, "verb_content_after")
    assert [joined(text, a.source) for a in found] == [source]


def test_konjunktiv_after_an_organisation_subject_continues_it() -> None:
    text = (
        "Die Fährgesellschaft Nordlicht verlor im Mai drei Schiffe. "
        "Das Seeinstitut sieht für die Küste keine Gefahr. "
        "Nur Fischer seien zu schützen."
    )
    found = of_rule(text, "free_indirect")
    assert [joined(text, a.source) for a in found] == ["Das Seeinstitut"]


def test_konjunktiv_after_a_thing_as_subject_continues_nothing() -> None:
    text = "Der Sturm hält an. Die Brücke sei gesperrt."
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Die Leiterin der Studie, Anna Keller, sieht die Schuld beim Land: "
            "„Wir haben die Brücke zu lange vergessen.“",
            "Die Leiterin der Studie, Anna Keller",
        ),
        (
            "Dabei griff sie auch den Bürgermeister an: „Wer so plant, baut keine Brücken.“",
            "sie",
        ),
    ],
)
def test_the_subject_of_a_clause_before_a_colon_speaks_the_quote(text: str, source: str) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.source)) == ("Direct", source)


def test_an_adverb_first_clause_without_a_subject_names_no_speaker() -> None:
    text = "Dabei ging es um die Brücke: „Wer so plant, baut keine Brücken.“"
    assert run(text) == []


def test_a_relative_pronoun_is_the_source_and_speaks_for_its_noun() -> None:
    text = "Ein Vorschlag kam von Anna Keller, die forderte, die Brücke zu sanieren."
    text_mentions = find_mentions(text, split_sentences(text, "de"), "de")
    (a,) = of_rule(text, "verb_content_after")
    assert joined(text, a.source) == "die"
    assert a.speaker is not None
    assert text_mentions[a.speaker].span.of(text) == "Anna Keller"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Auch Jens Borg, der Stellvertreter, glaubt, dass die Brücke hält.",
            "Jens Borg, der Stellvertreter",
        ),
        ("„Die Brücke hält“, erinnerte sich Jens Borg später.", "Jens Borg"),
    ],
)
def test_sources_around_focus_particles_and_reflexives(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Jens Borg war am Hafen und sagte bei der Gelegenheit, er freue sich.", "Jens Borg"),
        (
            "Als ein Gast half, biss der Fährmann den Gast und rief: „Lasst mich raus!“",
            "der Fährmann",
        ),
    ],
)
def test_a_coordinated_cue_verb_shares_the_subject(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


def test_an_article_before_an_object_is_no_name_particle() -> None:
    text = "Am Montag empfahl der Minister Jens Borg den Umstieg auf die Fähre."
    (a,) = run(text)
    assert joined(text, a.source) == "der Minister Jens Borg"


# --- fifth pass: the cue lexicon ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "Die Stadtwerke hatten am Montag bekannt gegeben, dass die Fähre ausfällt.",
            "hatten … bekannt gegeben",
        ),
        ("Wie die Stadtwerke am Montag bekannt gaben, fällt die Fähre aus.", "Wie … bekannt gaben"),
    ],
)
def test_a_particle_written_apart_before_the_verb(text: str, cue: str) -> None:
    found = of_form(text, "Indirect")
    assert found and joined(text, found[0].cue) == cue


def test_bekannt_before_a_verb_that_is_no_cue_is_no_particle() -> None:
    text = "Die Fähre ist seit Jahren als unpünktlich bekannt gewesen."
    assert run(text) == []


def test_a_wie_clause_at_the_sentence_end_reports_the_main_clause() -> None:
    text = "Die Fähre fällt bis Freitag aus, wie die Stadtwerke am Montag mitteilten."
    (a,) = run(text)
    assert (a.form, a.rule) == ("Indirect", "verb_content_before")
    assert joined(text, a.cue) == "wie … mitteilten"
    assert joined(text, a.source) == "die Stadtwerke"
    assert joined(text, a.content) == "Die Fähre fällt bis Freitag aus"


def test_a_wie_clause_after_a_word_of_degree_is_a_comparison() -> None:
    text = "Die Fähre war so pünktlich, wie es niemand befürchtet hatte."
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Am Dienstag wurde bekannt, dass die Fähre ausfällt.", "wurde bekannt"),
        ("Zuvor war bekannt geworden, dass die Fähre ausfällt.", "war bekannt geworden"),
        ("Später stellte sich heraus, dass die Fähre ausfällt.", "stellte sich heraus"),
        ("Die Prüfung ergab, dass die Fähre ausfällt.", "ergab"),
    ],
)
def test_a_fact_made_known_is_a_statement_without_a_speaker(text: str, cue: str) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.cue)) == ("Indirect", cue)
    assert joined(text, a.content) == "dass die Fähre ausfällt"


@pytest.mark.parametrize(
    "text",
    [
        "Die Kapitänin wurde durch ihre Rettungsfahrt bekannt.",
        "Die Reederei stellte ihre neue Fähre heraus.",
        "Der Fahrplan ergibt keinen Sinn.",
    ],
)
def test_a_fact_made_known_without_a_content_clause_is_no_statement(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Die Reederei hat signalisiert, dass sie die Fähre verkauft.",
            "hat signalisiert",
            "dass sie die Fähre verkauft",
        ),
        (
            "Die Satzung besagt, dass die Fähre stündlich fährt.",
            "besagt",
            "dass die Fähre stündlich fährt",
        ),
        ("Die Reederei bot an, die Fähre zu verkaufen.", "bot an", "die Fähre zu verkaufen"),
        (
            "Der Kapitänin wird nachgesagt, jede Welle zu kennen.",
            "wird nachgesagt",
            "jede Welle zu kennen",
        ),
    ],
)
def test_speech_acts_with_a_content_clause(text: str, cue: str, content: str) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.cue), joined(text, a.content)) == ("Indirect", cue, content)


@pytest.mark.parametrize(
    "text",
    [
        "Die Reederei bot den Fahrgästen Kaffee an.",
        "Die Kapitänin erwähnte den Sturm.",
        "Die Reederei signalisierte den Fahrgästen mit einer Flagge.",
    ],
)
def test_speech_acts_without_a_content_clause_are_no_report(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Die Lotsen schlossen nicht aus, dass die Fähre ausfällt.", "schlossen nicht aus"),
        ("Die Lotsen legten Wert darauf, dass die Fähre pünktlich ist.", "legten Wert darauf"),
        ("Die Lotsen stellten die These auf, dass die Fähre sinkt.", "stellten … These auf"),
        ("Die Lotsin vertritt die Ansicht, die Fähre sei zu schwer.", "vertritt … Ansicht"),
        ("Die Kommission kam zu dem Schluss, dass die Fähre zu schwer ist.", "kam … Schluss"),
    ],
)
def test_phrases_of_stating_and_of_views(text: str, cue: str) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.cue)) == ("Indirect", cue)


@pytest.mark.parametrize(
    "text",
    [
        "Die Lotsin vertritt den Verein seit dem Frühjahr.",
        "Die Reederei legte Wert auf pünktliche Fähren.",
        "Die Fähre ist sicher.",
        "Zum Schluss kam die Fähre doch noch an.",
    ],
)
def test_the_bare_verbs_of_those_phrases_are_no_report(text: str) -> None:
    assert run(text) == []


def test_dass_before_an_article_after_a_participle_cue_opens_the_content() -> None:
    text = "Die Lotsin hatte erklärt, dass der Fährmann krank war."
    (a,) = run(text)
    assert (a.form, joined(text, a.content)) == ("Indirect", "dass der Fährmann krank war")


def test_a_preposition_before_a_relative_after_a_participle_cue_opens_no_content() -> None:
    text = "Die Lotsin hatte Berichte dementiert, nach denen die Fähre sinkt."
    assert all(a.rule != "verb_content_after" for a in run(text))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Die Kapitänin erteilte den Befehl, die Fähre zu räumen.", "erteilte … Befehl"),
        ("Die Stadt hat die Erlaubnis gegeben, die Fähre zu räumen.", "hat … Erlaubnis gegeben"),
    ],
)
def test_orders_and_permissions_with_what_they_say(text: str, cue: str) -> None:
    (a,) = run(text)
    assert (a.form, a.stance, joined(text, a.cue)) == ("Indirect", "demand", cue)
    assert joined(text, a.content) == "die Fähre zu räumen"


def test_an_order_without_what_it_says_is_no_report() -> None:
    assert run("Die Reederei gab den Auftrag für eine neue Fähre.") == []


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("Die Fähre ist aus Sicht der Lotsen zu schwer.", "aus", "Sicht der Lotsen"),
        ("Die Fähre ist Gerüchten zu Folge zu schwer.", "zu Folge", "Gerüchten"),
    ],
)
def test_views_and_the_postposition_spelt_apart(text: str, cue: str, source: str) -> None:
    (a,) = run(text)
    assert (a.rule, joined(text, a.cue), joined(text, a.source)) == ("according", cue, source)


@pytest.mark.parametrize(
    "text", ["Die Fähre ist aus Stahl gebaut.", "Die Fähre fuhr in der dritten Folge vor."]
)
def test_aus_and_folge_without_a_view_are_no_according(text: str) -> None:
    assert all(a.rule != "according" for a in run(text))


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Aus dem Fahrplan geht hervor, dass die Fähre ausfällt.",
            "dem Fahrplan",
            "dass die Fähre ausfällt",
        ),
        (
            "Die Fähre fällt aus, wie aus dem Fahrplan der Reederei hervorgeht.",
            "dem Fahrplan der Reederei",
            "Die Fähre fällt aus",
        ),
    ],
)
def test_the_document_a_statement_comes_from_is_its_source(
    text: str, source: str, content: str
) -> None:
    (a,) = run(text)
    assert (joined(text, a.source), joined(text, a.content)) == (source, content)


def test_hervorgehen_without_a_content_clause_is_no_statement() -> None:
    assert run("Die Reederei ging aus einem Fährverein hervor.") == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Später stellte sich heraus, dass die Fähre ausfällt.", "stellte sich heraus"),
        ("Wie sich aus dem Fahrplan ergab, fällt die Fähre aus.", "Wie sich … ergab"),
    ],
)
def test_the_sich_of_a_reflexive_cue_is_part_of_it(text: str, cue: str) -> None:
    (a,) = run(text)
    assert joined(text, a.cue) == cue


def test_a_sich_of_another_verb_is_no_part_of_the_cue() -> None:
    text = "Die Reederei, die sich verkalkuliert hatte, teilte mit, dass die Fähre ausfällt."
    found = of_form(text, "Indirect")
    assert found and "sich" not in joined(text, found[0].cue)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Die Lotsen sagten für Montag schwere Stürme voraus.", "sagten … voraus"),
        ("Die Reederei bezifferte den Schaden auf zwei Millionen Euro.", "bezifferte"),
    ],
)
def test_forecasts_and_figures_are_reported_statements(text: str, cue: str) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.cue)) == ("Reported", cue)


def test_voraus_of_a_verb_that_is_no_cue_makes_no_statement() -> None:
    assert run("Das Lotsenboot fuhr der Fähre voraus.") == []


def test_a_closing_parenthesis_stays_on_the_source() -> None:
    text = "Die frühere Senatorin, Anna Keller (SPD), warnte vor einem „teuren Neubau“."
    (a,) = run(text)
    assert joined(text, a.source) == "Die frühere Senatorin, Anna Keller (SPD)"


def test_a_subject_before_a_stray_comma_is_no_statement() -> None:
    text = "Der Bürgermeister Jens Borg (SPD), hat seinen Rücktritt verkündet."
    (a,) = run(text)
    assert (a.form, joined(text, a.source)) == ("Reported", "Der Bürgermeister Jens Borg (SPD)")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Nach Angaben örtlicher Behörden ist die Brücke gesperrt.", "Angaben örtlicher Behörden"),
        (
            "Wie die Bundesagentur für Seefahrt mitteilte, ist die Brücke gesperrt.",
            "die Bundesagentur für Seefahrt",
        ),
    ],
)
def test_genitives_without_article_and_fuer_phrases_go_on_the_source(
    text: str, source: str
) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


def test_an_adjective_after_the_source_that_ends_no_noun_is_no_genitive() -> None:
    text = "Nach Angaben der Polizei war die Brücke früher gesperrt."
    (a,) = run(text)
    assert joined(text, a.source) == "Angaben der Polizei"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Wie die Zeitung in ihrer Onlineausgabe berichtet, ist die Brücke zu.",
            "die Zeitung in ihrer Onlineausgabe",
        ),
        ("Wie die Polizei am Montag mitteilte, ist die Brücke zu.", "die Polizei"),
    ],
)
def test_a_phrase_filling_a_wie_clause_goes_on_the_source(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Die Pläne der Stadt, die er kennt, lehnt er ab: „Das ist zu teuer.“", "er"),
        ("Ende Januar 2024 verkündete der Fährverband, dass er klagen werde.", "der Fährverband"),
        ("Zugeschaltet war ein Fährmann, der alle Gäste aufforderte, an Land zu gehen.", "der"),
        ("Das ist die Brücke, die Anna Keller gesperrt hatte, sagte Jens Borg.", "Jens Borg"),
    ],
)
def test_subjects_after_objects_times_and_relative_pronouns(text: str, source: str) -> None:
    found = [a for a in run(text) if a.rule != "noun_content"]
    assert [joined(text, a.source) for a in found] == [source]


def test_a_name_after_a_relative_pronoun_is_its_clauses_subject() -> None:
    text = "Es gab einen Bericht, den Anna Keller bestätigte, dass die Brücke hält."
    assert all(joined(text, a.source) != "den" for a in run(text))


@pytest.mark.parametrize("verb", ["befänden", "lägen", "stünden"])
def test_konjunktiv_ii_of_strong_verbs_continues_a_statement(verb: str) -> None:
    text = f"Die Stadt warnt vor weiteren Sperrungen. Die Brücken {verb} sich nahe am Einsturz."
    found = of_rule(text, "free_indirect")
    assert [joined(text, a.source) for a in found] == ["Die Stadt"]


@pytest.mark.parametrize("verb", ["führen", "zählen", "wählen"])
def test_an_infinitive_with_an_umlaut_is_no_konjunktiv(verb: str) -> None:
    text = f"Die Stadt warnt vor weiteren Sperrungen. Die Brücken {verb} nach Kiel."
    assert of_rule(text, "free_indirect") == []


def test_a_cue_verb_in_konjunktiv_continues_the_statement_before() -> None:
    text = (
        "Die Staatsanwaltschaft gibt an, der Fährmann werde belastet. "
        "Dieser behaupte, der Fährmann sei betrunken gewesen."
    )
    found = of_rule(text, "free_indirect")
    assert [joined(text, a.source) for a in found] == ["Die Staatsanwaltschaft"]


def test_a_cue_verb_in_the_indicative_continues_nothing() -> None:
    text = (
        "Die Staatsanwaltschaft gibt an, der Fährmann werde belastet. "
        "Dieser behauptet, der Fährmann sei betrunken gewesen."
    )
    assert of_rule(text, "free_indirect") == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Aus Kiel hieß es, die Brücke bleibe gesperrt.", "Kiel"),
        ("Bei der Agentur Nordpress hieß es, die Brücke bleibe gesperrt.", "der Agentur Nordpress"),
        (
            "Auch der Fährmann Jens Borg sprach sich gegen die Brücke aus und sagte, sie sei alt.",
            "der Fährmann Jens Borg",
        ),
        ("Im Januar legte er sein Amt nieder und verkündete, die Brücke sei zu teuer.", "er"),
        ("Wie „nordblog.de“ berichtet, bleibt die Brücke gesperrt.", "„nordblog.de“"),
        ("Die Fährfrau will auch glauben, dass die Brücke gesperrt bleibt.", "Die Fährfrau"),
    ],
)
def test_more_subjects_of_cues(text: str, source: str) -> None:
    (a,) = [a for a in run(text) if a.form != "Direct"]
    assert joined(text, a.source) == source


def test_a_prepositional_phrase_first_and_es_after_the_verb_names_no_speaker() -> None:
    text = "Im Januar regnete es stark: „Wer so plant, baut keine Brücken.“"
    assert run(text) == []


def test_the_reportative_modal_right_after_a_statement_continues_it() -> None:
    text = (
        "Die Staatsanwaltschaft wirft dem Fährmann Betrug vor. "
        "Er soll im Mai drei Fahrgäste ohne Fahrschein übergesetzt haben."
    )
    found = of_rule(text, "free_indirect")
    assert [(a.form, joined(text, a.source)) for a in found] == [
        ("FreeIndirect", "Die Staatsanwaltschaft")
    ]


def test_the_reportative_modal_after_narration_is_the_narrators() -> None:
    text = (
        "Die Staatsanwaltschaft wirft dem Fährmann Betrug vor. Die Fähre liegt im Hafen. "
        "Sie soll im Mai verkauft werden."
    )
    assert of_rule(text, "free_indirect") == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Jens Borg, der Sprecher der Fährgilde teilte am Freitag mit, dass die Brücke hält.",
            "Jens Borg, der Sprecher der Fährgilde",
        ),
        (
            "Nach Angaben des Seeamts in Kiel fahren heute keine Fähren.",
            "Angaben des Seeamts in Kiel",
        ),
        ("Nach Angaben des Seeamts fahren in Kiel heute keine Fähren.", "Angaben des Seeamts"),
    ],
)
def test_appositions_without_closing_comma_and_vorfeld_attachments(text: str, source: str) -> None:
    (a,) = run(text)
    assert joined(text, a.source) == source


# Sixth pass (invented statements)


@pytest.mark.parametrize(
    "text",
    [
        "Zu dem Brand am Hafen äußerte sich die Reederei Albrecht nicht.",
        "Die Namen der Verletzten hat die Feuerwehr von Kleinau nicht genannt.",
        "Der Bürgermeister Tom Wendler nannte keine Einzelheiten.",
    ],
)
def test_a_negated_speech_act_is_no_reported_statement(text: str) -> None:
    assert of_form(text, "Reported") == []


@pytest.mark.parametrize(
    "text",
    [
        "Der Bürgermeister Tom Wendler bemängelte nicht nur die Reederei Albrecht.",
        "Der Bürgermeister Tom Wendler bemängelte nicht ausgezahlte Löhne der Reederei.",
    ],
)
def test_nicht_nur_and_a_negated_adjective_leave_the_report(text: str) -> None:
    assert [a.form for a in run(text)] == ["Reported"]


def test_a_negated_confirmation_stays_a_statement() -> None:
    (a,) = run("Die Reederei Albrecht hat den Brand am Hafen nicht bestätigt.")
    assert (a.form, a.stance) == ("Reported", "unconfirmed")


def test_a_negated_cue_before_a_content_clause_makes_no_statement() -> None:
    text = "Ein Sprecher der Reederei Albrecht wollte nicht sagen, ob die Fähre ausfällt."
    assert of_form(text, "Indirect") == []


@pytest.mark.parametrize(
    "text",
    [
        "Ein Sprecher der Reederei Albrecht schloss nicht aus, dass die Fähre ausfällt.",
        "Ein Sprecher der Reederei Albrecht sagte, dass die Fähre nicht ausfällt.",
    ],
)
def test_a_negation_in_the_cue_phrase_or_the_content_leaves_the_statement(text: str) -> None:
    assert [a.form for a in run(text)] == ["Indirect"]


@pytest.mark.parametrize(
    "text",
    [
        "Die Reederei Albrecht bestätigte Ausfälle in Kleinau, Wendhusen und Marlow.",
        "Besorgt äußerte sich auch der Vorsitzende des Fährvereins, Tom Wendler, zu den Ausfällen.",
    ],
)
def test_a_list_or_an_apposition_after_the_cue_is_no_content(text: str) -> None:
    assert of_form(text, "Indirect") == []


def test_a_clause_after_the_cue_without_dass_is_content() -> None:
    text = "Die Reederei Albrecht teilte mit, die Fähre fällt aus."
    (a,) = run(text)
    assert (a.form, joined(text, a.content)) == ("Indirect", "die Fähre fällt aus")


@pytest.mark.parametrize(
    "text",
    [
        "Das geht aus einer Mitteilung der Reederei Albrecht hervor, die am Montag erschien.",
        "Die Reederei Albrecht nannte einen Grund, über den man lange stritt.",
    ],
)
def test_a_relative_clause_on_the_cues_object_is_no_content(text: str) -> None:
    assert of_form(text, "Indirect") == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Die Reederei Albrecht gab am Montag bekannt, die Fähre falle aus.",
            "die Fähre falle aus",
        ),
        (
            "Die Reederei Albrecht erklärte, für die Fähre gebe es keinen Ersatz.",
            "für die Fähre gebe es keinen Ersatz",
        ),
    ],
)
def test_an_article_after_the_cues_comma_opens_content(text: str, content: str) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.content)) == ("Indirect", content)


@pytest.mark.parametrize(
    "text",
    [
        "Die Reederei Albrecht stellte am Montag ihren Bericht vor. Danach kam es zu einem Feuer.",
        "Die Reederei Albrecht stellte am Montag ihren Bericht vor. Danach wurde Tom Wendler Chef.",
    ],
)
def test_danach_before_a_verb_of_narration_is_time(text: str) -> None:
    assert of_rule(text, "according") == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Reederei Albrecht stellte am Montag ihren Bericht vor. Danach fällt die Fähre aus.",
        "Die Reederei Albrecht stellte am Montag ihren Bericht vor. Danach sei die Fähre defekt.",
    ],
)
def test_danach_before_the_present_or_konjunktiv_takes_up_the_report(text: str) -> None:
    assert [a.rule for a in run(text)] == ["according"]


@pytest.mark.parametrize(
    "text",
    [
        "Das Unwetter über Kleinau forderte zwölf Todesopfer.",
        "Die Mannschaft aus Kleinau bestreitet am Samstag ihr zweites Gruppenspiel.",
        "Die Aktie der Reederei Albrecht notierte am Freitag bei 20 Euro.",
    ],
)
def test_a_cue_verb_with_a_noun_of_another_reading_is_no_statement(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Die Reederei Albrecht forderte eine Entschädigung.",
        "Die Reederei Albrecht bestreitet die Vorwürfe.",
    ],
)
def test_the_same_verbs_with_a_demand_or_a_claim_are_reported(text: str) -> None:
    assert [a.form for a in run(text)] == ["Reported"]


@pytest.mark.parametrize(
    "text",
    [
        "Erst nach langen Ermittlungen der Polizei kam der Fall vor Gericht.",
        "Kurz nach der Meldung der Reederei stiegen die Kurse.",
    ],
)
def test_nach_after_a_word_of_time_names_no_source(text: str) -> None:
    assert run(text) == []


def test_nach_angaben_with_a_later_kurz_nach_keeps_its_source() -> None:
    text = "Nach Angaben der Reederei kam es kurz nach Mitternacht zu einem Feuer."
    (a,) = run(text)
    assert (a.rule, joined(text, a.source)) == ("according", "Angaben der Reederei")


def test_a_naming_verb_in_a_wie_clause_gives_a_name() -> None:
    assert run("Tom Wendler, wie er in Kleinau genannt wird, ist tot.") == []


def test_a_speech_verb_in_a_wie_clause_reports_the_main_clause() -> None:
    text = "Wie die Reederei Albrecht am Montag mitteilte, fällt die Fähre aus."
    (a,) = run(text)
    assert (a.form, joined(text, a.content)) == ("Indirect", "fällt die Fähre aus")


# --- sixth pass (quotes) ---------------------------------------------------------------


def test_each_later_quote_object_of_a_cue_is_a_nested_statement_of_its_own() -> None:
    text = (
        "Die Kapitänin nannte den Lotsen einen „treuen Gefährten“ und einen „Meister der Gezeiten“."
    )
    direct = of_form(text, "Direct")
    assert [(joined(text, a.content), a.nested) for a in direct] == [
        ("„treuen Gefährten“ … „Meister der Gezeiten“", False),
        ("„Meister der Gezeiten“", True),
    ]
    assert all(joined(text, a.source) == "Die Kapitänin" for a in direct)


def test_a_single_quote_object_of_a_cue_stays_one_statement() -> None:
    text = "Die Kapitänin nannte den Lotsen einen „treuen Gefährten der Gezeiten“."
    direct = of_form(text, "Direct")
    assert [joined(text, a.content) for a in direct] == ["„treuen Gefährten der Gezeiten“"]


@pytest.mark.parametrize(
    ("text", "outlet", "cited"),
    [
        (
            "„Die Fähre fährt ab Montag wieder“, zitiert die „Küstenpost“ Anna Keller.",
            "die „Küstenpost“",
            "Anna Keller",
        ),
        (
            "Der Inselfunk zitierte Anna Keller mit den Worten: „Die Fähre fährt wieder.“",
            "Der Inselfunk",
            "Anna Keller",
        ),
    ],
)
def test_a_quote_an_outlet_cites_is_also_the_cited_persons(
    text: str, outlet: str, cited: str
) -> None:
    direct = of_form(text, "Direct")
    assert sorted(joined(text, a.source) for a in direct) == sorted([outlet, cited])
    assert len({a.content for a in direct}) == 1


@pytest.mark.parametrize(
    "text",
    [
        "„Die Fähre fährt ab Montag wieder“, zitiert die „Küstenpost“.",
        "„Die Fähre fährt ab Montag wieder“, wird Anna Keller von der „Küstenpost“ zitiert.",
    ],
)
def test_a_quote_an_outlet_cites_without_a_second_name_has_one_speaker(text: str) -> None:
    direct = of_form(text, "Direct")
    assert len(direct) == 1


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Der Bürgermeister würdigte den Fährmann als „guten Geist der Insel“.",
            "würdigte … als",
            "„guten Geist der Insel“",
        ),
        (
            "Die Inselärztin konstatierte eine „wachsende Müdigkeit der Lotsen“.",
            "konstatierte",
            "„wachsende Müdigkeit der Lotsen“",
        ),
    ],
)
def test_a_quote_as_object_of_a_verb_of_judging_is_a_direct_statement(
    text: str, cue: str, content: str
) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.cue), joined(text, a.content)) == ("Direct", cue, content)


@pytest.mark.parametrize(
    "text",
    [
        "Der Bürgermeister würdigte die Verdienste des Fährmanns.",
        "Der Bürgermeister würdigte den Fährmann als „Inselgeist“.",
    ],
)
def test_a_verb_of_judging_without_a_quote_of_two_words_is_no_statement(text: str) -> None:
    assert run(text) == []


def test_a_quote_sentence_after_a_continuation_goes_on_with_its_speaker() -> None:
    text = (
        "Die Reederei teilte mit, die Fähre falle aus. Der Sturm sei zu stark. "
        "„Wir warten ab, bis der Wind nachlässt.“"
    )
    direct = of_form(text, "Direct")
    assert [(a.rule, joined(text, a.source), joined(text, a.content)) for a in direct] == [
        ("quote_continued", "Die Reederei", "„Wir warten ab, bis der Wind nachlässt.“")
    ]


def test_a_quote_sentence_after_narration_goes_on_with_nobody() -> None:
    text = (
        "Die Reederei teilte mit, die Fähre falle aus. Der Sturm sei zu stark. "
        "Am Hafen regnete es den ganzen Tag. „Wir warten ab, bis der Wind nachlässt.“"
    )
    assert of_form(text, "Direct") == []


def test_a_speaker_and_a_topic_phrase_before_a_colon_speak_the_quote() -> None:
    text = "Hafenmeisterin Anna Keller zur neuen Fähre: „Wir sind froh, dass sie endlich fährt.“"
    (a,) = run(text)
    assert (a.rule, joined(text, a.source)) == ("quote_colon_source", "Hafenmeisterin Anna Keller")


def test_a_topic_phrase_alone_before_a_colon_names_no_speaker() -> None:
    text = "Zur neuen Fähre: „Wir sind froh, dass sie endlich fährt.“"
    assert [a for a in run(text) if a.source] == []


def test_a_form_of_an_ieren_cue_the_dictionary_lacks_is_still_a_cue() -> None:
    text = "In ihrem Bericht resümiert die Hafenmeisterin: „Die Saison war gut für die Insel.“"
    (a,) = run(text)
    assert (a.rule, joined(text, a.cue), joined(text, a.source)) == (
        "quote_cue_before",
        "resümiert",
        "die Hafenmeisterin",
    )


def test_a_form_of_an_ieren_verb_that_is_no_cue_stays_none() -> None:
    text = "Die Hafenmeisterin hat die Fähre repariert. Sie fährt ab Montag wieder."
    assert all("repariert" not in joined(text, a.cue) for a in run(text))


# Seventh pass (Reported statements): conditions under which a bare cue verb reports nothing.


def test_a_bare_cue_verb_in_a_sentence_of_its_own_is_a_reported_statement() -> None:
    text = "Die Hafenmeisterin Anna Keller bemängelte den Fahrplan der Reederei scharf."
    (a,) = run(text)
    assert (a.rule, a.form, joined(text, a.source)) == (
        "verb_reported",
        "Reported",
        "Die Hafenmeisterin Anna Keller",
    )


def test_a_bare_cue_verb_in_a_sentence_ending_in_a_colon_reports_nothing_itself() -> None:
    text = "Die Hafenmeisterin Anna Keller bemängelte den Fahrplan der Reederei scharf:"
    assert of_rule(text, "verb_reported") == []


def test_a_naming_verb_with_a_named_subject_is_a_reported_statement() -> None:
    text = "Den neuen Fahrplan bezeichnete die Hafenmeisterin Anna Keller als Zumutung."
    (a,) = run(text)
    assert (a.rule, joined(text, a.source)) == ("verb_reported", "die Hafenmeisterin Anna Keller")


def test_a_naming_verb_with_the_generic_man_defines_a_word() -> None:
    text = "Als Fährgeld bezeichnet man den Lohn, den die Fährleute auf der Insel bekamen."
    assert of_rule(text, "verb_reported") == []


def test_criticism_in_the_passive_with_its_agent_is_a_reported_statement() -> None:
    text = "Der neue Fahrplan wurde von der Hafenmeisterin Anna Keller scharf kritisiert."
    (a,) = run(text)
    assert (a.rule, joined(text, a.source)) == ("verb_reported", "der Hafenmeisterin Anna Keller")


def test_bare_criticism_in_the_active_is_no_reported_statement() -> None:
    text = "Die Hafenmeisterin Anna Keller kritisierte den neuen Fahrplan der Reederei."
    assert of_rule(text, "verb_reported") == []


def test_a_confirmation_with_a_noun_object_is_a_reported_statement() -> None:
    text = "Die Fähre fällt aus. Die Reederei Albrecht bestätigte den Ausfall der Fähre."
    assert [(a.rule, joined(text, a.source)) for a in run(text)] == [
        ("verb_reported", "Die Reederei Albrecht")
    ]


def test_a_confirmation_of_a_demonstrative_alone_takes_up_and_reports_nothing() -> None:
    text = "Die Fähre fällt aus. Die Reederei Albrecht bestätigte dies."
    assert of_rule(text, "verb_reported") == []


def test_an_assumption_named_by_its_von_object_is_a_reported_statement() -> None:
    text = "Die Wasserschutzpolizei geht bei dem Fährunglück von einem Bedienfehler aus."
    (a,) = run(text)
    assert (a.rule, a.form, joined(text, a.source)) == (
        "verb_reported",
        "Reported",
        "Die Wasserschutzpolizei",
    )


@pytest.mark.parametrize(
    "text",
    [
        # no "von": going out, no view
        "Die Hafenmeisterin Anna Keller geht am Abend mit ihren Kollegen aus.",
        # the comma clause belongs to the noun, the view is no Indirect statement
        "Die Wasserschutzpolizei geht von einem Bedienfehler aus, der nachts geschah.",
    ],
)
def test_going_out_or_a_relative_clause_makes_no_indirect_view(text: str) -> None:
    assert of_form(text, "Indirect") == []
    assert all(a.rule == "verb_reported" for a in run(text))


def test_a_reference_to_what_matters_is_a_reported_statement() -> None:
    text = "Der Sprecher der Reederei Albrecht verwies auf das schlechte Wetter am Hafen."
    (a,) = run(text)
    assert (a.rule, joined(text, a.source)) == (
        "verb_reported",
        "Der Sprecher der Reederei Albrecht",
    )


def test_referring_someone_on_without_auf_is_no_reported_statement() -> None:
    text = "Der Sprecher der Reederei Albrecht verwies die Fahrgäste an das Fundbüro."
    assert of_rule(text, "verb_reported") == []


def test_a_naming_participle_with_its_auxiliary_is_a_reported_statement() -> None:
    text = "Den Fahrplan hatte die Hafenmeisterin Anna Keller am Montag einen Fehler genannt."
    (a,) = run(text)
    assert (a.rule, joined(text, a.source)) == ("verb_reported", "die Hafenmeisterin Anna Keller")


def test_a_naming_participle_in_an_apposition_gives_another_name() -> None:
    text = "Das Fieber, auch Inselfieber genannt, breitet sich auf den Halligen aus."
    assert of_rule(text, "verb_reported") == []


def test_a_denial_of_accusations_is_a_reported_statement() -> None:
    text = "Die Reederei Albrecht wies die Vorwürfe der Hafenmeisterin am Montag zurück."
    (a,) = run(text)
    assert (a.rule, a.stance, joined(text, a.source)) == (
        "verb_reported",
        "deny",
        "Die Reederei Albrecht",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Das Landgericht Kleinau wies die Klage der Reederei Albrecht am Montag zurück.",
        "Das Landgericht Kleinau verkündete am Montag das Urteil gegen die Reederei.",
        "Der Vorsitzende des Fährvereins, Tom Wendler, erklärte am Abend seinen Rücktritt.",
    ],
)
def test_an_institutional_decision_is_no_reported_statement(text: str) -> None:
    assert of_rule(text, "verb_reported") == []


def test_an_explanation_of_something_is_a_reported_statement() -> None:
    text = "Am Abend erklärte die Hafenmeisterin Anna Keller den Fahrgästen die Verspätung."
    assert [(a.rule, joined(text, a.source)) for a in run(text)] == [
        ("verb_reported", "die Hafenmeisterin Anna Keller")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Das Landgericht Kleinau erklärte die Satzung des Fährvereins für nichtig.",
        "Der Fährverein erklärte den Kapitän Tom Wendler zum Ehrenmitglied.",
    ],
)
def test_declaring_something_to_be_so_is_no_reported_statement(text: str) -> None:
    assert of_rule(text, "verb_reported") == []


def test_an_announcement_of_a_named_event_is_a_reported_statement() -> None:
    text = "Die Reederei Albrecht gab am Montag die Einstellung der Fährlinie bekannt."
    (a,) = run(text)
    assert (a.rule, joined(text, a.source)) == ("verb_reported", "Die Reederei Albrecht")


def test_an_announcement_of_mere_details_is_no_reported_statement() -> None:
    text = "Die Reederei Albrecht gab am Montag nähere Einzelheiten zur Fährlinie bekannt."
    assert of_rule(text, "verb_reported") == []


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Die Reederei Albrecht warnte am Montag vor dem Sturm.", "warn"),
        # negated under a modal: the confirmation that did not come is still a statement
        ("Den Ausfall konnte die Reederei Albrecht am Montag nicht bestätigen.", "unconfirmed"),
    ],
)
def test_a_bare_act_that_took_place_is_a_reported_statement(text: str, stance: str) -> None:
    (a,) = run(text)
    assert (a.rule, a.stance, joined(text, a.source).lower()) == (
        "verb_reported",
        stance,
        "die reederei albrecht",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Die neue Anlage soll die Fährleute vor dem Sturm warnen.",
        "Am Montag will die Reederei Albrecht den Ausfall bestätigen.",
    ],
)
def test_a_bare_act_under_a_modal_is_no_reported_statement(text: str) -> None:
    assert of_rule(text, "verb_reported") == []


def test_an_adverbial_phrase_in_the_vorfeld_is_no_source() -> None:
    text = "Des Weiteren verwies Jens Borg darauf, dass die Brücke marode sei."
    (a,) = run(text)
    assert joined(text, a.source) == "Jens Borg"


def test_a_genitive_subject_is_no_adverbial_phrase() -> None:
    text = "Des Fährmanns Sohn verwies darauf, dass die Brücke marode sei."
    (a,) = run(text)
    assert joined(text, a.source) == "Des Fährmanns Sohn"


@pytest.mark.parametrize("subject", ["Die Kriminalpolizei", "Analysten", "Das Landgericht"])
def test_public_bodies_and_roles_can_speak_as_narration_subjects(subject: str) -> None:
    text = f"{subject} bittet um Mithilfe. Der Fährmann sei etwa 40 Jahre alt."
    found = of_rule(text, "free_indirect")
    assert [joined(text, a.source) for a in found] == [subject]


def test_an_auxiliary_before_an_apposition_belongs_to_the_participle() -> None:
    text = "Erst gestern hatte der Chef der Werft, Jens Borg, zugesagt, die Fähre zu reparieren."
    (a,) = run(text)
    assert (joined(text, a.cue), joined(text, a.source)) == (
        "hatte … zugesagt",
        "der Chef der Werft, Jens Borg",
    )


def test_an_auxiliary_before_a_clause_is_no_cue_word() -> None:
    text = "Die Brücke war gesperrt, weil es regnete, erklärt, hieß es später."
    assert all("war" not in joined(text, a.cue) for a in run(text))


def test_es_with_an_active_cue_verb_is_a_source() -> None:
    text = "Das Landgericht tagte. Es wies den Vorwurf zurück, die Brücke sei zu teuer."
    found = of_rule(text, "verb_content_after")
    assert [joined(text, a.source) for a in found] == ["Es"]


@pytest.mark.parametrize(
    "text", ["Es wird erwartet, dass die Brücke hält.", "Es hieß, die Brücke halte."]
)
def test_impersonal_es_is_no_source(text: str) -> None:
    assert all(a.source == () for a in run(text))


@pytest.mark.parametrize("pronoun", ["Einige", "Viele", "Manche"])
def test_a_quantifier_alone_in_the_vorfeld_is_the_subject(pronoun: str) -> None:
    text = f"{pronoun} vertreten die Auffassung, die Brücke sei zu teuer."
    (a,) = run(text)
    assert joined(text, a.source) == pronoun


def test_adjectives_go_on_after_a_genitive_article() -> None:
    text = "Die Brücke ist nach Angaben der örtlichen staatlichen Agentur Nordpress gesperrt."
    (a,) = run(text)
    assert joined(text, a.source) == "Angaben der örtlichen staatlichen Agentur Nordpress"


def test_the_participle_of_a_strong_verb_with_a_t_stem_is_a_cue() -> None:
    text = "Die Bürgermeisterin hat den Kegelverein gebeten, das Sommerfest zu verschieben."
    (a,) = run(text)
    assert (a.rule, joined(text, a.cue), joined(text, a.content)) == (
        "verb_content_after",
        "hat … gebeten",
        "das Sommerfest zu verschieben",
    )


def test_an_inflected_participle_before_a_noun_stays_no_cue() -> None:
    text = "Die gebetenen Gäste kamen pünktlich, die gewarnten Anwohner blieben zu Hause."
    assert run(text) == []


def test_a_present_participle_after_the_comma_opens_the_content() -> None:
    text = "Die Ärztin bat das Team im Januar, vorübergehend ohne sie weiterzuarbeiten."
    (a,) = run(text)
    assert (a.rule, joined(text, a.content)) == (
        "verb_content_after",
        "vorübergehend ohne sie weiterzuarbeiten",
    )


def test_a_finite_verb_after_the_comma_is_no_content() -> None:
    text = "Die Ärztin lobte das Team im Januar, ging dann aber allein weiter."
    assert [a.form for a in run(text)] == ["Reported"]


@pytest.mark.parametrize(
    "text",
    [
        "Die Hafenmeisterin bat den Fährverband, die Rampe bis Mai zu sanieren.",
        "Die Hafenmeisterin beschloss am Montag, die Rampe bis Mai zu sanieren.",
    ],
)
def test_an_article_clause_ending_in_a_zu_infinitive_after_an_addressee_or_a_time_is_content(
    text: str,
) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.content)) == ("Indirect", "die Rampe bis Mai zu sanieren")


@pytest.mark.parametrize(
    "text",
    [
        "Die Hafenmeisterin lobte den Plan, die Rampe bis Mai zu sanieren.",
        "Die Hafenmeisterin bemängelte die Rampe am Kai, die seit Jahren zu sanieren ist.",
    ],
)
def test_an_infinitive_on_a_noun_or_a_relative_clause_is_no_content(text: str) -> None:
    assert [a.form for a in run(text)] == ["Reported"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Die Fährgäste wurden vom Kapitän angewiesen, an Deck zu bleiben.",
            "wurden … angewiesen",
            "an Deck zu bleiben",
        ),
        (
            "Die Reederin hatte ihren Neffen beauftragt, die Fähre zu verkaufen.",
            "hatte … beauftragt",
            "die Fähre zu verkaufen",
        ),
        (
            "Das Amt ordnete an, dass die Fähre im Hafen bleibt.",
            "ordnete an",
            "dass die Fähre im Hafen bleibt",
        ),
    ],
)
def test_orders_and_advice_with_what_is_to_be_done_are_indirect(
    text: str, cue: str, content: str
) -> None:
    (a,) = run(text)
    assert (a.form, a.stance, joined(text, a.cue), joined(text, a.content)) == (
        "Indirect",
        "demand",
        cue,
        content,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Die Insel ist im Winter auf die Fähre angewiesen.",
        "Der Kapitän wurde vom Amt mit der Rettung beauftragt.",
        "Das Amt ordnete eine Untersuchung an.",
    ],
)
def test_orders_without_what_is_to_be_done_are_no_statement(text: str) -> None:
    assert run(text) == []


def test_an_agreement_with_what_was_agreed_is_indirect() -> None:
    text = "Die beiden Reedereien hatten vereinbart, die Preise im Winter gemeinsam zu senken."
    (a,) = run(text)
    assert (a.form, joined(text, a.cue), joined(text, a.content)) == (
        "Indirect",
        "hatten vereinbart",
        "die Preise im Winter gemeinsam zu senken",
    )


def test_an_agreement_without_a_content_clause_is_no_statement() -> None:
    assert run("Die beiden Reedereien vereinbarten ein Treffen im Mai.") == []


def test_a_view_shown_with_what_it_is_about_is_indirect() -> None:
    text = "Die Hafenmeisterin zeigte sich überzeugt, dass die Fähre im Mai wieder fährt."
    (a,) = run(text)
    assert (a.form, joined(text, a.cue), joined(text, a.content)) == (
        "Indirect",
        "zeigte sich überzeugt",
        "dass die Fähre im Mai wieder fährt",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Die Hafenmeisterin zeigte sich zufrieden.",
        "Die Hafenmeisterin zeigte sich am Fenster, als die Fähre einlief.",
        "Die Messungen zeigen, dass die Fähre zu schwer beladen ist.",
    ],
)
def test_zeigen_without_a_view_and_its_content_is_no_statement(text: str) -> None:
    assert run(text) == []


def test_a_quoted_name_in_the_cue_clause_comes_before_the_content() -> None:
    text = "Die Forscherin berichtete im Fachblatt „Insel Echo“, die Fähre sei zu schwer."
    indirect = of_form(text, "Indirect")
    assert [(joined(text, a.cue), joined(text, a.content)) for a in indirect] == [
        ("berichtete", "die Fähre sei zu schwer")
    ]


def test_a_quote_of_words_in_the_cue_clause_is_no_name() -> None:
    text = "Die Forscherin nannte die Fähre „viel zu schwer“, sie sei nie sicher gewesen."
    assert [a.form for a in run(text) if a.rule.startswith("verb_content")] == []


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Die Fähre sei zu schwer, so der Kapitän gegenüber der Zeitung „Insel Rundschau“.",
            "der Kapitän",
            "Die Fähre sei zu schwer",
        ),
        (
            "Ihr Rivale, so Keller weiter, würde die Fähre verkaufen.",
            "Keller",
            "Ihr Rivale … würde die Fähre verkaufen",
        ),
        (
            "Doch sei es, so der Kapitän in einem Blogeintrag, ein Fehler gewesen.",
            "der Kapitän",
            "Doch sei es … ein Fehler gewesen",
        ),
    ],
)
def test_a_so_clause_with_an_adverb_or_a_phrase_after_its_source(
    text: str, source: str, content: str
) -> None:
    (a,) = [a for a in run(text) if a.rule == "according"]
    assert (joined(text, a.cue), joined(text, a.source), joined(text, a.content)) == (
        "so",
        source,
        content,
    )


def test_a_so_clause_with_a_verb_after_its_noun_phrase_is_no_source() -> None:
    text = "Die Fähre war voll, so die Fahrgäste im Hafen am Kai lange warten mussten."
    assert [a for a in run(text) if a.rule == "according"] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Die Fischer protestierten, da sie befürchten, die Fähre könne bald ausfallen.",
            "die Fähre könne bald ausfallen",
        ),
        (
            "Dagegen steht die Aussage der Kapitänin, die sagte, man dürfe nicht aufgeben.",
            "man dürfe nicht aufgeben",
        ),
    ],
)
def test_a_cue_in_a_subordinate_clause_with_a_konjunktiv_clause_after_it(
    text: str, content: str
) -> None:
    (a,) = run(text)
    assert (a.rule, joined(text, a.content)) == ("verb_content_after", content)


def test_a_cue_in_a_subordinate_clause_before_an_indicative_main_clause_has_no_content() -> None:
    text = "Nachdem die Kapitänin gewarnt hatte, blieben die Fähren im Hafen."
    assert [a for a in run(text) if a.rule == "verb_content_after"] == []


def test_a_preposition_and_a_noun_opening_a_konjunktiv_clause_after_the_cue_are_content() -> None:
    text = "Anna Keller sagte zur „Insel Rundschau“, nach dem Spiel hätten alle gejubelt."
    indirect = [a for a in run(text) if a.form == "Indirect"]
    assert [joined(text, a.content) for a in indirect] == ["nach dem Spiel hätten alle gejubelt"]


def test_a_relative_clause_after_a_preposition_on_the_object_is_no_content() -> None:
    text = "Anna Keller kritisierte die Werft am Kai, in der die Fähre gebaut wurde."
    assert [a for a in run(text) if a.form == "Indirect"] == []


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            "Die Fähre fällt im Mai aus, das teilte die Reederei mit.",
            "teilte … mit",
            "die Reederei",
        ),
        ("Die Fähre fällt im Mai aus – das zumindest meint Anna Keller.", "meint", "Anna Keller"),
    ],
)
def test_a_demonstrative_after_a_comma_takes_up_the_clause_before(
    text: str, cue: str, source: str
) -> None:
    (a,) = run(text)
    assert (a.rule, joined(text, a.cue), joined(text, a.source), joined(text, a.content)) == (
        "verb_content_before",
        cue,
        source,
        "Die Fähre fällt im Mai aus",
    )


def test_a_relative_das_before_a_verb_final_cue_takes_up_nothing() -> None:
    text = "Die Reederin verkaufte das Schiff, das die Werft im Mai angeboten hatte."
    assert [a for a in run(text) if a.rule == "verb_content_before"] == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "Die Zeugin hat vor Gericht ausgesagt, dass die Fähre zu schnell fuhr.",
            "hat … ausgesagt",
        ),
        ("Die Reederei bedauerte, dass die Fähre zu schnell fuhr.", "bedauerte"),
    ],
)
def test_testimony_and_regret_with_what_they_say_are_indirect(text: str, cue: str) -> None:
    (a,) = run(text)
    assert (a.form, joined(text, a.cue), joined(text, a.content)) == (
        "Indirect",
        cue,
        "dass die Fähre zu schnell fuhr",
    )


def test_regret_without_a_content_clause_is_no_statement() -> None:
    assert run("Die Reederei bedauerte den Ausfall der Fähre am Montag.") == []
