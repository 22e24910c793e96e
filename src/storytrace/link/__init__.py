"""The link stage: across articles.

``link_all(articles)`` runs, in order: entities across articles (``entities``), text reuse
between articles (``reuse``), stories (``stories``), claims and their relations
(``claims``). Each step is its own module with its own records; this function only wires
them together for the report. Per-article preparation (shingles, statements) is a pure
function of one article, so it can move to workers when the collection grows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from storytrace.link.claims import Embedder, attribution_id, link_claims, noun_head
from storytrace.link.entities import Entity, link_entities
from storytrace.model import AnnotatedArticle, Claim, ClaimRelation, Reuse, Story

__all__ = ["Linked", "attribution_id", "link_all"]


@dataclass(frozen=True, slots=True)
class Linked:
    entities: list[Entity]
    entity_of: dict[tuple[str, int], str]
    reuse: list[Reuse]
    stories: list[Story]
    claims: list[Claim]
    relations: list[ClaimRelation]


@cache
def _embedder() -> Embedder | None:
    """The multilingual sentence encoder when its package is installed, else None (claims
    then fall back to lexical overlap, and say so in docs/linking.md)."""
    try:
        from storytrace.link.stories import use_embedder

        return use_embedder()
    except Exception:  # a missing optional package must not stop the report
        return None


def link_all(articles: Sequence[AnnotatedArticle], *, embed: bool = True) -> Linked:
    from storytrace.link.reuse import find_reuse
    from storytrace.link.stories import cluster_stories

    cleaned = [a.article for a in articles]
    entities, entity_of = link_entities(articles)
    reuse = list(find_reuse(cleaned))
    embedder = _embedder() if embed else None
    # stories by terms, dates and reuse: embeddings did not separate stories better and cost
    # too much at scale (docs/linking.md); claims use them
    stories = list(cluster_stories(cleaned, reuse=reuse))
    story_of = {aid: s.id for s in stories for aid in s.articles}
    names = {e.id: e.name for e in entities}
    keys = {e.id: e.key for e in entities}
    heads: dict[str, set[str]] = {}
    for e in entities:
        if e.type in ("organization", "media", "group"):
            for name in (e.name, *e.aliases):
                heads.setdefault(noun_head(name), set()).add(e.id)
    unique_heads = {h: next(iter(ids)) for h, ids in heads.items() if len(ids) == 1}
    claims, relations = link_claims(
        articles,
        entity_of,
        names,
        entity_keys=keys,
        entity_heads=unique_heads,
        reuse=reuse,
        story_of=story_of,
        embedder=embedder,
    )
    return Linked(entities, entity_of, reuse, stories, claims, relations)
