"""Entities across articles: one entity per referent, whatever the spelling, title or
language (issue 4). Articles are invented."""

from __future__ import annotations

import re

import pytest

from storytrace.annotate import annotate
from storytrace.clean import clean
from storytrace.link.entities import Entity, link_entities
from storytrace.model import AnnotatedArticle, EntityMention, Origin, RawDocument, Span
from storytrace.settings import DEFAULT_SETTINGS


def article(name: str, text: str) -> AnnotatedArticle:
    raw = RawDocument(Origin(name, "jsonl"), text=text, published="2024-10-20")
    return annotate(clean(raw, DEFAULT_SETTINGS), DEFAULT_SETTINGS)


def entity_with(entities: list[Entity], name: str) -> list[Entity]:
    return [e for e in entities if e.name == name or name in e.aliases]


UA_DE = (
    "Der ukrainische Präsident Wolodymyr Selenskyj sagte am Freitag in Kiew, Nordkorea "
    "schicke Soldaten nach Russland. Selenskyj forderte mehr Hilfe von den Verbündeten."
)
UA_DE_VARIANT = (
    "Präsident Wolodmyr Selenskyj warnte in einer Videoansprache vor einer Eskalation. "
    "Der Kreml wies die Vorwürfe zurück."
)
UA_EN = (
    "Ukrainian President Volodymyr Zelensky said on Friday in Kyiv that North Korea was "
    "sending troops to Russia. Zelensky called for more help from allies."
)
UA_DE_SHORT = (
    "Der ukrainische Präsident Wolodimir Selenski sprach von einer neuen Lage. Das sagte "
    "er am Abend in einer Ansprache an die Nation."
)


@pytest.fixture(scope="module")
def ukraine() -> list[Entity]:
    entities, _ = link_entities(
        [
            article("de.jsonl", UA_DE),
            article("de2.jsonl", UA_DE_VARIANT),
            article("en.jsonl", UA_EN),
            article("de3.jsonl", UA_DE_SHORT),
        ]
    )
    return entities


def test_spelling_variants_and_surname_alone_are_one_person(ukraine: list[Entity]) -> None:
    [person] = entity_with(ukraine, "Wolodymyr Selenskyj")
    assert {"Wolodmyr Selenskyj", "Selenskyj"} <= {person.name, *person.aliases}


def test_transliterations_across_languages_are_one_person(ukraine: list[Entity]) -> None:
    [person] = entity_with(ukraine, "Volodymyr Zelensky")
    names = {person.name, *person.aliases}
    assert {"Wolodymyr Selenskyj", "Volodymyr Zelensky", "Zelensky"} <= names
    assert "Wolodimir Selenski" in names  # one language, long surname, 1 letter apart
    assert "ukrainische Präsident" in person.roles


def test_countries_across_languages_share_their_key(ukraine: list[Entity]) -> None:
    [korea] = entity_with(ukraine, "Nordkorea")
    assert "North Korea" in korea.aliases
    [kyiv] = entity_with(ukraine, "Kiew")
    assert "Kyiv" in kyiv.aliases


def test_names_that_only_sound_alike_stay_apart() -> None:
    entities, _ = link_entities(
        [
            article("a.jsonl", "Bürgermeister Olaf Schulz eröffnete am Montag die Brücke."),
            article("b.jsonl", "Kanzler Olaf Scholz reiste am Montag nach Paris."),
            article("c.jsonl", "Die Sängerin Anna Meier trat in Bern auf."),
            article("d.jsonl", "Die Läuferin Anna Mayer gewann in Zürich."),
        ]
    )
    persons = sorted(e.name for e in entities if e.type == "person")
    assert persons == ["Anna Mayer", "Anna Meier", "Olaf Scholz", "Olaf Schulz"]


def test_a_different_first_name_is_a_different_person() -> None:
    entities, _ = link_entities(
        [
            article("a.jsonl", "Die Ministerin Katarina Barley sprach in Brüssel."),
            article("b.jsonl", "Minister Michael Barley spoke in London on Monday."),
        ]
    )
    assert len([e for e in entities if e.type == "person"]) == 2


def test_a_chain_of_genitives_ends_in_one_entity() -> None:
    # "Lorentess" → "Lorentes" → "Lorente": each merge target is merged itself
    text = "Lorentess Angebot, Lorentes Preis und Lorente selbst."
    mentions = tuple(
        EntityMention(Span(m.start(), m.end()), "organization")
        for m in re.finditer(r"Lorente\w*", text)
    )
    clean_article = clean(RawDocument(Origin("x.jsonl", "jsonl"), text=text), DEFAULT_SETTINGS)
    entities, entity_of = link_entities([AnnotatedArticle(clean_article, mentions=mentions)])
    assert [e.name for e in entities] == ["Lorente"]
    assert len(set(entity_of.values())) == 1


def test_the_mention_map_answers_like_a_dict() -> None:
    # one list per article instead of a tuple key per mention; pronouns have no entity
    text = "Die Reederei Nordlicht teilte mit, sie werde klagen. Nordlicht klagt."
    first, last = text.index("Nordlicht"), text.rindex("Nordlicht")
    she = text.index("sie")
    mentions = (
        EntityMention(Span(first, first + 9), "organization"),
        EntityMention(Span(she, she + 3), "organization", kind="pronoun"),
        EntityMention(Span(last, last + 9), "organization"),
    )
    clean_article = clean(RawDocument(Origin("m.jsonl", "jsonl"), text=text), DEFAULT_SETTINGS)
    aid = clean_article.id
    _, entity_of = link_entities([AnnotatedArticle(clean_article, mentions=mentions)])
    assert sorted(entity_of) == [(aid, 0), (aid, 2)]
    assert len(entity_of) == 2
    assert entity_of[(aid, 0)] == entity_of.get((aid, 2)) is not None
    assert entity_of.get((aid, 1)) is None
    assert entity_of.get((aid, 9)) is None and entity_of.get(("other", 0)) is None
    assert (aid, 1) not in entity_of and (aid, 0) in entity_of
    with pytest.raises(KeyError):
        entity_of[(aid, 1)]
