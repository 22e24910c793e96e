"""The per-article part of linking: what the reuse, story and claim indexes take of one
article (shingles, salient terms, statements with their figures). It is a pure function
of the article, so it runs in worker processes while the indexes, which see the whole
collection, stay in this one; and it runs batch by batch, so that only one batch's
preparation is held in memory at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial

from storytrace.link.claims import ArticleStatements, article_statements
from storytrace.link.reuse import ReuseSettings, shingle_article
from storytrace.link.shingles import Shingled, tokens
from storytrace.link.stories import ArticleTerms, article_terms
from storytrace.model import AnnotatedArticle, Sentence

__all__ = ["Prepared", "prepare", "prepared_batches"]

#: Articles per batch: big enough that a batch weighs document frequencies as a corpus and
#: keeps the workers busy, small enough that one batch's shingles stay small beside the index.
BATCH = 5_000
#: Articles sent to a worker at a time.
_CHUNK = 50


@dataclass(frozen=True, slots=True)
class Prepared:
    id: str
    shingled: Shingled
    terms: ArticleTerms
    statements: ArticleStatements


def prepare(annotated: AnnotatedArticle, reuse: ReuseSettings | None = None) -> Prepared:
    """One article, ready for the indexes (``reuse``: the reuse index's settings); its
    text is tokenised once for shingles and terms."""
    art = annotated.article
    toks = tokens(art.text, art.language)
    return Prepared(
        art.id,
        shingle_article(art, reuse, toks),
        article_terms(art, toks),
        article_statements(annotated),
    )


def _slim(annotated: AnnotatedArticle) -> AnnotatedArticle:
    """What a worker needs of an article: sentences without their tokens, which no
    preparation reads and which are most of what would be pickled to the worker."""
    return replace(annotated, sentences=tuple(Sentence(s.span, ()) for s in annotated.sentences))


def prepared_batches(
    articles: Sequence[AnnotatedArticle],
    jobs: int = 1,
    reuse: ReuseSettings | None = None,
    batch: int = BATCH,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[list[Prepared]]:
    """``articles`` prepared, in order, batch by batch. With ``jobs`` > 1 the workers
    prepare the next batch while the caller indexes this one. ``meanwhile`` (work of the
    caller's that needs no batch) runs once, always: while the workers prepare the first
    batch, or first of all without workers or batches."""
    work = partial(prepare, reuse=reuse)
    chunks = [articles[i : i + batch] for i in range(0, len(articles), batch)]
    if jobs <= 1 or len(articles) < 2 * _CHUNK:
        if meanwhile is not None:
            meanwhile()
        for chunk in chunks:
            yield [work(a) for a in chunk]
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending = pool.map(work, map(_slim, chunks[0]), chunksize=_CHUNK)
        if meanwhile is not None:
            meanwhile()
        for k in range(len(chunks)):
            done = list(pending)
            if k + 1 < len(chunks):
                # double buffering: the workers start on the next batch before this one
                # is handed out
                pending = pool.map(work, map(_slim, chunks[k + 1]), chunksize=_CHUNK)
            yield done
