"""Attributions: who said what, as character spans into the article text.

``find_attributions(text, sentences, language, mentions, published)`` returns one
``Attribution`` per statement the text attributes to someone. It works on tokens (the
sentence splitter's) with lemmas from simplemma and the cue lexicon of
``resources/<lang>/cues.toml``; no parser is needed. Rules, in the order they run, each named
in ``Attribution.rule``:

``quote_cue_after`` / ``quote_cue_before`` / ``quote_colon_source`` / ``quote_continued``
    A direct quote whose cue follows it („…“, sagte Rutte), precedes it with a colon
    (Rutte sagte: „…“), whose speaker stands before a colon without a verb (Rutte: „…“), or
    that continues the previous speaker's statement.
``verb_content_after`` / ``verb_content_before``
    Indirect speech around a speech, thought or writing verb: "X sagte, es gebe …",
    "Es gebe …, sagte X", "dass"-clauses, "wie X mitteilte, …". Separable verbs are found
    with their particle ("teilte … mit"); a finite auxiliary joins the cue ("hatte erklärt").
``according``
    laut X, X zufolge, nach Angaben von X, unter Berufung auf X (standing alone), so X,
    hieß es (von Seiten X), demnach.
``verb_reported``
    A speech act without a content clause: "Russland hatte Berichte dementiert",
    "warnte vor einer Eskalation". The content is the whole sentence, as GermEval's SpkAtt
    annotates it.
``free_indirect``
    A sentence without a cue whose verb is in Konjunktiv I ("Er habe …", "Es gebe …") right
    after another attribution continues that speaker's statement.

Citation chains: "Yonhap berichtete unter Berufung auf den Geheimdienst" gives Yonhap as
source and the Geheimdienst in ``via_spans``. Stance comes from the cue verb (dementieren →
deny), its negation ("könne nicht bestätigen" → unconfirmed) and phrases in the content
("es gebe Beweise" → confirm, a conditional with "Eskalation" → warn).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import cast

import simplemma

from storytrace.annotate.attribution_model import refine
from storytrace.annotate.ner.features import word_class, word_classes
from storytrace.annotate.ner.lexicon import lexicon as ner_lexicon
from storytrace.annotate.quotes import find_quotes
from storytrace.annotate.speakers import organisation_role_heads, resolve_speakers
from storytrace.annotate.timeexpr import find_time_expressions
from storytrace.errors import ResourceError
from storytrace.model import (
    Attribution,
    AttributionForm,
    AttributionMode,
    EntityMention,
    Medium,
    PartialDate,
    Sentence,
    Span,
    Stance,
)
from storytrace.resources import load_toml

__all__ = ["find_attributions"]

_PUNCT = set(".,;:!?…")
#: Rules whose cue is a verb.
_VERB_RULES = frozenset(
    {"verb_content_after", "verb_content_before", "verb_reported", "quote_in_cue_clause"}
)
_CLAUSE_BREAKS = {",", ";", ":", "–", "—", "(", ")"}
_QUOTE_MARKS = set('„“”"»«‚‘’')
_FINAL = {".", "!", "?", "…"}
#: Entity types whose mentions can be the subject of a statement.
_SPEAKING_TYPES = frozenset({"person", "organization", "media", "group"})
_MODES: dict[str, AttributionMode] = {
    "Direct": "direct",
    "Indirect": "indirect",
    "FreeIndirect": "indirect",
    "IndirectFreeIndirect": "indirect",
    "Reported": "reported",
}
_STANCE_RANK = {"deny": 0, "confirm": 1, "warn": 2, "demand": 3, "assert": 4}


# --- lexicon -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Verb:
    lemma: str
    stance: Stance
    medium: Medium
    particle: str | None = None  # separable particle ("mit" of "mitteilen")
    extra: tuple[str, ...] = ()  # other words the clause must hold ("davon" of "davon ausgehen")
    reflexive: bool = False  # "sich herausstellen": SpkAtt counts the "sich" as part of the cue


@dataclass(frozen=True, slots=True)
class _ReportedLexicon:
    """When a cue verb without content clause or quote makes no Reported statement
    (``[reported]`` in cues.toml; every list is empty for a language without the table)."""

    #: Cue entries of ``thought_cues``: bare views, never with a content clause.
    bare_cues: frozenset[str] = frozenset()
    #: Verbs of ``not_reported`` that with one of these prepositions in the clause name
    #: what was said and make a Reported statement after all, by lemma.
    with_preposition: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Nouns (whole words) that make a bare speech act an institutional decision, by lemma.
    decision_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Verbs that with one of these prepositions declare something to be so, by lemma.
    declaring: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Nouns of information that stand for what was said without saying it.
    empty_objects: frozenset[str] = frozenset()
    #: Finite modal verbs: a bare speech act under one is intended, possible or hearsay.
    modal_verbs: frozenset[str] = frozenset()
    #: A sentence ending in one of these hands its speech act on to what follows.
    closing_marks: frozenset[str] = frozenset()
    #: Naming verbs with one of the generic subjects define a word; nobody says anything.
    defining_verbs: frozenset[str] = frozenset()
    generic_subjects: frozenset[str] = frozenset()
    #: Verbs that make a Reported statement bare only in the passive with an agent.
    passive_only: frozenset[str] = frozenset()
    #: Pronouns that, standing alone as the object, take up what the sentence before said.
    demonstrative_objects: frozenset[str] = frozenset()


def _reported_lexicon(data: dict[str, object], where: str) -> _ReportedLexicon:
    table = data.get("reported", {})
    if not isinstance(table, dict):
        raise ResourceError(f"resource {where}: [reported] must be a table")
    return _ReportedLexicon(
        bare_cues=frozenset(_strings(table, "thought_cues", where)),
        with_preposition={
            p[0]: frozenset(p[1:]) for p in _phrases(table, "with_preposition", where) if len(p) > 1
        },
        closing_marks=frozenset(_strings(table, "closing_marks", where)),
        modal_verbs=frozenset(_strings(table, "modal_verbs", where)),
        empty_objects=frozenset(w.lower() for w in _strings(table, "empty_objects", where)),
        declaring={
            p[0]: frozenset(p[1:]) for p in _phrases(table, "declaring", where) if len(p) > 1
        },
        decision_objects={
            p[0]: frozenset(w.lower() for w in p[1:])
            for p in _phrases(table, "decision_objects", where)
            if len(p) > 1
        },
        defining_verbs=frozenset(_strings(table, "defining_verbs", where)),
        generic_subjects=frozenset(_strings(table, "generic_subjects", where)),
        passive_only=frozenset(_strings(table, "passive_only", where)),
        demonstrative_objects=frozenset(_strings(table, "demonstrative_objects", where)),
    )


@dataclass(frozen=True, slots=True)
class _Lexicon:
    language: str
    verbs: dict[str, list[_Verb]]  # by the lemma (or base verb) a token has
    particles: tuple[str, ...]
    #: Particles written as a word of their own before the verb ("bekannt gegeben").
    particles_apart: frozenset[str]
    auxiliaries: frozenset[str]
    content_openers: frozenset[str]
    prepositions: frozenset[str]
    postpositions: frozenset[str]
    #: Two-word spellings of a postposition, by their first word ("zu" → "folge").
    postposition_words: dict[str, str]
    #: Prepositions other than "nach" that name a view with one of their nouns ("aus Sicht").
    view_prepositions: dict[str, frozenset[str]]
    nach_nouns: frozenset[str]
    nach_nouns_tuple: tuple[str, ...]
    nach_postposed: frozenset[str]
    nach_time_words: frozenset[str]
    nach_definite_articles: frozenset[str]
    nach_event_nouns: frozenset[str]
    citing: tuple[tuple[str, ...], ...]
    impersonal: tuple[tuple[str, ...], ...]
    impersonal_source: tuple[tuple[str, ...], ...]
    impersonal_vorfeld: frozenset[str]
    so_words: frozenset[str]
    so_tail_openers: frozenset[str]
    anaphoric: frozenset[str]
    anaphoric_sources: frozenset[str]
    anaphoric_initial: frozenset[str]
    anaphoric_antecedents: frozenset[str]
    preterite_forms: frozenset[str]
    konjunktiv: frozenset[str]
    konjunktiv_ii: frozenset[str]
    #: Konjunktiv I of regular verbs: (infinitive ending, its ending), empty where none.
    konjunktiv_regular: tuple[str, ...]
    #: Konjunktiv II of strong verbs: an umlaut the lemma lacks, one of these endings.
    konjunktiv_strong_endings: tuple[str, ...]
    konjunktiv_strong_not_endings: tuple[str, ...]
    umlauts: tuple[str, ...]
    reportative: frozenset[str]
    reportative_perfect: frozenset[str]
    negation: frozenset[str]
    #: Words after "nicht" that make it no negation of the verb ("nicht nur", "nicht zuletzt").
    negation_focus: frozenset[str]
    refusal_modals: frozenset[str]
    phrases: dict[str, tuple[str, ...]]
    vorfeld_adverbs: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    np_breakers: frozenset[str]
    name_particles: frozenset[str]
    name_particles_after_name: frozenset[str]
    adjective_endings: tuple[str, ...]
    infinitive_endings: tuple[str, ...]
    preterite_endings: tuple[str, ...]
    short_infinitives: frozenset[str]
    infinitive_auxiliaries: frozenset[str]
    noun_content_conjunctions: frozenset[str]
    capitalised_nouns: bool  # German capitalises nouns: a cue for noun phrases
    inner_quotes: bool  # a quote inside indirect content is a nested statement of its own
    quoted_names: bool  # a short quote inside a noun phrase is a name ("die Zeitung „Welt“")
    modals: frozenset[str]
    oblique_determiners: frozenset[str]
    coordinators: tuple[tuple[str, ...], ...]
    np_openers: frozenset[str]
    relative_openers: frozenset[str]
    #: Question words that after an article and its noun open a relative clause ("die
    #: Fehlerkette, welche …"), except after a noun that asks a question (`question_nouns`).
    noun_relatives: frozenset[str]
    question_nouns: tuple[str, ...]
    relative_after_preposition: frozenset[str]
    relative_after_preposition_articles: frozenset[str]
    relative_prepositions: frozenset[str]
    definite_articles: frozenset[str]
    clause_relatives: frozenset[str]
    comparison_clause: frozenset[str]
    degree_words: frozenset[str]
    genitive_links: frozenset[str]
    coordinated_prepositions: frozenset[str]
    participle_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    passive_auxiliaries: frozenset[str]
    verb_subject_gap: frozenset[str]
    attached_prepositions: frozenset[str]
    verb_coordinators: frozenset[str]
    correlates: frozenset[str]
    demonstratives: frozenset[str]
    demonstrative_particles: frozenset[str]
    subordinators: frozenset[str]
    vorfeld_subordinators: frozenset[str]
    no_content_openers: frozenset[str]
    condition_openers: frozenset[str]
    focus_particles: frozenset[str]
    content_enders: frozenset[str]
    vorfeld_attachments: frozenset[str]
    impersonal_pronouns: frozenset[str]
    nominative_pronouns: frozenset[str]
    passive_subject_speaks: frozenset[str]
    cited_speaker_verbs: frozenset[str]
    quote_object_verbs: frozenset[str]
    quote_nouns: frozenset[str]
    colon_topic_prepositions: frozenset[str]
    copulas: frozenset[str]
    apposition_words: frozenset[str]
    relative_subjects: frozenset[str]
    clause_coordinators: frozenset[str]
    bare_genitive_endings: tuple[str, ...]
    vorfeld_phrases: tuple[tuple[str, ...], ...]
    speaking_heads: tuple[str, ...]
    report_relatives: frozenset[str]
    report_nouns: tuple[str, ...]
    intention_nouns: tuple[str, ...]
    document_heads: tuple[str, ...]
    nach_complement_nouns: tuple[str, ...]
    #: Names written in lowercase: web addresses ("ndr.de") and camel case ("eBay").
    lowercase_name: re.Pattern[str] | None
    not_reported: frozenset[str]
    naming_verbs: frozenset[str]
    reflexive_readings: frozenset[str]
    title_nouns: tuple[str, ...]
    question_marks: frozenset[str]
    #: Nouns (by their ending) that make a cue verb no speech act, by the verb's lemma.
    non_speech_objects: dict[str, tuple[str, ...]]
    #: Conditions under which a bare cue verb makes no Reported statement (``[reported]``).
    reported: _ReportedLexicon
    oblique_only_dative: frozenset[str]
    dative_openers: frozenset[str]
    accusative_pronouns: frozenset[str]
    dative_pronouns: frozenset[str]
    accusative_addressee: frozenset[str]
    dative_addressee: frozenset[str]
    audience_nouns: frozenset[str]
    audience_prepositions: frozenset[str]
    addressee_prepositions: frozenset[str]
    impersonal_verbs: frozenset[str]
    #: Cue verbs whose source follows a preposition ("geht aus dem Bericht hervor").
    source_prepositions: dict[str, str]
    participle_prefixes: frozenset[str]
    participle_inflections: tuple[str, ...]
    #: Prepositions before an article, an adverb and an attributive participle ("in der
    #: bislang bestätigten Fassung"), and those that hold the article ("im", "zum").
    attributive_prepositions: frozenset[str]
    according_phrases: tuple[tuple[str, ...], ...] = field(default=())
    #: First words of every according-to and citing construction: a fast pre-check.
    according_starts: frozenset[str] = frozenset()
    citing_starts: frozenset[str] = frozenset()


def _strings(data: dict[str, object], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ResourceError(f"resource {where}: {key!r} must be a list of strings")
    return cast(list[str], value)


def _phrases(data: dict[str, object], key: str, where: str) -> tuple[tuple[str, ...], ...]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ResourceError(f"resource {where}: {key!r} must be a list of word lists")
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(tuple(item.split()))
        elif isinstance(item, list) and all(isinstance(w, str) for w in item):
            out.append(tuple(item))
        else:
            raise ResourceError(f"resource {where}: bad entry {item!r} in {key!r}")
    return tuple(out)


@cache
def _lexicon(language: str) -> _Lexicon:
    where = f"{language}/cues.toml"
    data = load_toml(language, "cues")
    particles = sorted(_strings(data, "particles", where), key=len, reverse=True)
    verbs: dict[str, list[_Verb]] = {}

    def add(entry: str, stance: Stance, medium: Medium) -> None:
        words = entry.split()
        lemma = words[-1]
        extra = tuple(w for w in words[:-1] if w != "sich")
        particle = next(
            (p for p in particles if lemma.startswith(p) and len(lemma) > len(p) + 3), None
        )
        keys = [lemma]
        if particle:
            keys.append(lemma[len(particle) :])
        for key in keys:
            bucket = verbs.setdefault(key, [])
            verb = _Verb(
                lemma, stance, medium, particle if key != lemma else None, extra, "sich" in words
            )
            # The most specific stance wins where a verb is listed twice (bestätigen).
            same = [
                v
                for v in bucket
                if v.lemma == lemma and v.particle == verb.particle and v.extra == verb.extra
            ]
            if same and _STANCE_RANK[same[0].stance] <= _STANCE_RANK[stance]:
                if verb.reflexive and not same[0].reflexive:  # "äußern" and "sich äußern"
                    bucket[bucket.index(same[0])] = replace(same[0], reflexive=True)
                continue
            for old in same:
                bucket.remove(old)
            bucket.append(verb)

    for section, medium in (("speech", "Speech"), ("thought", "Thought"), ("writing", "Writing")):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise ResourceError(f"resource {where}: [{section}] must be a table")
        for stance, _entries in table.items():
            if stance not in _STANCE_RANK:
                raise ResourceError(f"resource {where}: unknown stance {stance!r} in [{section}]")
            for entry in _strings(table, stance, where):
                add(entry, cast(Stance, stance), cast(Medium, medium))

    reported_table = data.get("reported", {})
    if isinstance(reported_table, dict):
        # views SpkAtt reports bare ("geht von Suizid aus"): thought cues of their own
        for entry in _strings(reported_table, "thought_cues", where):
            add(entry, "assert", "Thought")

    acc = data.get("according", {})
    konj = data.get("konjunktiv", {})
    regular_i = tuple(_strings(konj, "regular_i", where))
    if len(regular_i) not in (0, 2):
        raise ResourceError(f"resource {where}: 'regular_i' must be [infinitive, ending] or []")
    neg = data.get("negation", {})
    phr = data.get("stance_phrases", {})
    syn = data.get("syntax", {})
    addr = data.get("addressee", {})
    for name, table in (
        ("according", acc),
        ("konjunktiv", konj),
        ("negation", neg),
        ("stance_phrases", phr),
        ("syntax", syn),
        ("addressee", addr),
    ):
        if not isinstance(table, dict):
            raise ResourceError(f"resource {where}: [{name}] must be a table")
    assert isinstance(acc, dict) and isinstance(konj, dict) and isinstance(neg, dict)
    assert isinstance(phr, dict) and isinstance(syn, dict) and isinstance(addr, dict)
    return _with_starts(
        _Lexicon(
            language=language,
            verbs=verbs,
            particles=tuple(particles),
            particles_apart=frozenset(_strings(data, "particles_apart", where)),
            auxiliaries=frozenset(_strings(data, "auxiliaries", where)),
            content_openers=frozenset(_strings(data, "content_openers", where)),
            prepositions=frozenset(w.lower() for w in _strings(acc, "prepositions", where)),
            postpositions=frozenset(w.lower() for w in _strings(acc, "postpositions", where)),
            postposition_words={
                p[0].lower(): p[1].lower()
                for p in _phrases(acc, "postposition_words", where)
                if len(p) == 2
            },
            view_prepositions={
                p[0].lower(): frozenset(p[1:]) for p in _phrases(acc, "view_prepositions", where)
            },
            nach_nouns=frozenset(_strings(acc, "nach_nouns", where)),
            # compounds count too: "nach Polizeiangaben", "nach Medienberichten"
            nach_nouns_tuple=tuple(
                w.lower() if i else w for w in _strings(acc, "nach_nouns", where) for i in (0, 1)
            ),
            nach_postposed=frozenset(_strings(acc, "nach_postposed", where)),
            nach_time_words=frozenset(_strings(acc, "nach_time_words", where)),
            nach_definite_articles=frozenset(_strings(acc, "nach_definite_articles", where)),
            nach_event_nouns=frozenset(_strings(acc, "nach_event_nouns", where)),
            citing=_phrases(acc, "citing", where),
            impersonal=tuple(
                tuple(w.lower() for w in p) for p in _phrases(acc, "impersonal", where)
            ),
            impersonal_source=tuple(
                tuple(w.lower() for w in p) for p in _phrases(acc, "impersonal_source", where)
            ),
            impersonal_vorfeld=frozenset(_strings(acc, "impersonal_vorfeld", where)),
            so_words=frozenset(_strings(acc, "so_words", where)),
            so_tail_openers=frozenset(_strings(acc, "so_tail_openers", where)),
            anaphoric=frozenset(_strings(acc, "anaphoric", where)),
            anaphoric_sources=frozenset(_strings(acc, "anaphoric_sources", where)),
            anaphoric_initial=frozenset(_strings(acc, "anaphoric_initial", where)),
            anaphoric_antecedents=frozenset(_strings(acc, "anaphoric_antecedents", where)),
            preterite_forms=frozenset(_strings(acc, "preterite_forms", where)),
            konjunktiv=frozenset(_strings(konj, "forms_i", where)),
            konjunktiv_ii=frozenset(_strings(konj, "forms_ii", where)),
            konjunktiv_regular=regular_i,
            konjunktiv_strong_endings=tuple(_strings(konj, "strong_ii_endings", where)),
            konjunktiv_strong_not_endings=tuple(_strings(konj, "strong_ii_not_endings", where)),
            umlauts=tuple(_strings(konj, "umlauts", where)),
            reportative=frozenset(_strings(konj, "reportative", where)),
            reportative_perfect=frozenset(_strings(konj, "reportative_perfect", where)),
            negation=frozenset(_strings(neg, "words", where)),
            negation_focus=frozenset(_strings(neg, "focus", where)),
            refusal_modals=frozenset(_strings(neg, "refusal_modals", where)),
            phrases={k: tuple(_strings(phr, k, where)) for k in phr},
            vorfeld_adverbs=frozenset(_strings(syn, "vorfeld_adverbs", where)),
            determiners=frozenset(_strings(syn, "determiners", where)),
            pronouns=frozenset(_strings(syn, "pronouns", where)),
            speaker_pronouns=frozenset(_strings(syn, "speaker_pronouns", where)),
            np_breakers=frozenset(_strings(syn, "np_breakers", where)),
            name_particles=frozenset(_strings(syn, "name_particles", where)),
            name_particles_after_name=frozenset(_strings(syn, "name_particles_after_name", where)),
            adjective_endings=tuple(_strings(syn, "adjective_endings", where)),
            infinitive_endings=tuple(_strings(syn, "infinitive_endings", where)),
            preterite_endings=tuple(_strings(syn, "preterite_endings", where)),
            short_infinitives=frozenset(_strings(syn, "short_infinitives", where)),
            infinitive_auxiliaries=frozenset(_strings(syn, "infinitive_auxiliaries", where)),
            noun_content_conjunctions=frozenset(_strings(syn, "noun_content_conjunctions", where)),
            capitalised_nouns=bool(data.get("capitalised_nouns", language == "de")),
            inner_quotes=bool(data.get("inner_quotes", False)),
            quoted_names=bool(data.get("quoted_names", False)),
            modals=frozenset(_strings(syn, "modals", where)),
            oblique_determiners=frozenset(_strings(syn, "oblique_determiners", where)),
            coordinators=_phrases(syn, "coordinators", where),
            np_openers=frozenset(_strings(syn, "np_openers", where)),
            relative_openers=frozenset(_strings(syn, "relative_openers", where)),
            noun_relatives=frozenset(_strings(syn, "noun_relatives", where)),
            question_nouns=tuple(w.lower() for w in _strings(syn, "question_nouns", where)),
            relative_after_preposition=frozenset(
                _strings(syn, "relative_after_preposition", where)
            ),
            relative_after_preposition_articles=frozenset(
                _strings(syn, "relative_after_preposition_articles", where)
            ),
            relative_prepositions=frozenset(_strings(syn, "relative_prepositions", where)),
            definite_articles=frozenset(_strings(syn, "definite_articles", where)),
            clause_relatives=frozenset(_strings(syn, "clause_relatives", where)),
            comparison_clause=frozenset(_strings(syn, "comparison_clause", where)),
            degree_words=frozenset(_strings(syn, "degree_words", where)),
            genitive_links=frozenset(_strings(syn, "genitive_links", where)),
            coordinated_prepositions=frozenset(_strings(syn, "coordinated_prepositions", where)),
            participle_prepositions=frozenset(_strings(syn, "participle_prepositions", where)),
            agent_prepositions=frozenset(_strings(syn, "agent_prepositions", where)),
            passive_auxiliaries=frozenset(_strings(syn, "passive_auxiliaries", where)),
            verb_subject_gap=frozenset(_strings(syn, "verb_subject_gap", where)),
            attached_prepositions=frozenset(_strings(syn, "attached_prepositions", where)),
            verb_coordinators=frozenset(_strings(syn, "verb_coordinators", where)),
            correlates=frozenset(_strings(syn, "correlates", where)),
            demonstratives=frozenset(_strings(syn, "demonstratives", where)),
            demonstrative_particles=frozenset(_strings(syn, "demonstrative_particles", where)),
            subordinators=frozenset(_strings(syn, "subordinators", where)),
            vorfeld_subordinators=frozenset(_strings(syn, "vorfeld_subordinators", where)),
            no_content_openers=frozenset(_strings(syn, "no_content_openers", where)),
            condition_openers=frozenset(_strings(syn, "condition_openers", where)),
            focus_particles=frozenset(_strings(syn, "focus_particles", where)),
            content_enders=frozenset(_strings(syn, "content_enders", where)),
            vorfeld_attachments=frozenset(_strings(syn, "vorfeld_attachments", where)),
            impersonal_pronouns=frozenset(_strings(syn, "impersonal_pronouns", where)),
            nominative_pronouns=frozenset(_strings(syn, "nominative_pronouns", where)),
            passive_subject_speaks=frozenset(_strings(syn, "passive_subject_speaks", where)),
            cited_speaker_verbs=frozenset(_strings(syn, "cited_speaker_verbs", where)),
            quote_object_verbs=frozenset(_strings(syn, "quote_object_verbs", where)),
            quote_nouns=frozenset(_strings(syn, "quote_nouns", where)),
            colon_topic_prepositions=frozenset(_strings(syn, "colon_topic_prepositions", where)),
            copulas=frozenset(_strings(syn, "copulas", where)),
            apposition_words=frozenset(_strings(syn, "apposition_words", where)),
            relative_subjects=frozenset(_strings(syn, "relative_subjects", where)),
            clause_coordinators=frozenset(_strings(syn, "clause_coordinators", where)),
            bare_genitive_endings=tuple(_strings(syn, "bare_genitive_endings", where)),
            vorfeld_phrases=_phrases(syn, "vorfeld_phrases", where),
            speaking_heads=tuple(w.lower() for w in _strings(syn, "speaking_heads", where)),
            report_relatives=frozenset(_strings(acc, "report_relatives", where)),
            report_nouns=tuple(w.lower() for w in _strings(acc, "report_nouns", where)),
            intention_nouns=tuple(w.lower() for w in _strings(acc, "intention_nouns", where)),
            document_heads=tuple(w.lower() for w in _strings(acc, "document_heads", where)),
            nach_complement_nouns=tuple(
                w.lower() for w in _strings(acc, "nach_complement_nouns", where)
            ),
            lowercase_name=_lowercase_name(
                _strings(syn, "web_domains", where), _strings(syn, "name_prefixes", where)
            ),
            not_reported=frozenset(_strings(data, "not_reported", where)),
            naming_verbs=frozenset(_strings(data, "naming_verbs", where)),
            reflexive_readings=frozenset(_strings(data, "reflexive_readings", where)),
            title_nouns=tuple(w.lower() for w in _strings(data, "title_nouns", where)),
            question_marks=frozenset(_strings(data, "question_marks", where)),
            non_speech_objects={
                p[0]: tuple(w.lower() for w in p[1:])
                for p in _phrases(data, "non_speech_objects", where)
                if len(p) > 1
            },
            reported=_reported_lexicon(data, where),
            oblique_only_dative=frozenset(_strings(addr, "oblique_only_dative", where)),
            dative_openers=frozenset(_strings(addr, "dative_openers", where)),
            accusative_pronouns=frozenset(_strings(addr, "accusative_pronouns", where)),
            dative_pronouns=frozenset(_strings(addr, "dative_pronouns", where)),
            accusative_addressee=frozenset(_strings(addr, "accusative_addressee", where)),
            dative_addressee=frozenset(_strings(addr, "dative_addressee", where)),
            audience_nouns=frozenset(_strings(addr, "audience_nouns", where)),
            audience_prepositions=frozenset(_strings(addr, "audience_prepositions", where)),
            addressee_prepositions=frozenset(_strings(addr, "addressee_prepositions", where)),
            impersonal_verbs=frozenset(_strings(syn, "impersonal_verbs", where)),
            source_prepositions={
                p[0]: p[1] for p in _phrases(acc, "source_prepositions", where) if len(p) == 2
            },
            participle_prefixes=frozenset(_strings(syn, "participle_prefixes", where)),
            participle_inflections=tuple(_strings(syn, "participle_inflections", where)),
            attributive_prepositions=frozenset(_strings(syn, "attributive_prepositions", where)),
            according_phrases=_phrases(acc, "phrases", where),
        )
    )


def _lowercase_name(domains: list[str], prefixes: list[str]) -> re.Pattern[str] | None:
    """A pattern for names that are not capitalised: "ndr.de" (a web address ending in one
    of ``domains``), camel case ("eBay") and a lowercase prefix of ``prefixes`` before a
    capital ("al-Arabiya"); None when the language lists no domains."""
    if not domains:
        return None
    ends = "|".join(re.escape(d) for d in domains)
    heads = "".join(f"|^{re.escape(p)}[A-ZÄÖÜ]" for p in prefixes)
    return re.compile(rf"^(?:[a-z0-9-]+\.)+(?:{ends})$|^[a-z]+[A-Z]\w*${heads}")


def _with_starts(lex: _Lexicon) -> _Lexicon:
    according = {
        *lex.prepositions,
        *lex.postpositions,
        *lex.postposition_words,
        *lex.view_prepositions,
        *lex.so_words,
        *lex.anaphoric,
        "nach",
        *(p[0] for p in lex.impersonal),
        *(p[0] for p in lex.according_phrases),
    }
    citing = {p[0].lower() for p in lex.citing}
    return replace(lex, according_starts=frozenset(according), citing_starts=frozenset(citing))


@cache
def _lemma(word: str, language: str) -> str:
    lemma = str(simplemma.lemmatize(word, lang=language))
    if lemma == word:
        for ending, lemma_ending in _lemma_fallbacks(language):
            if word.endswith(ending):
                return word[: -len(ending)] + lemma_ending
    return lemma


@cache
def _lemma_fallbacks(language: str) -> tuple[tuple[str, ...], ...]:
    """``[lemmas] fallbacks`` of the language's cues file: endings of forms the lemma
    dictionary lacks, with the lemma's ending ("skandiert" → "skandieren")."""
    where = f"{language}/cues.toml"
    fallbacks = _phrases(load_toml(language, "cues").get("lemmas", {}), "fallbacks", where)
    if any(len(f) != 2 for f in fallbacks):
        raise ResourceError(f"resource {where}: [lemmas] fallbacks must be [ending, lemma ending]")
    return fallbacks


# --- tokens ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str
    sent: int
    quote: int  # index into quotes, -1 outside any quote
    used: bool = False

    @property
    def punct(self) -> bool:
        return all(ch in _PUNCT or ch in _QUOTE_MARKS or ch in "()–—-" for ch in self.text)

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class _Found:
    sentence: int
    cue: list[int]
    source: list[int]
    content: list[tuple[int, int]]  # char spans
    form: AttributionForm
    stance: Stance
    medium: Medium
    rule: str
    via: list[int] = field(default_factory=list)
    addressee: list[int] = field(default_factory=list)
    source_spans: list[Span] | None = None  # when the source is inherited from elsewhere
    origin: _Found | None = None  # the attribution a cue-less continuation continues
    nested: bool = False  # inside another attribution's content
    verb: str = ""  # lemma of the cue verb, when the cue is one


class _Doc:
    def __init__(self, text: str, sentences: Sequence[Sentence], language: str) -> None:
        self.text = text
        self.lang = language
        self.lex = _lexicon(language)
        self.quotes = find_quotes(text)
        self.toks: list[_Tok] = []
        self.sent_range: list[tuple[int, int]] = []
        #: Tokens inside a mention of someone who can speak (a person, an organisation, the
        #: media, a group, a metonym): set by find_attributions from the entity mentions.
        self.speaking: set[int] = set()
        #: Tokens inside any entity mention (places too).
        self.named: set[int] = set()
        #: Tokens inside a mention by a proper name ("Ärzte ohne Grenzen", "dpa").
        self.name_words: set[int] = set()
        # quotes announced by a colon sentence without a speaker the rules find: Direct
        # statements without a source, kept only if no other rule takes the quote
        self.announced: list[_Found] = []
        self._times: dict[int, frozenset[int]] = {}
        q = 0
        for si, sent in enumerate(sentences):
            first = len(self.toks)
            for span in sent.tokens:
                while q < len(self.quotes) and self.quotes[q].end <= span.start:
                    q += 1
                inside = q if q < len(self.quotes) and self.quotes[q].start <= span.start else -1
                word = text[span.start : span.end]
                self.toks.append(_Tok(span.start, span.end, word, word.lower(), si, inside))
            self.sent_range.append((first, len(self.toks)))

    def in_time_expression(self, i: int) -> bool:
        """Whether token ``i`` is part of a time expression ("Ende Januar 2006")."""
        si = self.toks[i].sent
        if si not in self._times:
            a, b = self.sent_range[si]
            spans = [
                t.span
                for t in find_time_expressions(
                    self.text, self.lang, None, self.toks[a].start, self.toks[b - 1].end
                )
            ]
            self._times[si] = frozenset(
                m for m in range(a, b) for sp in spans if sp.start <= self.toks[m].start < sp.end
            )
        return i in self._times[si]

    def lemma(self, i: int) -> str:
        t = self.toks[i]
        if t.punct or not t.text[:1].isalpha():
            return t.low
        return _lemma(t.text if t.cap and not self._sentence_initial(i) else t.low, self.lang)

    def _sentence_initial(self, i: int) -> bool:
        first = self.sent_range[self.toks[i].sent][0]
        j = first
        while j < i and self.toks[j].punct:
            j += 1
        return j == i

    def is_noun_like(self, i: int) -> bool:
        t = self.toks[i]
        if not t.text[:1].isalpha():
            return t.text[:1].isdigit()
        if self.lex.lowercase_name is not None and self.lex.lowercase_name.match(t.text):
            return True  # "laut ndr.de", "bei eBay": names that are not capitalised
        if self.lex.capitalised_nouns and i in self.name_words and i - 1 in self.name_words:
            return True  # "Ärzte ohne Grenzen", "University of St. Andrews": inside a name
        if (
            self.lex.capitalised_nouns
            and i in self.name_words
            and t.low == t.text
            and t.low not in self.lex.determiners
            and i - 1 not in self.name_words
            and i + 1 not in self.name_words
        ):
            return True  # "laut dpa", "Die taz vermutet": a name of one lowercase word
        if t.low in self.lex.np_breakers or t.low in self.lex.vorfeld_adverbs:
            return False
        if self.lex.capitalised_nouns:
            if t.cap and self._sentence_initial(i):
                # "Ähnlich hatte sich …", "Berichte über …": the lemma of the capitalised
                # form tells a noun ("Bericht") from an adverb or verb ("ähnlich").
                return _lemma(t.text, self.lang)[:1].isupper()
            # "dpa-Meldung", "iPhone-Nutzer": a compound whose last part is a noun
            compound = "-" in t.text[1:-1] and t.text.rsplit("-", 1)[1][:1].isupper()
            return t.cap or compound
        return t.cap or t.low not in self.lex.determiners

    def is_adjective(self, i: int) -> bool:
        t = self.toks[i]
        # "Südkoreanische Abgeordnete": a sentence-initial adjective is capitalised
        initial_adjective = (
            t.cap and self._sentence_initial(i) and not _lemma(t.text, self.lang)[:1].isupper()
        )
        return (
            (not t.cap or initial_adjective)
            and t.text.replace("-", "").isalpha()  # "saudi-arabischen"
            and t.low not in self.lex.auxiliaries
            and t.low not in self.lex.np_breakers
            and t.low not in self.lex.determiners
            and t.low not in self.lex.pronouns
            and t.low not in self.lex.vorfeld_adverbs
            and t.low.endswith(self.lex.adjective_endings)
        )


# --- noun phrases ------------------------------------------------------------------------


def _np_forward(doc: _Doc, k: int, limit: int) -> list[int]:
    """The noun phrase starting at token ``k`` (before ``limit``), or []."""
    lex, toks = doc.lex, doc.toks
    if k >= limit:
        return []
    if toks[k].low in lex.speaker_pronouns:
        return [k]  # "sagte er", "he said"
    out: list[int] = []
    j = k
    seen_head = False
    if j < limit and toks[j].low in lex.np_openers:
        out.append(j)  # "Weder die NATO noch die USA", "sowohl Moskau als auch Pjöngjang"
        j += 1
    while j < limit:
        t = toks[j]
        coord = next(
            (
                c
                for c in lex.coordinators
                if seen_head
                and j + len(c) < limit
                and all(toks[j + n].low == c[n] for n in range(len(c)))
            ),
            None,
        )
        if coord is not None:
            nxt = j + len(coord)
            while nxt < limit and toks[nxt].low in lex.coordinated_prepositions:
                nxt += 1
            if doc.is_noun_like(nxt) or toks[nxt].low in lex.determiners or doc.is_adjective(nxt):
                out.extend(range(j, nxt))
                j = nxt
                seen_head = False
                continue
        # after a genitive article too: "Vertreter aller im Bundestag vertretenen Parteien"
        after_genitive_article = (
            seen_head
            and lex.capitalised_nouns
            and bool(out)
            and toks[out[-1]].low in lex.genitive_links
        )
        if (
            out
            and (not seen_head or after_genitive_article)
            and toks[out[-1]].low in lex.determiners
            and t.low in lex.participle_prepositions
        ):
            # "der von Seoul einbestellte Botschafter": a participle phrase inside the NP
            m = j + 1
            while m < limit and doc.is_noun_like(m):
                m += 1
            end: int | None = m if m > j + 1 and m < limit and doc.is_adjective(m) else None
            # "die zur Universität gehörende Stiftung", "der für die Region zuständige
            # Koordinator": articles and adjectives inside the participle phrase too
            end = end if end is not None else _participle_phrase_end(doc, j, limit)
            if end is not None:
                out.extend(range(j, end))
                j = end
                while (
                    after_genitive_article
                    and j + 1 < limit
                    and doc.is_adjective(j)
                    and (doc.is_noun_like(j + 1) or doc.is_adjective(j + 1))
                ):
                    out.append(j)  # the participle, then the genitive's noun
                    j += 1
                continue
        if t.quote >= 0 and toks[k].quote < 0:
            # "Die Zeitung „Yemen Observer“", "der Chef von „Ener1“": a short quoted name
            # after a noun or an article goes on the noun phrase
            # (`quoted_names`: in English, quotes inside a noun phrase are mostly scare quotes)
            name = _quoted_name(doc, j, range(j, limit)) if out and lex.quoted_names else []
            if not name or not (seen_head or toks[out[-1]].low in lex.determiners):
                break
            out.extend(name)
            seen_head = True
            j = name[-1] + 1
            continue
        if (
            seen_head
            and t.low in lex.attached_prepositions
            and out
            and toks[out[-1]].cap
            and j + 1 < limit
            and (
                toks[j + 1].low in lex.determiners
                or toks[j + 1].cap
                or toks[j + 1].text in _QUOTE_MARKS
                or (lex.capitalised_nouns and doc.is_adjective(j + 1))  # "vom neuen Amt"
            )
        ):
            # "Günter Metzges vom Netzwerk Campact", "ein Sprecher von der Polizei": the
            # noun phrase it is attached to goes on the source
            attached = _quoted_name(doc, j + 1, range(j + 1, limit)) or _np_forward(
                doc, j + 1, limit
            )
            if attached and attached[0] == j + 1:
                out.append(j)
                out.extend(attached)
                j = attached[-1] + 1
                continue
        # German genitives take any determiner ("der beiden Politiker"); English "of a …"
        # is mostly no part of the speaker's name (PolNeAR marks less)
        after_genitive = (
            lex.capitalised_nouns and bool(out) and toks[out[-1]].low in lex.genitive_links
        )
        if t.low in lex.determiners and (
            not seen_head or t.low in lex.genitive_links or after_genitive
        ):  # "Meinung vieler Experten", "Meinung der beiden Politiker"
            out.append(j)
            j += 1
            continue
        # "der offiziellen chinesischen Nachrichtenagentur": adjectives go on after a
        # genitive article until its noun
        genitive = bool(out) and (
            toks[out[-1]].low in lex.genitive_links
            or (
                lex.capitalised_nouns
                and doc.is_adjective(out[-1])
                and any(toks[m].low in lex.genitive_links for m in out[-3:-1])
            )
        )
        # "Angaben libanesischer Sicherheitskreise": a genitive plural without an article
        # shows in the adjective's strong ending
        bare_genitive = (
            seen_head
            and lex.capitalised_nouns
            and t.low.endswith(lex.bare_genitive_endings)
            and doc.is_noun_like(out[-1])
        )
        if (
            (not seen_head or genitive or bare_genitive)
            and doc.is_adjective(j)
            and j + 1 < limit
            and (doc.is_noun_like(j + 1) or doc.is_adjective(j + 1))
        ):
            out.append(j)
            j += 1
            continue
        if (
            seen_head
            and lex.capitalised_nouns
            and t.text[:1].isdigit()
            and j + 1 < limit
            and doc.is_noun_like(j + 1)
            and not toks[j + 1].text[:1].isdigit()
        ):
            break  # "laut Behördenangaben 7.000 Menschen": the count opens the next phrase
        if (
            seen_head
            and lex.capitalised_nouns
            and _common_word(doc, out[-1])
            and _common_word(doc, j)
            and toks[out[-1]].quote < 0
        ):
            # "fordern die Organisationen Bürger dazu auf", "laut Ministerium Arbeiten an …":
            # German writes a compound as one word, so two common nouns in a row (no name
            # among them) are two phrases
            break
        if doc.is_noun_like(j):
            out.append(j)
            seen_head = True
            j += 1
            continue
        if (
            t.low in lex.name_particles
            and seen_head
            and j + 1 < limit
            and toks[j + 1].cap
            # an article is a particle only after another ("von der Leyen"), not before an
            # object ("der Randalierer den Fluggast")
            and (t.low not in lex.determiners or toks[j - 1].low in lex.name_particles)
            and (
                t.low not in lex.name_particles_after_name
                or j - 1 in doc.speaking
                or word_class(toks[j + 1].text) == "?"  # a word no lexicon knows: a name
            )
        ):
            out.append(j)
            j += 1
            continue
        if t.text == "(" and seen_head:
            close = next((m for m in range(j + 1, min(limit, j + 5)) if toks[m].text == ")"), None)
            if close is not None:
                out.extend(range(j, close + 1))
                j = close + 1
                continue
        if t.text in ("-", "&") and seen_head and j + 1 < limit and toks[j + 1].cap:
            out.append(j)
            j += 1
            continue
        break
    while (
        out
        and not doc.is_noun_like(out[-1])
        and toks[out[-1]].text != ")"
        and not (toks[out[-1]].quote >= 0 and toks[k].quote < 0)  # a quoted name ends it
    ):
        out.pop()
    return out if seen_head else []


def _common_word(doc: _Doc, i: int) -> bool:
    """Whether token ``i`` is a capitalised common noun or verb in HanTa's lexicon ("Bürger",
    "Arbeiten") and in no entity mention (German; names are "NE" or unknown)."""
    t = doc.toks[i]
    if not t.cap or i in doc.named or not t.text.isalpha():
        return False
    tag = word_classes().get(t.low)
    return tag is not None and (tag == "NN" or tag.startswith("VV"))


def _participle_phrase_end(doc: _Doc, j: int, limit: int) -> int | None:
    """Where the participle phrase that opens at the preposition ``j`` ends in its
    participle, an attributive adjective right before the noun phrase's head: the phrase
    holds only articles, adjectives and nouns, a noun among them (German; None if not)."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns:
        return None
    noun = False
    for m in range(j + 1, min(limit - 1, j + 9)):
        if doc.is_noun_like(m):
            noun = True
            continue
        if noun and doc.is_adjective(m) and (doc.is_noun_like(m + 1) or doc.is_adjective(m + 1)):
            return m
        if toks[m].low in lex.determiners or doc.is_adjective(m):
            continue
        return None
    return None


def _np_backward(doc: _Doc, k: int, floor: int, attached: bool = False) -> list[int]:
    """The noun phrase ending at token ``k`` (not before ``floor``), or []. With
    ``attached``, over prepositional attachments to a noun too ("Angaben des Instituts von
    Athen zufolge", "Ersten Angaben vom Mittwoch zufolge")."""
    toks = doc.toks
    if k < floor or not doc.is_noun_like(k):
        return []
    j = k
    while j - 1 >= floor:
        p = toks[j - 1]
        if (
            attached
            and doc.lex.capitalised_nouns
            and (
                (_common_word(doc, j - 1) and _common_word(doc, j))
                or (not p.cap and (word_classes().get(p.low) or "").startswith("VV"))
            )
        ):
            # "nimmt die Organisation Schätzungen zufolge", "gewinnen Medienberichten
            # zufolge": two common nouns are two phrases, a verb is none (German)
            break
        if (
            attached
            and doc.lex.capitalised_nouns
            and p.low in doc.lex.determiners
            and toks[j].low in doc.lex.determiners
        ):
            break  # "Die seiner Ansicht nach fragwürdige Rolle": an article of the next phrase
        if p.low in doc.lex.determiners or doc.is_noun_like(j - 1) or doc.is_adjective(j - 1):
            j -= 1
            continue
        if (
            attached
            and p.low in doc.lex.attached_prepositions
            and j - 2 >= floor
            and doc.is_noun_like(j - 2)
        ):
            j -= 1
            continue
        break
    return list(range(j, k + 1))


def _np_before_parenthesis(doc: _Doc, k: int, rng: range) -> list[int]:
    """ "Einer Erklärung des Verbands ( VDR ) zufolge": a noun phrase and a short
    parenthesis ending at ``k``, or []."""
    toks = doc.toks
    if k <= rng.start or toks[k].text != ")":
        return []
    opening = next(
        (m for m in range(k - 1, max(rng.start, k - 5) - 1, -1) if toks[m].text == "("), None
    )
    if opening is None or opening - 1 < rng.start:
        return []
    np_ = _np_backward(doc, opening - 1, rng.start, attached=True)
    return list(range(np_[0], k + 1)) if np_ else []


# --- helpers over token ranges -----------------------------------------------------------


def _sentence_tokens(doc: _Doc, si: int) -> range:
    a, b = doc.sent_range[si]
    return range(a, b)


def _clause_bounds(doc: _Doc, i: int, rng: range) -> tuple[int, int]:
    """Tokens of the comma-delimited clause around token ``i`` (outside quotes)."""
    a = i
    while a - 1 >= rng.start and not (
        doc.toks[a - 1].text in _CLAUSE_BREAKS and doc.toks[a - 1].quote < 0
    ):
        a -= 1
    b = i
    while b + 1 < rng.stop and not (
        doc.toks[b + 1].text in _CLAUSE_BREAKS and doc.toks[b + 1].quote < 0
    ):
        b += 1
    return a, b + 1


def _appositions_end(doc: _Doc, comma: int, end: int) -> int:
    """Where the appositions after a subject end, before ``end``: at the first comma
    segment that is no noun phrase, a relative or subordinate clause ("Deiss, der sich
    … entschlossen hatte, sagte": SpkAtt's source is "Deiss"; "Günther Platter, der
    Verteidigungsminister, der … inne hat, sagte": the subject and its apposition)."""
    toks, lex = doc.toks, doc.lex
    while comma < end:
        nxt = next(
            (m for m in range(comma + 1, end) if toks[m].text == "," and toks[m].quote < 0), end
        )
        seg = [m for m in range(comma + 1, nxt) if not toks[m].punct or toks[m].text in "()"]
        if not seg:
            return comma
        np_ = _np_forward(doc, seg[0], nxt)
        whole_np = bool(np_) and np_[-1] >= seg[-1]
        relative = toks[seg[0]].low in lex.relative_openers or (
            # "…, mit dem er verhandelt hatte, …"
            len(seg) > 1
            and not toks[seg[0]].cap
            and toks[seg[1]].low in lex.relative_after_preposition
        )
        # "Elon Musk, der Gründer hinter der Firma, sagte": an apposition the noun phrase
        # rules cannot close ends in a noun, a relative clause in its verb (German)
        ends_in_noun = doc.lex.capitalised_nouns and (
            doc.is_noun_like(seg[-1]) or toks[seg[-1]].text == ")"
        )
        # "…, wollte sich nicht festlegen, …": a clause that opens with its verb
        verb_first = (
            doc.lex.capitalised_nouns
            and len(seg) > 1
            and _verb_like(doc, seg[0])
            and not doc.is_noun_like(seg[1])
            and not doc.is_adjective(seg[1])
        )
        if (relative or verb_first) and not whole_np and not ends_in_noun:
            return comma
        comma = nxt
    return end


def _over_parentheses(doc: _Doc, a: int, rng: range) -> int:
    """The start of a clause that begins right after a parenthesis, counting the
    parenthesis and what stands before it in: "Das Bundeskriminalamt (BKA) bestätigte"."""
    toks = doc.toks
    while a - 1 > rng.start and toks[a - 1].text == ")" and toks[a - 1].quote < 0:
        opening = next(
            (m for m in range(a - 2, max(rng.start, a - 8) - 1, -1) if toks[m].text == "("), None
        )
        if opening is None or opening == rng.start:
            break
        if toks[opening - 1].text in _CLAUSE_BREAKS:
            break  # "…, (so die Polizei) …": the parenthesis stands alone
        a = _clause_bounds(doc, opening - 1, rng)[0]
    return a


def _span_of(doc: _Doc, ids: Sequence[int]) -> list[tuple[int, int]]:
    """Character spans of token ids, merging adjacent tokens."""
    out: list[tuple[int, int]] = []
    prev = None
    for i in sorted(ids):
        t = doc.toks[i]
        if out and prev is not None and i == prev + 1:
            out[-1] = (out[-1][0], t.end)
        else:
            out.append((t.start, t.end))
        prev = i
    return out


def _trim(doc: _Doc, ids: list[int], keep_final: bool = False) -> list[int]:
    """Drop leading and trailing punctuation (but never quote marks of a kept quote)."""
    while ids and doc.toks[ids[0]].punct and doc.toks[ids[0]].quote < 0:
        ids = ids[1:]
    while ids and doc.toks[ids[-1]].punct and doc.toks[ids[-1]].quote < 0:
        if keep_final and doc.toks[ids[-1]].text in _FINAL and len(ids) > 1:
            break
        if doc.toks[ids[-1]].text == ")" and any(doc.toks[m].text == "(" for m in ids[:-1]):
            break  # "Henning Scherf (SPD)": the parenthesis closes what it opened
        ids = ids[:-1]
    return ids


# --- cue detection -----------------------------------------------------------------------


@dataclass(slots=True)
class _Cue:
    tokens: list[int]
    verb: _Verb


def _verb_cues(doc: _Doc, rng: range) -> list[_Cue]:
    lex, toks = doc.lex, doc.toks
    out: list[_Cue] = []
    for i in rng:
        t = toks[i]
        if t.quote >= 0 or t.used or not t.text.isalpha():
            continue
        if (
            lex.capitalised_nouns
            and t.cap
            and (not doc._sentence_initial(i) or doc.is_noun_like(i))
        ):
            continue  # a capitalised word is a noun ("Berichte"), not a verb
        candidates = lex.verbs.get(doc.lemma(i)) or lex.verbs.get(t.low)
        if not candidates:
            continue
        if (
            lex.capitalised_nouns
            and _attributive_participle(t.low, lex)
            and not _t_stem_participle(t.low, doc.lang, lex)
        ):
            continue  # "die geforderten Reformen": an adjective, not a speech act
        if lex.capitalised_nouns and _between_article_and_noun(doc, i, rng):
            continue  # "einer bestätigten Höchstgeschwindigkeit": no "ge", still an adjective
        if lex.capitalised_nouns and _participle_in_phrase(doc, i, rng):
            continue  # "in der bislang bestätigten Fassung", "die vom Rat beschlossene Regel"
        # "forderte … auf" is "auffordern", not "fordern": separable readings first
        for verb in sorted(candidates, key=lambda v: v.particle is None):
            tokens = [i]
            if verb.particle:
                p = _particle_after(doc, i, rng, verb.particle)
                if p is None:
                    p = _particle_before(doc, i, rng, verb.particle)
                if p is None:
                    continue
                tokens.append(p)
            if verb.extra:
                a, b = _clause_bounds(doc, i, rng)
                if not all(any(toks[m].low == w for m in range(a, b)) for w in verb.extra):
                    continue
                tokens.extend(m for m in range(a, b) if toks[m].low in verb.extra)
            aux = _auxiliary(doc, i, rng)
            if aux is not None:
                tokens.append(aux)
            if verb.reflexive:
                tokens.extend(_reflexive(doc, i, rng))
            out.append(_Cue(sorted(set(tokens)), verb))
            break
    return out


def _between_article_and_noun(doc: _Doc, i: int, rng: range) -> bool:
    """ "der prognostizierten Körperlänge": an inflected word right after a determiner and
    right before a noun is an attributive adjective (a relative "die bestätigten, dass …"
    has no noun after it)."""
    toks = doc.toks
    if i - 1 <= rng.start or i + 1 >= rng.stop or toks[i - 2].text == ",":
        return False  # "Das bestätigte Merkel", "…, die erklärten Gegner …": no article
    if toks[i - 1].low not in doc.lex.determiners or not toks[i].low.endswith(
        doc.lex.adjective_endings
    ):
        return False
    return toks[i + 1].cap and toks[i + 1].text.isalpha()


def _participle_in_phrase(doc: _Doc, i: int, rng: range) -> bool:
    """ "in der bislang bestätigten Fassung", "nach einer vom Rat beschlossenen Änderung": an
    inflected word before a noun, after an article (or a preposition that holds one,
    `attributive_prepositions`) and an adverb, or after "vom X" (`agent_prepositions`), is
    an attributive adjective; a finite verb does not stand between an article and its noun
    (a relative pronoun after a comma is no article: "…, die gestern kritisierten, …")."""
    toks, lex = doc.toks, doc.lex
    if i - 2 < rng.start or i + 1 >= rng.stop or not lex.attributive_prepositions:
        return False
    if not toks[i].low.endswith(lex.participle_inflections):
        return False
    if not (toks[i + 1].cap and toks[i + 1].text.isalpha()):
        return False
    before = toks[i - 1]
    if before.cap and before.text.isalpha():
        # "vom Bundestag beschlossenen", "von der Regierung beschlossenen"
        k = i - 2
        if toks[k].low in lex.determiners and k - 1 >= rng.start:
            k -= 1
        return toks[k].low in lex.agent_prepositions
    # "in der (erst) gestern veröffentlichten", "im bereits erwähnten": one or two adverbs
    for k in (i - 2, i - 3):
        if k < rng.start:
            return False
        word = toks[k]
        between = [toks[m] for m in range(k + 1, i)]
        if any(m.cap or not m.text.isalpha() or m.low in lex.determiners for m in between):
            return False
        if word.low in lex.attributive_prepositions:
            return True  # "im", "zum": preposition and article in one word
        if word.low in lex.determiners:
            return k - 1 < rng.start or toks[k - 1].text != ","
    return False


def _attributive_participle(word: str, lex: _Lexicon) -> bool:
    """ "geforderten", "zurückgewiesene": a participle inflected as an adjective."""
    if not lex.participle_inflections or "ge" not in word[:8]:
        return False
    if not word.endswith(lex.participle_inflections):
        return False
    # finite past forms ("bestätigten", "erklärte") have no "ge"; "gesagte", "geäußerten",
    # "angekündigte" do
    return word.startswith("ge") or any(
        word.startswith(p) and word[len(p) :].startswith("ge") for p in lex.participle_prefixes
    )


def _t_stem_participle(word: str, language: str, lex: _Lexicon) -> bool:
    """ "gebeten", "gehalten", "angeboten": the plain participle of a strong verb whose stem
    ends in "t", which looks like a weak participle with the ending "-en" ("gefordert-en").
    The word is a form of a verb the inflection-stripped word is no form of ("gebet" is
    "geben", "gehalt" a noun), while "geforderten" and "gefordert" share "fordern"."""
    ending = max((e for e in lex.participle_inflections if word.endswith(e)), key=len, default="")
    if not ending.startswith("t"):
        return False  # "gebetenen", "gesprochene": a strong participle with an ending
    lemma = _lemma(word, language)
    if lemma[:1].isupper() or not lemma.endswith(lex.infinitive_endings) or lemma == word:
        return False  # "gewarnten" → "gewarnt": the dictionary knows it as an adjective
    return _lemma(word[: -len(ending)] + "t", language) != lemma


def _particle_after(doc: _Doc, i: int, rng: range, particle: str) -> int | None:
    depth = 0
    skip_to = -1
    for m in range(i + 1, rng.stop):
        t = doc.toks[m]
        if t.quote >= 0 or m <= skip_to:
            continue
        if t.text == "," and not depth and doc.lex.capitalised_nouns:
            # "gab der Leiter des Amts, Andreas Huber, bekannt": an apposition of the
            # subject between the verb and its particle
            skip_to = _apposition_between(doc, i, m, rng)
            if skip_to > m:
                continue
        # "teilte Rutte auf der Plattform X (ehemals Twitter) mit": brackets inside the clause
        if t.text == "(":
            depth += 1
            continue
        if t.text == ")" and depth:
            depth -= 1
            continue
        if depth:
            continue
        if t.text in _CLAUSE_BREAKS or t.text in _FINAL:
            return None
        if t.low == particle:
            nxt = doc.toks[m + 1] if m + 1 < rng.stop else None
            if nxt is None or nxt.punct or nxt.low in doc.lex.content_openers:
                return m
    return None


def _apposition_between(doc: _Doc, i: int, comma: int, rng: range) -> int:
    """The closing comma of a noun-phrase apposition that opens at ``comma`` right after a
    noun phrase following the verb at ``i`` ("gab der Leiter des Amts, Andreas Huber,
    bekannt"), or -1."""
    toks = doc.toks
    if comma - 1 <= i or not toks[comma - 1].cap or not doc.is_noun_like(comma - 1):
        return -1
    close = next(
        (
            m
            for m in range(comma + 1, rng.stop)
            if toks[m].text in _CLAUSE_BREAKS or toks[m].text in _FINAL
        ),
        None,
    )
    if close is None or toks[close].text != "," or close - comma < 2:
        return -1
    appos = _np_forward(doc, comma + 1, close)
    if not appos or appos[0] != comma + 1 or appos[-1] != close - 1:
        return -1
    return close


def _phrase_before_opener(doc: _Doc, comma: int, rng: range) -> int:
    """The closing comma of a phrase without a verb between two commas, the second one
    right before a content opener ("sagte X, Leiter des Amts, gegenüber der Zeitung, dass
    …" has two; "erklärte der Eigentümer, das die „Rundschau“ verlegende Haus, dass …"),
    or -1."""
    toks, lex = doc.toks, doc.lex
    close = next(
        (
            m
            for m in range(comma + 1, rng.stop)
            if toks[m].quote < 0 and (toks[m].text in _CLAUSE_BREAKS or toks[m].text in _FINAL)
        ),
        None,
    )
    if close is None or toks[close].text != "," or close - comma < 2 or close + 1 >= rng.stop:
        return -1
    if toks[close + 1].low not in lex.noun_content_conjunctions:
        return -1
    for m in range(comma + 1, close):
        t = toks[m]
        if t.quote >= 0 or t.cap:
            continue
        if t.low in lex.auxiliaries or t.low in lex.modals or t.low == "zu":
            return -1  # "…, sie hätten Hinweise, dass …", "…, X zu sein, welche …": a clause
        if not _may_be_verb(doc, m):
            continue
        # "das die „Rundschau“ verlegende Haus": an inflected participle before its noun
        attributive = m + 1 < close and toks[m + 1].cap and t.low.endswith(lex.adjective_endings)
        if not attributive:
            return -1
    return close


def _embedded_relative(doc: _Doc, i: int, rng: range) -> bool:
    """ "…, der Umbau des Amts, der teuer sei, beginne bald": a clause opened by a relative
    pronoun and followed by a comma and a verb is a relative clause inside the sentence;
    the phrase before it is the subject of what follows, not an apposition."""
    toks = doc.toks
    if toks[i].low not in doc.lex.relative_openers or toks[i].low in doc.lex.content_openers:
        return False
    _, b = _clause_bounds(doc, i, rng)
    return (
        b + 1 < rng.stop
        and toks[b].text == ","
        and (_finite_verb_first(doc, b + 1) or _is_konjunktiv(doc, b + 1))
    )


def _phrase_between(doc: _Doc, last: int, comma: int, rng: range) -> int:
    """The comma after which the content of the cue ending at ``last`` opens, when the
    segment after ``comma`` is an apposition or a phrase without a verb ("erklärte der
    Eigentümer, das Medienhaus X, dass …", "sagte X, Leiter des Amts, gegenüber der
    Zeitung, dass …", "schrieb X in der Rundschau, einem Boulevardblatt, die Stadt sei …"),
    or -1. What follows must be content: "dass", a clause in Konjunktiv, a zu-infinitive,
    or another such phrase."""
    toks = doc.toks
    close = max(_apposition_between(doc, last, comma, rng), _phrase_before_opener(doc, comma, rng))
    if close <= comma or close + 1 >= rng.stop or toks[close + 1].punct:
        return -1
    nxt = close + 1
    if (
        toks[nxt].low in doc.lex.noun_content_conjunctions
        or (_konjunktiv_clause(doc, nxt, rng) and not _embedded_relative(doc, nxt, rng))
        or _infinitive_clause(doc, nxt, rng)
        or _phrase_between(doc, close - 1, close, rng) > close
    ):
        return close
    return -1


def _with_apposition_before(
    doc: _Doc, cue: list[int], src: list[int], start: int, rng: range
) -> list[int]:
    """ "erklärte der Eigentümer, das Medienhaus X, dass …": the apposition between the
    source after the cue and the content at ``start`` goes on the source (SpkAtt marks
    both); a phrase ("…, gegenüber der Zeitung, dass …") does not."""
    toks = doc.toks
    comma = src[-1] + 1
    if comma + 1 >= start or toks[comma].text != "," or toks[comma + 1].low in doc.lex.np_breakers:
        return src
    close = max(
        _apposition_between(doc, max(cue), comma, rng), _phrase_before_opener(doc, comma, rng)
    )
    if comma < close < start:
        return _trim(doc, list(range(src[0], close)))
    return src


def _reflexive(doc: _Doc, i: int, rng: range) -> list[int]:
    """The "sich" of a reflexive cue verb at ``i``: the nearest in its clause, after the
    finite verb ("stellte sich heraus") or before a verb at the clause end ("wie sich
    ergab")."""
    a, b = _clause_bounds(doc, i, rng)
    near = sorted(
        (m for m in range(a, b) if doc.toks[m].low == "sich" and doc.toks[m].quote < 0),
        key=lambda m: abs(m - i),
    )
    return near[:1]


def _particle_before(doc: _Doc, i: int, rng: range, particle: str) -> int | None:
    """ "hat bekannt gegeben", "wie der Verband bekannt gab": a particle of
    ``particles_apart`` as the word right before a verb at the end of its clause."""
    toks = doc.toks
    if particle not in doc.lex.particles_apart or i - 1 < rng.start or toks[i - 1].low != particle:
        return None
    nxt = toks[i + 1] if i + 1 < rng.stop else None
    verb_last = nxt is None or nxt.punct or nxt.low in doc.lex.auxiliaries
    return i - 1 if verb_last and toks[i - 1].quote < 0 else None


def _auxiliary(doc: _Doc, i: int, rng: range) -> int | None:
    """A finite auxiliary before a clause-final participle ("hatte … erklärt")."""
    nxt = doc.toks[i + 1] if i + 1 < rng.stop else None
    if nxt is not None and not (nxt.punct or nxt.low in doc.lex.content_openers):
        return None
    a, _ = _clause_bounds(doc, i, rng)
    # "die Anwohner befürchten, dass …": a verb in its infinitive's form goes with "wird" or
    # "würde" only, not with a "war" or "hat" earlier in the clause ("Das war nicht … und
    # die Anwohner befürchten")
    # ("war es wichtig zu betonen": a zu-infinitive goes with any)
    infinitive = (
        bool(doc.lex.infinitive_auxiliaries)
        and doc.lemma(i) == doc.toks[i].low
        and doc.toks[i - 1].low != "zu"
    )
    allowed = doc.lex.infinitive_auxiliaries if infinitive else doc.lex.auxiliaries
    for m in range(i - 1, max(a, i - 25) - 1, -1):
        if doc.toks[m].low in allowed and doc.toks[m].quote < 0:
            return m
    if doc.lex.capitalised_nouns and a - 2 > rng.start and doc.toks[a - 1].text == ",":
        # "hatte der Investor, Larry Silverstein, zugesagt": the participle follows an
        # apposition; the auxiliary stands in the clause before it
        prev, _ = _clause_bounds(doc, a - 2, rng)
        appos = _np_forward(doc, prev, a - 1)
        if (
            appos
            and appos[0] == prev
            and appos[-1] == a - 2
            and prev - 2 > rng.start
            and doc.toks[prev - 1].text == ","
        ):
            before, _ = _clause_bounds(doc, prev - 2, rng)
            for m in range(prev - 2, max(before, prev - 25) - 1, -1):
                if doc.toks[m].low in doc.lex.auxiliaries and doc.toks[m].quote < 0:
                    return m
    return None


# --- the rules ---------------------------------------------------------------------------


def _source_phrase(doc: _Doc, cue: list[int], rng: range) -> list[int]:
    """ "Aus dem Bericht geht hervor, dass …", "wie sich aus der Auswertung ergab": for a
    verb of ``source_prepositions`` the noun phrase after its preposition in the cue's
    clause is the source (the document the statement comes from), not the subject."""
    toks, lex = doc.toks, doc.lex
    words = {toks[m].low for m in cue}
    preps = {
        lex.source_prepositions[v.lemma]
        for m in cue
        for v in lex.verbs.get(doc.lemma(m), ())
        if v.lemma in lex.source_prepositions and (v.particle is None or v.particle in words)
    }
    if not preps:
        return []
    a, b = _clause_bounds(doc, min(cue), rng)
    for m in range(a, b):
        if toks[m].low in preps and m not in cue and toks[m].quote < 0:
            np_ = _np_forward(doc, m + 1, b)
            if np_ and not set(np_) & set(cue):
                return np_
    return []


def _source_for_verb(doc: _Doc, cue: list[int], rng: range) -> list[int]:
    """Subject of the cue verb: the Vorfeld before it, or the noun phrase after it."""
    toks, lex = doc.toks, doc.lex
    document = _source_phrase(doc, cue, rng)
    if document:
        return document
    # the words of a multi-word cue other than its verb ("Von … sprach", "Als … sah … an")
    # may stand anywhere in the clause: the verb and its auxiliary decide the positions
    extra = _extra_words(doc.lang)
    finite = min((c for c in cue if toks[c].low not in extra), default=min(cue))
    a, b = _clause_bounds(doc, finite, rng)
    a = _over_parentheses(doc, a, rng)
    after = finite + 1
    if (
        after < b
        and toks[after].low in lex.nominative_pronouns
        and not _in_subordinate_clause(doc, cue, rng)
    ):
        # "Der Politik schlug er vor", "Das Angebot, …, lehnt er ab": the Vorfeld holds
        # an object
        return [after]
    if toks[a].low in lex.comparison_clause and a < finite:
        # "Wie die Zeitung in ihrer Onlineausgabe berichtet": the verb closes the clause,
        # and a phrase that fills the rest goes on the subject
        subject = _np_forward(doc, a + 1, finite) or _quoted_name(doc, a + 1, range(a + 1, finite))
        return _with_attachment(doc, subject, finite, loose=True)
    if toks[rng.start].low in lex.comparison_clause and a > rng.start and toks[a - 1].text == ",":
        # "Wie der Vorsitzende Richter, Ottmar Breidling, ausführte, …"
        np_ = _np_forward(doc, rng.start + 1, a - 1)
        if np_ and toks[np_[-1] + 1].text == ",":
            return _trim(doc, list(range(rng.start + 1, a - 1)))
    if (
        toks[a].low in lex.relative_openers
        and a < finite
        and a > rng.start
        and toks[a - 1].text == ","
        # a relative clause ends in its finite verb; "X, der Sprecher der Behörde teilte
        # am Freitag mit, …" is an apposition without its closing comma
        and (not lex.capitalised_nouns or _verb_final(doc, finite, b))
    ):
        np_ = _np_forward(doc, a + 1, finite)
        # "ein Prediger, der alle Gäste aufforderte, …": a nominative relative pronoun is
        # the subject unless a pronoun or a name that can only be one follows it
        # (SpkAtt marks the pronoun; speakers.py resolves it to the noun before)
        other_subject = bool(np_) and (
            toks[np_[0]].low in lex.speaker_pronouns
            or (toks[np_[0]].cap and any(m in doc.speaking for m in np_))
        )
        if toks[a].low in lex.relative_subjects and not other_subject:
            return [a]
        if np_:
            return np_
    before = [m for m in range(a, finite) if not toks[m].punct]
    closing = finite + 1 < b and (
        toks[finite + 1].low in lex.auxiliaries or toks[finite + 1].low in lex.modals
    )
    if lex.capitalised_nouns and not closing:
        # "Das war nicht der erste Streit und die Anwohner befürchten, …": a main clause,
        # "und", and the cue's own subject right before it ("… und Meldungen geschrieben
        # haben": a verb cluster closing the clause has its object before it)
        for k in reversed(before):
            if toks[k].low not in lex.clause_coordinators or toks[k].quote >= 0:
                continue
            np_ = _np_forward(doc, k + 1, finite)
            if np_ and np_[-1] == finite - 1 and any(_may_be_verb(doc, m) for m in range(a, k)):
                return np_
            break
    if len(before) > 1 and toks[before[0]].low in lex.focus_particles:
        before = before[1:]  # "Einzig Sony gab bekannt", "Auch Anna Keller sagte"
    # subject first: "Der Geheimdienst teilte mit", "Ein Sprecher der Polizei, X, sagte";
    # "Den Schaden schätzt die Polizei …": an object in the Vorfeld, the subject follows
    adverbial = any(
        len(before) >= len(p) and all(toks[before[n]].low == p[n] for n in range(len(p)))
        for p in lex.vorfeld_phrases
    )
    if (
        before
        and not adverbial
        and toks[before[0]].low not in lex.vorfeld_adverbs
        and toks[before[0]].low not in lex.oblique_determiners
        and not (lex.capitalised_nouns and doc.in_time_expression(before[0]))
    ):
        start = before[0]
        # appositions: extend back over ", NP ," to the sentence start
        m = a
        while m - 1 > rng.start and toks[m - 1].text == ",":
            prev_a, _ = _clause_bounds(doc, m - 2, rng)
            seg = [x for x in range(prev_a, m - 1)]
            if (
                seg
                and _np_forward(doc, seg[0], m - 1)
                and toks[seg[0]].low not in lex.vorfeld_adverbs
            ):
                start = seg[0]
                m = prev_a
            else:
                break
        np_ = _np_forward(doc, before[0], finite)
        if np_ and (
            np_[-1] >= finite - 2
            # "Die Mutter kann nicht glauben, …": a modal, a negation, adverbs between
            or all(
                toks[m].low in lex.modals
                or toks[m].low in lex.negation
                or toks[m].low in lex.verb_subject_gap
                for m in range(np_[-1] + 1, finite)
            )
        ):
            return list(range(start, np_[-1] + 1)) if start < before[0] else np_
        if (
            np_
            and lex.capitalised_nouns
            and a == rng.start
            and start == before[0]
            and toks[np_[-1] + 1].low in lex.vorfeld_attachments
            and toks[before[0]].low not in lex.oblique_determiners
            and all(
                toks[m].quote < 0 and toks[m].text not in _CLAUSE_BREAKS
                for m in range(np_[-1] + 1, finite)
            )
            and _np_forward(doc, np_[-1] + 2, finite)
        ):
            # "Ein Regierungssprecher in Berlin sagte": before the finite verb of a main
            # clause stands one constituent, here the subject with a prepositional phrase
            return _trim(doc, list(range(before[0], finite)))
        if (
            len(before) == 1
            and toks[before[0]].low in lex.pronouns
            and (toks[before[0]].low not in lex.impersonal_pronouns or _active_es(doc, cue))
        ):
            return before  # "Dieser behauptete, …", "Beide sagten, …"
        if not lex.capitalised_nouns and len(before) <= 8:
            return before
    if not before and a - 1 > rng.start and toks[a - 1].text == ",":
        # "Robert Wood, der US-Botschafter der Vereinten Nationen, sagte …": the subject and
        # its appositions fill everything before the cue's clause ("Auch Winfried Hassemer,
        # Papiers Stellvertreter, glaubt": a focus particle first is no part of it)
        first = rng.start
        if toks[first].low in lex.focus_particles and first + 1 < a - 1:
            first += 1
        np_ = _np_forward(doc, first, a - 1)
        ends_at_comma = bool(np_) and toks[np_[-1] + 1].text == ","
        if ends_at_comma and np_[0] == first and toks[first].low not in lex.vorfeld_adverbs:
            return _trim(doc, list(range(first, _appositions_end(doc, np_[-1] + 1, a - 1))))
        if (
            lex.capitalised_nouns
            and np_
            and np_[0] == first
            and toks[first].low not in lex.vorfeld_adverbs
            and toks[first].low not in lex.oblique_determiners
            and a - 1 - first <= 16
            and _ends_with_name_apposition(doc, first, a - 1)
        ):
            # "Die Haushaltspolitikerin von Bündnis 90 / Die Grünen, Anja Hajduk, kritisierte":
            # a noun phrase the rules cannot close, then a name between commas
            return _trim(doc, list(range(first, a - 1)))
    if (
        lex.capitalised_nouns
        and finite - 1 > a
        and toks[finite - 1].low in lex.clause_coordinators
        and not _in_subordinate_clause(doc, cue, rng)
    ):
        # "Podolski war anwesend und sagte, …": the verb shares the clause's subject
        shared = _subject_at(doc, range(a, finite - 1), verb_first=a > rng.start)
        if shared:
            return shared
    # subject after the verb: "…, sagte US-Verteidigungsminister Lloyd Austin am Mittwoch";
    # after a modal it follows the modal ("Bisher könne das Ministerium nicht bestätigen")
    starts = [finite + 1]
    starts += [m + 1 for m in range(a, finite) if toks[m].low in lex.modals]
    for k in starts:
        while k < b and toks[k].low in lex.verb_subject_gap:
            k += 1
        if k < b and toks[k].low in lex.oblique_determiners:
            continue  # "widersprach dem Präsidenten": an object, not the subject
        np_ = _np_forward(doc, k, b)
        naming = any(doc.lemma(m) in lex.naming_verbs for m in cue)  # "genannt „X“": a name
        if not np_ and lex.quoted_names and lex.capitalised_nouns and not naming:
            # "schrieb „Die Zeit“ in einem Nachruf": a quoted name is the subject
            np_ = _quoted_name(doc, k, range(k, rng.stop))
            np_ = (
                np_ if np_ and _title_case_name(doc, [m for m in np_ if not toks[m].punct]) else []
            )
        if np_ and max(cue) > np_[-1]:
            np_ = _with_attachment(doc, np_, max(cue))
        if np_ and lex.capitalised_nouns and np_[-1] + 1 == b and max(cue) > b:
            # "hatte der Investor, Larry Silverstein, zugesagt": the apposition before the
            # participle goes on the subject
            np_ = _with_name_apposition(doc, np_, rng)
        if np_ and np_[0] not in cue:
            # "sprach Angela Merkel von der Möglichkeit": the cue's own words end it
            return next(([m for m in np_ if m < c] for c in cue if np_[0] < c <= np_[-1]), np_)
    return []


def _with_attachment(doc: _Doc, np_: list[int], end: int, loose: bool = False) -> list[int]:
    """ "Wie die Provinzregierung in Helmand mitteilte", "teilte ein Sprecher des Amtes in
    Koblenz mit": a prepositional phrase that fills the rest of the subject's field, up to
    the cue's last word at ``end``, goes on the subject (German)."""
    toks, lex = doc.toks, doc.lex
    if not np_ or not lex.capitalised_nouns or np_[-1] + 2 >= end:
        return np_
    prep = np_[-1] + 1
    if toks[prep].low not in lex.vorfeld_attachments or toks[prep].low in lex.genitive_links:
        return np_
    att = _np_forward(doc, prep + 1, end)
    if not att or att[0] != prep + 1 or att[-1] + 1 != end:
        return np_
    # a place or a body ("in Koblenz", "aus der Koalition"), not where it was said ("in
    # einer Erklärung", "im Interview")
    if loose or any(m in doc.named for m in att):
        return list(range(np_[0], end))
    return np_


def _verb_final(doc: _Doc, finite: int, end: int) -> bool:
    """Whether the verb at ``finite`` closes its clause (before ``end``), as in a
    subordinate clause: nothing but auxiliaries, modals and punctuation after it."""
    toks, lex = doc.toks, doc.lex
    return all(
        toks[m].punct or toks[m].low in lex.auxiliaries or toks[m].low in lex.modals
        for m in range(finite + 1, end)
    )


def _active_es(doc: _Doc, cue: list[int]) -> bool:
    """ "Es weist den Vorwurf zurück" (es: the court named before): with an active cue
    verb that is no impersonal one, "es" alone in the Vorfeld refers to a speaker ("Es
    wird erwartet, …", "Es heißt, …" stay impersonal). German only."""
    return (
        doc.lex.capitalised_nouns
        and not _passive(doc, cue)
        and not any(doc.toks[c].low in doc.lex.impersonal_verbs for c in cue)
        and not any(doc.toks[c].low in doc.lex.auxiliaries for c in cue)
    )


@cache
def _extra_words(language: str) -> frozenset[str]:
    """The words of multi-word cues other than their verbs ("davon" of "davon ausgehen")."""
    return frozenset(w for vs in _lexicon(language).verbs.values() for v in vs for w in v.extra)


def _content_after(doc: _Doc, cue: list[int], rng: range) -> list[int]:
    """Tokens of a content clause after the cue: ", (dass) CLAUSE" to the sentence end.

    English reports the clause without a comma ("He said the plan failed", "told
    reporters that …"): there the content starts at "that" or right after the cue.
    """
    toks = doc.toks
    last = max(cue)
    if not doc.lex.capitalised_nouns:
        k = last + 1
        # "told reporters (on Monday) that …": skip an addressee or adverbial up to "that"
        that = next(
            (m for m in range(k, min(rng.stop, k + 8)) if toks[m].low in doc.lex.content_openers),
            None,
        )
        if that is not None and not any(toks[m].punct for m in range(k, that)):
            return _trim(doc, list(range(that, rng.stop)))
        opens_clause = k < rng.stop and (
            toks[k].low in doc.lex.pronouns or toks[k].low in doc.lex.determiners or toks[k].cap
        )
        if opens_clause and not toks[k].punct and toks[k].quote < 0:
            rest = [m for m in range(k, rng.stop)]
            if len([m for m in rest if not toks[m].punct]) >= 3:
                return _trim(doc, rest)
    skip_to = -1
    for m in range(last + 1, rng.stop):
        t = toks[m]
        if m <= skip_to:
            continue
        if t.quote >= 0:
            if _quoted_name_in_cue_clause(doc, t.quote):
                continue  # "schrieb X in der „Rundschau“, …": a name, the content comes after
            return []
        if t.text == "," and doc.lex.capitalised_nouns:
            # "erklärte der Eigentümer, das Medienhaus X, dass …": an apposition of the
            # source (or of a noun after it) before the content's comma
            close = _phrase_between(doc, last, m, rng)
            if close > m:
                skip_to = close - 1  # the closing comma opens the content
                continue
        if toks[m - 1].low in doc.lex.verb_coordinators and _cue_at(doc, m, rng):
            return []  # "erwartet eine Entscheidung und gab bekannt, dass …": the second cue's
        if t.text == "," or t.text == ":":
            ids = [x for x in range(m + 1, rng.stop)]
            # "gab an, den Mitarbeiter nicht mehr einzusetzen", "droht damit, …": a comma
            # right after the cue (or its correlate) opens no relative clause, which needs
            # a noun before it
            right_after = m == last + 1 or (
                m == last + 2 and toks[last + 1].low in doc.lex.correlates
            )
            relative = bool(ids) and (
                _is_relative(doc, ids[0]) or _relative_after_noun(doc, m, ids[0])
            )
            if relative and right_after:
                # a finite cue ("gab an, den …") has no object before the comma; after a
                # participle ("hatte Berichte dementiert, nach denen …") only an infinitive
                # clause is content ("hat angekündigt, das Gymnasium zu reformieren")
                verb_final = any(toks[c].low in doc.lex.auxiliaries for c in cue)
                # "Dies geht aus einer Mitteilung hervor, die …": a particle closing the
                # clause after a noun has the object before it, as a participle does
                bracket = any(
                    toks[k].cap and doc.is_noun_like(k) for k in range(min(cue) + 1, last)
                )
                relative = (verb_final or bracket) and not _infinitive_clause(doc, ids[0], rng)
            elif relative and _article_infinitive_clause(doc, cue, ids[0], rng):
                relative = False  # "beschloss am Sonntag, der Partei beizutreten"
            elif relative and _preposition_phrase_in_konjunktiv(doc, ids[0], rng):
                relative = False  # "sagte zur „Rundschau“, nach dem Spiel hätten alle …"
            if ids and (relative or _opens_with_verb(doc, ids[0], rng)):
                return []
            if ids and toks[ids[0]].low in doc.lex.no_content_openers:
                return []  # ", und …", ", um … zu": a coordinated or adverbial clause
            if ids and _indicative_after_passive(doc, cue, ids[0], rng):
                return []
            if ids and _main_clause_after_condition(doc, cue, ids[0], rng):
                return []
            if (
                ids
                and doc.lex.capitalised_nouns
                and _finite_verb_first(doc, ids[0])
                and not _present_participle(doc, ids[0])
                and not _comparison_cue_clause(doc, cue, rng)
            ):
                # "…, hielt sich damals jedoch zurück", "…, galt er als …": a main clause
                # after a subordinate one, or a second verb of the subject
                return []
            if (
                ids
                and toks[ids[0]].low not in doc.lex.content_openers
                and doc.lex.capitalised_nouns
                and _subordinate_cue_clause(doc, cue, rng)
                and not _infinitive_clause(doc, ids[0], rng)
                and not _konjunktiv_clause(doc, ids[0], rng)
            ):
                # "Die Hunde, die erwartet wurden, trafen ein", "Nachdem die Behörden
                # gewarnt hatten, stellte sich heraus …": the comma ends the cue's own
                # subordinate clause; only "dass …" or "… zu tun" would be its content
                # (German verb-final order; English subordinate clauses go on after the
                # verb, and there it costs PolNeAR content)
                return []
            return _clause_or_nothing(doc, _trim(doc, _content_end(doc, ids, rng)))
        if t.low in doc.lex.content_openers and m == last + 1:
            return _trim(doc, _content_end(doc, list(range(m, rng.stop)), rng))
        if t.text in _FINAL:
            return []
    return []


def _indicative_after_passive(doc: _Doc, cue: list[int], i: int, rng: range) -> bool:
    """ "Die Wahl muss noch bestätigt werden, im Mai soll er antreten": after a
    passive cue, a main clause in the indicative is the narrator's next sentence; what was
    reported would be in Konjunktiv, a zu-infinitive or a "dass" clause (German)."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns or toks[i].low in lex.content_openers:
        return False
    near = range(max(rng.start, min(cue) - 1), min(rng.stop, max(cue) + 2))
    if not any(toks[m].low in lex.passive_auxiliaries for m in near):
        return False
    main = [m for m in cue if toks[m].low not in lex.auxiliaries and toks[m].text.isalpha()]
    if not main or _lemma(toks[main[-1]].low, doc.lang) == toks[main[-1]].low:
        return False  # "wird sagen": a future, no passive
    if _konjunktiv_clause(doc, i, rng) or _infinitive_clause(doc, i, rng):
        return False
    _, b = _clause_bounds(doc, i, rng)
    finite = lex.auxiliaries | lex.modals | lex.copulas
    return any(toks[m].low in finite or _finite_verb_first(doc, m) for m in range(i, b))


def _main_clause_after_condition(doc: _Doc, cue: list[int], i: int, rng: range) -> bool:
    """ "Sollte der Antrag angenommen werden, könnte die Seite …", "Wenn der Verband geklagt
    hätte, hätte man …": after a condition that opens the sentence (`condition_openers` or
    a verb first), the finite verb right after its comma opens the main clause, in the
    Konjunktiv too; reported speech has a word before its verb (German)."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns:
        return False
    a, _ = _clause_bounds(doc, min(cue), rng)
    if a != rng.start:
        return False
    first = toks[a].low
    verb_first = first in lex.modals or first in lex.auxiliaries
    if not (verb_first or first in lex.condition_openers):
        return False
    t = toks[i]
    if t.cap or t.quote >= 0:
        return False
    return (
        t.low in lex.modals
        or t.low in lex.auxiliaries
        or t.low in lex.copulas
        or _is_konjunktiv(doc, i)
        or _finite_verb_first(doc, i)
    )


def _quoted_name_in_cue_clause(doc: _Doc, q: int) -> bool:
    """Whether quote ``q`` is a name (`quoted_names`: every word capitalised) that the cue's
    clause holds before its content ("berichtete im Fachblatt „Nature Physics“, …", "das
    die „Rundschau“ verlegende Haus")."""
    if not doc.lex.quoted_names:
        return False
    span = (doc.quotes[q].start, doc.quotes[q].end)
    words = [m for m in _tokens_in(doc, [span]) if not doc.toks[m].punct]
    return bool(words) and _title_case_name(doc, words)


def _konjunktiv_clause(doc: _Doc, i: int, rng: range) -> bool:
    """Whether the clause from token ``i`` has a verb in Konjunktiv: reported speech, the
    content of a cue in a subordinate clause before it ("…, da sie befürchten, viele
    könnten …", "…, die sagte, man dürfe …"), where a main clause would be indicative."""
    _, b = _clause_bounds(doc, i, rng)
    return any(_is_konjunktiv(doc, m) for m in range(i, b))


def _preposition_phrase_in_konjunktiv(doc: _Doc, i: int, rng: range) -> bool:
    """ "nach dem Spiel hätten alle …": a preposition, an article and a noun opening a clause
    in Konjunktiv are a phrase of reported speech; a relative "nach dem …" has no noun
    right after the pronoun."""
    toks = doc.toks
    if i + 2 >= rng.stop or toks[i + 1].low not in doc.lex.relative_after_preposition:
        return False
    if not (doc.is_noun_like(i + 2) or doc.is_adjective(i + 2)):
        return False
    return _konjunktiv_clause(doc, i, rng)


def _article_infinitive_clause(doc: _Doc, cue: list[int], i: int, rng: range) -> bool:
    """ "bat den Verband, die Brücke zu sanieren", "beschloss am Sonntag, der Partei
    beizutreten": an article and its noun opening a clause that ends in a zu-infinitive; a
    relative clause ends in its finite verb ("…, die zu sanieren ist"). Only after the
    addressee of a verb that takes one, or after a time: other nouns take the infinitive
    themselves ("lobte den Plan, die Brücke zu sanieren")."""
    toks, lex = doc.toks, doc.lex
    if toks[i].low not in lex.definite_articles or i + 1 >= rng.stop:
        return False
    verbs = lex.accusative_addressee | lex.dative_addressee
    if not (any(doc.lemma(c) in verbs for c in cue) or doc.in_time_expression(i - 2)):
        return False
    if not (doc.is_noun_like(i + 1) or doc.is_adjective(i + 1)):
        return False
    return _infinitive_clause(doc, i, rng)


def _present_participle(doc: _Doc, i: int) -> bool:
    """ "bat sie, vorübergehend im Amt zu bleiben": a present participle (the infinitive
    and "d") used as an adverb opens no second main clause, as a finite verb would."""
    low = doc.toks[i].low
    return low.endswith("d") and _lemma(low, doc.lang) == low[:-1]


def _clause_or_nothing(doc: _Doc, ids: list[int]) -> list[int]:
    """The content if it is a clause, else nothing: a comma after the cue also goes on a
    list ("belegen Brüche an Armen, Beinen und Rippen") or an apposition ("äußerte sich
    der Vorsitzende, Tom Wendler, zu …"), which has no verb (German; a lowercase word
    whose lemma is a verb, or a listed finite form)."""
    if not doc.lex.capitalised_nouns or any(_may_be_verb(doc, m) for m in ids):
        return ids
    return []


def _may_be_verb(doc: _Doc, i: int) -> bool:
    t, lex = doc.toks[i], doc.lex
    if t.cap or not t.text.isalpha():
        return False
    if t.low in lex.auxiliaries or t.low in lex.copulas or t.low in lex.modals:
        return True
    if t.low in lex.determiners or t.low in lex.np_breakers or t.low in lex.pronouns:
        return False
    if _is_konjunktiv(doc, i):
        return True
    lemma = _lemma(t.low, doc.lang)
    return lemma.endswith(lex.infinitive_endings) or lemma in lex.short_infinitives


def _content_end(doc: _Doc, ids: list[int], rng: range) -> list[int]:
    """The content clause without what follows it in the sentence (German): another cue
    clause (", räumte Jennifer Lopez ein, …"), a contrast with its own subject (", doch
    der Sprecher erklärte …"; `content_enders`), or a second verb of the speaker ("sie
    müssten nachgeben und bemühte das Bild …")."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns:
        return ids
    for k, m in enumerate(ids[:-1]):
        if toks[m].quote >= 0:
            continue
        nxt = m + 1
        if toks[m].text == "," and (toks[nxt].low in lex.content_enders or _cue_at(doc, nxt, rng)):
            return ids[:k]
        if (
            toks[m].low in lex.verb_coordinators
            and k > 2
            and _finite_verb_first(doc, nxt)
            and not _is_konjunktiv(doc, nxt)
        ):
            return ids[:k]
    return ids


def _subordinate_cue_clause(doc: _Doc, cue: list[int], rng: range) -> bool:
    """Whether the cue's clause is subordinate: a relative or subordinate clause inside the
    sentence, or one that opens the sentence with a conjunction ("Nachdem …", "Was …")."""
    a, _ = _clause_bounds(doc, min(cue), rng)
    first = doc.toks[a].low
    if first in doc.lex.comparison_clause:
        return False  # "…, wie die Polizei mitteilte, sei …": the statement goes on
    if a == rng.start:
        return first in doc.lex.vorfeld_subordinators or first in doc.lex.clause_relatives
    return _in_subordinate_clause(doc, cue, rng)


def _comparison_cue_clause(doc: _Doc, cue: list[int], rng: range) -> bool:
    """ "Wie der Verband mitteilte, lag …", "…, so schätzen die Forscher, soll …": the cue's
    clause is a comparison or a parenthesis; the main clause after it is the statement."""
    a, _ = _clause_bounds(doc, min(cue), rng)
    if doc.toks[a].low in doc.lex.so_words:
        return True
    # "Wie der Bevollmächtigte, Gerald Braun, mitteilte, …", "Denn wie die Zeitung …"
    return any(
        doc.toks[m].low in doc.lex.comparison_clause and doc.toks[m].quote < 0
        for m in range(rng.start, min(cue))
    )


def _finite_verb_first(doc: _Doc, i: int) -> bool:
    """Whether token ``i`` looks like a finite verb opening its clause: lowercase, no
    function word, and an inflected form of a verb ("hielt" → halten, "ist" → sein)."""
    t, lex = doc.toks[i], doc.lex
    if t.cap or not t.text.isalpha() or t.quote >= 0:
        return False
    if (
        t.low in lex.determiners
        or t.low in lex.pronouns
        or t.low in lex.relative_openers
        or t.low in lex.content_openers
        or t.low in lex.np_breakers
        or t.low in lex.vorfeld_adverbs
        or t.low in lex.negation
        or (
            t.low.endswith(lex.adjective_endings)
            and not t.low.endswith(lex.infinitive_endings)
            and not _weak_preterite(doc, i)
        )
    ):
        return False
    if _is_konjunktiv(doc, i):
        return False
    lemma = _lemma(t.low, doc.lang)
    return lemma != t.low and lemma.endswith(lex.infinitive_endings) and not lemma[:1].isupper()


def _weak_preterite(doc: _Doc, i: int) -> bool:
    """ "forderte", "weigerte": a weak verb's preterite ends like an inflected adjective
    ("die geforderte Summe"); an adjective is followed by its noun, the verb by anything
    else ("und forderte eine Sanierung", "und weigerte sich")."""
    t, lex = doc.toks[i], doc.lex
    if not t.low.endswith(lex.preterite_endings) or t.low in lex.modals:
        return False  # (", sollte die UNO …": a conditional clause opened by a modal)
    # the lemma's stem plus the ending ("bemühte" → bemühen, "änderte" → ändern)
    lemma = _lemma(t.low, doc.lang)
    if not lemma.endswith(lex.infinitive_endings) or not any(
        t.low == stem + ending
        for stem in (lemma[:-2], lemma[:-1])
        for ending in lex.preterite_endings
    ):
        return False
    nxt = doc.toks[i + 1] if i + 1 < len(doc.toks) else None
    return nxt is None or not nxt.cap or nxt.low in lex.determiners


def _infinitive_clause(doc: _Doc, i: int, rng: range) -> bool:
    """Whether the clause from token ``i`` ends in a zu-infinitive ("… zu reformieren")."""
    _, b = _clause_bounds(doc, i, rng)
    end = b - 1
    while end > i and doc.toks[end].punct:
        end -= 1
    return _zu_infinitive_at(doc, end, i)


def _zu_infinitive_at(doc: _Doc, i: int, start: int = 0) -> bool:
    """Whether token ``i`` is a zu-infinitive ("zu reformieren"; "vorzulegen", the
    separable particle, then "zu"), the word before it counted from ``start`` on."""
    t = doc.toks[i]
    if t.cap or not t.low.endswith("n"):
        return False
    if i - 1 >= start and doc.toks[i - 1].low == "zu":
        return True
    return any(t.low.startswith(p + "zu") for p in doc.lex.particles)


def _is_relative(doc: _Doc, i: int) -> bool:
    """A relative clause opener: "die …", "nach denen …", "in dem …"."""
    toks, lex = doc.toks, doc.lex
    if toks[i].low in lex.relative_openers and toks[i].low not in lex.content_openers:
        # "…, das verfeindete Nordkorea habe …": an article opening reported speech in
        # Konjunktiv, not a relative pronoun.
        if toks[i].low not in lex.definite_articles or i + 1 >= len(toks):
            return True
        if not (doc.is_noun_like(i + 1) or doc.is_adjective(i + 1)):
            return True  # "…, die das Gesetz entworfen hatte": a relative pronoun
        rng = _sentence_tokens(doc, toks[i].sent)
        _, b = _clause_bounds(doc, i, rng)
        return not any(_is_konjunktiv(doc, m) for m in range(i, b))
    # "nach denen …"; but "dass der Fahrer …" is a content clause, not a preposition
    if i + 1 >= len(toks) or toks[i].low in lex.content_openers:
        return False
    if toks[i + 1].low in lex.relative_after_preposition:
        return True
    # "eine Liste, gegen die es Klagen gab", "ein Link, über den man …": a pronoun that is
    # also an article is relative when no noun follows it ("…, für die Reederei sei …")
    return (
        toks[i].low in lex.relative_prepositions
        and toks[i + 1].low in lex.relative_after_preposition_articles
        and i + 2 < len(toks)
        and not (doc.is_noun_like(i + 2) or doc.is_adjective(i + 2))
    )


def _relative_after_noun(doc: _Doc, comma: int, i: int) -> bool:
    """ "schildert die Fehlerkette, welche zur Tragödie führte": a question word right after
    an article and its noun (adjectives between) opens a relative clause on that noun; a
    noun that asks a question takes it as its content ("die Frage, welche …")."""
    toks, lex = doc.toks, doc.lex
    if toks[i].low not in lex.noun_relatives or comma < 2:
        return False
    noun = comma - 1
    if not (toks[noun].cap and toks[noun].text.isalpha() and doc.is_noun_like(noun)):
        return False
    if toks[noun].low.endswith(lex.question_nouns):
        return False
    k = noun - 1
    while k > 0 and doc.is_adjective(k):
        k -= 1
    if toks[k].low not in lex.determiners:
        return False
    # "erklärte den Journalisten, welche Brücke saniert werde": a question word before its
    # noun asks, and reported speech is in Konjunktiv; a relative clause is neither
    if (
        i + 1 < len(toks)
        and toks[i].low != "wo"
        and (doc.is_noun_like(i + 1) or doc.is_adjective(i + 1))
    ):
        return False
    return not _konjunktiv_clause(doc, i, _sentence_tokens(doc, toks[i].sent))


def _opens_with_verb(doc: _Doc, i: int, rng: range) -> bool:
    """ ", warnten aber …": a coordinated verb, not a content clause; nor is ", heißt es, …"
    (a cue another rule has taken)."""
    t = doc.toks[i]
    if t.used and t.quote < 0:
        # "sagte, nach Angaben der Polizei habe …", "sagte, laut X sei …": an according
        # preposition opens a phrase inside the content, no clause of its own
        return not (doc.lex.capitalised_nouns and t.low in doc.lex.prepositions | {"nach"})
    return _cue_at(doc, i, rng)


def _cue_at(doc: _Doc, i: int, rng: range) -> bool:
    """Whether token ``i`` is the verb of a cue, its particle looked for up to the end
    of the sentence (", teilten jedoch mit, …")."""
    if i >= rng.stop or doc.toks[i].cap or not doc.toks[i].text.isalpha():
        return False
    lex = doc.lex
    if not (lex.verbs.get(doc.lemma(i)) or lex.verbs.get(doc.toks[i].low)):
        return False
    return any(c.tokens[0] <= i and i in c.tokens for c in _verb_cues(doc, range(i, rng.stop)))


def _content_before(doc: _Doc, cue: list[int], rng: range) -> list[int]:
    """Tokens of the statement before ", sagte X" (the cue right after a comma)."""
    first = min(cue)
    a, _ = _clause_bounds(doc, first, rng)
    if (
        a - 1 > rng.start
        and doc.toks[a - 1].text == ","
        and doc.toks[a].low in doc.lex.clause_relatives
    ):
        return _trim(doc, list(range(rng.start, a - 1)))  # "…, was Moskau bestreitet"
    if _trailing_comparison_clause(doc, a, first, rng):
        return _trim(doc, list(range(rng.start, a - 1)))  # "…, wie die Polizei mitteilte."
    taken_up = _demonstrative_after_comma(doc, first, rng)
    if taken_up is not None:
        return _clause_or_nothing(doc, _trim(doc, list(range(rng.start, taken_up))))
    if first - 1 < rng.start or doc.toks[first - 1].text != ",":
        if not doc.lex.capitalised_nouns and a - 1 > rng.start and doc.toks[a - 1].text in ',”"':
            np_ = _np_forward(doc, a, first)
            tail = [m for m in range(max(cue) + 1, rng.stop) if not doc.toks[m].punct]
            if np_ and np_[-1] == first - 1 and len(tail) <= 4:
                return _trim(doc, list(range(rng.start, a - 1)))  # "…, the minister said."
        return []
    tail = [m for m in range(max(cue) + 1, rng.stop) if not doc.toks[m].punct]
    if not doc.lex.capitalised_nouns and len(tail) > 5:
        return []  # "The agency, the LfU, said it …": an apposition, not ", said X."
    ids = _trim(doc, list(range(rng.start, first - 1)))
    if ids and doc.lex.capitalised_nouns and _vorfeld_not_statement(doc, ids):
        return []
    return _clause_or_nothing(doc, ids)


def _demonstrative_after_comma(doc: _Doc, first: int, rng: range) -> int | None:
    """ "Die Fähre fällt aus, das teilte die Reederei mit.", "… – das zumindest meint X": a
    demonstrative (and a particle) right before the finite cue, after a comma or a
    dash, takes up the clause before it as what was said (German; verb second, so no
    relative clause, which ends in its verb). The index of that comma or dash."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns:
        return None
    k = first - 1
    if k > rng.start and toks[k].low in lex.demonstrative_particles:
        k -= 1
    if k - 1 <= rng.start or toks[k].low not in lex.demonstratives:
        return None
    if toks[k - 1].text not in (",", "–") or toks[k - 1].quote >= 0:
        return None
    return k - 1


def _trailing_comparison_clause(doc: _Doc, a: int, first: int, rng: range) -> bool:
    """Whether the cue's clause, from ``a``, is a comparison clause after a comma that ends
    the sentence ("…, wie die Polizei am Montag mitteilte."; German verb-final order: the
    cue closes it, and the main clause before is the statement)."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns or a - 2 <= rng.start or toks[a - 1].text != ",":
        return False
    if toks[a].low not in lex.comparison_clause or a >= first:
        return False
    _, b = _clause_bounds(doc, first, rng)
    if not all(toks[m].text in _FINAL for m in range(b, rng.stop)):
        return False
    # "…, das so beeindruckend klang, wie man es nicht erwartet hatte": a comparison of degree
    main, _ = _clause_bounds(doc, a - 2, rng)
    return not any(toks[m].low in lex.degree_words for m in range(main, a - 1))


def _vorfeld_not_statement(doc: _Doc, ids: list[int]) -> bool:
    """Whether the text before ", <cue>" is the Vorfeld of the cue's own clause rather than
    a statement: a subordinate clause ("Nachdem es zu Unruhen kam, forderten beide …";
    ``vorfeld_subordinators``) or the subject with an apposition ("Die Vorsitzende der
    Fraktion, Anna Keller, forderte …": the first comma clause is one noun phrase)."""
    toks, lex = doc.toks, doc.lex
    k = ids[0]
    while (
        k <= ids[-1] and toks[k].low in lex.vorfeld_adverbs and toks[k].low in lex.verb_subject_gap
    ):
        k += 1  # "Auch die Fraktionschefin der Grünen, …"
    if toks[k].low in lex.vorfeld_subordinators:
        return True
    comma = next(
        (m for m in range(k, ids[-1] + 1) if toks[m].text == "," and toks[m].quote < 0), None
    )
    whole = _np_forward(doc, k, ids[-1] + 1)
    if whole and whole[0] == k and whole[-1] == ids[-1] and toks[k].low not in lex.pronouns:
        return True  # "Der Vizekanzler Franz Müntefering (SPD), hat …": a subject, no clause
    if comma is None or comma == k:
        return False
    if _ends_with_name_apposition(doc, k, ids[-1] + 1) and _np_forward(doc, k, comma)[:1] == [k]:
        return True  # "Die Sprecherin von Bündnis 90 / Die Grünen, Anna Keller, kritisierte"
    last_comma = max(m for m in range(comma, ids[-1] + 1) if toks[m].text == ",")
    if last_comma < ids[-1] and _is_konjunktiv(doc, last_comma + 1):
        # "Ein Tief, das über der Bucht stand, habe das Festland erreicht, meldet …": the
        # subject's relative clause, then its verb in Konjunktiv: a statement ("Der
        # Vorwurf, die Brücke sei zu teuer, wurde …" has a clause of its own there)
        return False
    np_ = _np_forward(doc, k, comma)
    return bool(np_) and np_[0] == k and np_[-1] == comma - 1 and toks[k].low not in lex.pronouns


def _stance(doc: _Doc, verb_stance: Stance, cue: list[int], content: list[int]) -> Stance:
    lex, toks = doc.lex, doc.toks
    a, b = doc.sent_range[toks[min(cue)].sent]
    window = range(max(a, min(cue) - 6), min(b, max(cue) + 3))
    negated = any(toks[m].low in lex.negation for m in window if toks[m].quote < 0)
    if verb_stance == "confirm" and negated:
        return "unconfirmed"
    if verb_stance in ("deny", "warn", "demand", "confirm"):
        return "other" if negated and verb_stance == "deny" else verb_stance
    if not content:
        return "assert"
    body = " ".join(toks[m].text for m in content)
    whole = " ".join(toks[m].text for m in range(content[0], min(len(toks), content[-1] + 1)))
    ph = lex.phrases
    if any(p in whole for p in ph.get("unconfirmed", ())):
        return "unconfirmed"
    if any(_has_phrase(body, p) for p in ph.get("deny", ())):
        return "deny"
    if any(_has_phrase(body, p) for p in ph.get("confirm", ())):
        return "confirm"
    main = [m for m in content if toks[m].quote < 0]
    first_comma = next((k for k, m in enumerate(main) if toks[m].text == ","), len(main))
    for m in main[:first_comma]:
        # "Die Nato kann Berichte … bestätigen" (laut Rutte): the statement's own verb
        verbs = lex.verbs.get(doc.lemma(m), []) if not toks[m].cap else []
        stances = {v.stance for v in verbs if not v.particle}
        if "confirm" in stances or "deny" in stances:
            clause_neg = any(toks[k].low in lex.negation for k in main[:first_comma])
            if "confirm" in stances:
                return "unconfirmed" if clause_neg else "confirm"
            return "other" if clause_neg else "deny"
    words = {toks[m].text for m in content}
    if words & set(ph.get("warn_conditional", ())) and any(
        _has_phrase(body, p) for p in ph.get("warn_danger", ())
    ):
        return "warn"
    return "assert"


def _has_phrase(body: str, phrase: str) -> bool:
    start = body.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        left_ok = start == 0 or not body[start - 1].isalnum()
        right_ok = end == len(body) or not body[end].isalnum()
        if left_ok and right_ok:
            return True
        start = body.find(phrase, start + 1)
    return False


def _citing(doc: _Doc, rng: range) -> list[tuple[list[int], list[int]]]:
    """ "unter Berufung auf X": (cue tokens, source tokens) in the sentence."""
    out = []
    toks = doc.toks
    starts = doc.lex.citing_starts
    for i in range(rng.start, rng.stop):
        if toks[i].low not in starts or toks[i].quote >= 0:
            continue
        for phrase in doc.lex.citing:
            n = len(phrase)
            if i + n > rng.stop:
                continue
            if all(toks[i + k].low == phrase[k].lower() for k in range(n)):
                src = _np_forward(doc, i + n, rng.stop)
                if src:
                    out.append((list(range(i, i + n)), src))
    return out


def _according(doc: _Doc, rng: range) -> list[_Found]:
    """laut X / X zufolge / nach Angaben X / so X / heißt es / demnach."""
    lex, toks = doc.lex, doc.toks
    found: list[_Found] = []
    for i in rng:
        t = toks[i]
        if t.low not in lex.according_starts or t.quote >= 0 or t.used:
            continue
        cue: list[int] = []
        src: list[int] = []
        so_parenthesis: int | None = None  # the comma closing ", so X," inside the statement
        opener: int | None = None  # the comma or colon after "heißt es" that opens the statement
        rule = "according"
        phrase = next(
            (
                p
                for p in lex.according_phrases
                if i + len(p) <= rng.stop and all(toks[i + k].low == p[k] for k in range(len(p)))
            ),
            None,
        )
        if phrase is not None:
            n = len(phrase)
            cue, src = list(range(i, i + n)), _np_forward(doc, i + n, rng.stop)
        elif (
            lex.report_relatives
            and i - 2 >= rng.start
            and toks[i - 1].text == ","
            and doc.is_noun_like(i - 2)
            and (
                t.low in lex.report_relatives
                or (
                    t.low == "nach"
                    and i + 1 < rng.stop
                    and toks[i + 1].low in lex.relative_after_preposition
                    and toks[i - 2].low.endswith(lex.report_nouns)
                )
            )
        ):
            # "Gerüchte, nach denen …" (SpkAtt: the relative pronoun is the source), "eine
            # Schätzung, wonach …" (the noun it refers to)
            cue = [i]
            src = [i + 1] if t.low == "nach" else _np_backward(doc, i - 2, rng.start)
        elif t.low in lex.prepositions:
            cue, src = [i], _np_forward(doc, i + 1, rng.stop) or _quoted_name(doc, i + 1, rng)
        elif (
            t.low == "nach"
            and i > rng.start
            and toks[i - 1].cap
            and toks[i - 1].low.endswith(lex.nach_complement_nouns)
        ):
            pass  # "die Forderung nach einem Waffenstillstand": what is asked for, no source
        elif t.low == "nach" and i > rng.start and toks[i - 1].low in lex.nach_time_words:
            pass  # "Erst nach langen Ermittlungen", "kurz nach der Meldung": time, no source
        elif t.low == "nach" and i + 1 < rng.stop and not _postposed_nach(doc, i, rng):
            k = i + 1
            # "nach Angaben", "nach den Worten des Ministers", "nach neuen Erkenntnissen"
            if toks[k].low in lex.determiners:
                k += 1
            while k < rng.stop and doc.is_adjective(k):
                k += 1
            if k < rng.stop and toks[k].text.endswith(lex.nach_nouns_tuple):
                if _nach_event(doc, i, k, rng):
                    continue  # "Nach der Veröffentlichung kam es zu …": a time, no source
                cue, src = [i], _np_forward(doc, i + 1, rng.stop)
        elif t.low == "nach" and _postposed_nach(doc, i, rng):
            # "seiner Meinung nach", "dem Vernehmen nach": the source stands before "nach"
            cue, src = [i], _np_backward(doc, i - 1, rng.start, attached=True)
        elif t.low in lex.postpositions:
            cue, src = [i], _np_backward(doc, i - 1, rng.start, attached=True)
            if not src and i > rng.start and toks[i - 1].low in lex.dative_pronouns:
                src = [i - 1]  # "Ihnen zufolge hat …": the pronoun is the source
            if not src and doc.lex.capitalised_nouns:
                src = _np_before_parenthesis(doc, i - 1, rng)
        elif (
            t.low in lex.postposition_words
            and i + 1 < rng.stop
            and toks[i + 1].low == lex.postposition_words[t.low]
            and i > rng.start
        ):
            # "Gerüchten zu Folge": the postposition spelt as two words
            cue, src = [i, i + 1], _np_backward(doc, i - 1, rng.start, attached=True)
            if not src:
                continue  # "kam zu Folge drei": no source, no according phrase
        elif (
            t.low in lex.view_prepositions
            and i + 1 < rng.stop
            and toks[i + 1].text in lex.view_prepositions[t.low]
        ):
            # "aus Sicht der Organisationen": like "nach Ansicht", the noun and its genitive
            # are the source
            cue, src = [i], _np_forward(doc, i + 1, rng.stop)
            if not src:
                continue
        elif t.low in lex.so_words and i > rng.start and toks[i - 1].text in (",", "–"):
            np_ = _np_forward(doc, i + 1, rng.stop)
            rest = [m for m in range(np_[-1] + 1 if np_ else i + 1, rng.stop) if not toks[m].punct]
            parenthesis = (
                bool(np_)
                and np_[-1] + 2 < rng.stop
                and toks[np_[-1] + 1].text in (",", "–")
                and not toks[np_[-1] + 2].punct
            )
            if np_ and len(rest) <= 4 and not parenthesis:
                cue, src = [i], np_
            elif np_ and parenthesis:
                close = np_[-1] + 1
                appos = _np_forward(doc, close + 1, rng.stop)
                tail = [m for m in range(close + 1, rng.stop) if not toks[m].punct]
                if appos and appos[0] == close + 1 and len(tail) - len(appos) <= 2:
                    # ", so Ursula Castrup, die Leiterin der Fachstelle.": an apposition
                    cue, src = [i], list(range(np_[0], appos[-1] + 1))
                elif tail:
                    # "Vom 2. April an, so die Ermittler, seien …": the statement goes on
                    cue, src = [i], np_
                    so_parenthesis = close
            elif np_ and (tail_end := _so_tail(doc, np_[-1] + 1, rng)) is not None:
                # ", so X gegenüber der Zeitung.", ", so X weiter, würde …": the source's
                # adverb or phrase, then the sentence end or the rest of the statement
                cue, src = [i], np_
                if tail_end < rng.stop:
                    so_parenthesis = tail_end
        elif t.low in lex.anaphoric and t.low not in ("wonach",):
            if t.low not in lex.anaphoric_initial or (
                i == rng.start
                and _report_before(doc, t.sent)
                and not (i + 1 < rng.stop and _preterite(doc, i + 1))
            ):
                cue = [i]
        else:
            for words in lex.impersonal:
                n = len(words)
                if i + n <= rng.stop and all(toks[i + k].low == words[k] for k in range(n)):
                    cue = list(range(i, i + n))
                    after = i + n
                    for sp in lex.impersonal_source:
                        m = len(sp)
                        if after + m <= rng.stop and all(
                            toks[after + k].low == sp[k] for k in range(m)
                        ):
                            src = _np_forward(doc, after + m, rng.stop)
                            break
                    if not src and i > rng.start:
                        src = _impersonal_vorfeld_source(doc, i, rng)
                    opener = _impersonal_opener(doc, cue, src, rng)
                    break
        if not cue or (not src and (phrase or t.low in lex.prepositions | lex.postpositions)):
            continue
        if t.low == "nach" and not src:
            continue
        if src and cue[0] < src[0] and doc.lex.capitalised_nouns:
            src = _with_name_apposition(doc, src, rng)
            if cue[0] == rng.start:
                src = _vorfeld_attachments(doc, src, rng)
        taken = set(cue) | set(src)
        a, b = _clause_bounds(doc, i, rng)
        first_clause_end = next(
            (m for m in rng if toks[m].text == "," and toks[m].quote < 0), rng.stop
        )
        if i < first_clause_end and (not src or src[-1] < first_clause_end):
            region = list(rng)
        else:
            region = list(range(a, b))
        if (
            t.low in lex.so_words
            or cue[0] != i
            or any(toks[c].low in lex.impersonal_verbs for c in cue)
        ):
            # ", so X" and ", hieß es": the statement is what precedes the comma (unless
            # "heißt es" opens a clause of its own: "…, heißt es, dass …")
            comma = i - 1 if toks[i - 1].text in (",", "–") else None
            if opener is not None:
                region = list(range(opener + 1, rng.stop))
            elif comma is not None:
                region = list(range(rng.start, comma))
                if so_parenthesis is not None:
                    region += list(range(so_parenthesis + 1, rng.stop))
        content = _trim(doc, [m for m in region if m not in taken])
        if len(content) < 3:
            # "…, laut den Angaben der Polizei.": the according phrase is a clause of its own
            content = _trim(doc, [m for m in rng if m not in taken])
        if len(content) < 3:
            continue
        for m in cue:
            toks[m].used = True
        # "In dem Antrag heißt es: „…“": a quote alone is a direct statement
        quoted = opener is not None and all(toks[m].quote >= 0 for m in content)
        form: AttributionForm = "Direct" if quoted else "Indirect"
        found.append(
            _Found(t.sent, cue, src, _span_of(doc, content), form, "assert", "Speech", rule)
        )
        found[-1].stance = _stance(doc, "assert", cue, content)
    return found


def _nach_event(doc: _Doc, i: int, k: int, rng: range) -> bool:
    """ "Nach der Veröffentlichung kam es zu Protesten": "nach", a definite article and a
    noun of an act (`nach_event_nouns`) with no source after it (no genitive, no name) is
    a point in time; "nach der Ankündigung der Ministerin" names whose it was, and "nach
    dem Gesetz", "nach den Polizeiangaben" are sources without one."""
    toks, lex = doc.toks, doc.lex
    if toks[i + 1].low not in lex.nach_definite_articles or k + 1 >= rng.stop:
        return False
    if toks[k].text not in lex.nach_event_nouns:
        return False
    nxt = toks[k + 1]
    if nxt.low in lex.attached_prepositions and k + 2 < rng.stop:
        # "nach der Nachricht vom Rücktritt": what it told, unless someone who can speak
        return k + 2 not in doc.speaking
    if nxt.quote >= 0 or nxt.low in lex.genitive_links:
        return False
    return not nxt.cap


def _so_tail(doc: _Doc, k: int, rng: range) -> int | None:
    """After the source of ", so X": an adverb or a prepositional phrase of that clause
    (`so_tail_openers`: "so Obama weiter", "so der Autor in einem Blogeintrag", "so X
    gegenüber der Zeitung „…“") up to the sentence end (``rng.stop``) or to the comma after
    which the statement goes on (its index); None if a verb or nothing of the kind follows.
    A relative clause after that comma is still the source's ("…, in der …")."""
    toks, lex = doc.toks, doc.lex
    if k >= rng.stop or toks[k].low not in lex.so_tail_openers:
        return None
    for m in range(k, rng.stop):
        t = toks[m]
        if t.quote >= 0 or t.cap or t.text[:1].isdigit():
            continue
        if t.text in _FINAL:
            return rng.stop if all(toks[x].punct for x in range(m, rng.stop)) else None
        if t.text in (",", "–"):
            rest = [x for x in range(m + 1, rng.stop) if not toks[x].punct]
            if not rest or _is_relative(doc, rest[0]):
                return rng.stop
            return m
        if t.punct:
            return None
        if _may_be_verb(doc, m) and t.low not in lex.so_tail_openers:
            return None
    return rng.stop


def _vorfeld_attachments(doc: _Doc, src: list[int], rng: range) -> list[int]:
    """ "Nach Angaben des Kraftfahrt-Bundesamtes in Flensburg fahren …": an according
    phrase that opens the sentence fills the Vorfeld up to the finite verb, so the
    prepositional phrases between its noun phrase and the verb go on the source."""
    toks, lex = doc.toks, doc.lex
    k = src[-1] + 1
    while (
        k + 1 < rng.stop
        and toks[k].low in lex.vorfeld_attachments
        and toks[k].low not in lex.genitive_links
    ):
        att = _np_forward(doc, k + 1, rng.stop)
        if not att or att[0] != k + 1:
            break
        k = att[-1] + 1
    if k > src[-1] + 1 and k < rng.stop and _verb_like(doc, k):
        return list(range(src[0], k))
    return src


def _ends_with_name_apposition(doc: _Doc, start: int, comma: int) -> bool:
    """Whether the text before ``comma`` ends in ", Name" (a name of capitalised words
    between two commas) with no verb-like lowercase word in it."""
    toks = doc.toks
    prev = next((m for m in range(comma - 1, start, -1) if toks[m].text == ","), None)
    if prev is None or prev + 1 >= comma:
        return False
    name = [m for m in range(prev + 1, comma)]
    if any(_is_konjunktiv(doc, m) for m in range(start, prev)):
        return False  # "Die Brücke sei marode, Anna Keller, …": a statement before the name
    return len(name) <= 4 and all(toks[m].cap or toks[m].text in "()" for m in name)


def _with_name_apposition(doc: _Doc, src: list[int], rng: range) -> list[int]:
    """ "Nach Ansicht des Generalanwalts, Damazo Colomer, verstößt …": an apposition between
    commas right after the source goes on it (SpkAtt marks both)."""
    toks = doc.toks
    comma = src[-1] + 1
    if comma + 1 >= rng.stop or toks[comma].text != ",":
        return src
    appos = _np_forward(doc, comma + 1, rng.stop)
    if not appos or appos[0] != comma + 1 or len(appos) > 8:
        return src
    close = appos[-1] + 1
    if close + 1 < rng.stop and toks[close].text == ",":
        return list(range(src[0], close))
    # "Nach Meinung von Mike Brown, Professor am Institut für Astronomie, könnte …": the
    # apposition has attachments of its own; the finite verb after its comma tells it
    # from the statement
    close = next((m for m in range(close, min(rng.stop, comma + 14)) if toks[m].text == ","), 0)
    if (
        close
        and close + 1 < rng.stop
        and not toks[close + 1].cap
        and toks[close + 1].text.isalpha()
        and all(
            toks[m].cap or toks[m].low in doc.lex.apposition_words or doc.is_adjective(m)
            for m in range(appos[-1] + 1, close)
        )
    ):
        return list(range(src[0], close))
    return src


def _noun_content(doc: _Doc, rng: range, here: list[_Found]) -> list[_Found]:
    """ "der Vorwurf der Verteidigung, das Gericht sei nicht legitim", "Pläne, den Bären zu
    betäuben": a noun of what is said (``report_nouns``) and, after a comma, what it says:
    a dass-clause, a zu-infinitive or a clause in Konjunktiv (cue and source as
    `_noun_cue_and_source` reads them)."""
    toks, lex = doc.toks, doc.lex
    taken = {c for f in here if f.form != "Reported" for a, b in f.content for c in range(a, b)}
    out: list[_Found] = []
    for h in rng:
        t = toks[h]
        if not t.cap or t.quote >= 0 or not t.low.endswith(lex.report_nouns) or t.used:
            continue
        start = _np_backward(doc, h, rng.start)
        if not start:
            continue
        np_ = _np_forward(doc, start[0], rng.stop)
        if np_ and h not in np_:
            # "Die Partei stellte den Antrag, …": the backward reading ran over the verb;
            # the noun phrase opens at the nearest determiner before the noun
            det = next(
                (
                    m
                    for m in range(h - 1, max(rng.start, h - 5) - 1, -1)
                    if toks[m].low in lex.determiners
                ),
                None,
            )
            np_ = _np_forward(doc, det, rng.stop) if det is not None else []
            if det is not None and any(
                (toks[m].used and toks[m].quote < 0) or _cue_at(doc, m, rng)
                for m in range(start[0], det)
            ):
                # "lobte den Plan, die Rampe zu sanieren": the object of a cue verb, whose
                # own statement it is part of
                np_ = []
        if not np_ or h not in np_ or np_[-1] + 2 >= rng.stop:
            continue
        comma = np_[-1] + 1
        if toks[comma].text != "," or toks[comma].quote >= 0:
            continue
        first = comma + 1
        end = next(
            (m for m in range(first, rng.stop) if toks[m].text == "," and toks[m].quote < 0),
            rng.stop,
        )
        clause = _trim(doc, list(range(first, end)))
        if len(clause) < 3 or toks[first].low in lex.no_content_openers:
            continue
        opens = toks[first].low in lex.noun_content_conjunctions
        # "…, die Brücke abzureißen": an article and a noun, then a zu-infinitive;
        # "…, die am Montag erhoben wurde": a relative pronoun
        article = toks[first].low in lex.determiners and (
            doc.is_noun_like(first + 1) or doc.is_adjective(first + 1)
        )
        infinitive = (
            _infinitive_clause(doc, first, rng)
            and (article or toks[first].low not in lex.relative_openers)
            and not t.low.endswith(lex.intention_nouns)
        )
        konj = not _is_relative(doc, first) and any(
            _is_konjunktiv(doc, m) for m in clause if toks[m].quote < 0
        )
        if not (opens or konj or infinitive):
            continue
        if any(c in taken for a, b in _span_of(doc, clause) for c in range(a, b)):
            continue
        cue, src = _noun_cue_and_source(doc, np_, h, rng)
        f = _Found(
            t.sent, cue, src, _span_of(doc, clause), "Indirect", "assert", "Speech", "noun_content"
        )
        f.stance = _stance(doc, "assert", clause[:1], clause)
        out.append(f)
    return out


def _noun_cue_and_source(
    doc: _Doc, np_: list[int], head: int, rng: range
) -> tuple[list[int], list[int]]:
    """Cue and source of a noun of what is said (SpkAtt's reading): "trotz einer Warnung
    der Wärter, …" (the noun is the cue, its genitive the source), "X ist der Meinung,
    dass …" (the copula and the noun are the cue, the copula's subject the source), else
    the noun phrase is the source and there is no cue ("Pläne, den Bären zu betäuben")."""
    toks, lex = doc.toks, doc.lex
    genitive = next((m for m in np_ if m > head and toks[m].low in lex.genitive_links), None)
    if genitive is not None:
        return [m for m in np_ if m < genitive], [m for m in np_ if m >= genitive]
    before = np_[0] - 1
    if before >= rng.start and toks[before].low in lex.copulas:
        cue = [before, *np_]
        src = _source_for_verb(doc, cue, rng)
        if src and not set(src) & set(np_):
            return cue, src
    verb = _verb_before_object(doc, np_[0], rng)
    if verb is not None and not (
        np_[0] == verb + 1 and toks[np_[0]].low not in lex.oblique_determiners
    ):  # "Unterstützung erhält der Vorschlag, …": the noun phrase is the subject itself
        # "Die Behörde hegt den Verdacht, …", "Die Firma begegnet der Kritik mit dem
        # Argument, …": the noun is the object of a main clause's verb, whose subject
        # holds the view
        src = _source_for_verb(doc, [verb], rng)
        if src and not set(src) & set(np_) and max(src) < np_[0] and _holds_views(doc, src):
            return [verb, *np_], src
    return [], np_


def _holds_views(doc: _Doc, np_: list[int]) -> bool:
    """Whether a subject can hold a view: someone who can speak (`_can_speak`) or a document
    (`document_heads`, matched as word endings: "Der Bericht endet mit der Hoffnung")."""
    if _can_speak(doc, np_):
        return True
    head = next((m for m in reversed(np_) if doc.toks[m].cap and doc.is_noun_like(m)), None)
    return head is not None and doc.toks[head].low.endswith(doc.lex.document_heads)


def _verb_before_object(doc: _Doc, k: int, rng: range) -> int | None:
    """The finite full verb (HanTa "VV…", no auxiliary) of the main clause whose object or
    prepositional phrase starts at token ``k``: the nearest such word before ``k`` in its
    comma clause, after a Vorfeld that opens the sentence (German)."""
    if not doc.lex.capitalised_nouns:
        return None
    toks = doc.toks
    a, _ = _clause_bounds(doc, k, rng)
    if a != rng.start:
        return None  # a subordinate or relative clause, or a clause after a comma
    for m in range(k - 1, a, -1):
        t = toks[m]
        if t.cap or not t.text.isalpha() or t.quote >= 0:
            continue
        tag = word_classes().get(t.low) or ""
        if tag.startswith("VV") and "FIN" in tag:
            return m
        if tag.startswith(("VA", "VM", "VV")):
            return None
    return None


def _preterite(doc: _Doc, i: int) -> bool:
    """Whether token ``i`` is a finite verb in the Präteritum, the tense of narration
    ("Danach brach Feuer aus", "Danach wurde er Minister": "danach" is time there; a report
    it takes up goes on in the present or in Konjunktiv: "Danach verzeichnet die Bank …").
    Weak verbs add "-te" to the stem, strong ones change it and take no "-t"; listed forms
    (``preterite_forms``) besides."""
    t, lex = doc.toks[i], doc.lex
    if t.cap or not t.text.isalpha() or _is_konjunktiv(doc, i):
        return False
    if t.low in lex.preterite_forms:
        return True
    if t.low in lex.modals or t.low in lex.copulas or t.low in lex.auxiliaries:
        return False
    lemma = _lemma(t.low, doc.lang)
    if lemma == t.low or not lemma.endswith("en"):
        return False
    stem = lemma[:-2]
    if t.low.startswith(stem):
        return t.low[len(stem) :] in ("te", "ten", "ete", "eten")
    return not t.low.endswith("t")


def _report_before(doc: _Doc, si: int) -> bool:
    """Whether the sentence before ``si`` holds a cue verb or a verb of presenting a
    document (``anaphoric_antecedents``), the antecedent a sentence-initial "Danach" needs.
    A separable verb counts by its base and its particle in that sentence ("stellte … vor")."""
    if si == 0:
        return False
    lex, toks = doc.lex, doc.toks
    rng = _sentence_tokens(doc, si - 1)
    words = {toks[m].low for m in rng}
    for m in rng:
        if not toks[m].text.isalpha():
            continue
        lemma = doc.lemma(m)
        for verb in lex.verbs.get(lemma, ()):
            if verb.particle is None or verb.particle in words:
                return True
        if lemma in lex.anaphoric_antecedents:
            return True
        for whole in lex.anaphoric_antecedents:
            particle = next((p for p in lex.particles if whole.startswith(p)), None)
            if particle and lemma == whole[len(particle) :] and particle in words:
                return True
    return False


def _impersonal_vorfeld_source(doc: _Doc, i: int, rng: range) -> list[int]:
    """ "In der Erklärung des Verbands heißt es, …": the document named in the Vorfeld
    before "heißt es" (after a preposition of ``impersonal_vorfeld``) is the source."""
    toks = doc.toks
    if toks[rng.start].low not in doc.lex.impersonal_vorfeld:
        return []
    np_ = _np_forward(doc, rng.start + 1, i)
    if not np_ or np_[0] != rng.start + 1:
        return []
    rest = [m for m in range(np_[-1] + 1, i) if not toks[m].punct]
    # "In dieser Resolution, die … angenommen wurde, heißt es": a relative clause may follow
    if rest and toks[np_[-1] + 1].text != ",":
        return []
    return np_


def _impersonal_opener(doc: _Doc, cue: list[int], src: list[int], rng: range) -> int | None:
    """The comma or colon that opens the statement after a verb-first "heißt es"
    ("heißt es weiter, dass …", "hieß es in der Mitteilung: „…“"), or None."""
    toks = doc.toks
    start = max(cue) + 1
    if src and src[0] >= start:
        start = max(src) + 1
    # up to three words between: "heißt es weiter", "heißt es zur Begründung"
    for m in range(start, min(rng.stop, start + 4)):
        t = toks[m]
        if t.quote >= 0:
            return None
        if t.text in (",", ":"):
            if t.text == "," and src and src[-1] == m - 1 and _relative_on_source(doc, m, rng):
                return None
            return m
        if t.punct:
            return None
    return None


def _relative_on_source(doc: _Doc, comma: int, rng: range) -> bool:
    """ "…, heißt es in dem Bericht, der die Fälle auflistet": a relative clause on the
    source after its comma, no statement; the statement is the clause before "heißt es"."""
    i = comma + 1
    if i >= rng.stop or not _is_relative(doc, i):
        return False
    return not _preposition_phrase_in_konjunktiv(doc, i, rng)  # ", bei der Wahl seien …"


def _quoted_name(doc: _Doc, k: int, rng: range) -> list[int]:
    """A short quote standing for a name: "laut „Welt“", "laut „tagesschau.de“"."""
    toks = doc.toks
    if k >= rng.stop or toks[k].quote < 0 or toks[k].text not in _QUOTE_MARKS:
        return []
    ids = [m for m in range(k, min(rng.stop, k + 8)) if toks[m].quote == toks[k].quote]
    words = [m for m in ids if not toks[m].punct]
    if not words or len(words) > 4 or not toks[words[0]].text[:1].isalnum():
        return []
    if ids[-1] - ids[0] + 1 != len(ids) or toks[ids[-1]].text not in _QUOTE_MARKS:
        return []
    return ids


def _postposed_nach(doc: _Doc, i: int, rng: range) -> bool:
    """ "seiner Meinung nach", "dem Vernehmen nach": "nach" after a noun of the list."""
    if i - 1 < rng.start or doc.toks[i - 1].text not in doc.lex.nach_postposed:
        return False
    return i - 2 >= rng.start and doc.toks[i - 2].low in doc.lex.determiners


def _direct(
    sentence: int,
    quote: tuple[int, int],
    rule: str,
    source: list[int],
    verb_cue: _Cue | None = None,
    cue: list[int] | None = None,
) -> _Found:
    """A direct quote; the stance and medium come from the cue verb when there is one."""
    if verb_cue is not None:
        return _Found(
            sentence,
            verb_cue.tokens,
            source,
            [quote],
            "Direct",
            verb_cue.verb.stance,
            verb_cue.verb.medium,
            rule,
            verb=verb_cue.verb.lemma,
        )
    return _Found(sentence, cue or [], source, [quote], "Direct", "assert", "Speech", rule)


def _quote_rules(doc: _Doc, cues_by_sent: dict[int, list[_Cue]]) -> list[_Found]:
    toks = doc.toks
    found: list[_Found] = []
    by_quote: dict[int, list[int]] = {}
    for i, t in enumerate(toks):
        if t.quote >= 0:
            by_quote.setdefault(t.quote, []).append(i)
    last_source: tuple[list[int], int] | None = None
    for q, ids in sorted(by_quote.items()):
        words = [i for i in ids if not toks[i].punct]
        if len(words) < 4 and not any(toks[i].text in _FINAL for i in ids):
            continue
        first, last = ids[0], ids[-1]
        s_first, s_last = toks[first].sent, toks[last].sent
        rng_last = _sentence_tokens(doc, s_last)
        rng_first = _sentence_tokens(doc, s_first)
        quote_span = (doc.quotes[q].start, doc.quotes[q].end)
        hit: _Found | None = None
        # „…“, sagte X.
        nxt = last + 1
        lead = [m for m in range(rng_first.start, first) if not toks[m].punct]
        if not lead and nxt < rng_last.stop and toks[nxt].text == ",":
            cands = [c for c in cues_by_sent.get(s_last, []) if min(c.tokens) == nxt + 1]
            if cands:
                c = cands[0]
                k = max(c.tokens) + 1 if len(c.tokens) == 1 else min(c.tokens) + 1
                while k < rng_last.stop and toks[k].low in doc.lex.verb_subject_gap:
                    k += 1  # "„…“, erinnerte sich Trotnow"
                src = _np_forward(doc, k, rng_last.stop)
                if not src and doc.lex.quoted_names and doc.lex.capitalised_nouns:
                    # "„…“, schrieb „Die Zeit“ in einem Nachruf": a quoted name
                    src = _quoted_name(doc, k, rng_last)
                    named = [m for m in src if not toks[m].punct]
                    src = src if src and _title_case_name(doc, named) else []
                if src and _source_then_apposition(doc, c.tokens, src[-1] + 2, rng_last):
                    # "„…“, sagte Bill Graham, Parteichef der Liberalen."
                    src = _source_with_apposition(doc, src, src[-1] + 2, rng_last)
                hit = _direct(s_last, quote_span, "quote_cue_after", src, c)
            elif nxt + 1 < rng_last.stop and toks[nxt + 1].low in doc.lex.so_words:
                src = _np_forward(doc, nxt + 2, rng_last.stop)
                if src:
                    hit = _direct(s_last, quote_span, "quote_cue_after", src, cue=[nxt + 1])
        elif not lead and not doc.lex.capitalised_nouns and nxt < rng_last.stop:
            # English puts the comma inside the quote: “We will pay,” Ashdown said.
            for c in cues_by_sent.get(s_last, []):
                k = min(c.tokens)
                if not nxt <= k <= nxt + 6:
                    continue
                src = (
                    _np_forward(doc, nxt, k)
                    if k > nxt
                    else _np_forward(doc, max(c.tokens) + 1, rng_last.stop)
                )
                if src and (k == nxt or src[-1] == k - 1):
                    hit = _direct(s_last, quote_span, "quote_cue_after", src, c)
                    break
        # X sagte: „…“  /  X: „…“
        announced = False
        if hit is None:
            prev = first - 1
            colon_sent = s_first
            if prev < rng_first.start and s_first > 0:
                prev_rng = _sentence_tokens(doc, s_first - 1)
                prev = prev_rng.stop - 1
                colon_sent = s_first - 1
            if prev >= 0 and toks[prev].text == ":":
                c_rng = _sentence_tokens(doc, colon_sent)
                cands = [c for c in cues_by_sent.get(colon_sent, []) if max(c.tokens) < prev]
                if cands:
                    c = cands[-1]
                    src = _source_for_verb(doc, c.tokens, range(c_rng.start, prev))
                    hit = _direct(colon_sent, quote_span, "quote_cue_before", src, c)
                else:
                    a, _ = (
                        _clause_bounds(doc, prev - 1, c_rng)
                        if prev - 1 >= c_rng.start
                        else (prev, prev)
                    )
                    src = _np_forward(doc, a, prev)
                    # "Anna Keller zur Lage: „…“": a topic phrase between speaker and colon
                    topic = (
                        bool(src) and src[0] == a and _topic_before_colon(doc, src[-1] + 1, prev)
                    )
                    if src and (src[-1] == prev - 1 or topic):
                        hit = _direct(colon_sent, quote_span, "quote_colon_source", src)
                    else:
                        # "Die Firma empfindet die Kritik als ungerecht: „…“": a sentence
                        # without a cue that announces the quote after it; its subject speaks
                        src = _narration_subject(doc, colon_sent)
                        if src:
                            hit = _direct(s_first, quote_span, "quote_colon_subject", src)
                        else:
                            announced = doc.lex.capitalised_nouns and colon_sent < s_first
        if hit is None and last_source is not None:
            src_ids, src_sent = last_source
            outside = [
                m for m in _sentence_tokens(doc, s_first) if toks[m].quote < 0 and not toks[m].punct
            ]
            if not outside and s_first - src_sent <= 2:
                hit = _direct(s_first, quote_span, "quote_continued", list(src_ids))
        if hit is None and announced:
            # "Der Ermittler, der als Zeuge gilt, will aufhören:" and a quote that opens the
            # next sentence: announced words, even when the rules find no speaker in the
            # announcing sentence (a later rule may still find one)
            f = _direct(s_first, quote_span, "quote_colon_announced", [])
            f.stance = _stance(doc, "assert", ids[:1], words)
            doc.announced.append(f)
        if hit is None:
            continue
        for m in hit.cue:
            toks[m].used = True
        for m in ids:
            toks[m].used = True
        hit.stance = (
            _stance(doc, hit.stance, hit.cue or ids[:1], words)
            if hit.cue
            else _stance(doc, "assert", ids[:1], words)
        )
        found.append(hit)
        if hit.source:
            last_source = (hit.source, toks[last].sent)
    return found


def _verb_rules(doc: _Doc, si: int, cues: list[_Cue]) -> list[_Found]:
    rng = _sentence_tokens(doc, si)
    toks = doc.toks
    found: list[_Found] = []
    citing = _citing(doc, rng)
    covered: set[int] = set()

    def prefers_before(c: _Cue) -> bool:
        if not _content_before(doc, c.tokens, rng):
            return False
        after = _content_after(doc, c.tokens, rng)
        if after and _source_then_apposition(doc, c.tokens, after[0], rng):
            return True  # "…, sagte Charles Bouchard, Kommandeur des Einsatzes."
        # ", warnten aber davor, dass …", "X, eine Tochter von Y, hatte erklärt, es gebe …":
        # a content clause after the cue wins over the text before it
        return not after

    ordered = sorted(cues, key=lambda c: (not prefers_before(c), min(c.tokens)))
    last_src: list[int] = []
    reported_here = False
    for c in ordered:
        if any(toks[m].used for m in c.tokens) or set(c.tokens) & covered:
            continue
        if _in_short_parenthesis(doc, c.tokens, rng):
            continue  # "(Wikinews berichtete)": a pointer to an earlier article, no statement
        if _non_speech_object(doc, c, rng):
            continue  # "Die Flut forderte zwölf Todesopfer": no speech act
        if _reflexive_reading(doc, c, rng):
            continue  # "Der Verdacht bestätigte sich", "die Gruppe, die sich „X“ nennt"
        if c.verb.lemma in doc.lex.naming_verbs and (
            _comparison_cue_clause(doc, c.tokens, rng) or _naming_participle(doc, c, rng)
        ):
            continue  # "Trap, wie er genannt wird, …", "das Profil, auch „X“ genannt, …"
        content = _content_before(doc, c.tokens, rng) if prefers_before(c) else []
        rule = "verb_content_before"
        if content:
            src = _np_forward(
                doc,
                max(c.tokens) + 1
                if toks[max(c.tokens)].low not in doc.lex.auxiliaries
                else min(c.tokens) + 1,
                rng.stop,
            )
            src = src if src else _np_forward(doc, min(c.tokens) + 1, rng.stop)
            nxt = src[-1] + 2 if src else rng.stop
            if nxt < rng.stop and _source_then_apposition(doc, c.tokens, nxt, rng):
                # the apposition belongs to the source
                src = _source_with_apposition(doc, src, nxt, rng)
            if not src:
                a, _ = _clause_bounds(doc, min(c.tokens), rng)
                src = _np_forward(doc, a, min(c.tokens)) or _source_for_verb(doc, c.tokens, rng)
        else:
            content = _content_after(doc, c.tokens, rng)
            rule = "verb_content_after"
            nxt = max(c.tokens) + 1
            if content and nxt < content[0] and toks[nxt].low in doc.lex.correlates:
                c.tokens = sorted({*c.tokens, nxt})  # "droht damit, …", "verwies darauf, dass"
            src = _source_for_verb(doc, c.tokens, rng)
            if src and content and doc.lex.capitalised_nouns:
                src, content = _name_apposition_from_content(doc, c.tokens, src, content)
            if content and src and max(c.tokens) < src[0]:
                src = _with_apposition_before(doc, c.tokens, src, content[0], rng)
        if content and " ".join((*c.verb.extra, c.verb.lemma)) in doc.lex.reported.bare_cues:
            content = []  # "geht von einem Unfall aus, der …": the view is the whole clause
        if (
            content
            and rule == "verb_content_after"
            and (c.verb.stance not in _NEGATABLE_STANCES or _refused(doc, c.tokens, rng))
            and _negated_speech_act(doc, c.tokens, rng)
        ):
            continue  # "wollte nicht sagen, ob …", "wollte nicht bestätigen, dass …"
        if not content and _takes_up_previous(doc, c.tokens, rng):
            # "Dies bestätigte der Parteichef am Abend.": the statement is the sentence
            # before, taken up by the demonstrative (SpkAtt: both, as Indirect)
            content = _trim(doc, list(_sentence_tokens(doc, si - 1)), keep_final=True)
            content.append(rng.start)
            rule = "verb_content_previous"
            src = _source_phrase(doc, c.tokens, rng) or _subject_after(doc, min(c.tokens) + 1, rng)
        quoted_by: list[int] = []
        if _passive(doc, c.tokens) and c.verb.lemma in doc.lex.passive_subject_speaks:
            # "X wird von Reuters mit den Worten zitiert, …": the subject speaks, the agent
            # passes it on
            quoted_by = _passive_agent(doc, c.tokens, rng)
            if src and set(src) & set(quoted_by):
                src = []
        elif _passive(doc, c.tokens):
            # "Die Anwohner wurden von der Polizei aufgefordert": the agent speaks, the
            # subject of a passive does not ("Darin wird der König aufgefordert")
            src = _passive_agent(doc, c.tokens, rng)
        first = min(c.tokens)
        # "X sagte, die Brücke sei marode, und forderte eine Sanierung": a verb right after
        # the coordinator shares the subject; the noun after it is its object
        coordinated = bool(
            last_src
            and doc.lex.capitalised_nouns
            and first > rng.start
            and toks[first - 1].low in doc.lex.verb_coordinators
            and not content
        )
        if coordinated:
            src = last_src
        elif (
            not src
            and last_src
            and first > rng.start
            and toks[first - 1].low in (",", "und", "and")
        ):
            src = last_src  # "X bestätigten nicht, warnten aber …": one subject, two verbs
        last_src = src or last_src
        form: AttributionForm = "Indirect"
        if not content:
            quoted = _free_quotes(doc, rng, set(c.tokens) | set(src))
            if quoted:
                # "bezeichnete den Deal als „beschämend“", "skandierten: „…“": the quote
                # is the statement (SpkAtt: Direct, the quote alone).
                content, rule, form = quoted, "quote_in_cue_clause", "Direct"
            else:
                if (
                    not src
                    or reported_here
                    or _agentless_passive(doc, c.tokens, src)
                    or _in_subordinate_clause(doc, c.tokens, rng)
                    # "weigerte sich, Befehle auszuführen": the infinitive depends on another verb
                    or any(_zu_infinitive_at(doc, m, rng.start) for m in c.tokens)
                    or (c.verb.lemma in doc.lex.not_reported and not _names_what(doc, c, rng))
                    or _no_report(doc, c, rng, src)
                    or (
                        c.verb.stance not in _NEGATABLE_STANCES
                        and _negated_speech_act(doc, c.tokens, rng)
                    )
                ):
                    # one report per sentence, by a named speaker ("wurde verbreitet" names
                    # none), in a main clause ("…, weil die Opposition Wahlbetrug vorwarf")
                    continue
                # the coordinated verb's report is its own clause, not the whole sentence;
                # "Es kamen 500 Gäste, die Polizei spricht von 400": the cue's main clause
                opening = first if coordinated else _article_main_clause(doc, c.tokens, rng)
                start = rng.start if opening is None else opening
                content = _trim(doc, list(range(start, rng.stop)), keep_final=True)
                rule, form = "verb_reported", "Reported"
                reported_here = True
        via: list[int] = quoted_by
        for cue_words, via_src in citing:
            if not set(via_src) & set(src) and not set(cue_words) & set(content):
                via = via_src
                for m in cue_words:
                    toks[m].used = True
        content = [m for m in content if m not in via and (form == "Reported" or m not in c.tokens)]
        a, _ = _clause_bounds(doc, min(c.tokens), rng)
        if toks[rng.start].low in doc.lex.comparison_clause and src and src[0] == rng.start + 1:
            a = rng.start
        if form != "Reported" and toks[a].low in doc.lex.comparison_clause and a < min(c.tokens):
            # "Wie der Verband mitteilte, …": SpkAtt counts "wie" as part of the cue
            c.tokens = sorted(set(c.tokens) | {a})
            content = [m for m in content if m != a]
        for m in c.tokens:
            toks[m].used = True
        if form != "Reported":
            covered.update(content)
        stance = _stance(doc, c.verb.stance, c.tokens, content)
        f = _Found(
            si,
            c.tokens,
            src,
            _span_of(doc, content),
            form,
            stance,
            c.verb.medium,
            rule,
            via,
            verb=c.verb.lemma,
        )
        found.append(f)
    return found


#: Stances a negation turns into another ("konnte nicht bestätigen" → unconfirmed): a negated
#: confirmation or denial is still a statement, the one the dossier shows as unconfirmed.
_NEGATABLE_STANCES = frozenset({"confirm", "deny"})


def _non_speech_object(doc: _Doc, c: _Cue, rng: range) -> bool:
    """Whether a noun in the cue's clause gives its verb a reading that is no speech act
    (``non_speech_objects``: "forderte zwölf Todesopfer" claims lives, "bestreitet das
    Finale" plays it, "notierte bei 20 Euro" is a price). Nouns match by their ending, so
    compounds count ("Menschenleben", "Gruppenspiel")."""
    endings = doc.lex.non_speech_objects.get(c.verb.lemma)
    if not endings:
        return False
    a, b = _clause_bounds(doc, min(c.tokens), rng)
    return any(
        doc.toks[m].cap and doc.toks[m].quote < 0 and doc.toks[m].low.endswith(endings)
        for m in range(a, b)
        if m not in c.tokens
    )


def _reflexive_reading(doc: _Doc, c: _Cue, rng: range) -> bool:
    """Whether "sich" in the clause of a cue verb listed as not reflexive gives it a reading
    that is no speech act (`reflexive_readings`: "der Verdacht bestätigte sich" proved
    true, "die Gruppe nennt sich …" is called, "das hatte sich angekündigt" showed)."""
    if c.verb.reflexive or c.verb.lemma not in doc.lex.reflexive_readings:
        return False
    a, b = _clause_bounds(doc, min(c.tokens), rng)
    return any(doc.toks[m].low == "sich" and doc.toks[m].quote < 0 for m in range(a, b))


def _no_report(doc: _Doc, c: _Cue, rng: range, src: list[int]) -> bool:
    """Whether a bare cue verb that would make a Reported statement makes none, by the
    conditions of ``[reported]`` (SpkAtt leaves these speech acts unannotated or gives the
    statement to another span)."""
    return (
        _hands_on(doc, rng)
        or _definition(doc, c, src)
        or (c.verb.lemma in doc.lex.reported.passive_only and not _passive(doc, c.tokens))
        or _demonstrative_object(doc, c, rng)
        or _naming_apposition(doc, c, rng)
        or _decision(doc, c, rng)
        or _declaration(doc, c, rng)
        or _empty_object(doc, c, rng)
        or _under_modal(doc, c, rng)
    )


def _under_modal(doc: _Doc, c: _Cue, rng: range) -> bool:
    """ "Der Verband will den Plan kritisieren", "Die Anlage soll vor Sturm warnen", "Dabei
    sollen sie Parolen skandiert haben": under a modal verb a bare speech act is intended,
    possible or hearsay, not one that took place. (A negated one is a statement of its own,
    the dossier's unconfirmed stance: "konnte den Bericht nicht bestätigen".)"""
    modals = doc.lex.reported.modal_verbs
    a, b = _clause_bounds(doc, min(c.tokens), rng)
    words = [doc.toks[m].low for m in range(a, b) if m not in c.tokens]
    return any(w in modals for w in words) and not any(w in doc.lex.negation for w in words)


def _empty_object(doc: _Doc, c: _Cue, rng: range) -> bool:
    """ "Die Polizei gab nähere Einzelheiten bekannt", "erklärte die Hintergründe": an
    object that stands for what was said without saying any of it (``empty_objects``)."""
    nouns = doc.lex.reported.empty_objects
    a, b = _clause_bounds(doc, min(c.tokens), rng)
    return any(
        doc.toks[m].low in nouns and doc.toks[m].quote < 0 for m in range(a, b) if m not in c.tokens
    )


def _declaration(doc: _Doc, c: _Cue, rng: range) -> bool:
    """ "Das Gericht erklärte das Gesetz für nichtig", "erklärte ihn zum Sieger": a verb of
    ``declaring`` with its predicative preposition makes something so by declaring it (an
    act, not a report of what was said). The preposition is followed by a word of its own,
    not by a quote."""
    preps = doc.lex.reported.declaring.get(c.verb.lemma)
    if not preps:
        return False
    a, b = _clause_bounds(doc, min(c.tokens), rng)
    return any(
        doc.toks[m].low in preps
        and doc.toks[m].quote < 0
        and m + 1 < b
        and doc.toks[m + 1].quote < 0
        for m in range(a, b)
        if m not in c.tokens
    )


def _decision(doc: _Doc, c: _Cue, rng: range) -> bool:
    """ "Das Gericht wies die Klage zurück", "verkündete das Urteil", "erklärte seinen
    Rücktritt": with one of these objects (``decision_objects``) the speech act is an
    institutional decision, which SpkAtt does not annotate as a statement."""
    nouns = doc.lex.reported.decision_objects.get(c.verb.lemma)
    if not nouns:
        return False
    a, b = _clause_bounds(doc, min(c.tokens), rng)
    return any(
        doc.toks[m].low in nouns and doc.toks[m].quote < 0 for m in range(a, b) if m not in c.tokens
    )


def _naming_apposition(doc: _Doc, c: _Cue, rng: range) -> bool:
    """ "Das Virus, auch Inselfieber genannt, …", "Der Asteroid, genannt Wendula, …": the
    bare participle of a naming verb in a clause of its own (between commas, dashes or
    parentheses) gives a thing its other name; nobody is reported as saying it."""
    toks = doc.toks
    if c.verb.lemma not in doc.lex.reported.defining_verbs or len(c.tokens) != 1:
        return False
    k = c.tokens[0]
    if not toks[k].low.startswith("ge") or _lemma(toks[k].low, doc.lang) == toks[k].low:
        return False
    a, b = _clause_bounds(doc, k, rng)
    return a > rng.start and b < rng.stop - 1


def _naming_participle(doc: _Doc, c: _Cue, rng: range) -> bool:
    """ "Das Profil, auch „Bonus“ genannt, umfasst …", "Stets „der Riese“ genannt, galt er
    …": the bare participle of a naming verb in a comma clause without an auxiliary gives
    a thing its other name; nobody is reported as saying it (German)."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns or len(c.tokens) != 1:
        return False
    k = c.tokens[0]
    if "ge" not in toks[k].low[:6] or _lemma(toks[k].low, doc.lang) == toks[k].low:
        return False
    a, b = _clause_bounds(doc, k, rng)
    if any(
        toks[m].low in lex.auxiliaries or toks[m].low in lex.passive_auxiliaries
        for m in range(a, b)
    ):
        return False  # "…, wie er genannt wird, …", "…, der X genannt hatte, …"
    after_comma = a > rng.start and toks[a - 1].text == ","
    before_comma = b < rng.stop and toks[b].text == ","
    return after_comma or before_comma


def _demonstrative_object(doc: _Doc, c: _Cue, rng: range) -> bool:
    """ "Die Reederei bestätigte dies.", "Der Verband streitet das ab.": a demonstrative
    standing alone after the cue takes up what the sentence before said; SpkAtt annotates
    that statement, and the confirmation or denial is none of its own. (Before the cue,
    "Dies bestätigte …" is the statement taken up: ``verb_content_previous``.) Not in the
    passive, where the pronoun is the subject ("Das wird von X kritisiert")."""
    toks = doc.toks
    if _passive(doc, c.tokens):
        return False
    _, b = _clause_bounds(doc, min(c.tokens), rng)
    for m in range(min(c.tokens) + 1, b):
        if toks[m].low not in doc.lex.reported.demonstrative_objects or toks[m].quote >= 0:
            continue
        after = [k for k in range(m + 1, min(m + 3, rng.stop))]
        # "das neue Gesetz", "dieses Vorhaben": an article before its noun
        if not any(toks[k].cap for k in after):
            return True
    return False


def _names_what(doc: _Doc, c: _Cue, rng: range) -> bool:
    """ "Der Sprecher verwies auf das schlechte Wetter": a verb of ``not_reported`` whose
    prepositional object names what was said (``with_preposition``)."""
    preps = doc.lex.reported.with_preposition.get(c.verb.lemma)
    if not preps:
        return False
    a, b = _clause_bounds(doc, min(c.tokens), rng)
    return any(doc.toks[m].low in preps and doc.toks[m].quote < 0 for m in range(a, b))


def _definition(doc: _Doc, c: _Cue, src: list[int]) -> bool:
    """ "Als Lichtjahr bezeichnet man die Strecke, …", "Fährgeld nannte man den Lohn":
    a naming verb with a generic subject defines a word, nobody makes a statement."""
    rep = doc.lex.reported
    return (
        c.verb.lemma in rep.defining_verbs
        and len(src) == 1
        and doc.toks[src[0]].low in rep.generic_subjects
    )


def _hands_on(doc: _Doc, rng: range) -> bool:
    """ "Die Ministerin kritisierte den Plan scharf:": a sentence ending in a colon
    announces what follows (a quote, a list), which SpkAtt annotates as the statement;
    the announcing clause is no Reported statement of its own."""
    toks = doc.toks
    last = rng.stop - 1
    while last > rng.start and toks[last].text in _QUOTE_MARKS:
        last -= 1  # the splitter may leave the opening mark of the quote in the sentence
    return toks[last].text in doc.lex.reported.closing_marks


def _negated_speech_act(doc: _Doc, cue: list[int], rng: range) -> bool:
    """Whether the cue's own clause negates it ("äußerte sich nicht", "hat die Namen nicht
    genannt", "konnte nicht bestätigen", "nannte keine Details"): a speech act that did not
    take place reports nothing. The negation stands in the Mittelfeld after the finite cue
    or right before its verb-final part; "nicht nur" and "die nicht gezahlten Löhne"
    (inside a noun phrase) negate no verb. German order only: PolNeAR annotates "did not
    comment" is left as it was."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns:
        return False
    a, b = _clause_bounds(doc, min(cue), rng)
    first, last = min(cue), max(cue)
    for m in range(a, b):
        t = toks[m]
        if t.low not in lex.negation or m in cue or t.quote >= 0:
            continue
        if not (first < m or last - 3 <= m < last):
            continue
        nxt = toks[m + 1] if m + 1 < b else None
        if nxt is not None and nxt.low in lex.negation_focus:
            continue
        if (
            nxt is not None
            and m + 2 < b
            and m + 1 not in cue
            and not nxt.cap
            and nxt.low.endswith(lex.adjective_endings)
            and toks[m + 2].cap
        ):
            continue  # "kritisierte nicht ausgezahlte Prämien"
        return True
    return False


def _refused(doc: _Doc, cue: list[int], rng: range) -> bool:
    """ "Ein Sprecher wollte nicht bestätigen, dass …": a modal of will (`refusal_modals`) in
    the cue's clause makes a negated confirmation or denial a refusal, nothing said ("konnte
    nicht bestätigen" is a statement of its own: the claim is unconfirmed)."""
    toks = doc.toks
    # back to the comma that opens the clause (parentheses inside it do not end it: "wollte
    # gegenüber der „Post“ (WAZ) nicht bestätigen")
    for m in range(min(cue) - 1, rng.start - 1, -1):
        if toks[m].text == "," and toks[m].quote < 0:
            return False
        if toks[m].low in doc.lex.refusal_modals:
            return True
    return False


def _in_short_parenthesis(doc: _Doc, cue: list[int], rng: range) -> bool:
    """Whether the cue stands in a parenthesis of at most four words ("( X berichtete )")."""
    toks = doc.toks
    a, b = min(cue), max(cue)
    opening = next(
        (m for m in range(a - 1, max(rng.start, a - 4) - 1, -1) if toks[m].text == "("), None
    )
    closing = next((m for m in range(b + 1, min(rng.stop, b + 3)) if toks[m].text == ")"), None)
    if opening is None or closing is None:
        return False
    inner = [m for m in range(opening + 1, closing) if not toks[m].punct]
    return len(inner) <= 4 and all(toks[m].text not in "()" for m in range(opening + 1, closing))


def _takes_up_previous(doc: _Doc, cue: list[int], rng: range) -> bool:
    """ "Dies teilte die Polizei mit.": a demonstrative object right before the finite cue,
    after a sentence of its own."""
    toks = doc.toks
    first = rng.start
    if toks[first].low not in doc.lex.demonstratives or min(cue) != first + 1:
        return False
    si = toks[first].sent
    if si == 0 or _paragraph_break(doc, first):
        return False
    prev = _sentence_tokens(doc, si - 1)
    return len(prev) >= 4 and all(toks[m].quote < 0 for m in prev)


def _subject_after(doc: _Doc, k: int, rng: range) -> list[int]:
    """The subject after the finite verb, over adverbs ("bestätigte gestern der Minister")."""
    lex = doc.lex
    while k < rng.stop and (
        doc.toks[k].low in lex.verb_subject_gap
        or (doc.toks[k].low in lex.vorfeld_adverbs and doc.toks[k].low not in lex.np_breakers)
    ):
        k += 1
    if k < rng.stop and doc.toks[k].low in lex.oblique_determiners:
        return []
    return _np_forward(doc, k, rng.stop)


def _in_subordinate_clause(doc: _Doc, cue: list[int], rng: range) -> bool:
    """Whether the cue stands in a relative or subordinate clause ("…, die den Angaben
    widerspricht", "…, wenn diese ein Angebot ablehnen")."""
    a, _ = _clause_bounds(doc, min(cue), rng)
    if a == rng.start or a >= min(cue):
        return False
    first = doc.toks[a].low
    lex = doc.lex
    if _article_main_clause(doc, cue, rng) is not None:
        return False
    return (
        first in lex.relative_openers
        or first in lex.content_openers
        or first in lex.subordinators
        or (
            # "…, mit dem er verhandelte": a preposition, then the relative pronoun
            a + 1 < rng.stop
            and (first in lex.np_breakers or first in lex.agent_prepositions)
            and doc.toks[a + 1].low in lex.relative_after_preposition
        )
    )


def _article_main_clause(doc: _Doc, cue: list[int], rng: range) -> int | None:
    """The start of the cue's clause when it is a main clause after a comma that opens with
    an article and its noun ("…, die Polizei spricht von 4.000 Teilnehmern": the verb
    second; a relative clause "…, die die Polizei nennt" ends in its verb), or None."""
    a, b = _clause_bounds(doc, min(cue), rng)
    lex = doc.lex
    if (
        lex.capitalised_nouns
        and rng.start < a < min(cue) - 1
        and doc.toks[a - 1].text == ","
        and doc.toks[a].low in lex.definite_articles
        and doc.is_noun_like(a + 1)
        and not _verb_final(doc, max(cue), b)
    ):
        return a
    return None


def _source_then_apposition(doc: _Doc, cue: list[int], start: int, rng: range) -> bool:
    """ "…, sagte Charles Bouchard, kanadischer General und Kommandeur.": after the cue a
    noun phrase, a comma, and to the sentence end another noun phrase without a verb."""
    toks = doc.toks
    first = max(cue) + 1
    if start - 2 < first or toks[start - 1].text != ",":
        return False
    np_ = _np_forward(doc, first, start - 1)
    if not np_ or np_[0] != first:
        return False
    appos = _np_forward(doc, start, rng.stop)
    if not appos:
        appos = _np_forward(doc, start + 1, rng.stop) if doc.is_adjective(start) else []
        appos = [start, *appos] if appos else []
    rest = [m for m in range(appos[-1] + 1 if appos else start, rng.stop) if not toks[m].punct]
    return bool(appos) and appos[0] == start and len(rest) <= 3


def _name_apposition_from_content(
    doc: _Doc, cue: list[int], src: list[int], content: list[int]
) -> tuple[list[int], list[int]]:
    """ "erklärte der Direktor der Behörde, Jonas Weber, die Brücke sei sicher": a name of up
    to four capitalised words between commas right after a subject that follows its verb is
    the subject's apposition, not the start of the content (German)."""
    toks = doc.toks
    comma = src[-1] + 1
    if toks[comma].text == "(" and comma + 3 < len(toks) and toks[comma + 2].text == ")":
        comma += 3  # "der Direktor der Behörde (BBA), Jonas Weber, …"
    if min(src) < max(cue) or content[0] != comma + 1 or toks[comma].text != ",":
        return src, content
    close = next((m for m in content if toks[m].text == "," and toks[m].quote < 0), None)
    if close is None or close - comma - 1 > 4 or close == content[-1]:
        return src, content
    name = range(comma + 1, close)
    if not all(m in doc.speaking and doc.is_noun_like(m) for m in name):
        return src, content
    return list(range(src[0], close)), [m for m in content if m > close]


def _source_with_apposition(doc: _Doc, src: list[int], start: int, rng: range) -> list[int]:
    """The source and its apposition at ``start`` (`_source_then_apposition`); in German
    without the words after the apposition ("…, sagte X, Kommandeur des Einsatzes, am
    Montag", "…, in Nürnberg": when and where it was said; the noun phrase rules close the
    apposition there)."""
    end = rng.stop
    if doc.lex.capitalised_nouns:
        appos = _np_forward(doc, start, rng.stop) or _np_forward(doc, start + 1, rng.stop)
        end = appos[-1] + 1 if appos else end
    return _trim(doc, list(range(src[0], end)))


def _passive(doc: _Doc, cue: list[int]) -> bool:
    """ "wurde … aufgefordert", "wird kritisiert": a passive auxiliary and a participle (not
    the future "wird sagen", whose infinitive is its own lemma)."""
    toks, lex = doc.toks, doc.lex
    if not lex.capitalised_nouns or not any(toks[m].low in lex.passive_auxiliaries for m in cue):
        return False
    main = [m for m in cue if toks[m].low not in lex.auxiliaries and toks[m].text.isalpha()]
    return bool(main) and _lemma(toks[main[-1]].low, doc.lang) != toks[main[-1]].low


def _passive_agent(doc: _Doc, cue: list[int], rng: range) -> list[int]:
    """The "von X" of a passive speech act, in the cue's clause."""
    a, b = _clause_bounds(doc, min(cue), rng)
    for m in range(a, b):
        if doc.toks[m].low in doc.lex.agent_prepositions and m not in cue:
            np_ = _np_forward(doc, m + 1, b)
            if np_:
                return np_
    return []


def _agentless_passive(doc: _Doc, cue: list[int], src: list[int]) -> bool:
    """ "Die Erklärung wurde verbreitet": a passive speech act whose speaker is not named."""
    if not any(doc.toks[m].low in doc.lex.passive_auxiliaries for m in cue):
        return False
    a, b = doc.sent_range[doc.toks[min(cue)].sent]
    return not any(doc.toks[m].low in doc.lex.agent_prepositions for m in range(a, b))


def _free_quotes(doc: _Doc, rng: range, taken: set[int]) -> list[int]:
    """Tokens of the quotes in a sentence that no attribution has claimed yet, without
    quoted names ("nannte … im Radiosender „Deutschlandfunk“"; as the object of a cue a
    single capitalised word is mostly a name too, „Interfax“, „Touareg“)."""
    ids = [m for m in rng if doc.toks[m].quote >= 0 and not doc.toks[m].used and m not in taken]
    if not doc.lex.quoted_names:
        return ids
    by_quote: dict[int, list[int]] = {}
    for m in ids:
        by_quote.setdefault(doc.toks[m].quote, []).append(m)
    names = {
        q
        for q, ms in by_quote.items()
        if (words := [m for m in ms if not doc.toks[m].punct]) and _title_case_name(doc, words)
    }
    return [m for m in ids if doc.toks[m].quote not in names]


def _quotes_after_statement(
    doc: _Doc, found_by_sent: dict[int, list[_Found]], n_sent: int
) -> list[_Found]:
    """ "Die Ministerin kündigte an, das Gymnasium zu reformieren. „Nicht jede Formel …“": a
    sentence that is one quote, no rule's, right after a statement with a source, is that
    speaker's (German; `quote_continued` does this after a quote)."""
    toks = doc.toks
    out: list[_Found] = []
    if not doc.lex.inner_quotes:
        return out
    for si in range(1, n_sent):
        prev = [f for f in found_by_sent.get(si - 1, []) if f.source and f.form != "Direct"]
        if not prev or found_by_sent.get(si):
            continue
        rng = _sentence_tokens(doc, si)
        words = [m for m in rng if not toks[m].punct]
        if not words or any(toks[m].quote < 0 for m in words) or any(toks[m].used for m in rng):
            continue
        qs = {toks[m].quote for m in words}
        if len(qs) != 1:
            continue
        q = doc.quotes[qs.pop()]
        if _paragraph_break(doc, rng.start):
            continue
        f = _direct(si, (q.start, q.end), "quote_continued", list(prev[-1].source))
        out.append(f)
    return out


def _one_statement_per_quote(doc: _Doc, found: list[_Found]) -> list[_Found]:
    """ "nannte ihn einen „wahren Patrioten“ und einen „großen Staatsmann“": each quote
    that is the object of the cue is a Direct statement of its own, with the cue and source
    shared (SpkAtt annotates one per quote; German, `inner_quotes`)."""
    if not doc.lex.inner_quotes:
        return found
    out: list[_Found] = []
    for f in found:
        if f.rule != "quote_in_cue_clause":
            out.append(f)
            continue
        by_quote: dict[int, list[int]] = {}
        for m in _tokens_in(doc, f.content):
            by_quote.setdefault(doc.toks[m].quote, []).append(m)
        if len(by_quote) < 2:
            out.append(f)
            continue
        out.append(f)
        for _, ids in sorted(by_quote.items())[1:]:
            out.append(replace(f, content=_span_of(doc, ids), nested=True))
    return out


def _topic_before_colon(doc: _Doc, k: int, colon: int) -> bool:
    """Whether tokens ``k`` up to the colon are one topic phrase: "zur neuen Heimat", "über
    die Lage" (`colon_topic_prepositions`), so that the noun phrase before speaks, with no
    verb: "Anna Keller zur Lage: „…“"."""
    if doc.toks[k].low not in doc.lex.colon_topic_prepositions:
        return False
    np_ = _np_forward(doc, k + 1, colon)
    return bool(np_) and np_[0] == k + 1 and np_[-1] == colon - 1


def _quote_object_cues(doc: _Doc, rng: range, here: list[_Found]) -> list[_Found]:
    """ "würdigte den Komponisten als „großen Erneuerer der Musik“", "konstatierte eine
    „wachsende Kluft“": verbs of judging that are cues only with a quote of two words or
    more as their object (`quote_object_verbs`; bare they judge, they report nothing SpkAtt
    annotates). The quote is a Direct statement; "als" right before it joins the cue."""
    toks, lex = doc.toks, doc.lex
    out: list[_Found] = []
    claimed = {m for f in here for m in _tokens_in(doc, f.content)} | {
        m for f in here for m in f.cue
    }
    for i in rng:
        t = toks[i]
        if t.cap or t.used or t.quote >= 0 or i in claimed:
            continue
        lemma = _lemma(t.low, doc.lang)
        if lemma not in lex.quote_object_verbs:
            continue
        a, b = _clause_bounds(doc, i, rng)
        quotes: dict[int, list[int]] = {}
        for m in _free_quotes(doc, range(a, b), claimed):
            quotes.setdefault(toks[m].quote, []).append(m)
        for ids in quotes.values():
            words = [m for m in ids if not toks[m].punct]
            if len(words) < 2 or ids[0] < i or _title_case_name(doc, words):
                continue
            cue = [i]
            if ids[0] - 1 > i and toks[ids[0] - 1].low == "als":
                cue.append(ids[0] - 1)  # "würdigte X als „…“": SpkAtt's cue takes "als"
            src = _source_for_verb(doc, cue[:1], rng)
            if not src:
                continue
            quote = doc.quotes[toks[ids[0]].quote]
            f = _Found(
                toks[i].sent,
                cue,
                src,
                [(quote.start, quote.end)],
                "Direct",
                "assert",
                "Speech",
                "quote_object_cue",
                verb=lemma,
            )
            for m in ids + cue:
                toks[m].used = True
            out.append(f)
    return out


def _quote_after_noun(doc: _Doc, found: list[_Found]) -> list[_Found]:
    """ "Stoffbänder mit der Aufschrift „Kritik = Terror“", "die Feststellung „…“",
    "Sprüche wie „…“": a quote right after a noun that names written or chanted words
    (`quote_nouns`) is a Direct statement (the noun its cue), when no rule took it."""
    toks = doc.toks
    taken = {m for f in found for m in _tokens_in(doc, f.content)}
    out: list[_Found] = []
    by_quote: dict[int, list[int]] = {}
    for i, t in enumerate(toks):
        if t.quote >= 0:
            by_quote.setdefault(t.quote, []).append(i)
    for q, ids in sorted(by_quote.items()):
        quote = doc.quotes[q]
        if ids[0] in taken:
            continue
        words = [i for i in ids if not toks[i].punct]
        k = ids[0] - 1
        if k >= 0 and toks[k].low == "wie":
            k -= 1  # "Sprüche wie „…“"
        if len(words) < 2 or k < 0 or toks[k].text not in doc.lex.quote_nouns:
            continue
        if toks[k].sent != toks[ids[0]].sent:
            continue
        f = _direct(toks[ids[0]].sent, (quote.start, quote.end), "quote_after_noun", [], cue=[k])
        f.stance = _stance(doc, "assert", [k], words)
        out.append(f)
    return out


def _cited_speakers(doc: _Doc, found: list[_Found]) -> list[_Found]:
    """ "„…“, zitiert die „Rundschau“ Anna Keller." / "Der Sender zitierte Keller mit den
    Worten: „…“": the quote is the outlet's statement and the cited person's, with one cue
    (SpkAtt annotates both, each nested in the other, and gives both the outlet's frame); a
    source that runs over both names ends after the outlet's, a quoted name or a web address
    (`cited_speaker_verbs`)."""
    toks, lex = doc.toks, doc.lex
    out: list[_Found] = []
    for f in found:
        if (
            f.verb in lex.cited_speaker_verbs
            and f.via
            and lex.inner_quotes
            and _passive(doc, f.cue)
        ):
            # "X wird von Reuters mit den Worten zitiert, …": the agent passes the statement
            # on, and SpkAtt gives it one of its own (no cue), nested in the subject's
            f.nested = True
            out.append(
                replace(f, source=list(f.via), via=[], cue=[], rule="quote_cited", nested=True)
            )
            continue
        if f.form != "Direct" or f.verb not in lex.cited_speaker_verbs or not f.source:
            continue
        if _passive(doc, f.cue):
            continue  # "X wird von Reuters zitiert": the subject already speaks
        rng = _sentence_tokens(doc, f.sentence)
        inside = set(_tokens_in(doc, f.content))
        cited: list[int] = []
        if min(f.source) > max(f.cue):
            cut = next(
                (
                    m
                    for m in f.source[:-1]
                    if m + 1 in f.source
                    and toks[m + 1].cap
                    and toks[m + 1].quote < 0
                    and (toks[m].quote >= 0 or "." in toks[m].text)
                ),
                None,
            )
            if cut is not None:
                cited = [m for m in f.source if m > cut]
                f.source = [m for m in f.source if m <= cut]
            k = max(f.source) + 1
        else:
            k = max(f.cue) + 1
        if not cited:
            while k < rng.stop and toks[k].low in lex.verb_subject_gap:
                k += 1
            stop = next((m for m in range(k, rng.stop) if m in inside), rng.stop)
            np_ = _np_forward(doc, k, stop)
            if np_ and np_[0] == k and toks[k].low not in lex.pronouns:
                cited = np_
        cited = [m for m in cited if m not in inside]
        if cited:
            f.nested = True  # one message, two statements: SpkAtt nests each in the other
            out.append(replace(f, source=cited, rule="quote_cited", addressee=[], nested=True))
    return out


def _quotes_after_continuation(doc: _Doc, found: list[_Found], n_sent: int) -> list[_Found]:
    """ "Die Gefahr sei real. „Aber das Virus kann sich verändern.“": a sentence that is one
    quote, no rule's, right after a cue-less continuation or a quote that continued a speaker
    (`free_indirect`, `quote_continued`), goes on with that speaker (German, `inner_quotes`).
    The opening mark may close the sentence before (as sentence splitters leave it)."""
    toks = doc.toks
    out: list[_Found] = []
    if not doc.lex.inner_quotes:
        return out
    by_sent: dict[int, list[_Found]] = {}
    for f in found:
        by_sent.setdefault(f.sentence, []).append(f)
    for si in range(1, n_sent):
        if by_sent.get(si):
            continue
        rng = _sentence_tokens(doc, si)
        words = [m for m in rng if not toks[m].punct]
        if not words or any(toks[m].quote < 0 or toks[m].used for m in words):
            continue
        qs = {toks[m].quote for m in words}
        if len(qs) != 1 or _paragraph_break(doc, rng.start):
            continue
        q = qs.pop()
        ids = list(rng)
        while ids[0] > 0 and toks[ids[0] - 1].quote == q:
            ids.insert(0, ids[0] - 1)
        while ids[-1] + 1 < len(toks) and toks[ids[-1] + 1].quote == q:
            ids.append(ids[-1] + 1)  # a quote over several sentences is one statement
        if toks[ids[0]].sent < si - 1:
            continue
        prev = [
            f
            for f in by_sent.get(si - 1, [])
            if (f.source or f.source_spans) and f.rule in ("free_indirect", "quote_continued")
        ]
        if not prev:
            continue
        p = prev[-1]
        quote = doc.quotes[q]
        f = _direct(si, (quote.start, quote.end), "quote_continued", list(p.source))
        f.source_spans = p.source_spans
        for m in ids:
            toks[m].used = True
        out.append(f)
        by_sent.setdefault(si, []).append(f)
    return out


def _free_indirect(doc: _Doc, found_by_sent: dict[int, list[_Found]], n_sent: int) -> list[_Found]:
    toks = doc.toks
    out: list[_Found] = []
    last: _Found | None = None
    last_sent = -10
    for si in range(n_sent):
        here = found_by_sent.get(si, [])
        if here:
            rng = _sentence_tokens(doc, si)
            if (
                last is not None
                and si - last_sent == 1
                and doc.lex.capitalised_nouns
                and not _paragraph_break(doc, rng.start)
                and all(_cue_in_konjunktiv(doc, f) for f in here)
            ):
                # "Die Staatsanwaltschaft gibt an, … . Dieser behaupte, …": a cue verb in
                # Konjunktiv is itself reported; the sentence continues the statement
                # before (SpkAtt: a continuation with the statement inside it)
                out.append(_continuation(doc, si, last))
            last = next(
                (f for f in reversed(here) if f.source or f.source_spans or _anaphoric_cue(doc, f)),
                last,
            )
            last_sent = si
            continue
        rng = _sentence_tokens(doc, si)
        if not len(rng):
            continue
        narrator = _narration_subject(doc, si - 1) if si - last_sent > 1 else []
        if not _can_speak(doc, narrator):
            narrator = []  # "Der Regen hält an.": nobody who speaks
        if narrator and not _paragraph_break(doc, rng.start):
            # "Das Institut sieht keine Gefahr. Nur Züchter seien zu schützen.": a Konjunktiv
            # sentence right after a cue-less sentence continues its subject (SpkAtt names
            # that subject, not an older speaker)
            konj = [m for m in rng if toks[m].quote < 0 and _is_konjunktiv(doc, m)]
            told_perfect = not konj and _reportative_perfect(doc, rng)
            if told_perfect or (
                konj and not all(toks[m].low in doc.lex.konjunktiv_ii for m in konj)
            ):
                content = _trim(doc, list(rng), keep_final=True)
                f = _Found(
                    si,
                    [],
                    narrator,
                    _span_of(doc, content),
                    "FreeIndirect" if told_perfect else "IndirectFreeIndirect",
                    "assert",
                    "Speech",
                    "free_indirect",
                )
                f.stance = _stance(doc, "assert", content[:1], content)
                out.append(f)
                last, last_sent = f, si
                continue
        # one sentence of narration may stand between the attribution and its continuation
        if last is None or si - last_sent > 2:
            continue
        outside = [m for m in rng if toks[m].quote < 0]
        if not outside:
            continue
        konj = [m for m in outside if _is_konjunktiv(doc, m)]
        # "Die Behörden werfen ihm Betrug vor. Er soll … eingeschleust haben.": right after a
        # statement, the reportative modal passes its claim on in the indicative (SpkAtt:
        # FreeIndirect; after narration or a cue-less sentence it is mostly the narrator's)
        told = [m for m in outside if toks[m].low in doc.lex.reportative]
        if not konj and not (told and si - last_sent == 1) and not _reportative_perfect(doc, rng):
            continue
        if si - last_sent > 1 and all(toks[m].low in doc.lex.konjunktiv_ii for m in konj):
            continue  # after narration, Konjunktiv II ("könnten") may be the narrator's
        if _paragraph_break(doc, rng.start):
            continue
        content = _trim(doc, list(rng), keep_final=True)
        if last.rule == "free_indirect" and last_sent == si - 1:
            # one continuation over several sentences in a row is one statement (SpkAtt
            # annotates it so: one message across the sentences)
            last.content.extend(_span_of(doc, content))
            last_sent = si
            continue
        f = _continuation(doc, si, last)
        if not konj:
            f.form = "FreeIndirect"
        out.append(f)
        last = f
        last_sent = si
    return out


def _reportative_perfect(doc: _Doc, rng: range) -> bool:
    """ "Er soll dem Täter geholfen haben.", "Dabei sollen zehn Menschen verletzt worden
    sein.": a reportative modal in a main clause with a perfect infinitive
    (`reportative_perfect`) passes on a claim about the past, even after narration."""
    toks, lex = doc.toks, doc.lex
    words = [m for m in rng if not toks[m].punct]
    if len(words) < 4 or toks[words[-1]].low not in lex.reportative_perfect:
        return False
    modal = next((m for m in words if toks[m].low in lex.reportative), None)
    if modal is None or toks[modal].quote >= 0 or toks[words[-1]].quote >= 0:
        return False
    # the modal in second position of a main clause: nothing but its Vorfeld before it
    return not any(toks[m].text in ",;:" for m in range(rng.start, modal))


def _continuation(doc: _Doc, si: int, last: _Found) -> _Found:
    """Sentence ``si`` as a cue-less continuation of the statement ``last``."""
    content = _trim(doc, list(_sentence_tokens(doc, si)), keep_final=True)
    f = _Found(
        si,
        [],
        [],
        _span_of(doc, content),
        "IndirectFreeIndirect",
        "assert",
        last.medium,
        "free_indirect",
    )
    f.source_spans = (
        [Span(*s) for s in _span_of(doc, last.source)] if last.source else last.source_spans
    )
    f.origin = last if last.cue else last.origin
    f.stance = _stance(doc, "assert", content[:1], content)
    return f


def _anaphoric_cue(doc: _Doc, f: _Found) -> bool:
    """Whether a statement's cue is an adverb that takes up the previous source ("Demnach
    …"; its source is set later, by `_inherit_anaphoric`)."""
    return bool(f.cue) and doc.toks[f.cue[0]].low in doc.lex.anaphoric


def _cue_in_konjunktiv(doc: _Doc, f: _Found) -> bool:
    """Whether a statement's cue verb is a finite verb in Konjunktiv ("Dieser behaupte")."""
    if not f.cue or f.rule not in _VERB_RULES:
        return False
    return _is_konjunktiv(doc, min(f.cue))


def _can_speak(doc: _Doc, np_: list[int]) -> bool:
    """Whether a noun phrase names someone who can speak: an entity mention that can, or
    a head noun of an organisation ("Das Robert-Koch-Institut", roles.toml), of a public
    body (`speaking_heads`: "Die Kriminalpolizei") or of a person role or group (the NER
    lexicon: "Analysten")."""
    if any(m in doc.speaking for m in np_):
        return True
    head = next((m for m in np_ if doc.toks[m].cap and doc.is_noun_like(m)), None)
    if head is None:
        return False
    word = doc.toks[head]
    ner = ner_lexicon(doc.lang)
    return (
        word.low.endswith(organisation_role_heads(doc.lang))
        or word.low.endswith(doc.lex.speaking_heads)
        or ner.head_of(word.text) is not None
        or ner.institution_of(word.text) is not None
    )


def _speaking_tokens(doc: _Doc, mentions: Sequence[EntityMention], every: bool = False) -> set[int]:
    """Token indices inside mentions of entities that can speak (with ``every``, inside
    any mention, places too)."""
    spans = sorted(
        (m.span.start, m.span.end)
        for m in mentions
        if every or m.type in _SPEAKING_TYPES or m.kind in ("metonym", "pronoun")
    )
    out: set[int] = set()
    if not spans:
        return out
    starts = [t.start for t in doc.toks]
    for a, b in spans:
        k = bisect_left(starts, a)
        while k < len(doc.toks) and doc.toks[k].start < b:
            out.add(k)
            k += 1
    return out


def _narration_subject(doc: _Doc, si: int) -> list[int]:
    """The subject noun phrase opening sentence ``si`` right before its finite verb ("Das
    Institut sieht …", "Vertreter aller Parteien warnten …"), or [] (none, a pronoun such as
    "es", a quote, a verb in Konjunktiv)."""
    if si < 0:
        return []
    return _subject_at(doc, _sentence_tokens(doc, si))


def _subject_at(doc: _Doc, rng: range, verb_first: bool = False) -> list[int]:
    """The subject of the main clause that opens at ``rng.start`` (see
    `_narration_subject`); with ``verb_first``, also after a finite verb that opens it (a
    main clause after a subordinate one: "Als X eilte, biss der Mann …")."""
    toks = doc.toks
    if len(rng) < 3 or toks[rng.start].quote >= 0:
        return []
    lex = doc.lex
    if (
        toks[rng.start].low in lex.focus_particles
        and rng.start + 1 < rng.stop
        and not _verb_like(doc, rng.start + 1)
    ):
        rng = range(rng.start + 1, rng.stop)  # "Auch der Minister sprach sich … aus und …"
    if toks[rng.start].low in lex.np_breakers and lex.capitalised_nouns:
        # "Im Januar legte er sein Amt nieder": a prepositional phrase, the verb, the subject
        pp = _np_forward(doc, rng.start + 1, rng.stop)
        if not pp or pp[0] != rng.start + 1 or pp[-1] + 2 >= rng.stop:
            return []
        # "Am Rande der Sitzung in Hannover nahm …": more phrases attached to the first
        end = _vorfeld_attachments(doc, pp, rng)[-1] + 1
        return _subject_at(doc, range(end, rng.stop), verb_first=True)
    if verb_first and _verb_like(doc, rng.start):
        k = rng.start + 1
        while k < rng.stop and toks[k].low in lex.verb_subject_gap and lex.capitalised_nouns:
            k += 1  # "nahm jetzt auch der Minister Stellung"
        if k < rng.stop and toks[k].low in lex.speaker_pronouns:
            return [k]
        after = _np_forward(doc, k, rng.stop)
        if after and after[0] == k and toks[after[0]].low not in lex.oblique_determiners:
            # "nahm der Bürgermeister, Jonas Weber, Stellung": the apposition goes on it
            return _with_name_apposition(doc, after, rng) if lex.capitalised_nouns else after
        return []
    if toks[rng.start].low in lex.vorfeld_adverbs and toks[rng.start].low not in lex.np_breakers:
        # "Dabei griff sie den Präsidenten an: „…“": an adverb, the verb, then the subject
        k = rng.start + 1
        if k + 1 < rng.stop and _verb_like(doc, k) and not _is_konjunktiv(doc, k):
            m = k + 1
            while m < rng.stop and toks[m].low in lex.verb_subject_gap:
                m += 1
            if m < rng.stop and toks[m].low in lex.speaker_pronouns:
                return [m]
            after = _np_forward(doc, m, rng.stop)
            if after and after[0] == m and toks[m].low not in lex.oblique_determiners:
                return after
        return []
    np_ = _np_forward(doc, rng.start, rng.stop)
    if not np_ or np_[0] != rng.start or np_[-1] + 1 >= rng.stop:
        return []
    if toks[np_[-1]].low in lex.pronouns and toks[np_[-1]].low not in lex.speaker_pronouns:
        return []
    verb_at = np_[-1] + 1
    if lex.capitalised_nouns and toks[verb_at].text != ",":
        # "Die Sprecherin von Bündnis 90 / Die Grünen, Anna Keller, kritisierte …": a noun
        # phrase the rules cannot close, then a name between commas before the verb
        commas = [m for m in range(verb_at, min(rng.stop, rng.start + 18)) if toks[m].text == ","]
        if len(commas) >= 2 and _ends_with_name_apposition(doc, rng.start, commas[1]):
            np_, verb_at = list(range(rng.start, commas[1])), commas[1] + 1
    if toks[verb_at].text == "," and lex.capitalised_nouns:
        # "Der Leiter der Studie, Jens Borg, sieht …": appositions between commas
        appos = _np_forward(doc, verb_at + 1, rng.stop)
        end = appos[-1] + 1 if appos and appos[0] == verb_at + 1 else verb_at
        if end > verb_at and end + 1 < rng.stop and toks[end].text == ",":
            np_, verb_at = list(range(rng.start, end)), end + 1
    if verb_at >= rng.stop or not _verb_like(doc, verb_at) or _is_konjunktiv(doc, verb_at):
        return []
    return _trim(doc, np_)


def _verb_like(doc: _Doc, i: int) -> bool:
    """Whether token ``i`` can be the finite verb after a Vorfeld: a lowercase word that is
    no article, preposition or adverb."""
    t, lex = doc.toks[i], doc.lex
    return (
        not t.cap
        and t.text.isalpha()
        and t.low not in lex.determiners
        and t.low not in lex.np_breakers
        and t.low not in lex.vorfeld_adverbs
    )


def _is_konjunktiv(doc: _Doc, i: int) -> bool:
    """A finite verb in Konjunktiv I or II: "sei", "habe", "gebe", "bereite", "wäre", "hätten".

    Besides the listed forms, Konjunktiv I of regular verbs is the stem plus "-e" (bereiten →
    "bereite"), and Konjunktiv II of strong verbs has an umlaut the verb lacks ("gäbe");
    ``[konjunktiv]`` in the cues file has the endings and says why they are safe.
    """
    t = doc.toks[i]
    lex = doc.lex
    if t.low in lex.konjunktiv or t.low in lex.konjunktiv_ii:
        return True
    if t.cap or not t.text.isalpha() or len(t.low) < 4 or t.low in lex.determiners:
        return False
    if not lex.konjunktiv_regular:
        return False
    infinitive, ending = lex.konjunktiv_regular
    lemma = _lemma(t.low, doc.lang)
    if not lemma.endswith(infinitive):
        return False
    if t.low == lemma[: -len(infinitive)] + ending:
        return True
    return (
        lemma != t.low
        and t.low.endswith(lex.konjunktiv_strong_endings)
        and not t.low.endswith(lex.konjunktiv_strong_not_endings)
        and any(u in t.low for u in lex.umlauts)
        and not any(u in lemma for u in lex.umlauts)
    )


def _paragraph_break(doc: _Doc, i: int) -> bool:
    """Whether a blank line separates token ``i`` from the token before it."""
    if i == 0:
        return True
    between = doc.text[doc.toks[i - 1].end : doc.toks[i].start]
    return "\n\n" in between


# --- entry point -------------------------------------------------------------------------


def find_attributions(
    text: str,
    sentences: Sequence[Sentence],
    language: str,
    mentions: Sequence[EntityMention] = (),
    published: PartialDate | None = None,
) -> tuple[Attribution, ...]:
    """All attributions in one article, in text order of their sentences."""
    if language not in ("de", "en"):
        return ()
    doc = _Doc(text, sentences, language)
    doc.speaking = _speaking_tokens(doc, mentions)
    doc.named = _speaking_tokens(doc, mentions, every=True)
    doc.name_words = _speaking_tokens(doc, [m for m in mentions if m.kind == "name"], every=True)
    cues_by_sent = {si: _verb_cues(doc, _sentence_tokens(doc, si)) for si in range(len(sentences))}
    found = _quote_rules(doc, cues_by_sent)
    for si in range(len(sentences)):
        rng = _sentence_tokens(doc, si)
        if _question(doc, rng):
            continue  # "Glauben Sie, dass er nachgibt?": a cue in a question asks, reports nothing
        found.extend(_according(doc, rng))
        found.extend(_verb_rules(doc, si, cues_by_sent[si]))
        if doc.lex.report_nouns:
            found.extend(_noun_content(doc, rng, [f for f in found if f.sentence == si]))
        if doc.lex.quote_object_verbs:
            found.extend(_quote_object_cues(doc, rng, [f for f in found if f.sentence == si]))
    found = _one_statement_per_quote(doc, found)
    found.extend(_cited_speakers(doc, found))
    by_sent: dict[int, list[_Found]] = {}
    for f in found:
        by_sent.setdefault(f.sentence, []).append(f)
    found.extend(_quotes_after_statement(doc, by_sent, len(sentences)))
    found.extend(_free_indirect(doc, by_sent, len(sentences)))
    found.extend(_quotes_after_continuation(doc, found, len(sentences)))
    if doc.lex.quote_nouns:
        found.extend(_quote_after_noun(doc, found))
    for f in doc.announced:
        (start, end), *_ = f.content
        if not any(a < end and start < b for g in found for a, b in g.content):
            found.append(f)
    found = _dedupe([f for f in found if f.content])
    found.sort(key=lambda f: (f.sentence, f.content[0][0]))
    _inherit_anaphoric(doc, found)
    for f in found:
        if f.cue and not f.addressee:
            f.addressee = _addressee(doc, f)
    found = _with_inner_quotes(doc, found)
    return refine(text, sentences, language, _finish(doc, found, mentions, published))


def _question(doc: _Doc, rng: range) -> bool:
    """Whether the sentence ends in a question mark of `question_marks` outside quotes (a
    quoted question is a statement of its speaker: „Warum?“, fragte er)."""
    marks = doc.lex.question_marks
    if not marks or not rng:
        return False
    last = doc.toks[rng.stop - 1]
    return last.text in marks and last.quote < 0


def _addressee(doc: _Doc, f: _Found) -> list[int]:
    """Whom the statement is addressed to: "sagte gegenüber der Zeitung", "sagte vor
    Journalisten", the dative of "sagte der Zeitung" / "teilte dem Sender mit" / "warf der
    Regierung vor", the object of "forderte die Regierung auf", and the subject of a passive
    "wurde aufgefordert" / "Ihm wird vorgeworfen"."""
    toks, lex = doc.toks, doc.lex
    rng = _sentence_tokens(doc, toks[f.cue[0]].sent)
    taken = set(_tokens_in(doc, f.content)) | set(f.cue) | set(f.source) | set(f.via)

    def free(np_: list[int]) -> bool:
        return bool(np_) and not set(np_) & taken

    for m in rng:
        if m in taken or toks[m].quote >= 0:
            continue
        if toks[m].low in lex.addressee_prepositions:
            np_ = _np_forward(doc, m + 1, rng.stop)
            if free(np_):
                return np_
        if toks[m].low in lex.audience_prepositions:
            np_ = _np_forward(doc, m + 1, rng.stop)
            if free(np_) and toks[np_[-1]].text in lex.audience_nouns:
                return np_
    dative = f.verb in lex.dative_addressee
    accusative = f.verb in lex.accusative_addressee
    if not (dative or accusative):
        return []
    finite = min(f.cue)
    if any(toks[c].low in lex.passive_auxiliaries for c in f.cue):
        # "Die Anwohner wurden aufgefordert, …", "Ihm wird vorgeworfen, …"
        vorfeld = [m for m in range(rng.start, finite) if not toks[m].punct]
        if not vorfeld or finite - rng.start > 8:
            return []
        if vorfeld[0] in f.source:
            return []
        if toks[vorfeld[0]].low in lex.dative_pronouns:
            return [vorfeld[0]]
        np_ = _np_forward(doc, vorfeld[0], finite)
        return np_ if free(np_) and np_[-1] == finite - 1 else []
    if not f.source:
        return []  # the noun phrase after the verb may be the subject
    k = finite + 1
    source_after = f.source[0] >= k
    while k < rng.stop and toks[k].low in lex.verb_subject_gap:
        k += 1
    if source_after:
        if f.source[0] != k:
            return []
        k = max(f.source) + 1
    if k >= rng.stop or k in taken or toks[k].quote >= 0:
        return []
    t = toks[k]
    if t.low in lex.dative_pronouns and (dative or t.low in lex.accusative_pronouns):
        return [k]
    bare_name = t.cap and doc.is_noun_like(k) and not source_after  # "warf Obama vor"
    if dative and t.low not in lex.dative_openers and not bare_name:
        return []
    if accusative and not dative and t.low in lex.oblique_only_dative:
        return []
    np_ = _np_forward(doc, k, rng.stop)
    return np_ if free(np_) else []


def _with_inner_quotes(doc: _Doc, found: list[_Found]) -> list[_Found]:
    """A quote inside indirect or reported content is a direct statement of its own, nested
    in the other: "Sie sei „vollkommen geschockt“, sagte die Königin" gives the Indirect
    clause and the Direct „vollkommen geschockt“, with the same cue and source (SpkAtt
    annotates both). A cue-less continuation lends the cue of the statement it continues.
    """
    if not doc.lex.inner_quotes:
        return found
    direct = {(a, b) for f in found if f.form == "Direct" for a, b in f.content}
    out: list[_Found] = []
    for f in found:
        out.append(f)
        if f.form == "Direct":
            continue
        inside = {
            doc.toks[m].quote
            for m in _tokens_in(doc, f.content)
            if doc.toks[m].quote >= 0 and m not in f.cue and m not in f.source
        }
        for q in sorted(inside):
            span = (doc.quotes[q].start, doc.quotes[q].end)
            if span in direct or [span] == f.content:
                continue
            if not any(a <= span[0] and span[1] <= b for a, b in f.content):
                continue  # the quote runs out of the content
            words = [m for m in _tokens_in(doc, [span]) if not doc.toks[m].punct]
            if not words:
                continue
            if doc.lex.quoted_names and _title_case_name(doc, words):
                # „Graf Zeppelin“, „HD 13189“: a quoted name, not words said; a single
                # capitalised word („Normalfall“, „Kurier“) is as often a name as a word
                # said. A lowercase one („kaputt“, „irritiert“) is the speaker's own word:
                # SpkAtt marks it Direct.
                continue
            origin = f.origin if not f.cue else None
            cue = f.cue or (origin.cue if origin is not None else [])
            inner = _Found(
                f.sentence,
                list(cue),
                list(f.source),
                [span],
                "Direct",
                f.stance,
                f.medium,
                "quote_in_content",
                source_spans=f.source_spans,
                addressee=list(f.addressee),
            )
            inner.nested = True
            out.append(inner)
    return out


def _title_case_name(doc: _Doc, words: list[int]) -> bool:
    """Whether a short quote looks like a name: every word capitalised or a number, and
    not a sentence (German capitalises nouns, so a quoted phrase of nouns with no
    lowercase word between is mostly a title: „Freiheit statt Angst“ has one)."""
    if _after_title_noun(doc, words):
        return True
    if len(words) > 5:
        return False
    return all(doc.toks[m].cap or doc.toks[m].text[:1].isdigit() for m in words)


def _after_title_noun(doc: _Doc, words: list[int]) -> bool:
    """ "der Film „In aller Stille“", "unter dem Motto „Mut statt Angst“": a quote right
    after a noun of `title_nouns` (matched as word endings, "Fernsehserie") is the title it
    names, not words said."""
    lex = doc.lex
    if not lex.title_nouns or len(words) > 10:
        return False
    k = words[0] - 1
    while k >= 0 and doc.toks[k].punct and doc.toks[k].quote == doc.toks[words[0]].quote:
        k -= 1  # the opening quotation mark
    if k < 0 or k == words[0] - 1:
        return False
    t = doc.toks[k]
    return t.cap and t.text.isalpha() and t.low.endswith(lex.title_nouns)


def _tokens_in(doc: _Doc, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Token ids whose characters lie inside one of the spans."""
    out: list[int] = []
    for a, b in spans:
        m = _token_at(doc, a)
        while m < len(doc.toks) and doc.toks[m].start < b:
            if doc.toks[m].start >= a:
                out.append(m)
            m += 1
    return out


def _token_at(doc: _Doc, char: int) -> int:
    lo, hi = 0, len(doc.toks) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc.toks[mid].start <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _dedupe(found: list[_Found]) -> list[_Found]:
    """Two rules that report one statement ("Die Nato kann X zufolge Berichte bestätigen":
    the according-to phrase and the reported "bestätigen") give one attribution: the one
    with a source, and a content clause rather than a whole-sentence report."""

    def chars(f: _Found) -> set[int]:
        return {c for a, b in f.content for c in range(a, b)}

    def rank(f: _Found) -> tuple[bool, bool, int]:
        return (not f.source and not f.source_spans, f.form == "Reported", -len(chars(f)))

    keep: list[_Found] = []
    for f in sorted(found, key=rank):
        mine = chars(f)
        clash = any(
            k.sentence == f.sentence
            and len(mine & chars(k)) >= 0.6 * len(mine)
            and f.form == "Reported"
            for k in keep
        )
        if not clash:
            keep.append(f)
    return keep


def _inherit_anaphoric(doc: _Doc, found: list[_Found]) -> None:
    """ "demnach" and cue-less sources take the previous attribution's source.

    An adverb of ``anaphoric_sources`` ("Demnach wird …") is the source itself, as SpkAtt
    marks it, like a pronoun; the source it takes up stays in ``source_spans`` (for the next
    "demnach"), and the speaker is resolved to the previous attribution's."""
    prev: _Found | None = None
    for f in found:
        anaphoric = (
            not f.source
            and not f.source_spans
            and bool(f.cue)
            and doc.toks[f.cue[0]].low in doc.lex.anaphoric
        )
        if anaphoric and prev is not None:
            f.source_spans = (
                prev.source_spans
                if prev.source_spans
                else [Span(*s) for s in _span_of(doc, prev.source)]
            )
        if anaphoric and doc.toks[f.cue[0]].low in doc.lex.anaphoric_sources:
            f.source = list(f.cue)
        origin = f.origin
        if not f.cue and not f.source and not f.source_spans and origin is not None:
            # a continuation of a "demnach" statement, whose source was not set yet when the
            # continuation was made: the speaker it takes up
            f.source_spans = origin.source_spans or [Span(*s) for s in _span_of(doc, origin.source)]
        if f.source or f.source_spans:
            prev = f


def _with_apposition_after(doc: _Doc, f: _Found) -> list[int]:
    """ "sagte Hugo Brandt, Leiter der Prüfer, die …", "wird Anna Keller, Sprecherin des
    Amtes, zitiert", "sagte Jonas Weber, der Geschäftsführer:": a noun phrase between a
    comma and the next comma, colon or sentence end right after a subject that follows its
    verb is its apposition (SpkAtt marks both), unless the statement's content holds it."""
    toks, src = doc.toks, f.source
    comma = src[-1] + 1
    stop = doc.sent_range[toks[src[-1]].sent][1]
    if min(src) < min(f.cue) or comma + 1 >= stop or toks[comma].text != ",":
        return src
    appos = _np_forward(doc, comma + 1, stop)
    if not appos or appos[0] != comma + 1:
        return src
    close = appos[-1] + 1
    if close < stop and toks[close].text not in (",", ":", *_FINAL) and close not in f.cue:
        return src
    if toks[close - 1].quote >= 0 or any(
        a <= toks[m].start < b for m in range(comma, close) for a, b in f.content
    ):
        return src
    return list(range(src[0], close))


def _with_quote_marks(doc: _Doc, src: list[int]) -> list[int]:
    """ "„BBC News“ berichtet": a quote that holds nothing but the source is a quoted name,
    and SpkAtt marks its quote marks on the source too (German)."""
    toks = doc.toks
    before, after = src[0] - 1, src[-1] + 1
    if before < 0 or after >= len(toks) or toks[before].sent != toks[after].sent:
        return src
    q = toks[before].quote
    if q < 0 or toks[before].text not in _QUOTE_MARKS or toks[after].text not in _QUOTE_MARKS:
        return src
    if toks[after].quote != q or any(toks[m].quote != q for m in src):
        return src
    if (before > 0 and toks[before - 1].quote == q) or (
        after + 1 < len(toks) and toks[after + 1].quote == q
    ):
        return src
    return [before, *src, after]


def _with_abbreviation(doc: _Doc, src: list[int], content: list[tuple[int, int]]) -> list[int]:
    """ "die Aufsichtsbehörde für Zivilluftfahrt (DGAC)", "Human Rights Watch (HRW)": a
    parenthesis holding one all-capitals word right after the source abbreviates its name,
    and SpkAtt marks it on the source; the clause breaks at "(" cut it off (German)."""
    toks = doc.toks
    end = src[-1] + 1
    stop = doc.sent_range[toks[src[-1]].sent][1]
    if toks[src[-1]].text == "(" or (end < stop and toks[end].text == "("):
        opening = src[-1] if toks[src[-1]].text == "(" else end
    elif end < stop and toks[end].text == ")" and end - 2 >= src[0] and toks[end - 2].text == "(":
        opening = end - 2  # "(UGIT" with its closing parenthesis left off
    else:
        return src
    if opening + 2 >= stop or toks[opening + 2].text != ")":
        return src
    word = toks[opening + 1].text
    if not (word.isupper() and len(word) >= 2 and word.replace("-", "").isalnum()):
        return src
    if any(a <= toks[m].start < b for m in range(end, opening + 3) for a, b in content):
        return src
    return sorted({*src, *range(end, opening + 3)})


def _finish(
    doc: _Doc,
    found: list[_Found],
    mentions: Sequence[EntityMention],
    published: PartialDate | None,
) -> tuple[Attribution, ...]:
    out: list[Attribution] = []
    times_by_sent: dict[int, list[Span]] = {}
    for f in found:
        if f.sentence not in times_by_sent:
            a, b = doc.sent_range[f.sentence]
            if a == b:
                times_by_sent[f.sentence] = []
            else:
                times_by_sent[f.sentence] = [
                    t.span
                    for t in find_time_expressions(
                        doc.text, doc.lang, published, doc.toks[a].start, doc.toks[b - 1].end
                    )
                ]
        content = tuple(Span(a, b) for a, b in f.content)
        if f.source and f.cue and doc.lex.capitalised_nouns and f.form != "Reported":
            f.source = _with_apposition_after(doc, f)
        if f.source and doc.lex.capitalised_nouns and doc.lex.quoted_names:
            f.source = _with_quote_marks(doc, f.source)
        if f.source and doc.lex.capitalised_nouns:
            # a Reported statement's content is its whole sentence, the source's words too
            f.source = _with_abbreviation(doc, f.source, [] if f.form == "Reported" else f.content)
        source = (
            tuple(Span(a, b) for a, b in _span_of(doc, f.source))
            if f.source
            else tuple(f.source_spans or ())
        )
        said_on = next(
            (
                t
                for t in times_by_sent[f.sentence]
                if not any(c.start <= t.start < c.end for c in content)
            ),
            None,
        )
        out.append(
            Attribution(
                sentence=f.sentence,
                cue=tuple(Span(a, b) for a, b in _span_of(doc, f.cue)),
                source=source,
                content=content,
                form=f.form,
                mode=_mode(doc, f),
                stance=f.stance,
                medium=f.medium,
                addressee=tuple(Span(a, b) for a, b in _span_of(doc, f.addressee)),
                via_spans=tuple(Span(a, b) for a, b in _span_of(doc, f.via)),
                said_on=said_on,
                rule=f.rule,
                nested=f.nested,
            )
        )
    return resolve_speakers(doc.text, out, mentions, doc.lang)


def _mode(doc: _Doc, f: _Found) -> AttributionMode:
    impersonal = any(doc.toks[c].low in doc.lex.impersonal_verbs for c in f.cue)
    if f.rule == "according" and f.cue and not impersonal:
        return "according_to"
    return _MODES[f.form]
