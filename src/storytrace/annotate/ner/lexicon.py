"""The entity layer's language data, loaded once per language from ``resources/<lang>/``.

Three files per language, all TOML:

``gazetteer.toml``
    names with canonical keys: countries, seats of government, always-metonyms ("Kreml"),
    places, organisations, media (plain and ambiguous), first names.
``roles.toml``
    role and title heads (singular, plural), group heads, institution nouns, nationality
    adjectives and compound prefixes.
``entities.toml``
    function and cue words: determiners, prepositions, according-to markers, actor verbs,
    media cue nouns, pronouns.

Everything is turned into frozen sets and dicts here so that the rules in
``storytrace.annotate.entities`` never touch raw TOML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from storytrace.resources import load_toml

#: What a gazetteer entry names. ``seat`` and ``country`` are places that can stand for a
#: government; ``metonym`` always does.
GazCategory = Literal[
    "country", "seat", "metonym", "place", "organization", "media", "media_ambiguous"
]

_ADJ_ENDINGS = ("e", "en", "er", "es", "em")


@dataclass(frozen=True, slots=True)
class GazEntry:
    words: tuple[str, ...]
    category: GazCategory
    key: str | None


@dataclass(frozen=True, slots=True)
class GazMatch:
    """Tokens ``[start, end)`` of a sentence matched by a gazetteer entry."""

    start: int
    end: int
    entry: GazEntry


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: it is a cached singleton
class Lexicon:
    language: str
    #: first word → entries starting with it, longest first
    phrases: dict[str, tuple[GazEntry, ...]]
    first_names: frozenset[str]
    # roles.toml
    compounds: bool
    person_singular: frozenset[str]
    person_plural: frozenset[str]
    group_heads: frozenset[str]
    group_org_heads: frozenset[str]
    exclude: frozenset[str]
    exact_only: frozenset[str]
    institutions: dict[str, str]
    #: institution classes that are a mention only with a known country
    institutions_need_country: frozenset[str]
    nationality: dict[str, str]
    prefixes: dict[str, str]
    #: all role/group heads, for suffix matching
    head_set: frozenset[str]
    # entities.toml
    determiners: frozenset[str]
    plural_determiners: frozenset[str]
    fused_determiners: frozenset[str]
    locative_prepositions: frozenset[str]
    according_before: frozenset[str]
    according_after: frozenset[str]
    actor_verbs: frozenset[str]
    auxiliaries: frozenset[str]
    participles: frozenset[str]
    media_cues: frozenset[str]
    media_role_alone: frozenset[str]
    media_verbs: frozenset[str]
    platforms: frozenset[str]
    platform_prepositions: frozenset[str]
    title_modifiers: frozenset[str]
    pronoun_person: frozenset[str]
    pronoun_ambiguous: frozenset[str]
    pronoun_plural: frozenset[str]
    pronoun_polite: frozenset[str]
    plural_verb_endings: tuple[str, ...]
    singular_verbs: frozenset[str]
    not_verbs: frozenset[str]
    function_words: frozenset[str]
    stop_names: frozenset[str]

    # -- gazetteer -------------------------------------------------------------------------

    def match_gazetteer(self, words: list[str]) -> list[GazMatch]:
        """Greedy longest matches of gazetteer entries over one sentence's words."""
        out: list[GazMatch] = []
        phrases = self.phrases
        n = len(words)
        free = 0  # words before it belong to an earlier match
        # Few words start an entry; finding them in one pass is most of the cost.
        for i in [i for i, word in enumerate(words) if word in phrases]:
            if i < free:
                continue
            for entry in phrases[words[i]]:
                k = len(entry.words)
                if i + k <= n and tuple(words[i : i + k]) == entry.words:
                    out.append(GazMatch(i, i + k, entry))
                    free = i + k
                    break
        return out

    # -- roles -----------------------------------------------------------------------------

    def head_of(self, word: str) -> str | None:
        """The role/group head a (capitalised) word ends in, or None."""
        return _head_of(self, word)

    def nationality_of(self, word: str) -> str | None:
        """ISO code for a nationality adjective ("südkoreanische" → "kr")."""
        return self.nationality.get(word.lower())

    def prefix_code(self, word: str) -> str | None:
        """Code for a compound's first part ("US-Außenministerium" → "us")."""
        if "-" not in word:
            return None
        return self.prefixes.get(word.split("-", 1)[0])

    def institution_of(self, word: str) -> str | None:
        """Institution class of a word or of its last hyphenated part."""
        low = word.lower()
        found = self.institutions.get(low)
        if found is None and "-" in low:
            found = self.institutions.get(low.rsplit("-", 1)[1])
        return found


@lru_cache(maxsize=50_000)
def _head_of(lex: Lexicon, word: str) -> str | None:
    if not word[:1].isupper() and lex.compounds:
        return None
    low = word.lower()
    if "-" in low:
        low = low.rsplit("-", 1)[1]
    if low in lex.exclude:
        return None
    if low in lex.exact_only:
        return low
    if not lex.compounds:
        return low if low in lex.person_singular or low in lex.person_plural else None
    # longest head that ends the word: try the word's suffixes from the longest down
    heads = lex.head_set
    for start in range(0, max(len(low) - 2, 0)):
        tail = low[start:]
        if tail in heads and tail not in lex.exact_only:
            return tail
    return None


def _entries(data: dict[str, Any], lang: str) -> dict[str, tuple[GazEntry, ...]]:
    by_first: dict[str, list[GazEntry]] = {}

    def add(form: str, category: GazCategory, key: str | None) -> None:
        words = tuple(form.split())
        by_first.setdefault(words[0], []).append(GazEntry(words, category, key))

    def add_with_genitive(form: str, category: GazCategory, key: str | None) -> None:
        add(form, category, key)
        if lang == "de" and form[-1:].isalpha() and form[-1] not in "sßxz":
            add(form + "s", category, key)
        if lang == "en" and " " not in form:
            add(form + "'s", category, key)

    for code, forms in data.get("countries", {}).items():
        for form in forms:
            add_with_genitive(form, "country", f"country:{code}")
    for code, forms in data.get("seats", {}).items():
        for form in forms:
            add_with_genitive(form, "seat", f"seat:{code}")
    for key, forms in data.get("always_metonyms", {}).items():
        for form in forms:
            add_with_genitive(form, "metonym", key)
    for form in data.get("places", {}).get("cities", []):
        add_with_genitive(form, "place", f"place:{form.lower().replace(' ', '_')}")
    for key, forms in data.get("organizations", {}).items():
        for form in forms:
            add(form, "organization", key)
    for key, forms in data.get("media", {}).items():
        for form in forms:
            add(form, "media", key)
    for key, forms in data.get("media_ambiguous", {}).items():
        for form in forms:
            add(form, "media_ambiguous", key)
    # Earlier categories win for the same words; longer phrases are tried first.
    out: dict[str, tuple[GazEntry, ...]] = {}
    for first, entries in by_first.items():
        seen: set[tuple[str, ...]] = set()
        unique = []
        for entry in entries:
            if entry.words not in seen:
                seen.add(entry.words)
                unique.append(entry)
        out[first] = tuple(sorted(unique, key=lambda e: -len(e.words)))
    return out


def _lower_set(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@cache
def lexicon(language: str) -> Lexicon:
    """The entity lexicon for ``language`` ("de" or "en"); loaded once."""
    gaz = load_toml(language, "gazetteer")
    roles = load_toml(language, "roles")
    ent = load_toml(language, "entities")
    compounds = bool(roles.get("matching", {}).get("compounds", True))
    nationality: dict[str, str] = {}
    for code, stems in roles.get("nationality_adjectives", {}).items():
        for stem in stems:
            stem = stem.lower()
            nationality[stem] = code
            if compounds:
                for ending in _ADJ_ENDINGS:
                    nationality[stem + ending] = code
    prefixes = {form: code for code, forms in roles.get("prefixes", {}).items() for form in forms}
    inst = dict(roles.get("institutions", {}))
    needs_country = frozenset(inst.pop("needs_country", []))
    institutions = {word.lower(): cls for cls, words in inst.items() for word in words}
    singular = _lower_set(roles["person"]["singular"])
    plural = _lower_set(roles["person"]["plural"])
    groups = _lower_set(roles["groups"]["heads"])
    pron = ent["pronouns"]
    return Lexicon(
        language=language,
        phrases=_entries(gaz, language),
        first_names=frozenset(gaz.get("first_names", {}).get("names", [])),
        compounds=compounds,
        person_singular=singular,
        person_plural=plural,
        group_heads=groups,
        group_org_heads=_lower_set(roles["groups"].get("organisations", [])),
        exclude=_lower_set(roles.get("exclude", {}).get("words", [])),
        exact_only=_lower_set(roles.get("exact_only", {}).get("words", [])),
        institutions=institutions,
        institutions_need_country=needs_country,
        nationality=nationality,
        prefixes=prefixes,
        head_set=singular | plural | groups,
        determiners=_lower_set(ent["determiners"]["all"]),
        plural_determiners=_lower_set(ent["determiners"]["plural"]),
        fused_determiners=_lower_set(ent["determiners"].get("fused", [])),
        locative_prepositions=_lower_set(ent["prepositions"]["locative"]),
        according_before=_lower_set(ent["according_to"]["before"]),
        according_after=_lower_set(ent["according_to"]["after"]),
        actor_verbs=_lower_set(ent["actor_verbs"]["finite"]),
        auxiliaries=_lower_set(ent["actor_verbs"].get("auxiliaries", [])),
        participles=_lower_set(ent["actor_verbs"].get("participles", [])),
        media_cues=_lower_set(ent["media_cues"]["nouns"]),
        media_role_alone=_lower_set(ent["media_cues"].get("role_alone", [])),
        media_verbs=_lower_set(ent["media_cues"]["verbs"]),
        platforms=_lower_set(ent["media_cues"].get("platforms", [])),
        platform_prepositions=_lower_set(ent["media_cues"].get("platform_prepositions", [])),
        title_modifiers=_lower_set(roles.get("modifiers", {}).get("words", [])),
        pronoun_person=_lower_set(pron["person"]),
        pronoun_ambiguous=_lower_set(pron.get("ambiguous", [])),
        pronoun_plural=_lower_set(pron.get("plural", [])),
        pronoun_polite=frozenset(pron.get("polite_capitalised", [])),
        plural_verb_endings=tuple(pron.get("plural_verb_endings", [])),
        singular_verbs=_lower_set(pron.get("singular_verbs", [])),
        not_verbs=_lower_set(pron.get("not_verbs", [])),
        function_words=_lower_set(ent.get("adjectives", {}).get("not_adjectives", [])),
        stop_names=frozenset(ent.get("stop_names", {}).get("words", [])),
    )
