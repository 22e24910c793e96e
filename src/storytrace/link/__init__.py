"""The link stage: across articles.

``link_all(articles)`` runs, in order: entities across articles (``entities``), text reuse
between articles (``reuse``), stories (``stories``), claims and their relations
(``claims``). Each step is its own module with its own records; this function only wires
them together for the report. Per-article preparation (shingles, terms, statements) is a
pure function of one article and runs in worker processes, batch by batch (``prepare``).
The three pairwise steps keep their indexes in a ``LinkState`` (``state``), which the store
carries from run to run: a second run links only the articles the first did not see.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from storytrace.errors import ConfigError
from storytrace.link.claims import Embedder, attribution_id, noun_head
from storytrace.link.entities import Entity, MentionEntities, link_entities
from storytrace.link.prepare import prepared_batches
from storytrace.link.state import LinkState
from storytrace.model import AnnotatedArticle, Claim, ClaimRelation, Reuse, Story

__all__ = ["LinkState", "Linked", "attribution_id", "default_embedder", "link_all"]


@dataclass(frozen=True, slots=True)
class Linked:
    entities: list[Entity]
    entity_of: Mapping[tuple[str, int], str]
    reuse: list[Reuse]
    stories: list[Story]
    claims: list[Claim]
    relations: list[ClaimRelation]
    #: How many of the articles were new to the link state (all, without one).
    added: int = 0


class _Clock:
    """Adds the seconds since its last call to a step's total in ``timings``."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[step] = self.timings.get(step, 0.0) + now - self.last
        self.last = now


@cache
def default_embedder() -> Embedder | None:
    """The multilingual sentence encoder when its package is installed, else None (claims
    then fall back to lexical overlap, and say so in docs/linking.md)."""
    try:
        from storytrace.link.encoder import use_embedder

        return use_embedder()
    except Exception:  # a missing optional package must not stop the report
        return None


def link_all(
    articles: Sequence[AnnotatedArticle],
    *,
    embed: bool = True,
    state: LinkState | None = None,
    fingerprints: Mapping[str, str] | None = None,
    timings: dict[str, float] | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Linked:
    """Link ``articles``. With a ``state`` (see ``storytrace.link.state``) only the
    articles it does not hold yet are added to its reuse, story and claim indexes, and the
    state is updated in place; ``fingerprints`` (article id → the store's fingerprint) are
    recorded for them. The state must hold no article outside ``articles``. ``timings``,
    if given, receives the seconds of each step. The per-article preparation runs in
    ``jobs`` processes, batch by batch (``storytrace.link.prepare``); ``progress`` is called
    with the number of articles of each batch indexed."""
    from storytrace.link.stories import _order_key

    clock = _Clock(timings)
    by_id = {a.article.id: a for a in articles}
    if state is None:
        state = LinkState.new(default_embedder() if embed else None)
    elif any(a not in by_id for a in state.fingerprints):
        raise ConfigError(
            "the link state holds articles that are not being linked; link the whole "
            "collection with it, or link a part without a state"
        )
    fresh = sorted(
        (a for a in articles if a.article.id not in state.fingerprints),
        key=lambda a: _order_key(a.article),
    )

    # Entities first, while the workers prepare the first batch: what their linking lets
    # go of is then reused by the indexes rather than left as free space on top of them
    # (a lower peak at 100,000 articles).
    linked_entities: list[tuple[list[Entity], MentionEntities]] = []

    def entities_meanwhile() -> None:
        linked_entities.append(link_entities(articles))
        clock("entities")

    def texts(article_id: str) -> str:
        return by_id[article_id].article.text

    batches = prepared_batches(fresh, jobs, state.reuse.settings, meanwhile=entities_meanwhile)
    for batch in batches:
        clock("prepare")
        new_reuse = state.reuse.add_shingled([(p.id, p.shingled) for p in batch], texts)
        clock("reuse")
        if state.stories.embedder is None:
            state.stories.add_terms([p.terms for p in batch], new_reuse)
        else:  # stories by embeddings need the texts
            state.stories.add([by_id[p.id].article for p in batch], new_reuse)
        clock("stories")
        state.claims.add_prepared(p.statements for p in batch)
        clock("statements")
        if progress is not None:
            progress(len(batch))
    batch = []  # the last batch's preparation is not needed beyond its indexes
    entities, entity_of = linked_entities.pop()  # meanwhile runs once, even with no batch
    for a in fresh:
        state.fingerprints[a.article.id] = (fingerprints or {}).get(a.article.id, "")
    reuse = state.reuse.reuse()
    # stories by terms, dates and reuse: embeddings did not separate stories better and cost
    # too much at scale (docs/linking.md); claims use them
    stories = state.stories.stories()
    clock("collect")
    story_of = {aid: s.id for s in stories for aid in s.articles}
    names = {e.id: e.name for e in entities}
    keys = {e.id: e.key for e in entities}
    heads: dict[str, set[str]] = {}
    for e in entities:
        if e.type in ("organization", "media", "group"):
            for name in (e.name, *e.aliases):
                heads.setdefault(noun_head(name), set()).add(e.id)
    unique_heads = {h: next(iter(ids)) for h, ids in heads.items() if len(ids) == 1}
    claims, relations = state.claims.link(
        entity_of,
        names,
        entity_keys=keys,
        entity_heads=unique_heads,
        reuse=reuse,
        story_of=story_of,
    )
    clock("claims")
    return Linked(entities, entity_of, reuse, stories, claims, relations, len(fresh))
