"""The pipeline: ingest → clean → annotate (per article) → store.

``process`` is the per-article work: a pure function of one ``RawDocument`` and the
settings, safe to run in a process pool (``jobs > 1``) and, later, on the workers of a
distributed engine. ``analyze`` drives it over many inputs, writes to the store, and never
lets one bad input stop the batch: every problem becomes a ``Skipped`` in the summary.

The library does not print: callers pass an ``Observer`` to hear about progress.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from storytrace.annotate import annotate
from storytrace.clean import clean
from storytrace.errors import InputError
from storytrace.ingest import InputItem, expand_inputs, read_item
from storytrace.model import AnnotatedArticle, RawDocument, RunSummary, Skipped
from storytrace.settings import Settings
from storytrace.store import Store


class Observer(Protocol):
    """Progress callbacks; the CLI implements them with a progress bar."""

    def start(self, total_inputs: int) -> None: ...
    def input_done(self, item: InputItem | Skipped) -> None: ...
    def article_done(self, article_id: str, status: str) -> None: ...
    def skipped(self, item: Skipped) -> None: ...


class _Silent:
    def start(self, total_inputs: int) -> None:
        pass

    def input_done(self, item: InputItem | Skipped) -> None:
        pass

    def article_done(self, article_id: str, status: str) -> None:
        pass

    def skipped(self, item: Skipped) -> None:
        pass


@dataclass(frozen=True, slots=True)
class Processed:
    """Result of ``process``: the annotated article, or why there is none."""

    raw: RawDocument
    article: AnnotatedArticle | None
    skipped: Skipped | None


def process(raw: RawDocument, settings: Settings) -> Processed:
    """Clean and annotate one document. Never raises for bad input."""
    try:
        cleaned = clean(raw, settings)
        return Processed(raw, annotate(cleaned, settings), None)
    except InputError as exc:
        return Processed(
            raw, None, Skipped(exc.source, exc.problem, exc.locator or raw.origin.locator, exc.kind)
        )
    except Exception as exc:  # a bug must cost one article, not the batch
        return Processed(
            raw,
            None,
            Skipped(
                raw.origin.source,
                f"internal error while processing: {type(exc).__name__}: {exc}; please report",
                raw.origin.locator,
                "error",
            ),
        )


def _documents(
    items: Sequence[InputItem], settings: Settings, stdin: BinaryIO | None, observer: Observer
) -> Iterator[RawDocument | Skipped]:
    for item in items:
        yield from read_item(item, settings.ingest, stdin)
        observer.input_done(item)


def _processed(
    docs: Iterable[RawDocument | Skipped], settings: Settings, jobs: int
) -> Iterator[Processed | Skipped]:
    if jobs <= 1:
        for doc in docs:
            yield doc if isinstance(doc, Skipped) else process(doc, settings)
        return
    # Bounded window of futures: keeps memory flat on huge inputs while both cores work.
    window = jobs * 8
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: list[Future[Processed] | Skipped] = []
        for doc in docs:
            pending.append(doc if isinstance(doc, Skipped) else pool.submit(process, doc, settings))
            while len(pending) >= window:
                head = pending.pop(0)
                yield head if isinstance(head, Skipped) else head.result()
        for head in pending:
            yield head if isinstance(head, Skipped) else head.result()


def analyze(
    inputs: Sequence[str],
    settings: Settings,
    store: Store,
    *,
    stdin: BinaryIO | None = None,
    observer: Observer | None = None,
    jobs: int = 1,
) -> RunSummary:
    """Run ingest → clean → annotate → store over ``inputs`` (paths, directories, ``-``)."""
    obs: Observer = observer or _Silent()
    started = time.perf_counter()
    expanded = expand_inputs(inputs)
    items = [i for i in expanded if isinstance(i, InputItem)]
    skipped: list[Skipped] = []
    obs.start(len(expanded))
    for bad in expanded:
        if isinstance(bad, Skipped):
            skipped.append(bad)
            obs.skipped(bad)
            obs.input_done(bad)
    counts = {"new": 0, "unchanged": 0, "updated": 0}
    ids: list[str] = []
    seen: set[str] = set()
    for result in _processed(_documents(items, settings, stdin, obs), settings, jobs):
        if isinstance(result, Skipped):
            skipped.append(result)
            obs.skipped(result)
            continue
        if result.skipped is not None:
            skipped.append(result.skipped)
            obs.skipped(result.skipped)
            continue
        assert result.article is not None
        article_id = result.article.article.id
        status = store.put_article(result.article)
        store.add_source(article_id, result.raw.origin)
        counts[status] += 1
        if article_id not in seen:
            seen.add(article_id)
            ids.append(article_id)
        obs.article_done(article_id, status)
    return RunSummary(
        processed=sum(counts.values()),
        new=counts["new"],
        unchanged=counts["unchanged"],
        updated=counts["updated"],
        skipped=tuple(skipped),
        article_ids=tuple(ids),
        seconds=time.perf_counter() - started,
    )
