"""Entities across articles: one entity per referent, from the articles' mentions.

Mentions join one entity when they share a gazetteer key ("gov:ru" for Moskau and der
Kreml), or the same normalised name (case, leading articles, genitive -s and diacritics
aside: "Wolodymyr Selenskyj" / "Wolodymyr Selenskyjs"), or when a one-word person name is
the surname of exactly one full name in the same article ("Rutte" → "Mark Rutte"), then in the
whole collection. Role nouns and pronouns are not entities of their own: attributions reach
an entity through speaker resolution. Roles written with a name ("NATO-Generalsekretär")
are kept on the entity.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import cologne_phonetics

from storytrace.model import AnnotatedArticle, EntityType
from storytrace.resources import load_toml

__all__ = ["Entity", "MentionEntities", "link_entities"]


@cache
def _leading() -> frozenset[str]:
    """Articles that are no part of a name (``resources/common/names.toml``)."""
    return frozenset(load_toml("common", "names")["leading_articles"])


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    #: The gazetteer key the entity was linked by ("gov:ru", "intel:kr"), if any.
    key: str | None = None


def _norm(text: str, person: bool = False) -> str:
    if person:
        text = text.replace("-", " ")  # "Yoon Suk-yeol" / "Yoon Suk Yeol"
    words = [w for w in text.replace("’", "'").split() if w]
    while words and words[0].lower() in _leading():
        words = words[1:]
    folded = unicodedata.normalize("NFKD", " ".join(words).casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


class MentionEntities(Mapping[tuple[str, int], str]):
    """The entity id of each (article id, mention index) that has one, kept as one list
    per article: a dict keyed by every mention's tuple cost 400 MB at 100,000 articles."""

    __slots__ = ("_of",)

    def __init__(self, of: dict[str, list[str | None]] | None = None) -> None:
        self._of = of if of is not None else {}

    def __getitem__(self, key: tuple[str, int]) -> str:
        article_id, i = key
        row = self._of.get(article_id)
        if row is None or not 0 <= i < len(row) or row[i] is None:
            raise KeyError(key)
        return row[i]  # type: ignore[return-value]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for article_id, row in self._of.items():
            for i, eid in enumerate(row):
                if eid is not None:
                    yield article_id, i

    def __len__(self) -> int:
        return sum(len(row) - row.count(None) for row in self._of.values())

    def rows(self) -> Iterator[tuple[str, list[str | None]]]:
        """(article id, entity id or None per mention) of every article with an entity."""
        return iter(self._of.items())


@dataclass(slots=True)
class _Group:
    """What the mentions of one (pre-)entity have told so far."""

    texts: Counter[str] = field(default_factory=Counter)
    types: Counter[EntityType] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)

    def take(self, written: str, etype: EntityType, role: str | None) -> None:
        self.texts[written] += 1
        self.types[etype] += 1
        if role:
            self.roles.append(role)

    def absorb(self, other: _Group) -> None:
        self.texts.update(other.texts)
        self.types.update(other.types)
        self.roles.extend(other.roles)


#: A one-word person name waiting for its full name: (row, index, norm, written, type, role).
_Pending = tuple[list[str | None], int, str, str, EntityType, str | None]


def link_entities(articles: Sequence[AnnotatedArticle]) -> tuple[list[Entity], MentionEntities]:
    """Entities, and the entity id of each (article id, mention index) that has one."""
    of: dict[str, list[str | None]] = {}  # article id → group of each mention, then entity id
    groups: dict[str, _Group] = {}
    full_names: dict[str, set[str]] = defaultdict(set)  # surname → groups of full names
    pending: list[_Pending] = []
    languages: dict[str, str] = {}  # article id → language
    for annotated in articles:
        art = annotated.article
        languages[art.id] = art.language or ""
        row: list[str | None] = [None] * len(annotated.mentions)
        local: dict[str, set[str]] = defaultdict(set)
        first_pending = len(pending)  # this article's one-word names start here
        for i, m in enumerate(annotated.mentions):
            if m.kind in ("pronoun", "role") and m.key is None:
                continue
            written = m.span.of(art.text)
            norm = _norm(written, m.type == "person")
            if not norm:
                continue
            role = m.role.of(art.text) if m.role else None
            if m.key:
                group = f"key:{m.key}"
            elif m.type == "person" and " " not in norm:
                pending.append((row, i, norm, written, m.type, role))
                continue
            else:
                group = f"{m.type}:{norm}"
                if m.type == "person":
                    surname = norm.split()[-1]
                    local[surname].add(group)
                    full_names[surname].add(group)
            row[i] = group = sys.intern(group)
            if group not in groups:
                groups[group] = _Group()
            groups[group].take(written, m.type, role)
        for p in pending[first_pending:]:
            candidates = local.get(p[2]) or local.get(_genitive_base(p[2])) or set()
            if len(candidates) == 1:
                _adopt(groups, p, next(iter(candidates)))
        if any(g is not None for g in row) or first_pending < len(pending):
            of[art.id] = row
    for p in pending:
        if p[0][p[1]] is not None:
            continue
        candidates = full_names.get(p[2]) or full_names.get(_genitive_base(p[2])) or set()
        _adopt(groups, p, next(iter(candidates)) if len(candidates) == 1 else f"person:{p[2]}")
    del pending, full_names
    _merge_genitives(of, groups)
    _merge_spelling_variants(of, groups)
    _merge_transliterations(of, groups, languages)
    entities: dict[str, Entity] = {}
    for group in sorted(groups):
        variants = groups[group].texts
        etype = groups[group].types.most_common(1)[0][0]
        if etype == "person":
            # the fullest name: "Mark Rutte" over "Rutte"
            name = max(variants, key=lambda v: (len(_norm(v).split()), variants[v], -len(v)))
        else:
            # the usual name: "NATO" (3×) over "das Nordatlantische Bündnis" (1×)
            name = max(
                variants,
                key=lambda v: (
                    v[:1].isupper() and v.split()[0].lower() not in _leading(),
                    variants[v],
                    -len(v),
                ),
            )
        name = _display(name)
        eid = "e" + hashlib.sha1(group.encode()).hexdigest()[:11]
        seen_roles = list(dict.fromkeys(r for r in groups[group].roles if r))
        entities[group] = Entity(
            eid,
            name,
            etype,
            aliases=sorted(v for v in variants if v != name),
            roles=seen_roles,
            key=group.removeprefix("key:") if group.startswith("key:") else None,
        )
    del groups
    for row in of.values():  # in place: a second map of every mention would double it
        for i, g in enumerate(row):
            if g is not None:
                row[i] = entities[g].id
    return sorted(entities.values(), key=lambda e: (e.type, e.name.casefold())), MentionEntities(of)


def _genitive_bases(norm: str) -> list[str]:
    """ "selenskyjs" → "selenskyj", "geheimdienstes" → "geheimdienst" (and "geheimdienste")."""
    if len(norm) <= 4:
        return []
    out = []
    if norm.endswith("es") and len(norm) > 6:
        out.append(norm[:-2])
    if norm.endswith(("s", "'s")):
        out.append(norm.removesuffix("'s").removesuffix("s"))
    return out


def _genitive_base(norm: str) -> str:
    bases = _genitive_bases(norm)
    return bases[-1] if bases else norm


def _merge_genitives(of: dict[str, list[str | None]], groups: dict[str, _Group]) -> None:
    """ "Selenskyjs" joins "Selenskyj" when both occur; "Pistorius" stays as it is."""
    target = {}
    for g in groups:
        kind, _, norm = g.partition(":")
        for stem in _genitive_bases(norm):
            base = f"{kind}:{stem}"
            if base != g and base in groups:
                target[g] = base
                break
    _apply_merges(target, of, groups)


def _display(name: str) -> str:
    """A name without the article it had in its sentence ("das US-Außenministerium")."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _leading():
        words = words[1:]
    return " ".join(words)


def _close(a: str, b: str) -> bool:
    """Spelling variants of one first name: "wolodymyr" / "wolodmyr" (edit distance ≤ 2)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 4:
        return False
    return _levenshtein(a, b) <= 2


def _apply_merges(
    target: dict[str, str], of: dict[str, list[str | None]], groups: dict[str, _Group]
) -> None:
    """Groups ``h`` become ``target[h]``: their variants, types, roles and mentions. A
    target that is merged itself passes everything on ("xs's" → "xs" → "x")."""
    final: dict[str, str] = {}
    for h in target:
        g, seen = target[h], {h}
        while g in target and g not in seen:
            seen.add(g)
            g = target[g]
        final[h] = g
    target = {h: g for h, g in final.items() if h != g}
    if not target:
        return
    for h, g in target.items():
        groups[g].absorb(groups.pop(h))
    for row in of.values():
        for i, group in enumerate(row):
            if group is not None and group in target:
                row[i] = target[group]


def _merge_spelling_variants(of: dict[str, list[str | None]], groups: dict[str, _Group]) -> None:
    """Person groups with the same surname and near-identical other names become one."""
    persons = _persons(groups)
    target: dict[str, str] = {}
    by_surname: dict[tuple[str, int], list[str]] = defaultdict(list)
    for g in persons:  # only names with the same surname and length are compared
        words = g.removeprefix("person:").split()
        by_surname[(words[-1], len(words))].append(g)
    for g in persons:
        if g in target:
            continue
        words = g.removeprefix("person:").split()
        block = by_surname[(words[-1], len(words))]
        for h in block[block.index(g) + 1 :]:
            other = h.removeprefix("person:").split()
            if h in target:
                continue
            if all(_close(x, y) for x, y in zip(words[:-1], other[:-1], strict=True)):
                target[h] = g
    _apply_merges(target, of, groups)


def _persons(groups: dict[str, _Group]) -> list[str]:
    """Full person names, the most mentioned first."""
    return sorted(
        (g for g in groups if g.startswith("person:") and " " in g),
        key=lambda g: (-sum(groups[g].texts.values()), g),
    )


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _phonetic(name: str) -> tuple[str, ...]:
    """Kölner Phonetik code of each part of a name: transliterations of one name into
    German and English share it (Wolodymyr Selenskyj / Volodymyr Zelensky: 35267 85684)."""
    return tuple(code for _, code in cologne_phonetics.encode(name))


def _merge_transliterations(
    of: dict[str, list[str | None]], groups: dict[str, _Group], languages: dict[str, str]
) -> None:
    """Full person names whose every part sounds alike become one person when they are
    written in articles of different languages (Selenskyj / Zelensky), or, in one
    language, when the surnames are long and differ by a letter or two (Selenskyj /
    Selenski; ``[transliteration]`` of ``resources/common/names.toml``). Short names that
    sound alike in one language stay apart (Scholz / Schulz)."""
    rule = load_toml("common", "names")["transliteration"]
    min_surname, max_edits = int(rule["min_surname"]), int(rule["max_edits"])
    by_code: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for g in _persons(groups):
        code = _phonetic(g.removeprefix("person:"))
        if all(code) and len(code) >= 2:
            by_code[code].append(g)
    blocks = [block for block in by_code.values() if len(block) > 1]
    wanted = {g for block in blocks for g in block}
    langs: dict[str, set[str]] = defaultdict(set)  # only where a block has two names
    for article_id, row in of.items():
        for group in row:
            if group is not None and group in wanted:
                langs[group].add(languages.get(article_id, ""))
    target: dict[str, str] = {}
    for block in blocks:
        head = block[0]
        head_surname = head.split()[-1]
        for g in block[1:]:
            surname = g.split()[-1]
            other_language = bool(langs[g] - langs[head]) or bool(langs[head] - langs[g])
            near = min(len(surname), len(head_surname)) >= min_surname and (
                _levenshtein(surname, head_surname) <= max_edits
            )
            if other_language or near:
                target[g] = head
    _apply_merges(target, of, groups)


def _adopt(groups: dict[str, _Group], pending: _Pending, group: str) -> None:
    row, i, _, written, etype, role = pending
    row[i] = group = sys.intern(group)
    if group not in groups:
        groups[group] = _Group()
    groups[group].take(written, etype, role)
