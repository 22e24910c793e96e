"""Figure timelines and the status over time of contested propositions.

Both are views over claims and attributions that a reader asks for directly:

- ``figure_timelines``: for each story, counted thing (unit group: Soldaten, Mann, troops are
  *soldiers*) and frame (*sent*, *planned*, *trained*), every statement that gives a figure,
  with who gave it, via whom, when, and its claim, in time order.
- ``proposition_status``: the denials, "cannot confirm"s and confirmations that relations link
  (``contradicts``, ``confirms``) form one contested proposition each; its timeline says who
  denied, who could not confirm and who confirmed it, and when.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storytrace.link.claims import frame_of, unit_group
from storytrace.link.unionfind import UnionFind
from storytrace.model import Claim, ClaimRelation, Stance

__all__ = [
    "FigurePoint",
    "FigureTimeline",
    "Proposition",
    "StatusPoint",
    "figure_timelines",
    "proposition_status",
]


@dataclass(frozen=True, slots=True)
class FigurePoint:
    value: float
    approx: bool
    text: str
    attribution: str
    article: str
    claim: str | None
    speaker: str | None
    entity: str | None
    via: tuple[str, ...]
    date: str | None


@dataclass(frozen=True, slots=True)
class FigureTimeline:
    story: str | None
    unit: str
    frame: str | None
    points: tuple[FigurePoint, ...]


@dataclass(frozen=True, slots=True)
class StatusPoint:
    date: str | None
    stance: Stance
    claim: str
    speaker: str
    entity: str | None


@dataclass(frozen=True, slots=True)
class Proposition:
    id: str
    label: str
    story: str | None
    timeline: tuple[StatusPoint, ...]


def _date_key(date: str | None) -> str:
    return date or "9999"


def figure_timelines(
    attributions: Sequence[Mapping[str, object]],
    claim_of: Mapping[str, str],
    story_of: Mapping[str, str],
    published: Mapping[str, str | None],
) -> list[FigureTimeline]:
    """Timelines from dossier attribution items (see ``report.findings``)."""
    series: dict[tuple[str | None, str, str | None], list[FigurePoint]] = defaultdict(list)
    for att in attributions:
        quantities = att["quantities"]
        assert isinstance(quantities, list)
        if not quantities:
            continue
        content = att["content"]
        assert isinstance(content, dict)
        frame = frame_of(str(content["text"]))
        speaker = att["speaker"] if isinstance(att["speaker"], dict) else None
        said = att["said_on"] if isinstance(att["said_on"], dict) else None
        article = str(att["article"])
        date = (said or {}).get("date") or published.get(article)
        via = att["via"]
        assert isinstance(via, list)
        for q in quantities:
            if not q["unit"]:
                continue
            unit = unit_group(str(q["unit"]))
            series[(story_of.get(article), unit, frame)].append(
                FigurePoint(
                    value=float(q["value"]),
                    approx=bool(q["approx"]),
                    text=str(q["text"]),
                    attribution=str(att["id"]),
                    article=article,
                    claim=claim_of.get(str(att["id"])),
                    speaker=str(speaker["text"]) if speaker else None,
                    entity=speaker.get("entity") if speaker else None,
                    via=tuple(str(v["text"]) for v in via),
                    date=str(date) if date else None,
                )
            )
    out = []
    for (story, unit, frame), points in series.items():
        ordered = sorted(points, key=lambda p: (_date_key(p.date), p.value))
        out.append(FigureTimeline(story, unit, frame, tuple(ordered)))
    out.sort(key=lambda t: (-len(t.points), t.unit, t.frame or ""))
    return out


def proposition_status(
    claims: Sequence[Claim],
    relations: Sequence[ClaimRelation],
    story_of_claim: Mapping[str, str | None],
    names: Mapping[str, str],
) -> list[Proposition]:
    """Contested propositions: connected components of contradicts/confirms relations."""
    sets = UnionFind()

    for r in relations:
        if r.kind in ("contradicts", "confirms"):
            sets.union(r.a, r.b)
    groups: dict[str, list[Claim]] = defaultdict(list)
    by_id = {c.id: c for c in claims}
    for cid in list(sets.parent):
        groups[sets.find(cid)].append(by_id[cid])
    out = []
    for members in groups.values():
        members.sort(key=lambda c: (_date_key(c.first_seen), c.id))
        points = []
        for c in members:
            entity = next((e for _, e in c.speakers if e), None)
            speaker = names.get(entity or "", "") or (c.speakers[0][0] if c.speakers else "?")
            points.append(StatusPoint(c.first_seen, c.stance, c.id, speaker, entity))
        label_claim = next((c for c in members if c.stance == "deny"), members[0])
        digest = hashlib.sha1("|".join(sorted(c.id for c in members)).encode()).hexdigest()
        out.append(
            Proposition(
                id="p" + digest[:11],
                label=label_claim.summary,
                story=story_of_claim.get(members[0].id),
                timeline=tuple(points),
            )
        )
    out.sort(key=lambda p: -len(p.timeline))
    return out
