"""Entity mentions: people, organisations, places, media, groups, with roles and metonyms.

``find_mentions(text, sentences, language)`` returns character-span mentions, sorted by start
and non-overlapping. Names come from a statistical model (German: the shipped CRF,
``storytrace.annotate.ner.crf``; English: spaCy's small model) and from the gazetteer; a rule
layer driven by the language's data files (``resources/<lang>/gazetteer.toml``,
``roles.toml``, ``entities.toml``) adds everything a name tagger does not give. The rules, in
the order they claim words (a word belongs to at most one top-level mention):

``gazetteer``
    listed names with canonical keys: countries, seats, places, organisations, media;
    a model name that strictly contains a listed one wins ("Universität Moskau").
``metonym_actor``
    a listed country or seat in actor position of a speech or stance verb ("Moskau
    dementierte", "laut Washington", "Pjöngjang zufolge", "Moskau hat … zurückgewiesen") is
    the government: kind ``metonym``, type organization, key ``gov:<iso>``; elsewhere a
    location. Always-metonyms ("Kreml", "Weißes Haus") are governments wherever they stand.
``media_context``
    an ambiguous media name ("Zeit", "X") is media only after a media noun ("Onlinedienst
    X"), in quotes, beside "laut"/"berichtete", or after "auf" for platforms; else nothing.
``model_names``
    the model's PER/ORG/LOC/OTH names not claimed above; leading determiners and titles are
    cut off, lone role or institution words are left to the rules below.
``media_cue``
    a name right after a media noun is media, the noun its role ("Nachrichtenagentur
    Yonhap"); so is an unknown capitalised word there.
``abbreviation``
    "National Intelligence Service (NIS)": the bracketed short form gets the long form's
    type and key, and is remembered for the rest of the article.
``title_before`` / ``apposition_after`` / ``role_comma_name``
    a person's title: "NATO-Generalsekretär Mark Rutte", "der ukrainische Präsident
    Wolodymyr Selenskyj", "Robert Wood, der US-Botschafter der Vereinten Nationen,", "der
    Sprecher des Ministeriums, Vedant Patel," → ``role`` of the name mention.
``institution_phrase``
    "das US-Außenministerium", "der südkoreanische Geheimdienst", "die Regierung in Seoul":
    organisation, key ``<class>:<iso>`` and kind ``name`` when the country is known, else
    kind ``role`` ("das Ministerium").
``role_phrase`` / ``group_phrase``
    role nouns without a name ("der NATO-Chef", "die Sprecherin") → kind ``role``, type
    person; plural role and group nouns ("südkoreanische Abgeordnete", "Experten") → group.
``media_role``
    "die Nachrichtenagentur" without a name → media, kind ``role``.
``pronoun``
    er/sie, he/she/they → kind ``pronoun``; German "sie" is a group when the verb beside it
    is plural, a person otherwise; the polite "Sie" inside a sentence is skipped.
``name_memory``
    a name found once is found again where the model missed it, and a person's surname
    alone ("Rutte" after "Mark Rutte") is that person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storytrace.annotate.ner import english
from storytrace.annotate.ner.crf import NerSpan, tag_spans
from storytrace.annotate.ner.lexicon import GazMatch, Lexicon, lexicon
from storytrace.annotate.ner.tokens import Word, words
from storytrace.model import EntityMention, EntityType, MentionKind, Sentence, Span

SUPPORTED = ("de", "en")

_OPENING_QUOTES = frozenset("„“\"»«‚‘'›‹")
_CLOSING_QUOTES = frozenset("“”\"«»‘’'‹›")
_CLAUSE_END = frozenset({",", ";", ":", ".", "!", "?", ")", "(", "–", "—", "-"})
_ADJECTIVE = re.compile(r"^[a-zäöüß][a-zäöüß-]*(?:e|en|er|es|em)$")
#: Words that may open the complement of a title ("Sprecher des Ministeriums", "ambassador to
#: the UN"); everything else between a title and a comma means the title ends there.
_COMPLEMENT_PREPOSITIONS = frozenset({"of", "at", "for", "to", "von", "bei", "beim", "im", "in"})
_MODEL_TYPES: dict[str, EntityType] = {
    "PER": "person",
    "ORG": "organization",
    "LOC": "location",
    "OTH": "other",
    "NORP": "group",
}


@dataclass(slots=True)
class _M:
    """A mention under construction: word indices ``[a, b)`` of one sentence."""

    a: int
    b: int
    type: EntityType
    kind: MentionKind = "name"
    key: str | None = None
    role: tuple[int, int] | None = None
    gaz: GazMatch | None = None


class _Sentence:
    """The rule layer over one sentence's words; rules run in the order of the module doc."""

    def __init__(self, lex: Lexicon, ws: list[Word], names: list[NerSpan]) -> None:
        self.lex = lex
        self.ws = ws
        self.w = [x.text for x in ws]
        self.lw = [x.lower() for x in self.w]
        self.n = len(ws)
        self.claimed = [False] * self.n
        self.in_role = [False] * self.n
        self.out: list[_M] = []
        self.de = lex.compounds
        self.names = [x for x in (self._trim(s) for s in names) if x is not None]
        #: words of nationality names used as adjectives ("South Korean lawmakers")
        self.norp = {k for s in names if s.label == "NORP" for k in range(s.start, s.end)}

    # -- helpers ---------------------------------------------------------------------------

    def _trim(self, s: NerSpan) -> NerSpan | None:
        """A model name without leading determiners, stop words and (for people) titles, and
        without trailing punctuation; None when nothing is left."""
        lex = self.lex
        a, b = s.start, s.end
        while a < b and (
            self.lw[a] in lex.determiners
            or self.w[a] in lex.stop_names
            or (s.label == "PER" and self.person_head(a) is not None)
        ):
            a += 1
        while b > a and (self.w[b - 1] in _CLAUSE_END or self.w[b - 1] in ("'s", "’s")):
            b -= 1
        return NerSpan(a, b, s.label) if a < b else None

    def free(self, a: int, b: int) -> bool:
        if b == a + 1:  # most calls ask about one word
            return not self.claimed[a] and not self.in_role[a]
        return all(not self.claimed[k] and not self.in_role[k] for k in range(a, b))

    def add(self, m: _M) -> _M:
        for k in range(m.a, m.b):
            self.claimed[k] = True
        self.out.append(m)
        return m

    def mention_at(self, index: int) -> _M | None:
        for m in self.out:
            if m.a <= index < m.b:
                return m
        return None

    def is_adjective(self, k: int) -> bool:
        """A prenominal modifier: "ukrainische", "stellvertretende"; in English a nationality
        or title modifier ("Defense", "deputy")."""
        lex, low = self.lex, self.lw[k]
        if self.claimed[k] and not self.de:
            return False
        if lex.nationality_of(low) is not None:
            return True
        if not self.de:
            return low in lex.title_modifiers or k in self.norp
        return (
            bool(_ADJECTIVE.match(self.w[k]))
            and len(low) > 3
            and low not in lex.determiners
            and low not in lex.locative_prepositions
            and low not in lex.auxiliaries
            and low not in lex.participles
            and low not in lex.actor_verbs
            and low not in lex.not_verbs
            and low not in lex.function_words
        )

    def person_head(self, k: int) -> str | None:
        head = self.lex.head_of(self.w[k])
        if head is None or self.lex.institution_of(self.w[k]) is not None:
            return None
        if head in self.lex.person_singular or head in self.lex.person_plural:
            return head
        return None

    def nationality_left(self, a: int, b: int) -> str | None:
        for k in range(a, b):
            code = self.lex.nationality_of(self.lw[k])
            if code is None and k + 1 < b:
                code = self.lex.nationality_of(self.lw[k] + " " + self.lw[k + 1])
            if code is not None:
                return code
        return None

    # -- rules -----------------------------------------------------------------------------

    def gazetteer(self) -> None:
        lex = self.lex
        for m in lex.match_gazetteer(self.w):
            if any(
                s.start <= m.start
                and m.end <= s.end
                and s.end - s.start > m.end - m.start
                and s.label in ("PER", "ORG", "OTH")
                and not self._all_rule_words(s.start, s.end)
                for s in self.names
            ):
                continue  # a model name contains it ("Universität Moskau")
            cat, key = m.entry.category, m.entry.key
            if cat in ("country", "seat"):
                code = (key or ":").split(":", 1)[1]
                if self.metonym_actor(m.start, m.end, seat=cat == "seat"):
                    self.add(_M(m.start, m.end, "organization", "metonym", f"gov:{code}", gaz=m))
                else:
                    self.add(_M(m.start, m.end, "location", "name", key, gaz=m))
            elif cat == "metonym":
                self.add(_M(m.start, m.end, "organization", "metonym", key, gaz=m))
            elif cat == "place":
                self.add(_M(m.start, m.end, "location", "name", key, gaz=m))
            elif cat == "organization":
                self.add(_M(m.start, m.end, "organization", "name", key, gaz=m))
            elif cat == "media" or (cat == "media_ambiguous" and self.media_context(m)):
                self.add(_M(m.start, m.end, "media", "name", key, gaz=m))

    def _all_rule_words(self, a: int, b: int) -> bool:
        lex = self.lex
        return all(
            lex.head_of(self.w[k]) is not None
            or lex.institution_of(self.w[k]) is not None
            or self.lw[k] in lex.determiners
            or self.lw[k] in lex.media_cues
            or self.w[k] in lex.stop_names
            or self.lw[k] in lex.title_modifiers
            for k in range(a, b)
        )

    def metonym_actor(self, a: int, b: int, seat: bool = False) -> bool:
        """Actor position; a seat ("Washington habe Beweise") also as subject of an auxiliary."""
        lex, lw, n = self.lex, self.lw, self.n
        prev = lw[a - 1] if a > 0 else ""
        prev2 = " ".join(lw[a - 2 : a]) if a > 1 else ""
        if prev in lex.according_before or prev2 in lex.according_before:
            return True
        if b < n and lw[b] in lex.according_after:
            return True
        if prev in lex.locative_prepositions:
            return False
        j = b
        # coordination: "Moskau und Pjöngjang bestreiten …"
        while (
            j + 1 < n
            and lw[j] in ("und", "and", "sowie", "oder", "or")
            and self.w[j + 1][:1].isupper()
        ):
            j += 2
            while j < n and self.w[j][:1].isupper() and lw[j] not in lex.actor_verbs:
                j += 1
        nxt = lw[j] if j < n else ""
        if nxt in lex.actor_verbs:
            return True
        if nxt in lex.auxiliaries and (seat or any(x in lex.participles for x in lw[j + 1 :])):
            return True
        # inverted order: "Zudem dementierte Moskau …", but not "Die USA warnten Moskau"
        return prev in lex.actor_verbs and (a < 2 or not self.claimed[a - 2])

    def media_context(self, m: GazMatch) -> bool:
        lex, lw, w = self.lex, self.lw, self.w
        prev = lw[m.start - 1] if m.start > 0 else ""
        nxt = lw[m.end] if m.end < self.n else ""
        if prev in lex.media_cues or prev in lex.according_before:
            return True
        if (
            m.start > 0
            and w[m.start - 1] in _OPENING_QUOTES
            and m.end < self.n
            and w[m.end] in _CLOSING_QUOTES
        ):
            return True
        if nxt in lex.media_verbs:
            return True
        return m.entry.key in lex.platforms and prev in lex.platform_prepositions

    def model_names(self) -> None:
        for s in self.names:
            a, b = s.start, s.end
            if not self.free(a, b) or self._all_rule_words(a, b):
                continue
            kind: EntityType = _MODEL_TYPES[s.label]
            # a nationality used as a noun ("the Russians said") is a group; as an adjective
            # ("North Korean troops") it is no mention.
            if s.label == "NORP" and b < self.n and self.w[b][:1].isalpha():
                continue
            self.add(_M(a, b, kind, "name"))

    def media_cue(self) -> None:
        lex = self.lex
        for m in self.out:
            if m.kind != "name" or m.a == 0 or self.lw[m.a - 1] not in lex.media_cues:
                continue
            if m.type in ("organization", "other", "media", "location"):
                m.type = "media"
                m.role = self._modifiers_left(m.a - 1)
                self._mark_role(m.role)
        for k in range(self.n - 1):
            if self.lw[k] not in lex.media_cues or self.claimed[k] or self.in_role[k]:
                continue
            if self.de and not self.w[k][:1].isupper():
                continue
            end = k + 1
            while (
                end < self.n
                and end - k <= 3
                and self.w[end][:1].isupper()
                and not self.claimed[end]
                and self.lw[end] not in lex.determiners
                and self.w[end] not in lex.stop_names
                and lex.head_of(self.w[end]) is None
                and lex.institution_of(self.w[end]) is None
                and self.lw[end] not in lex.media_cues
            ):
                end += 1
            if end > k + 1:
                role = self._modifiers_left(k)
                self.add(_M(k + 1, end, "media", "name", None, role))
                self._mark_role(role)

    def _modifiers_left(self, k: int) -> tuple[int, int]:
        a = k
        while a > 0 and not self.claimed[a - 1] and self.is_adjective(a - 1):
            a -= 1
        return (a, k + 1)

    def _mark_role(self, role: tuple[int, int] | None) -> None:
        if role is None:
            return
        for k in range(*role):
            if not self.claimed[k]:
                self.in_role[k] = True

    def abbreviation(self, memory: dict[tuple[str, ...], tuple[EntityType, str | None]]) -> None:
        w = self.w
        for m in list(self.out):
            e = m.b
            if m.kind != "name" or e + 2 >= self.n or w[e] != "(" or w[e + 2] != ")":
                continue
            abbr = w[e + 1]
            if not (2 <= len(abbr) <= 8 and sum(c.isupper() for c in abbr) >= 2):
                continue
            if not self.claimed[e + 1]:
                self.add(_M(e + 1, e + 2, m.type, "name", m.key))
            memory[(abbr,)] = (m.type, m.key)

    def person_roles(self) -> None:
        for m in list(self.out):
            if m.type != "person" or m.kind != "name" or m.role is not None:
                continue
            m.role = self.title_before(m) or self.apposition_after(m)
            self._mark_role(m.role)

    def title_before(self, m: _M) -> tuple[int, int] | None:
        j = m.a - 1
        if j < 0 or self.claimed[j] or self.person_head(j) is None:
            return None
        k = j
        while k > 0:
            p = k - 1
            if self.claimed[p]:
                # a name inside the title: "Russlands Präsident", "NATO Secretary General"
                if self.de and not (self.lw[p].endswith("s") and self.w[p][:1].isupper()):
                    break
                mention = self.mention_at(p)
                if mention is None or mention.type == "person":
                    break
                k = mention.a
                continue
            if self.person_head(p) is not None or self.is_adjective(p):
                k = p
                continue
            if not self.de and self.w[p][:1].isupper() and self.lw[p] not in self.lex.determiners:
                k = p
                continue
            break
        return (k, m.a)

    def apposition_after(self, m: _M) -> tuple[int, int] | None:
        e = m.b
        if e >= self.n or self.w[e] != ",":
            return None
        k = e + 1
        if k < self.n and self.lw[k] in self.lex.determiners:
            k += 1
        start = k
        while k < self.n:
            if self.claimed[k]:  # "the U.S. ambassador": a place or organisation in the title
                inner = self.mention_at(k)
                if inner is None or inner.type == "person" or inner.a != k:
                    break
                k = inner.b
            elif self.is_adjective(k):
                k += 1
            else:
                break
        if k >= self.n or self.claimed[k] or self.person_head(k) is None:
            return None
        close = k + 1
        while close < self.n and close - start <= 10 and self.w[close] not in _CLAUSE_END:
            close += 1
        if close < self.n and self.w[close] in _CLAUSE_END and close - start <= 10:
            return (start, close)
        return (start, k + 1)

    def institution_phrase(self) -> None:
        lex, w, lw = self.lex, self.w, self.lw
        for j in range(self.n):
            cls = lex.institution_of(w[j])
            if cls is None or not self.free(j, j + 1):
                continue
            if self.de and not w[j][:1].isupper():
                continue
            a = j
            while a > 0 and not self.claimed[a - 1] and self.is_adjective(a - 1):
                a -= 1
            code = lex.prefix_code(w[j]) or self.nationality_left(a, j)
            det = a - 1 if a > 0 and lw[a - 1] in lex.determiners and self.free(a - 1, a) else None
            if code is None and a > 0 and self.claimed[a - 1]:
                left = self.mention_at(a - 1)
                gaz = left.gaz if left is not None else None
                if gaz is not None and gaz.entry.key and gaz.entry.category in ("country", "seat"):
                    code = gaz.entry.key.split(":", 1)[1]
            b = j + 1
            if code is None and cls != "embassy":
                b, code = self._institution_right(b)
            if code is None and (det is None or cls in lex.institutions_need_country):
                continue
            start = det if det is not None else a
            key = f"{cls}:{code}" if code else None
            self.add(_M(start, b, "organization", "name" if code else "role", key))

    def _institution_right(self, b: int) -> tuple[int, str | None]:
        """ "die Regierung in Seoul", "die Regierung Nordkoreas": extend and take the code."""
        k = b
        if k < self.n and self.lw[k] in ("in", "von", "of"):
            k += 1
        if k < self.n and self.claimed[k]:
            mention = self.mention_at(k)
            gaz = mention.gaz if mention is not None else None
            if (
                mention is not None
                and mention.a == k
                and gaz is not None
                and gaz.entry.category in ("country", "seat")
                and gaz.entry.key
                and (k > b or self.lw[k].endswith("s"))
            ):
                self.out.remove(mention)
                for x in range(mention.a, mention.b):
                    self.claimed[x] = False
                return mention.b, gaz.entry.key.split(":", 1)[1]
        return b, None

    def role_comma_name(self, j: int, a: int) -> bool:
        """ "der Sprecher des Ministeriums, Vedant Patel,": attach the role to the name."""
        k = j + 1
        while k < self.n and k - j <= 6 and self.w[k] != ",":
            k += 1
        if k + 1 >= self.n or self.w[k] != ",":
            return False
        m = self.mention_at(k + 1)
        if m is None or m.a != k + 1 or m.type != "person" or m.kind != "name" or m.role:
            return False
        for x in range(j + 1, k):  # only a genitive or prepositional complement in between
            if not (
                self.claimed[x]
                or self.w[x][:1].isupper()
                or self.lw[x] in self.lex.determiners
                or self.lw[x] in _COMPLEMENT_PREPOSITIONS
                or self.is_adjective(x)
            ):
                return False
        m.role = (a, k)
        self._mark_role(m.role)
        return True

    def role_and_group_phrases(self) -> None:
        lex, lw = self.lex, self.lw
        for j in range(self.n):
            if not self.free(j, j + 1):
                continue
            head = lex.head_of(self.w[j])
            if head is None or lex.institution_of(self.w[j]) is not None:
                continue
            a = j
            while (
                a > 0
                and not self.claimed[a - 1]
                and not self.in_role[a - 1]
                and self.is_adjective(a - 1)
            ):
                a -= 1
            det = a - 1 if a > 0 and lw[a - 1] in lex.determiners and self.free(a - 1, a) else None
            start = det if det is not None else a
            # English: "the NATO chief", "U.S. officials" take the name in front along.
            if not self.de and det is None and a > 0 and self.claimed[a - 1]:
                left = self.mention_at(a - 1)
                if left is not None and left.type in ("organization", "location") and left.b == a:
                    before = left.a - 1
                    self.out.remove(left)
                    for x in range(left.a, left.b):
                        self.claimed[x] = False
                    a = left.a
                    start = a
                    if (
                        before >= 0
                        and lw[before] in lex.determiners
                        and self.free(before, before + 1)
                    ):
                        det = before
                        start = before
            sg, pl = head in lex.person_singular, head in lex.person_plural
            group = head in lex.group_heads
            det_word = lw[det] if det is not None else ""
            if sg and (not pl or (det is not None and det_word not in lex.plural_determiners)):
                if det is None:
                    continue  # a bare singular title belongs to a name, or to nothing
                if self.role_comma_name(j, a):
                    continue
                self.add(_M(start, j + 1, "person", "role", None, (a, j + 1)))
            elif pl or group:
                if det is None and not group:
                    continue
                self.add(_M(start, j + 1, "group", "role", None, (a, j + 1)))

    def media_role(self) -> None:
        lex, lw = self.lex, self.lw
        for j in range(1, self.n):
            if lw[j] not in lex.media_role_alone or not self.free(j, j + 1):
                continue
            a = j
            while a > 0 and not self.claimed[a - 1] and self.is_adjective(a - 1):
                a -= 1
            if a > 0 and lw[a - 1] in lex.determiners and self.free(a - 1, a):
                self.add(_M(a - 1, j + 1, "media", "role", None, (a, j + 1)))

    def pronouns(self) -> None:
        lex, lw, w = self.lex, self.lw, self.w
        for j in range(self.n):
            if not self.free(j, j + 1):
                continue
            low = lw[j]
            if low in lex.pronoun_person:
                self.add(_M(j, j + 1, "person", "pronoun"))
            elif low in lex.pronoun_plural:
                self.add(_M(j, j + 1, "group", "pronoun"))
            elif low in lex.pronoun_ambiguous:
                if w[j] in lex.pronoun_polite and j > 0 and w[j - 1] not in _OPENING_QUOTES:
                    continue
                self.add(_M(j, j + 1, self._sie_number(j), "pronoun"))

    def _sie_number(self, j: int) -> EntityType:
        lex = self.lex
        verbs = lex.actor_verbs | lex.auxiliaries | lex.singular_verbs
        for k in (j + 1, j - 1):
            if 0 <= k < self.n:
                low = self.lw[k]
                if low in lex.singular_verbs:
                    return "person"
                if low in verbs and low not in lex.not_verbs:
                    if low.endswith(lex.plural_verb_endings):
                        return "group"
                    return "person"
        return "person"

    def name_memory(self, memory: dict[tuple[str, ...], tuple[EntityType, str | None]]) -> None:
        if not memory:
            return
        longest = max(len(k) for k in memory)
        j = 0
        while j < self.n:
            if self.claimed[j] or not self.w[j][:1].isupper():
                j += 1
                continue
            for size in range(min(longest, self.n - j), 0, -1):
                form = tuple(self.w[j : j + size])
                found = memory.get(form)
                if found is not None and self.free(j, j + size):
                    self.add(_M(j, j + size, found[0], "name", found[1]))
                    j += size
                    break
            else:
                j += 1

    def remember(self, memory: dict[tuple[str, ...], tuple[EntityType, str | None]]) -> None:
        for m in self.out:
            if m.kind != "name" or m.type == "group":
                continue
            form = tuple(self.w[m.a : m.b])
            if len(form) == 1 and (len(form[0]) < 2 or form[0] in self.lex.stop_names):
                continue
            memory.setdefault(form, (m.type, m.key))
            if m.type == "person" and len(form) >= 2 and len(form[-1]) > 2:
                memory.setdefault(form[-1:], ("person", m.key))

    def mentions(self) -> list[EntityMention]:
        out = []
        for m in self.out:
            span = Span(self.ws[m.a].start, self.ws[m.b - 1].end)
            role = None
            if m.role is not None and m.role[1] > m.role[0]:
                role = Span(self.ws[m.role[0]].start, self.ws[m.role[1] - 1].end)
            out.append(EntityMention(span, m.type, m.kind, role, m.key))
        return out


def _analyse(
    text: str, sentences: Sequence[Sentence], language: str
) -> list[tuple[list[Word], list[NerSpan]]]:
    if language == "en":
        return english.analyse(text, sentences)
    out = []
    for sentence in sentences:
        ws = words(text, sentence)
        out.append((ws, tag_spans([x.text for x in ws], language)))
    return out


def find_mentions(
    text: str, sentences: Sequence[Sentence], language: str
) -> tuple[EntityMention, ...]:
    """Entity mentions of one article, as character spans into ``text``.

    ``sentences`` are the article's sentences (``split_sentences``); ``language`` is an ISO
    639-1 code. Languages without entity resources give no mentions (rather than guesses).
    """
    if language not in SUPPORTED or not sentences:
        return ()
    lex = lexicon(language)
    memory: dict[tuple[str, ...], tuple[EntityType, str | None]] = {}
    built = []
    for ws, names in _analyse(text, sentences, language):
        s = _Sentence(lex, ws, names)
        s.gazetteer()
        s.model_names()
        s.media_cue()
        s.abbreviation(memory)
        s.remember(memory)
        built.append(s)
    result: list[EntityMention] = []
    for s in built:
        s.name_memory(memory)
        s.person_roles()
        s.institution_phrase()
        s.role_and_group_phrases()
        s.media_role()
        s.pronouns()
        result.extend(s.mentions())
    result.sort(key=lambda m: (m.span.start, m.span.end))
    return tuple(result)
