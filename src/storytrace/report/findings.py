"""The dossier's ``entities[]`` and ``attributions[]`` from annotated articles.

Every attribution item points at its evidence: the article id, the span that covers cue,
source and content, and each part as ``{text, start, end}`` into the article's text. A
discontinuous cue ("teilte … mit") or content is given by the span that covers all its
pieces, so that ``text == article.text[start:end]`` always holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from storytrace.annotate.quantities import find_quantities
from storytrace.annotate.timeexpr import find_time_expressions
from storytrace.link.entities import link_entities
from storytrace.model import AnnotatedArticle, Attribution, Span

__all__ = ["findings"]


def _cover(spans: Sequence[Span]) -> Span | None:
    if not spans:
        return None
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def _text_span(text: str, span: Span) -> dict[str, Any]:
    return {"text": text[span.start : span.end], "start": span.start, "end": span.end}


def findings(
    articles: Sequence[AnnotatedArticle],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(entities, attributions) as JSON-ready items of the dossier contract."""
    entities, entity_of = link_entities(articles)
    entity_items = [
        {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases, "roles": e.roles}
        for e in entities
    ]
    items: list[dict[str, Any]] = []
    for annotated in articles:
        art = annotated.article
        text = art.text
        quantities = find_quantities(text, art.language) if annotated.attributions else []
        for seq, att in enumerate(annotated.attributions):
            items.append(_attribution_item(annotated, seq, att, entity_of, quantities))
    return entity_items, items


def _mention(
    annotated: AnnotatedArticle,
    spans: Sequence[Span],
    mention: int | None,
    entity_of: dict[tuple[str, int], str],
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
    entity_of: dict[tuple[str, int], str],
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
    digest = hashlib.sha1(f"{art.id}:{seq}:{content.start}:{content.end}".encode()).hexdigest()
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
        for q in quantities
        if any(c.start <= q.span.start and q.span.end <= c.end for c in att.content)
    ]
    via = []
    for k, span in enumerate(att.via_spans):
        mention = att.via[k] if k < len(att.via) else None
        item = _mention(annotated, [span], mention, entity_of)
        if item is not None:
            via.append(item)
    return {
        "id": "t" + digest[:15],
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
