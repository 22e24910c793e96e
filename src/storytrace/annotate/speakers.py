"""Speaker resolution: which entity mention an attribution's source names.

A source that contains a name mention resolves to it (the longest one). A pronoun ("er",
"sie", "he") or a role noun without a name ("der NATO-Chef", "sagte der SPD-Politiker")
resolves to the most recent earlier speaker that is a person, or, failing that, to the most
recent person named before it; "demnach" to the speaker of the statement before; a definite
organisation role noun ("das Unternehmen", roles.toml [organisation_roles]) to the
organisation named most recently before it. A metonym ("Moskau", "der Kreml") resolves to
the mention the entity module marked for it. Sources that overlap no mention keep
``speaker = None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from storytrace.model import Attribution, EntityMention, Span
from storytrace.resources import load_toml

__all__ = ["resolve_speakers"]


@cache
def _words(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(anaphoric pronouns, role complement words, reflexive source words) of
    ``resources/<lang>/cues.toml``."""
    syntax = load_toml(language, "cues").get("syntax", {})
    return (
        frozenset(syntax.get("anaphoric_pronouns", [])),
        frozenset(syntax.get("complement_words", [])),
        frozenset(syntax.get("reflexive_sources", [])),
    )


@cache
def _organisation_roles(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(definite articles, organisation role heads) of ``resources/<lang>/roles.toml``."""
    table = load_toml(language, "roles").get("organisation_roles", {})
    return (
        frozenset(table.get("definite", [])),
        tuple(str(h).lower() for h in table.get("heads", [])),
    )


def organisation_role_heads(language: str) -> tuple[str, ...]:
    """The organisation role heads of ``resources/<lang>/roles.toml`` (lowercase
    suffixes: "institut" matches "Robert-Koch-Institut")."""
    return _organisation_roles(language)[1]


def _organisation_role(words: Sequence[str], language: str) -> bool:
    """ "das Unternehmen", "der neue Autokonzern": a definite organisation role noun (the
    source, lowercased, as words) with no name of its own."""
    definite, heads = _organisation_roles(language)
    if not heads or not 2 <= len(words) <= 3 or words[0] not in definite:
        return False
    head = words[-1].split("-")[-1]
    return head.endswith(heads)


@cache
def _anaphoric_adverbs(language: str) -> frozenset[str]:
    """Adverbs that are a source taking up the previous statement's ("Demnach …")."""
    according = load_toml(language, "cues").get("according", {})
    return frozenset(according.get("anaphoric_sources", []))


def _clause_subject(text: str, att: Attribution, mentions: Sequence[EntityMention]) -> int | None:
    """For "nach eigenen Angaben": the actor named in the same sentence outside the source,
    the nearest one before the source ("Das Landesamt kann nach eigenen Angaben …"), else the
    first after it and before a comma ("Nach eigenen Angaben hat das Unternehmen …"; not
    "…, dass die Stoffe aus dem Werk der Korvath Chemie stammen"). Places are no speakers."""
    first, last = att.source[0], att.source[-1]
    start = max(text.rfind(". ", 0, first.start), text.rfind("\n", 0, first.start)) + 1
    stop = min(
        (i for i in (text.find(". ", last.end), text.find("\n", last.end)) if i >= 0),
        default=len(text),
    )
    actors = [
        i
        for i, m in enumerate(mentions)
        if start <= m.span.start
        and m.span.end <= stop
        and m.kind != "pronoun"
        and m.type != "location"
        and not any(m.span.start < s.end and s.start < m.span.end for s in att.source)
    ]
    before = [i for i in actors if mentions[i].span.end <= first.start]
    comma = text.find(",", last.end, stop)  # a subject after the verb precedes any clause
    end = comma if comma >= 0 else stop
    after = [i for i in actors if last.end <= mentions[i].span.start < end]
    if before:
        return before[-1]
    return after[0] if after else None


def _overlapping(spans: Sequence[Span], mentions: Sequence[EntityMention]) -> list[int]:
    out = []
    for i, m in enumerate(mentions):
        if any(m.span.start < s.end and s.start < m.span.end for s in spans):
            out.append(i)
    return out


def _best(candidates: list[int], mentions: Sequence[EntityMention]) -> int | None:
    if not candidates:
        return None
    # The head of a source comes first ("Robert Wood, der US-Botschafter der Vereinten
    # Nationen"): the earliest name wins, a person before an organisation it is attached to.
    rank = {"name": 0, "metonym": 1, "role": 2, "pronoun": 3}
    return min(
        candidates,
        key=lambda i: (
            rank[mentions[i].kind] if mentions[i].kind != "name" else 0,
            mentions[i].type != "person",
            mentions[i].span.start,
        ),
    )


def _apposition_after(
    text: str,
    source: Sequence[Span],
    best: int | None,
    mentions: Sequence[EntityMention],
    complements: frozenset[str],
) -> int | None:
    """The person named right after a source whose name is only the complement of its role
    noun ("der Stabschef von Präsident X" + ", Andrij Jermak,")."""
    if not source or best is None:
        return None
    start, end = source[0].start, source[-1].end
    lead = text[start : mentions[best].span.start].split()
    if not any(w.lower() in complements for w in lead):
        return None  # the name heads the source: it is the speaker
    after = text[end : end + 3]
    if not after.startswith(","):
        return None
    for i, m in enumerate(mentions):
        gap = text[end : m.span.start]
        if m.span.start >= end and m.type == "person" and m.kind == "name" and gap.strip() == ",":
            return i
    return None


def _head(text: str) -> str:
    words = text.split()
    return words[-1].casefold().strip(".,;:") if words else ""


def _same_head_before(text: str, index: int, mentions: Sequence[EntityMention]) -> int | None:
    """The latest earlier mention with the same head noun ("Abgeordnete" … "Abgeordneten")."""
    head = _head(mentions[index].span.of(text))
    if len(head) < 5:
        return None
    stem = head[: max(5, len(head) - 2)]
    for j in range(index - 1, -1, -1):
        other = _head(mentions[j].span.of(text))
        if other.startswith(stem) or head.startswith(other[: max(5, len(other) - 2)]):
            return j
    return None


@cache
def _relative_subjects(language: str) -> frozenset[str]:
    """Relative pronouns that can be a source ("…, der angab, …")."""
    return frozenset(load_toml(language, "cues").get("syntax", {}).get("relative_subjects", []))


def _antecedent(text: str, start: int, mentions: Sequence[EntityMention]) -> int | None:
    """The mention that ends right before ", " at ``start`` (a relative pronoun's noun)."""
    before = text[:start].rstrip()
    if not before.endswith(","):
        return None
    end = len(before[:-1].rstrip())
    return next((i for i, m in enumerate(mentions) if m.span.end == end), None)


def resolve_speakers(
    text: str,
    attributions: Sequence[Attribution],
    mentions: Sequence[EntityMention],
    language: str,
) -> tuple[Attribution, ...]:
    """Attributions with ``speaker`` and ``via`` set to mention indices where possible."""
    pronouns, complements, reflexive = _words(language)
    adverbs = _anaphoric_adverbs(language)
    relatives = _relative_subjects(language)
    out: list[Attribution] = []
    last_person: int | None = None
    last_organisation: int | None = None
    for att in attributions:
        hits = _overlapping(att.source, mentions)
        best = _best(hits, mentions)
        words = " ".join(s.of(text) for s in att.source).lower().split()
        # Only person role nouns and pronouns point back ("der SPD-Politiker", "er"); a
        # group ("Experten") or an organisation is a speaker of its own.
        anaphor = bool(words) and (
            (len(words) == 1 and words[0] in pronouns)
            or (
                best is not None
                and mentions[best].kind in ("role", "pronoun")
                and mentions[best].type == "person"
            )
        )
        speaker = best
        if best is None and att.source and reflexive & set(words):
            speaker = best = _clause_subject(text, att, mentions)
        apposed = _apposition_after(text, att.source, best, mentions, complements)
        if apposed is not None:
            # "der Stabschef von Präsident Selenskyj, Andrij Jermak, schrieb": the person
            # named in the apposition speaks, not the one the role is "of"
            speaker = best = apposed
        same_head = _same_head_before(text, best, mentions) if best is not None else None
        if best is None and _organisation_role(words, language):
            # "Die Korvath Chemie GmbH … Das Unternehmen teilte mit": the organisation
            # named most recently before, or failing that the last organisation speaker
            start = att.source[0].start
            named = [
                i
                for i, m in enumerate(mentions)
                if m.type == "organization" and m.kind == "name" and m.span.end <= start
            ]
            speaker = named[-1] if named else last_organisation
        elif best is None and len(words) == 1 and words[0] in relatives:
            # "…, von Ägypten, das vorschlug, …": the mention right before the comma
            speaker = _antecedent(text, att.source[0].start, mentions)
        elif best is None and len(words) == 1 and words[0] in adverbs:
            # "Demnach wird …": the speaker of the statement it takes up
            speaker = out[-1].speaker if out else None
        elif same_head is not None and mentions[best].kind == "role":  # type: ignore[index]
            # "hieß es von Seiten der südkoreanischen Abgeordneten": the group named before
            speaker = same_head
        elif anaphor or (best is None and words and words[0] in pronouns):
            start = att.source[0].start if att.source else 0
            speaker = last_person
            if speaker is None:
                named = [
                    i
                    for i, m in enumerate(mentions)
                    if m.type == "person" and m.kind == "name" and m.span.end <= start
                ]
                speaker = named[-1] if named else best
        via = tuple(
            i for i in _overlapping(att.via_spans, mentions) if mentions[i].kind != "pronoun"
        )
        resolved = replace(att, speaker=speaker, via=via)
        if (
            speaker is not None
            and mentions[speaker].type == "person"
            and mentions[speaker].kind == "name"
        ):
            last_person = speaker
        if (
            speaker is not None
            and mentions[speaker].type == "organization"
            and mentions[speaker].kind == "name"
        ):
            last_organisation = speaker
        out.append(resolved)
    return tuple(out)
