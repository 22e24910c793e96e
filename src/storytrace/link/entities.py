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
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import cologne_phonetics

from storytrace.model import AnnotatedArticle, EntityType
from storytrace.resources import load_toml

__all__ = ["Entity", "link_entities"]


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


def link_entities(
    articles: Sequence[AnnotatedArticle],
) -> tuple[list[Entity], dict[tuple[str, int], str]]:
    """Entities, and the entity id of each (article id, mention index) that has one."""
    group_of: dict[tuple[str, int], str] = {}
    texts: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[EntityType]] = defaultdict(Counter)
    roles: dict[str, list[str]] = defaultdict(list)
    full_names: dict[str, set[str]] = defaultdict(set)  # surname → groups of full names
    pending: list[tuple[str, int, str]] = []
    languages: dict[str, str] = {}  # article id → language
    for annotated in articles:
        art = annotated.article
        languages[art.id] = art.language or ""
        local: dict[str, set[str]] = defaultdict(set)
        first_pending = len(pending)  # this article's one-word names start here
        for i, m in enumerate(annotated.mentions):
            if m.kind in ("pronoun", "role") and m.key is None:
                continue
            written = m.span.of(art.text)
            norm = _norm(written, m.type == "person")
            if not norm:
                continue
            if m.key:
                group = f"key:{m.key}"
            elif m.type == "person" and " " not in norm:
                pending.append((art.id, i, norm))
                texts[f"pending:{art.id}:{i}"][written] += 1
                types[f"pending:{art.id}:{i}"][m.type] += 1
                if m.role:
                    roles[f"pending:{art.id}:{i}"].append(m.role.of(art.text))
                continue
            else:
                group = f"{m.type}:{norm}"
                if m.type == "person":
                    surname = norm.split()[-1]
                    local[surname].add(group)
                    full_names[surname].add(group)
            group_of[(art.id, i)] = group
            texts[group][written] += 1
            types[group][m.type] += 1
            if m.role:
                roles[group].append(m.role.of(art.text))
        for article_id, i, norm in pending[first_pending:]:
            candidates = local.get(norm) or local.get(_genitive_base(norm)) or set()
            if len(candidates) == 1:
                _adopt(group_of, texts, types, roles, (article_id, i), next(iter(candidates)))
    for article_id, i, norm in pending:
        if (article_id, i) in group_of:
            continue
        candidates = full_names.get(norm) or full_names.get(_genitive_base(norm)) or set()
        target = next(iter(candidates)) if len(candidates) == 1 else f"person:{norm}"
        _adopt(group_of, texts, types, roles, (article_id, i), target)
    _merge_genitives(group_of, texts, types, roles)
    _merge_spelling_variants(group_of, texts, types, roles)
    _merge_transliterations(group_of, texts, types, roles, languages)
    entities: dict[str, Entity] = {}
    for group in sorted({g for g in group_of.values()}):
        variants = texts[group]
        if types[group].most_common(1)[0][0] == "person":
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
        etype = types[group].most_common(1)[0][0]
        eid = "e" + hashlib.sha1(group.encode()).hexdigest()[:11]
        seen_roles = list(dict.fromkeys(r for r in roles[group] if r))
        entities[group] = Entity(
            eid,
            name,
            etype,
            aliases=sorted(v for v in variants if v != name),
            roles=seen_roles,
            key=group.removeprefix("key:") if group.startswith("key:") else None,
        )
    # in place: at 100,000 articles a second map of every mention would cost 400 MB
    for key, group in group_of.items():
        group_of[key] = entities[group].id
    return sorted(entities.values(), key=lambda e: (e.type, e.name.casefold())), group_of


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


def _merge_genitives(
    group_of: dict[tuple[str, int], str],
    texts: dict[str, Counter[str]],
    types: dict[str, Counter[EntityType]],
    roles: dict[str, list[str]],
) -> None:
    """ "Selenskyjs" joins "Selenskyj" when both occur; "Pistorius" stays as it is."""
    groups = set(group_of.values())
    target = {}
    for g in groups:
        kind, _, norm = g.partition(":")
        for stem in _genitive_bases(norm):
            base = f"{kind}:{stem}"
            if base != g and base in groups:
                target[g] = base
                break
    _apply_merges(target, group_of, texts, types, roles)


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
    target: dict[str, str],
    group_of: dict[tuple[str, int], str],
    texts: dict[str, Counter[str]],
    types: dict[str, Counter[EntityType]],
    roles: dict[str, list[str]],
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
    for h, g in target.items():
        texts[g].update(texts.pop(h, Counter()))
        types[g].update(types.pop(h, Counter()))
        roles[g].extend(roles.pop(h, []))
    for key, group in list(group_of.items()):
        if group in target:
            group_of[key] = target[group]


def _merge_spelling_variants(
    group_of: dict[tuple[str, int], str],
    texts: dict[str, Counter[str]],
    types: dict[str, Counter[EntityType]],
    roles: dict[str, list[str]],
) -> None:
    """Person groups with the same surname and near-identical other names become one."""
    persons = sorted(
        {g for g in group_of.values() if g.startswith("person:") and " " in g},
        key=lambda g: (-sum(texts[g].values()), g),
    )
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
    _apply_merges(target, group_of, texts, types, roles)


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
    group_of: dict[tuple[str, int], str],
    texts: dict[str, Counter[str]],
    types: dict[str, Counter[EntityType]],
    roles: dict[str, list[str]],
    languages: dict[str, str],
) -> None:
    """Full person names whose every part sounds alike become one person when they are
    written in articles of different languages (Selenskyj / Zelensky), or, in one
    language, when the surnames are long and differ by a letter or two (Selenskyj /
    Selenski; ``[transliteration]`` of ``resources/common/names.toml``). Short names that
    sound alike in one language stay apart (Scholz / Schulz)."""
    rule = load_toml("common", "names")["transliteration"]
    min_surname, max_edits = int(rule["min_surname"]), int(rule["max_edits"])
    langs: dict[str, set[str]] = defaultdict(set)
    for (article_id, _), group in group_of.items():
        langs[group].add(languages.get(article_id, ""))
    persons = sorted(
        {g for g in group_of.values() if g.startswith("person:") and " " in g},
        key=lambda g: (-sum(texts[g].values()), g),
    )
    by_code: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for g in persons:
        code = _phonetic(g.removeprefix("person:"))
        if all(code) and len(code) >= 2:
            by_code[code].append(g)
    target: dict[str, str] = {}
    for block in by_code.values():
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
    _apply_merges(target, group_of, texts, types, roles)


def _adopt(
    group_of: dict[tuple[str, int], str],
    texts: dict[str, Counter[str]],
    types: dict[str, Counter[EntityType]],
    roles: dict[str, list[str]],
    key: tuple[str, int],
    group: str,
) -> None:
    tmp = f"pending:{key[0]}:{key[1]}"
    group_of[key] = group
    texts[group].update(texts.pop(tmp, Counter()))
    types[group].update(types.pop(tmp, Counter()))
    roles[group].extend(roles.pop(tmp, []))
