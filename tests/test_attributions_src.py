"""Source spans of German statements: the pieces of a speaker's noun phrase that the rules
cut off or take in beyond it (helper session "src"), on invented sentences."""

from __future__ import annotations

import pytest

from storytrace.annotate.attributions import find_attributions
from storytrace.annotate.entities import find_mentions
from storytrace.model import Sentence, Span
from test_attributions import joined, run


def sources(text: str) -> list[str]:
    return [joined(text, a.source) for a in run(text)]


# (text, expected source)
ABBREVIATION = [
    # a parenthesis holding one all-capitals word after the source abbreviates its name
    (
        "Bereits im Mai kündigte der Verband der Obstbauern (VDO) eine Klage an.",
        "der Verband der Obstbauern (VDO)",
    ),
    (
        "Am Montag teilte die Stiftung Wasserwacht (SWW) mit, die Seen seien verschmutzt.",
        "die Stiftung Wasserwacht (SWW)",
    ),
]

NO_ABBREVIATION = [
    # a place or any other word in the parenthesis is no abbreviation of the name
    ("Bereits im Mai kündigte der Verband der Obstbauern (Tirol) eine Klage an.", "(Tirol)"),
    ("Bereits im Mai kündigte der Verband der Obstbauern (seit 1990) eine Klage an.", "1990"),
]


@pytest.mark.parametrize(("text", "source"), ABBREVIATION)
def test_abbreviation_goes_on_source(text: str, source: str) -> None:
    assert source in sources(text)


@pytest.mark.parametrize(("text", "word"), NO_ABBREVIATION)
def test_other_parenthesis_stays_off_source(text: str, word: str) -> None:
    found = sources(text)
    assert found and not any(word in s for s in found)


APPOSITION_BEFORE_VERB = [
    # an apposition between commas that ends in a noun goes on the source, even when the
    # noun phrase rules cannot close it ("hinter dem Bauamt")
    (
        "Anna Keller, die Leiterin hinter dem Bauamt, kündigte an, die Brücke werde bald fertig.",
        "Anna Keller, die Leiterin hinter dem Bauamt",
    ),
    (
        "Jonas Brandt, der Sprecher des Vereins ohne eigenes Büro, erklärte, der Umzug sei teuer.",
        "Jonas Brandt, der Sprecher des Vereins ohne eigenes Büro",
    ),
]

RELATIVE_BEFORE_VERB = [
    # a relative clause ends in its verb: SpkAtt's source is the name alone
    "Anna Keller, die das Bauamt seit Jahren leitet, kündigte an, die Brücke werde bald fertig.",
    "Jonas Brandt, der dem Verein vorsteht, erklärte, der Umzug sei teuer.",
]


@pytest.mark.parametrize(("text", "source"), APPOSITION_BEFORE_VERB)
def test_apposition_ending_in_noun_goes_on_source(text: str, source: str) -> None:
    assert source in sources(text)


@pytest.mark.parametrize("text", RELATIVE_BEFORE_VERB)
def test_relative_clause_stays_off_source(text: str) -> None:
    assert sources(text) and all("," not in s for s in sources(text))


APPOSITION_AFTER_SUBJECT = [
    # a subject after its verb, then an apposition up to a comma, colon or the sentence end
    (
        "„Die Brücke hält“, sagte Hugo Brandt, Leiter der Prüfer, die sie im Mai besucht hatten.",
        "Hugo Brandt, Leiter der Prüfer",
    ),
    (
        "Dazu sagte Jonas Weber, der Geschäftsführer der Firma: „Wir bleiben hier.“",
        "Jonas Weber, der Geschäftsführer der Firma",
    ),
    (
        "Die Brücke sei sicher, wird Anna Keller, Sprecherin des Bauamts, zitiert.",
        "Anna Keller, Sprecherin des Bauamts",
    ),
]

NO_APPOSITION_AFTER_SUBJECT = [
    # what follows the comma is the statement
    ("Am Montag sagte Jonas Weber, die Firma bleibe in der Stadt.", "Jonas Weber"),
    (
        "Am Montag erklärte Anna Keller, der Umbau des Bauamts, der teuer sei, beginne bald.",
        "Anna Keller",
    ),
]


@pytest.mark.parametrize(("text", "source"), APPOSITION_AFTER_SUBJECT)
def test_apposition_after_subject_goes_on_source(text: str, source: str) -> None:
    assert source in sources(text)


@pytest.mark.parametrize(("text", "source"), NO_APPOSITION_AFTER_SUBJECT)
def test_statement_after_subject_stays_off_source(text: str, source: str) -> None:
    assert sources(text) == [source]


CLAUSE_BETWEEN_SUBJECT_AND_CUE = [
    # a clause that opens with its verb ends the appositions: "…, wollte sich …, sagte aber"
    (
        "Anna Keller, Leiterin des Bauamts, wollte sich nicht festlegen, sagte aber, "
        "die Brücke werde bald fertig.",
        "Anna Keller, Leiterin des Bauamts",
    ),
    (
        "Anna Keller, die Leiterin hinter dem Bauamt, wollte sich nicht festlegen, sagte aber, "
        "die Brücke werde bald fertig.",
        "Anna Keller, die Leiterin hinter dem Bauamt",
    ),
]


@pytest.mark.parametrize(("text", "source"), CLAUSE_BETWEEN_SUBJECT_AND_CUE)
def test_clause_ends_appositions(text: str, source: str) -> None:
    assert sources(text) == [source]


# "zu" goes on a name ("Karl-Theodor zu Guttenberg"), not between nouns
PARTICLE_ZU = [
    ("Laut Feuerwehr zu Spenden aufgerufen habe niemand.", "Feuerwehr"),
    ("Nach Angaben der Polizei zu Straftaten sei die Lage ruhig.", "Angaben der Polizei"),
]
PARTICLE_ZU_NAME = [
    (
        "Die Brücke sei sicher, sagte Friedrich-Wilhelm zu Quastenberg.",
        "Friedrich-Wilhelm zu Quastenberg",
    ),
]


@pytest.mark.parametrize(("text", "source"), PARTICLE_ZU)
def test_zu_between_nouns_stays_off_source(text: str, source: str) -> None:
    assert source in sources(text) and not any("zu" in s for s in sources(text))


@pytest.mark.parametrize(("text", "source"), PARTICLE_ZU_NAME)
def test_zu_in_name_goes_on_source(text: str, source: str) -> None:
    assert source in sources(text)


# after ", sagte X, apposition": when and where it was said stays off the source
APPOSITION_THEN_ADVERBIAL = [
    (
        "Die Brücke sei sicher, sagte Hugo Brandt, Leiter des Bauamts, am Montag.",
        "Hugo Brandt, Leiter des Bauamts",
    ),
    (
        "„Die Brücke hält“, sagte Hugo Brandt, Leiter des Bauamts, in Nürnberg.",
        "Hugo Brandt, Leiter des Bauamts",
    ),
]
APPOSITION_TO_SENTENCE_END = [
    (
        "Die Brücke sei sicher, sagte Hugo Brandt, der Leiter des Bauamts.",
        "Hugo Brandt, der Leiter des Bauamts",
    ),
]


@pytest.mark.parametrize(("text", "source"), APPOSITION_THEN_ADVERBIAL)
def test_adverbial_after_apposition_stays_off_source(text: str, source: str) -> None:
    assert sources(text) == [source]


@pytest.mark.parametrize(("text", "source"), APPOSITION_TO_SENTENCE_END)
def test_apposition_to_sentence_end_goes_on_source(text: str, source: str) -> None:
    assert sources(text) == [source]


# two common nouns in a row are two phrases; a title and a name are one
TWO_COMMON_NOUNS = [
    ("Außerdem fordern die Vereine Bürger dazu auf, die Wälder zu schützen.", "die Vereine"),
    ("Schuld an dem Stau waren laut Polizei Arbeiten an der Brücke.", "Polizei"),
    ("Auch die Förster verlieren Medienberichten zufolge ihre Stellen.", "Medienberichten"),
]
TITLE_AND_NAME = [
    (
        "Außerdem fordert die Umweltorganisation Greenpeace die Bürger dazu auf, "
        "die Wälder zu schützen.",
        "die Umweltorganisation Greenpeace",
    ),
    ("Laut Bürgermeister Keller wird die Brücke gebaut.", "Bürgermeister Keller"),
]


@pytest.mark.parametrize(("text", "source"), TWO_COMMON_NOUNS)
def test_two_common_nouns_are_two_phrases(text: str, source: str) -> None:
    assert sources(text) == [source]


@pytest.mark.parametrize(("text", "source"), TITLE_AND_NAME)
def test_title_and_name_are_one_phrase(text: str, source: str) -> None:
    assert sources(text) == [source]


def pretokenised_sources(words: str) -> list[str]:
    """Sources found in one sentence given as space-separated tokens (as SpkAtt gives
    them: "al-Hadath" stays one token, which the sentence splitter would split)."""
    spans, pos = [], 0
    for w in words.split(" "):
        spans.append(Span(pos, pos + len(w)))
        pos += len(w) + 1
    sentence = Sentence(Span(0, len(words)), tuple(spans))
    mentions = find_mentions(words, [sentence], "de")
    found = find_attributions(words, [sentence], "de", mentions)
    return [joined(words, a.source) for a in found]


# a lowercase Arabic article before a capital is part of the name
ARTICLE_IN_NAME = [
    ("Laut dem Sender al-Hadath ist die Brücke gesperrt .", "dem Sender al-Hadath"),
    (
        "Das Ministerium sei geschlossen , sagte der Ölminister Omar al-Sabah .",
        "der Ölminister Omar al-Sabah",
    ),
]
NO_ARTICLE_IN_NAME = [
    # a lowercase word before a hyphen and a lowercase rest is no name
    ("Laut dem Sender wird al-fresco gegessen .", "dem Sender"),
]


@pytest.mark.parametrize(("words", "source"), ARTICLE_IN_NAME + NO_ARTICLE_IN_NAME)
def test_arabic_article_in_name(words: str, source: str) -> None:
    assert pretokenised_sources(words) == [source]


# a name between commas after a subject that follows its verb is its apposition
NAME_AFTER_SUBJECT = [
    (
        "Am Montag erklärte der Direktor des Bauamts, Jonas Weber, die Brücke sei sicher.",
        "der Direktor des Bauamts, Jonas Weber",
    ),
    (
        "Am Montag erklärte der Direktor des Bauamts (BBA), Jonas Weber, die Brücke sei sicher.",
        "der Direktor des Bauamts (BBA), Jonas Weber",
    ),
    # the name is the content's subject: no comma after it
    (
        "Am Montag erklärte der Direktor des Bauamts, Jonas Weber habe die Brücke geprüft.",
        "der Direktor des Bauamts",
    ),
]


@pytest.mark.parametrize(("text", "source"), NAME_AFTER_SUBJECT)
def test_name_after_subject(text: str, source: str) -> None:
    assert sources(text) == [source]


# a quote that holds nothing but the source is a quoted name: its marks go on the source,
# and after the verb it is the subject
QUOTED_NAME = [
    ("„Tagesblatt Online“ berichtet, die Brücke sei gesperrt.", "„Tagesblatt Online“"),
    (
        "Die Brücke sei gesperrt, zitiert „Tagesblatt Online“ aus einer Mitteilung.",
        "„Tagesblatt Online“",
    ),
]


@pytest.mark.parametrize(("text", "source"), QUOTED_NAME)
def test_quoted_name_is_source(text: str, source: str) -> None:
    assert sources(text) == [source]


def test_quoted_name_after_naming_verb_is_no_source() -> None:
    text = "Die Stadt plant einen Standard, genannt „Brückenprofil Nord“, der neu sei."
    assert not any("Brückenprofil" in s for s in sources(text))


# a noun of what is said as the object of a main clause's verb: its subject holds the view
NOUN_OBJECT_OF_VERB = [
    ("Die Behörde hegt den Verdacht, der Bürgermeister habe Geld genommen.", "Die Behörde"),
    ("Der Bericht endet mit der Hoffnung, dass die Brücke bald fertig werde.", "Der Bericht"),
]
NOUN_SUBJECT_OF_VERB = [
    # the noun phrase after the verb is the subject, the Vorfeld holds an object
    ("Zuspruch erhält der Vorschlag, die Brücke abzureißen.", "Zuspruch"),
    # a subject that is neither a speaker nor a document holds no view
    ("Der Regen beendet die Hoffnung, dass die Brücke bald fertig werde.", "Der Regen"),
]


@pytest.mark.parametrize(("text", "source"), NOUN_OBJECT_OF_VERB)
def test_subject_of_verb_holds_the_noun_view(text: str, source: str) -> None:
    assert sources(text) == [source]


@pytest.mark.parametrize(("text", "subject"), NOUN_SUBJECT_OF_VERB)
def test_no_view_of_the_clause_subject(text: str, subject: str) -> None:
    assert subject not in sources(text)


# a participle phrase between the article and its noun, with articles and adjectives
PARTICIPLE_PHRASE = [
    (
        "Am Montag teilte die zur Universität gehörende Stiftung mit, der Verein sei aufgelöst.",
        "die zur Universität gehörende Stiftung",
    ),
    (
        "So sagte der für die Region zuständige Koordinator, dass die Brücke hält.",
        "der für die Region zuständige Koordinator",
    ),
    (
        "Die Brücke halte, sagte die mit dem Bau beauftragte Firma.",
        "die mit dem Bau beauftragte Firma",
    ),
]
NO_PARTICIPLE_PHRASE = [
    # a relative clause ends in its verb, not in an adjective before a noun
    ("Anna Keller, die in Berlin alte Häuser baute, sagte, die Brücke halte.", "Anna Keller"),
]


@pytest.mark.parametrize(("text", "source"), PARTICIPLE_PHRASE + NO_PARTICIPLE_PHRASE)
def test_participle_phrase_in_source(text: str, source: str) -> None:
    assert sources(text) == [source]


def test_participle_phrase_after_genitive_article() -> None:
    text = "Am Montag sagten Vertreter aller im Stadtrat vertretenen Parteien, die Brücke bleibe."
    assert sources(text) == ["Vertreter aller im Stadtrat vertretenen Parteien"]


def test_prepositional_phrase_after_genitive_is_no_participle_phrase() -> None:
    text = "Am Montag sagten Vertreter aller Parteien im Stadtrat, die Brücke bleibe."
    assert sources(text) == ["Vertreter aller Parteien"]


# a narration sentence that opens with prepositional phrases names the next speaker
NARRATION_AFTER_PHRASES = (
    "Der Bürgermeister sagte, die Brücke halte. Am Rande einer Sitzung des Stadtrats in "
    "Hannover nahm jetzt auch die Leiterin des Bauamts, Anna Keller, zu der Frage Stellung. "
    "Die Brücke sei marode."
)
NARRATION_WITHOUT_SPEAKER = (
    "Der Bürgermeister sagte, die Brücke halte. Am Rande einer Sitzung des Stadtrats in "
    "Hannover fiel jetzt auch der Regen auf die Stadt. Die Brücke sei marode."
)


def test_narration_subject_after_phrases_speaks_next() -> None:
    assert sources(NARRATION_AFTER_PHRASES)[-1] == "die Leiterin des Bauamts, Anna Keller"


def test_narration_subject_that_cannot_speak_is_no_source() -> None:
    assert sources(NARRATION_WITHOUT_SPEAKER)[-1] == "Der Bürgermeister"


def test_narration_subject_with_name_apposition_after_unclosed_phrase() -> None:
    text = (
        "Der Bürgermeister sagte, die Brücke halte. Die Sprecherin von Bündnis 90 / Die Grünen, "
        "Anna Keller, kritisierte die Pläne. Die Brücke sei marode."
    )
    assert sources(text)[-1] == "Die Sprecherin von Bündnis 90 / Die Grünen, Anna Keller"


def test_narration_subject_needs_a_name_between_the_commas() -> None:
    text = (
        "Der Bürgermeister sagte, die Brücke halte. Die Sprecherin von Bündnis 90 / Die Grünen, "
        "die Partei der Mitte, kritisierte die Pläne. Die Brücke sei marode."
    )
    assert "Grünen" not in sources(text)[-1]


# reading "X nach" backward, an article before the source's article opens the next phrase
POSTPOSED_NACH = [
    ("Die seiner Ansicht nach marode Brücke wird gesperrt.", "seiner Ansicht"),
    ("Der Brücke geht es nach Ansicht der Prüfer gut.", "Ansicht der Prüfer"),
]


@pytest.mark.parametrize(("text", "source"), POSTPOSED_NACH)
def test_postposed_nach_source(text: str, source: str) -> None:
    assert sources(text) == [source]


# lowercase words of a name mention: a whole name ("dpa", "taz") or inside one ("of")
NAME_MENTION_WORDS = [
    ("Wie dpa berichtet, ist die Brücke zu.", "dpa"),
    ("Die taz vermutet, dass die Brücke marode ist.", "Die taz"),
    (
        "Die Brücke halte, sagte Jane Greaves von der University of Oxford.",
        "Jane Greaves von der University of Oxford",
    ),
    # a lowercase word outside any name mention ends the source
    ("Laut Anna Keller ohne Zweifel ist die Brücke marode.", "Anna Keller"),
]


@pytest.mark.parametrize(("text", "source"), NAME_MENTION_WORDS)
def test_lowercase_words_of_name_mentions(text: str, source: str) -> None:
    assert sources(text) == [source]
