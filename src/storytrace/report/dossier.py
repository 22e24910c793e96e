"""Build the dossier (``dossier.json``'s content) from annotated articles, and validate it.

The dossier is the one place where typed records become plain JSON data: it is the contract
with everything downstream (the HTML and Markdown renderers, other tools, later runs), so
its shape is fixed by ``dossier.schema.json`` and documented field by field in
``docs/dossier.md``. Building is deterministic: no timestamps, articles in a fixed order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import metadata
from importlib import resources as _res
from typing import Any

import jsonschema

from storytrace.errors import StorytraceError
from storytrace.link import LinkState, default_embedder, link_all
from storytrace.link.state import restore
from storytrace.model import AnnotatedArticle, CleanArticle, Skipped
from storytrace.report.findings import findings
from storytrace.store import Store

SCHEMA_VERSION = "1.0"
GENERATOR_NAME = "storytrace"
SCHEMA_FILE = "dossier.schema.json"
#: Sections that later pipeline stages fill; this stage writes them as empty lists.
FINDING_SECTIONS = (
    "entities",
    "attributions",
    "claims",
    "relations",
    "reuse",
    "stories",
    "figures",
    "status",
)
TOP_LEVEL_KEYS = (
    "schema_version",
    "generator",
    "summary",
    "articles",
    *FINDING_SECTIONS,
    "skipped",
)
#: How many problems a validation error message lists before it says "and N more".
_MAX_LISTED_PROBLEMS = 5
_MAX_MESSAGE_CHARS = 200
_PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


def generator_version() -> str:
    """The installed storytrace version; ``0+unknown`` when run from an uninstalled tree."""
    try:
        return metadata.version(GENERATOR_NAME)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def article_sort_key(item: Mapping[str, Any]) -> tuple[bool, str, str]:
    """Chronological by publication date, undated articles last, ties broken by id.

    Partial dates compare as strings, so ``2024-10`` sorts before ``2024-10-01``: an article
    known only to the month comes first within that month.
    """
    published = item.get("published")
    return (published is None, published or "", str(item.get("id", "")))


def build_dossier(
    articles: Sequence[AnnotatedArticle],
    *,
    skipped: Sequence[Skipped] = (),
    sources: Mapping[str, Sequence[str]] | None = None,
    embed: bool = True,
    state: LinkState | None = None,
    fingerprints: Mapping[str, str] | None = None,
    jobs: int = 1,
) -> dict[str, Any]:
    """The dossier for ``articles`` as JSON-ready data (see ``docs/dossier.md``).

    ``sources`` maps an article id to every place the article was seen (the store knows when
    one text came from two files); an article missing from it gets its own origin. The
    finding sections (entities, attributions, …) are empty lists until later stages fill them.
    ``state``, ``fingerprints`` and ``jobs`` (worker processes for the per-article part) are
    passed to ``link_all``: with a saved state only the articles new to it are linked (see
    :func:`store_dossier`).
    Raises ``StorytraceError`` for duplicate article ids or malformed ``sources``.
    """
    first_seen_at: dict[str, str] = {}
    items: list[dict[str, Any]] = []
    for annotated in articles:
        article = annotated.article
        if article.id in first_seen_at:
            raise StorytraceError(
                f"article id {article.id} appears twice (from {first_seen_at[article.id]} and "
                f"{article.origin.label()}); pass each article once and list every place it "
                "was seen in sources="
            )
        first_seen_at[article.id] = article.origin.label()
        items.append(_article_item(annotated, _sources_of(article, sources)))
    items.sort(key=article_sort_key)
    skipped_items = [_skipped_item(s) for s in skipped]
    dossier: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": GENERATOR_NAME, "version": generator_version()},
        "summary": summarize(items, len(skipped_items)),
        "articles": items,
    }
    for section in FINDING_SECTIONS:
        dossier[section] = []
    order = {item["id"]: k for k, item in enumerate(items)}
    ordered = sorted(articles, key=lambda a: order[a.article.id])
    linked = link_all(ordered, embed=embed, state=state, fingerprints=fingerprints, jobs=jobs)
    dossier.update(findings(ordered, linked))
    dossier["skipped"] = skipped_items
    return dossier


def store_dossier(
    store: Store,
    *,
    ids: Sequence[str] | None = None,
    skipped: Sequence[Skipped] = (),
    save: bool = True,
    jobs: int = 1,
) -> tuple[dict[str, Any] | None, str]:
    """The dossier of the store's articles (all, or ``ids``), and a line saying how they
    were linked. For the whole store, the link state saved by the last run is extended with
    the articles it has not seen, and saved again (``save``): a run that adds a few articles
    to a big store links only those; ``jobs`` worker processes prepare the articles for
    linking. Returns (None, reason) when there is no article."""
    selected = list(ids) if ids is not None else None
    articles = store.get_articles(selected)
    if not articles:
        return None, "the store holds no article"
    sources = store.sources(selected)
    if selected is not None:
        dossier = build_dossier(articles, skipped=skipped, sources=sources, jobs=jobs)
        return dossier, f"linked {len(articles)} article(s) on their own (not the whole store)"
    fingerprints = store.fingerprints()
    state, reason = restore(store.link_state_reader(), fingerprints, default_embedder())
    held = len(state)
    dossier = build_dossier(
        articles,
        skipped=skipped,
        sources=sources,
        state=state,
        fingerprints=fingerprints,
        jobs=jobs,
    )
    if save:
        store.write_link_state(state.write, len(state))
    added = len(state) - held
    if reason is not None:
        return dossier, f"linked all {added} article(s) anew: {reason}"
    if held == 0:
        return dossier, f"linked {added} article(s)"
    return dossier, (
        f"linked {added} new article(s) to the {held} of the last run "
        f"({state.claims.compared} statement pair(s) compared)"
    )


def _sources_of(article: CleanArticle, sources: Mapping[str, Sequence[str]] | None) -> list[str]:
    if sources is None or article.id not in sources:
        return [article.origin.label()]
    given = sources[article.id]
    # A bare string is a Sequence[str] too, and would silently become one source per character.
    if isinstance(given, str):
        raise StorytraceError(
            f"sources[{article.id!r}] is the string {given!r}; it must be a list of sources, "
            f"e.g. [{given!r}]"
        )
    out: list[str] = []
    for source in given:
        if not isinstance(source, str) or not source:
            raise StorytraceError(
                f"sources[{article.id!r}] holds {source!r}; every source must be a non-empty "
                "path or URL string"
            )
        if source not in out:
            out.append(source)
    if not out:
        raise StorytraceError(
            f"sources[{article.id!r}] is empty; leave the id out to use the article's own "
            f"origin ({article.origin.label()})"
        )
    return out


def _article_item(annotated: AnnotatedArticle, sources: list[str]) -> dict[str, Any]:
    article = annotated.article
    published = article.published
    return {
        "id": article.id,
        "source": sources[0],
        "sources": sources,
        "reader": article.origin.reader,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "outlet_evidence": article.outlet_evidence,
        "published": published.value if published else None,
        "published_precision": published.precision if published else None,
        "published_source": published.source if published else None,
        "language": article.language,
        "agencies": list(dict.fromkeys(credit.agency for credit in article.agencies)),
        "agency_credits": [
            {"agency": credit.agency, "evidence": credit.evidence} for credit in article.agencies
        ],
        "encoding": article.encoding,
        "encoding_note": article.encoding_note,
        "text": article.text,
        "headings": [{"start": h.start, "end": h.end} for h in article.headings],
        "sentences": [{"start": s.span.start, "end": s.span.end} for s in annotated.sentences],
        "removed": [
            {"text": r.text, "reason": r.reason, "line": r.line, "pattern": r.pattern}
            for r in article.removed
        ],
        "warnings": list(article.warnings),
    }


def _skipped_item(skipped: Skipped) -> dict[str, Any]:
    return {
        "source": skipped.source,
        "locator": skipped.locator,
        "kind": skipped.kind,
        "problem": skipped.problem,
    }


def summarize(articles: Sequence[Mapping[str, Any]], skipped: int) -> dict[str, Any]:
    """Counts over article items: per language, per outlet, per agency (articles crediting it).

    Articles without a known outlet are not counted under ``outlets``; keys are sorted so the
    summary is the same whatever order the articles came in.
    """
    languages = Counter(str(a["language"]) for a in articles)
    outlets = Counter(str(a["outlet"]) for a in articles if a["outlet"] is not None)
    agencies = Counter(agency for a in articles for agency in dict.fromkeys(a["agencies"]))
    dates = sorted(str(a["published"]) for a in articles if a["published"] is not None)
    return {
        "articles": len(articles),
        "languages": dict(sorted(languages.items())),
        "outlets": dict(sorted(outlets.items())),
        "agencies": dict(sorted(agencies.items())),
        "date_range": {
            "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None,
        },
        "skipped": skipped,
    }


@cache
def _schema_text() -> str:
    return _res.files("storytrace.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def dossier_schema() -> dict[str, Any]:
    """The dossier's JSON Schema (Draft 2020-12), a fresh copy the caller may change."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@cache
def _validator() -> Any:
    return jsonschema.Draft202012Validator(dossier_schema())


def validate_dossier(dossier: Mapping[str, Any]) -> None:
    """Check ``dossier`` against the schema, then that its ids, references and spans agree.

    Raises ``StorytraceError`` naming the first few problems by JSON path
    (``$.articles[3].removed[0].reason: 'menu' is not one of …``).
    """
    problems = [
        f"{error.json_path}: {_shorten(error.message)}"
        for error in _validator().iter_errors(dossier)
    ]
    what = f"does not match the dossier schema (storytrace/report/{SCHEMA_FILE})"
    if not problems:
        # Only a dossier of the right shape can be checked for consistency.
        problems = _Consistency(dossier).problems()
        what = "is inconsistent"
    if problems:
        listed = "; ".join(problems[:_MAX_LISTED_PROBLEMS])
        more = len(problems) - _MAX_LISTED_PROBLEMS
        tail = f"; and {more} more" if more > 0 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        raise StorytraceError(f"dossier {what}, {len(problems)} {noun}: {listed}{tail}")


def _shorten(message: str) -> str:
    # jsonschema quotes the offending instance, which can be a whole article.
    if len(message) <= _MAX_MESSAGE_CHARS:
        return message
    return message[: _MAX_MESSAGE_CHARS - 1] + "…"


class _Consistency:
    """What the schema cannot say: unique ids, resolvable references, spans inside the text."""

    def __init__(self, dossier: Mapping[str, Any]) -> None:
        self.dossier = dossier
        self.found: list[str] = []
        self.texts: dict[str, str] = {}
        self.entities: set[str] = set()
        self.attribution_articles: dict[str, str] = {}
        self.claims: set[str] = set()

    def problems(self) -> list[str]:
        self._articles()
        self._summary()
        self.entities = self._unique_ids("entities")
        self._attributions()
        self._claims()
        self._relations()
        self._reuse()
        self._stories()
        return self.found

    def _problem(self, path: str, message: str) -> None:
        self.found.append(f"{path}: {message}")

    def _unique_ids(self, section: str) -> set[str]:
        ids: set[str] = set()
        for i, item in enumerate(self.dossier[section]):
            if item["id"] in ids:
                self._problem(f"$.{section}[{i}].id", f"duplicate id {item['id']!r}")
            ids.add(item["id"])
        return ids

    def _span(self, path: str, start: int, end: int, article: str) -> None:
        length = len(self.texts.get(article, ""))
        if start > end:
            self._problem(path, f"span {start}..{end} ends before it starts")
        elif end > length:
            self._problem(
                path, f"span {start}..{end} is outside article {article}'s text (length {length})"
            )

    def _quoted(self, path: str, item: Mapping[str, Any], article: str) -> None:
        """A ``{text, start, end}`` whose text must be exactly what the span covers."""
        if "start" not in item:
            return
        before = len(self.found)
        self._span(path, item["start"], item["end"], article)
        if len(self.found) == before and article in self.texts:
            written = self.texts[article][item["start"] : item["end"]]
            if written != item["text"]:
                self._problem(
                    f"{path}.text",
                    f"{_shorten(repr(item['text']))} differs from the text at "
                    f"{item['start']}..{item['end']}: {_shorten(repr(written))}",
                )

    def _entity(self, path: str, entity: str | None) -> None:
        if entity is not None and entity not in self.entities:
            self._problem(path, f"unknown entity {entity!r}")

    def _article_ref(self, path: str, article: str) -> bool:
        if article not in self.texts:
            self._problem(path, f"unknown article {article!r}")
            return False
        return True

    def _articles(self) -> None:
        for i, art in enumerate(self.dossier["articles"]):
            path = f"$.articles[{i}]"
            if art["id"] in self.texts:
                self._problem(f"{path}.id", f"duplicate id {art['id']!r}")
            self.texts[art["id"]] = art["text"]
            if art["source"] != art["sources"][0]:
                self._problem(f"{path}.source", "must be the first of sources")
            self._published(path, art)
            credited = {credit["agency"] for credit in art["agency_credits"]}
            if credited != set(art["agencies"]):
                self._problem(
                    f"{path}.agencies",
                    f"{sorted(art['agencies'])} differs from the credited {sorted(credited)}",
                )
            for key in ("headings", "sentences"):
                for j, span in enumerate(art[key]):
                    self._span(f"{path}.{key}[{j}]", span["start"], span["end"], art["id"])

    def _published(self, path: str, art: Mapping[str, Any]) -> None:
        published = art["published"]
        if published is None:
            if art["published_precision"] is not None or art["published_source"] is not None:
                self._problem(f"{path}.published", "is null but published_precision/source are set")
            return
        expected = _PRECISION_BY_LENGTH[len(published)]
        if art["published_precision"] != expected:
            self._problem(
                f"{path}.published_precision",
                f"{art['published_precision']!r} does not fit {published!r} (expected "
                f"{expected!r})",
            )
        if art["published_source"] is None:
            self._problem(f"{path}.published_source", "must say where the date came from")

    def _summary(self) -> None:
        expected = summarize(self.dossier["articles"], len(self.dossier["skipped"]))
        for key, value in expected.items():
            if self.dossier["summary"][key] != value:
                self._problem(
                    f"$.summary.{key}", f"does not match the articles (expected {value!r})"
                )

    def _attributions(self) -> None:
        self._unique_ids("attributions")
        for i, att in enumerate(self.dossier["attributions"]):
            path = f"$.attributions[{i}]"
            self.attribution_articles[att["id"]] = att["article"]
            if not self._article_ref(f"{path}.article", att["article"]):
                continue
            article = att["article"]
            self._span(path, att["start"], att["end"], article)
            for key in ("sentence", "cue", "content"):
                self._quoted(f"{path}.{key}", att[key], article)
            if att["speaker"] is not None:
                self._quoted(f"{path}.speaker", att["speaker"], article)
                self._entity(f"{path}.speaker.entity", att["speaker"]["entity"])
            for j, quantity in enumerate(att["quantities"]):
                self._quoted(f"{path}.quantities[{j}]", quantity, article)
            if att["said_on"] is not None:
                self._quoted(f"{path}.said_on", att["said_on"], article)
            for j, via in enumerate(att["via"]):
                self._quoted(f"{path}.via[{j}]", via, article)
                self._entity(f"{path}.via[{j}].entity", via["entity"])

    def _claims(self) -> None:
        self.claims = self._unique_ids("claims")
        for i, claim in enumerate(self.dossier["claims"]):
            path = f"$.claims[{i}]"
            from_attributions: set[str] = set()
            for j, attribution in enumerate(claim["attributions"]):
                if attribution not in self.attribution_articles:
                    where = f"{path}.attributions[{j}]"
                    self._problem(where, f"unknown attribution {attribution!r}")
                else:
                    from_attributions.add(self.attribution_articles[attribution])
            for j, article in enumerate(claim["articles"]):
                self._article_ref(f"{path}.articles[{j}]", article)
            if from_attributions - set(claim["articles"]):
                missing = sorted(from_attributions - set(claim["articles"]))
                self._problem(f"{path}.articles", f"misses {missing}, cited by its attributions")
            for j, speaker in enumerate(claim["speakers"]):
                self._entity(f"{path}.speakers[{j}].entity", speaker["entity"])

    def _relations(self) -> None:
        for i, relation in enumerate(self.dossier["relations"]):
            path = f"$.relations[{i}]"
            for key in ("a", "b"):
                if relation[key] not in self.claims:
                    self._problem(f"{path}.{key}", f"unknown claim {relation[key]!r}")
            if relation["a"] == relation["b"]:
                self._problem(path, "relates a claim to itself")

    def _reuse(self) -> None:
        for i, pair in enumerate(self.dossier["reuse"]):
            path = f"$.reuse[{i}]"
            known = [self._article_ref(f"{path}.{key}", pair[key]) for key in ("a", "b")]
            if pair["a"] == pair["b"]:
                self._problem(path, "pairs an article with itself")
            if not all(known):
                continue
            for j, passage in enumerate(pair["passages"]):
                for side in ("a", "b"):
                    self._span(
                        f"{path}.passages[{j}]",
                        passage[f"{side}_start"],
                        passage[f"{side}_end"],
                        pair[side],
                    )

    def _stories(self) -> None:
        self._unique_ids("stories")
        for i, story in enumerate(self.dossier["stories"]):
            for j, article in enumerate(story["articles"]):
                self._article_ref(f"$.stories[{i}].articles[{j}]", article)
