"""The dossier's ``entities[]`` and ``attributions[]`` from annotated articles.

Every attribution item points at its evidence: the article id, the span that covers cue,
source and content, and each part as ``{text, start, end}`` into the article's text. A
discontinuous cue ("teilte … mit") or content is given by the span that covers all its
pieces, so that ``text == article.text[start:end]`` always holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from storytrace.annotate.quantities import Quantity, find_quantities
from storytrace.annotate.timeexpr import find_time_expressions
from storytrace.link import Linked, attribution_id
from storytrace.link.timelines import figure_timelines, proposition_status
from storytrace.model import AnnotatedArticle, Attribution, Span

__all__ = ["findings"]


def _cover(spans: Sequence[Span]) -> Span | None:
    if not spans:
        return None
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def _text_span(text: str, span: Span) -> dict[str, Any]:
    return {"text": text[span.start : span.end], "start": span.start, "end": span.end}


def findings(articles: Sequence[AnnotatedArticle], linked: Linked) -> dict[str, list[Any]]:
    """The dossier's finding sections as JSON-ready items of the contract."""
    entity_of = linked.entity_of
    entity_items = [
        {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases, "roles": e.roles}
        for e in linked.entities
    ]
    items: list[dict[str, Any]] = []
    for annotated in articles:
        art = annotated.article
        text = art.text
        quantities = find_quantities(text, art.language) if annotated.attributions else []
        for seq, att in enumerate(annotated.attributions):
            items.append(_attribution_item(annotated, seq, att, entity_of, quantities))
    return {
        "entities": entity_items,
        "attributions": items,
        "claims": [
            {
                "id": c.id,
                "attributions": list(c.attributions),
                "articles": list(c.articles),
                "speakers": [{"text": t, "entity": e} for t, e in c.speakers],
                "independent_origins": max(1, len(c.origins)),
                "first_seen": c.first_seen,
                "summary": c.summary,
                "origins": list(c.origins),
                "stance": c.stance,
                "figures": [{"value": v, "unit": u} for v, u in c.figures],
            }
            for c in linked.claims
        ],
        "relations": [
            {"kind": r.kind, "a": r.a, "b": r.b, "explanation": r.explanation}
            for r in linked.relations
        ],
        "reuse": [
            {
                "a": r.a,
                "b": r.b,
                "shared_chars": r.shared_chars,
                "passages": [
                    {"a_start": p.a.start, "a_end": p.a.end, "b_start": p.b.start, "b_end": p.b.end}
                    for p in r.passages
                ],
            }
            for r in linked.reuse
        ],
        "stories": [
            {"id": s.id, "articles": list(s.articles), "label": s.label} for s in linked.stories
        ],
        **_views(articles, linked, items),
    }


def _views(
    articles: Sequence[AnnotatedArticle], linked: Linked, items: list[dict[str, Any]]
) -> dict[str, list[Any]]:
    """Figure timelines and the status of contested propositions (see link.timelines)."""
    story_of = {aid: s.id for s in linked.stories for aid in s.articles}
    claim_of = {t: c.id for c in linked.claims for t in c.attributions}
    published = {
        a.article.id: (a.article.published.value if a.article.published else None) for a in articles
    }
    names = {e.id: e.name for e in linked.entities}
    timelines = figure_timelines(items, claim_of, story_of, published)
    story_of_claim = {c.id: story_of.get(c.articles[0]) for c in linked.claims}
    status = proposition_status(linked.claims, linked.relations, story_of_claim, names)
    return {
        "figures": [
            {
                "story": t.story,
                "unit": t.unit,
                "frame": t.frame,
                "points": [
                    {
                        "value": p.value,
                        "approx": p.approx,
                        "text": p.text,
                        "attribution": p.attribution,
                        "article": p.article,
                        "claim": p.claim,
                        "speaker": {"text": p.speaker, "entity": p.entity} if p.speaker else None,
                        "via": list(p.via),
                        "date": p.date,
                    }
                    for p in t.points
                ],
            }
            for t in timelines
        ],
        "status": [
            {
                "id": p.id,
                "label": p.label,
                "story": p.story,
                "timeline": [
                    {
                        "date": x.date,
                        "stance": x.stance,
                        "claim": x.claim,
                        "speaker": x.speaker,
                        "entity": x.entity,
                    }
                    for x in p.timeline
                ],
            }
            for p in status
        ],
    }


def _with_inner(q: Quantity) -> list[Quantity]:
    out = [q]
    while out[-1].per is not None:
        out.append(out[-1].per)
    return out


def _mention(
    annotated: AnnotatedArticle,
    spans: Sequence[Span],
    mention: int | None,
    entity_of: Mapping[tuple[str, int], str],
) -> dict[str, Any] | None:
    text = annotated.article.text
    cover = _cover(spans)
    entity = entity_of.get((annotated.article.id, mention)) if mention is not None else None
    if cover is None:
        if mention is None:
            return None
        cover = annotated.mentions[mention].span
    written = text[cover.start : cover.end]
    if not written.strip():
        return None
    return {"text": written, "entity": entity, "start": cover.start, "end": cover.end}


def _attribution_item(
    annotated: AnnotatedArticle,
    seq: int,
    att: Attribution,
    entity_of: Mapping[tuple[str, int], str],
    quantities: Sequence[Any],
) -> dict[str, Any]:
    art = annotated.article
    text = art.text
    content = _cover(att.content) or Span(0, 0)
    in_range = 0 <= att.sentence < len(annotated.sentences)
    sentence = annotated.sentences[att.sentence].span if in_range else content
    cue = _cover(att.cue) or Span(content.start, content.start)
    parts = [content, cue, *att.source]
    whole = Span(min(p.start for p in parts), max(p.end for p in parts))
    said_on = None
    if att.said_on is not None:
        found = find_time_expressions(
            text, art.language, art.published, att.said_on.start, att.said_on.end
        )
        date = found[0].date if found else None
        said_on = {**_text_span(text, att.said_on), "date": date}
    figures = [
        {
            "value": q.value,
            "unit": q.unit,
            "text": text[q.span.start : q.span.end],
            "start": q.span.start,
            "end": q.span.end,
            "approx": q.approx,
            "qualifier": q.qualifier,
        }
        for outer in quantities
        if any(c.start <= outer.span.start and outer.span.end <= c.end for c in att.content)
        # "vier Brigaden mit 12.000 Soldaten": the inner figure is a figure of its own
        for q in _with_inner(outer)
    ]
    via = []
    for k, span in enumerate(att.via_spans):
        mention = att.via[k] if k < len(att.via) else None
        item = _mention(annotated, [span], mention, entity_of)
        if item is not None:
            via.append(item)
    return {
        "id": attribution_id(art.id, seq, att),
        "article": art.id,
        "start": whole.start,
        "end": whole.end,
        "sentence": _text_span(text, sentence),
        "speaker": _mention(annotated, att.source, att.speaker, entity_of),
        "cue": _text_span(text, cue),
        "mode": att.mode,
        "stance": att.stance,
        "content": _text_span(text, content),
        "quantities": figures,
        "said_on": said_on,
        "via": via,
    }
