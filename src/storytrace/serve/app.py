"""The web app as a pure function: (method, request target) → response, over one dossier.

No sockets and no files here (``server.py`` owns those), so every route, refusal and escape
is tested without a network. The app serves exactly the routes in :data:`ROUTES`; anything
else is refused before it is looked at: targets that are not an origin-form path, ``.`` and
``..`` segments (also percent-encoded), backslashes, control characters. No route maps to
the file system: the only file the app ever reads is the store, through the store package.

The JSON API is read-only (GET and HEAD) and documented by the OpenAPI document at
``/openapi.json``, generated from the same route table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

from storytrace.report.dossier import dossier_schema
from storytrace.report.html import content_security_policy, render_app_page
from storytrace.serve.search import KINDS, Kind, SearchIndex, fold

__all__ = ["ROUTES", "DossierApp", "Param", "Response", "Route"]

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
STANCES = ("assert", "deny", "confirm", "unconfirmed", "warn", "demand", "other")
ID = r"[A-Za-z0-9][A-Za-z0-9_.:-]*"
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
MAX_QUERY_CHARS = 200
#: Headers on every response: no sniffing, no framing, no referrer, nothing cached (the
#: store may change under a running server).
BASE_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-store"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)
_JSON_CSP = "default-src 'none'; frame-ancestors 'none'"


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes
    content_type: str = JSON_TYPE
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Param:
    """A query parameter: name, JSON Schema for OpenAPI, description, whether required."""

    name: str
    schema: Mapping[str, Any]
    description: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class Route:
    """One route: OpenAPI path template, the handler's name, docs and accepted parameters."""

    template: str
    handler: str
    summary: str
    params: tuple[Param, ...] = ()
    content_type: str = JSON_TYPE
    schema_ref: str | None = None
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        regex = re.escape(self.template).replace(r"\{id\}", f"(?P<id>{ID})")
        object.__setattr__(self, "pattern", re.compile(regex))


_LIMIT = Param(
    "limit",
    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    "Items per page.",
)
_OFFSET = Param("offset", {"type": "integer", "minimum": 0, "default": 0}, "Items to skip.")
_PAGING = (_LIMIT, _OFFSET)
_STANCE = Param("stance", {"type": "string", "enum": list(STANCES)}, "Only this stance.")
_OUTLET = Param("outlet", {"type": "string"}, "Only this outlet (case-insensitive).")
_SPEAKER = Param(
    "speaker",
    {"type": "string"},
    "Entity id of the speaker, or words inside the speaker as written or its entity's name.",
)

ROUTES: tuple[Route, ...] = (
    Route("/", "page", "The dossier viewer (HTML): the same views as dossier.html.", (), HTML_TYPE),
    Route("/openapi.json", "openapi", "This API as an OpenAPI 3.1 document."),
    Route("/api/summary", "summary", "Counts, outlets, agencies, date range, section sizes."),
    Route(
        "/api/dossier",
        "dossier",
        "The whole dossier (the dossier.json contract).",
        (),
        JSON_TYPE,
        "",
    ),
    Route("/api/schema", "schema", "The dossier's JSON Schema (Draft 2020-12)."),
    Route(
        "/api/articles",
        "articles",
        "Articles without their text: metadata and counts.",
        (_OUTLET, *_PAGING),
    ),
    Route(
        "/api/articles/{id}",
        "article",
        "One article with its text, removed pieces and attributions.",
        (),
        JSON_TYPE,
        "#/$defs/article",
    ),
    Route(
        "/api/entities",
        "entities",
        "Entities (people, organisations, places, media, groups).",
        (
            Param("type", {"type": "string"}, "Only this entity type."),
            Param("q", {"type": "string"}, "Words inside the name, an alias or a role."),
            *_PAGING,
        ),
    ),
    Route("/api/entities/{id}", "entity", "One entity with the statements it makes or passes on."),
    Route(
        "/api/attributions",
        "attributions",
        "Statements (attributions), filtered and sorted.",
        (
            _SPEAKER,
            _STANCE,
            _OUTLET,
            Param("article", {"type": "string"}, "Only statements in this article (id)."),
            Param("has_figure", {"type": "boolean"}, "Only statements that give a figure."),
            Param(
                "sort",
                {"type": "string", "enum": ["dossier", "date", "-date"], "default": "dossier"},
                "Order: as in the dossier, or by date said (else published), undated last.",
            ),
            *_PAGING,
        ),
    ),
    Route(
        "/api/attributions/{id}",
        "attribution",
        "One statement.",
        (),
        JSON_TYPE,
        "#/$defs/attribution",
    ),
    Route(
        "/api/claims",
        "claims",
        "Claims (statements grouped across articles), filtered and sorted.",
        (
            _SPEAKER,
            _STANCE,
            _OUTLET,
            Param(
                "sort",
                {"type": "string", "enum": ["dossier", "date", "-date", "corroboration"]},
                "Order: as in the dossier, by first seen, or by independent origins.",
            ),
            *_PAGING,
        ),
    ),
    Route("/api/claims/{id}", "claim", "One claim with its statements."),
    Route("/api/relations", "relations", "Relations between claims.", _PAGING),
    Route("/api/reuse", "reuse", "Passages shared between articles (wire copy).", _PAGING),
    Route("/api/stories", "stories", "Story clusters.", _PAGING),
    Route(
        "/api/timeline",
        "timeline",
        "Figures over time: one point per figure in a statement, by date said or published.",
        (Param("unit", {"type": "string"}, "Only this counted thing (case-insensitive)."),),
    ),
    Route(
        "/api/search",
        "search",
        "Search names (entities), article text and figures.",
        (
            Param(
                "q",
                {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_CHARS},
                "What to look for: words, or a figure (10.000, 1500-3000, >5000, 3000 Soldaten).",
                required=True,
            ),
            Param(
                "kind",
                {"type": "string", "enum": list(KINDS), "default": "all"},
                "Where to look.",
            ),
            Param(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                "Entities and articles to return at most (figures: four times as many).",
            ),
        ),
    ),
)


class BadRequest(Exception):
    """A parameter is wrong; the message says which and what is allowed."""


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, body, JSON_TYPE, (("Content-Security-Policy", _JSON_CSP),))


def error(status: int, message: str) -> Response:
    """A JSON error body ``{"error": message, "status": status}``."""
    return _json({"error": message, "status": status}, status)


def _article_date(t: Mapping[str, Any], published: str | None) -> str | None:
    said = t["said_on"]
    if said is not None and said["date"]:
        return str(said["date"])
    return published


class DossierApp:
    """The app over one dossier (built once; the server swaps apps when the store changes)."""

    def __init__(self, dossier: Mapping[str, Any]) -> None:
        self.dossier = dossier
        self._articles = {a["id"]: a for a in dossier["articles"]}
        self._entities = {e["id"]: e for e in dossier["entities"]}
        self._attributions = {t["id"]: t for t in dossier["attributions"]}
        self._claims = {c["id"]: c for c in dossier["claims"]}
        self._by_article: dict[str, list[Mapping[str, Any]]] = {a: [] for a in self._articles}
        for t in dossier["attributions"]:
            self._by_article.setdefault(t["article"], []).append(t)
        self._index = SearchIndex(dossier)
        self._page = render_app_page(dossier).encode("utf-8")
        self._page_csp = content_security_policy(api=True)
        self._fixed: dict[str, Response] = {}
        self._handlers: dict[str, Callable[[Mapping[str, str], str | None], Response]] = {
            route.handler: getattr(self, f"_h_{route.handler}") for route in ROUTES
        }

    # --- request handling -------------------------------------------------------------

    def handle(self, method: str, target: str) -> Response:
        """Answer one request. ``target`` is the request target as the client sent it."""
        if method not in ("GET", "HEAD"):
            return Response(
                405,
                error(405, f"method {method} is not allowed: this API is read-only").body,
                JSON_TYPE,
                (("Allow", "GET, HEAD"),),
            )
        refused = _refusal(target)
        if refused is not None:
            return refused
        raw_path, _, query = target.partition("?")
        path = unquote(raw_path, errors="strict")
        for route in ROUTES:
            match = route.pattern.fullmatch(path)
            if match is None:
                continue
            try:
                params = _params(query, route)
                return self._handlers[route.handler](params, match.groupdict().get("id"))
            except BadRequest as exc:
                return error(400, str(exc))
        return error(404, f"no such route: {path}; /openapi.json lists the routes")

    # --- pages and whole documents ----------------------------------------------------

    def _cached(self, key: str, build: Callable[[], Response]) -> Response:
        response = self._fixed.get(key)
        if response is None:
            response = self._fixed[key] = build()
        return response

    def _h_page(self, params: Mapping[str, str], _id: str | None) -> Response:
        return Response(200, self._page, HTML_TYPE, (("Content-Security-Policy", self._page_csp),))

    def _h_openapi(self, params: Mapping[str, str], _id: str | None) -> Response:
        from storytrace.serve.openapi import openapi_document

        return self._cached("openapi", lambda: _json(openapi_document()))

    def _h_dossier(self, params: Mapping[str, str], _id: str | None) -> Response:
        return self._cached("dossier", lambda: _json(self.dossier))

    def _h_schema(self, params: Mapping[str, str], _id: str | None) -> Response:
        return self._cached("schema", lambda: _json(dossier_schema()))

    def _h_summary(self, params: Mapping[str, str], _id: str | None) -> Response:
        d = self.dossier
        sections = ("entities", "attributions", "claims", "relations", "reuse", "stories")
        return self._cached(
            "summary",
            lambda: _json(
                {
                    "schema_version": d["schema_version"],
                    "generator": d["generator"],
                    "summary": d["summary"],
                    "counts": {name: len(d[name]) for name in sections},
                }
            ),
        )

    # --- lists and items --------------------------------------------------------------

    def _h_articles(self, params: Mapping[str, str], _id: str | None) -> Response:
        outlet = fold(params.get("outlet", ""))
        items = [
            {
                **{k: v for k, v in a.items() if k not in ("text", "sentences", "removed")},
                "characters": len(a["text"]),
                "removed": len(a["removed"]),
                "attributions": len(self._by_article.get(a["id"], [])),
            }
            for a in self.dossier["articles"]
            if not outlet or fold(a["outlet"] or "") == outlet
        ]
        return _json(_page(items, params))

    def _h_article(self, params: Mapping[str, str], article_id: str | None) -> Response:
        article = self._articles.get(article_id or "")
        if article is None:
            return error(404, f"no article {article_id}")
        return _json({**article, "attributions": self._by_article.get(article["id"], [])})

    def _h_entities(self, params: Mapping[str, str], _id: str | None) -> Response:
        kind = params.get("type")
        q = fold(params.get("q", "")).strip()
        items = [
            e
            for e in self.dossier["entities"]
            if (kind is None or e["type"] == kind)
            and (not q or any(q in fold(x) for x in [e["name"], *e["aliases"], *e["roles"]]))
        ]
        return _json(_page(items, params))

    def _h_entity(self, params: Mapping[str, str], entity_id: str | None) -> Response:
        entity = self._entities.get(entity_id or "")
        if entity is None:
            return error(404, f"no entity {entity_id}")
        said = [
            t["id"]
            for t in self.dossier["attributions"]
            if t["speaker"] and t["speaker"]["entity"] == entity["id"]
        ]
        passed = [
            t["id"]
            for t in self.dossier["attributions"]
            if any(m["entity"] == entity["id"] for m in t["via"])
        ]
        return _json({**entity, "speaker_of": said, "via_of": passed})

    def _speaker_matches(self, mention: Mapping[str, Any] | None, speaker: str) -> bool:
        if mention is None:
            return False
        if mention["entity"] == speaker:
            return True
        wanted = fold(speaker)
        entity = self._entities.get(mention["entity"] or "")
        return wanted in fold(mention["text"]) or (
            entity is not None and wanted in fold(entity["name"])
        )

    def _outlet_of(self, article_id: str) -> str:
        article = self._articles.get(article_id)
        return fold(article["outlet"] or "") if article else ""

    def _h_attributions(self, params: Mapping[str, str], _id: str | None) -> Response:
        stance = params.get("stance")
        if stance is not None and stance not in STANCES:
            raise BadRequest(f"stance must be one of {', '.join(STANCES)}")
        speaker = params.get("speaker")
        outlet = fold(params["outlet"]) if "outlet" in params else None
        article = params.get("article")
        has_figure = _boolean(params, "has_figure")
        sort = params.get("sort", "dossier")
        if sort not in ("dossier", "date", "-date"):
            raise BadRequest("sort must be dossier, date or -date")
        items = [
            t
            for t in self.dossier["attributions"]
            if (stance is None or t["stance"] == stance)
            and (speaker is None or self._speaker_matches(t["speaker"], speaker))
            and (outlet is None or self._outlet_of(t["article"]) == outlet)
            and (article is None or t["article"] == article)
            and (not has_figure or t["quantities"])
        ]
        if sort != "dossier":
            dated = [t for t in items if self._date_of(t) is not None]
            undated = [t for t in items if self._date_of(t) is None]
            dated.sort(key=lambda t: str(self._date_of(t)), reverse=sort == "-date")
            items = dated + undated
        return _json(_page(items, params))

    def _date_of(self, t: Mapping[str, Any]) -> str | None:
        article = self._articles.get(t["article"])
        return _article_date(t, article["published"] if article else None)

    def _h_attribution(self, params: Mapping[str, str], att_id: str | None) -> Response:
        t = self._attributions.get(att_id or "")
        if t is None:
            return error(404, f"no attribution {att_id}")
        return _json(t)

    def _h_claims(self, params: Mapping[str, str], _id: str | None) -> Response:
        stance = params.get("stance")
        if stance is not None and stance not in STANCES:
            raise BadRequest(f"stance must be one of {', '.join(STANCES)}")
        speaker = params.get("speaker")
        outlet = fold(params["outlet"]) if "outlet" in params else None
        sort = params.get("sort", "dossier")
        if sort not in ("dossier", "date", "-date", "corroboration"):
            raise BadRequest("sort must be dossier, date, -date or corroboration")

        def atts(c: Mapping[str, Any]) -> list[Mapping[str, Any]]:
            return [self._attributions[i] for i in c["attributions"] if i in self._attributions]

        items = [
            c
            for c in self.dossier["claims"]
            if (stance is None or any(t["stance"] == stance for t in atts(c)))
            and (
                speaker is None
                or any(self._speaker_matches(m, speaker) for m in c["speakers"])
                or any(self._speaker_matches(t["speaker"], speaker) for t in atts(c))
            )
            and (outlet is None or any(self._outlet_of(a) == outlet for a in c["articles"]))
        ]
        if sort == "corroboration":
            items.sort(key=lambda c: (-c["independent_origins"], -len(c["articles"])))
        elif sort in ("date", "-date"):
            dated = sorted(
                (c for c in items if c["first_seen"]),
                key=lambda c: str(c["first_seen"]),
                reverse=sort == "-date",
            )
            items = dated + [c for c in items if not c["first_seen"]]
        return _json(_page(items, params))

    def _h_claim(self, params: Mapping[str, str], claim_id: str | None) -> Response:
        claim = self._claims.get(claim_id or "")
        if claim is None:
            return error(404, f"no claim {claim_id}")
        expanded = [self._attributions[i] for i in claim["attributions"] if i in self._attributions]
        relations = [r for r in self.dossier["relations"] if claim["id"] in (r["a"], r["b"])]
        return _json({**claim, "statements": expanded, "relations": relations})

    def _h_relations(self, params: Mapping[str, str], _id: str | None) -> Response:
        return _json(_page(self.dossier["relations"], params))

    def _h_reuse(self, params: Mapping[str, str], _id: str | None) -> Response:
        return _json(_page(self.dossier["reuse"], params))

    def _h_stories(self, params: Mapping[str, str], _id: str | None) -> Response:
        return _json(_page(self.dossier["stories"], params))

    def _h_timeline(self, params: Mapping[str, str], _id: str | None) -> Response:
        unit = fold(params["unit"]).strip() if "unit" in params else None
        points = []
        for t in self.dossier["attributions"]:
            article = self._articles.get(t["article"])
            published = article["published"] if article else None
            said = t["said_on"]["date"] if t["said_on"] else None
            speaker = t["speaker"]
            entity = self._entities.get(speaker["entity"] or "") if speaker else None
            for q in t["quantities"]:
                if unit is not None and fold(q["unit"] or "").strip() != unit:
                    continue
                points.append(
                    {
                        "attribution": t["id"],
                        "article": t["article"],
                        "value": q["value"],
                        "unit": q["unit"],
                        "text": q["text"],
                        "approx": q["approx"],
                        "start": q["start"],
                        "end": q["end"],
                        "date": said or published,
                        "date_source": "said_on" if said else ("published" if published else None),
                        "speaker": (entity["name"] if entity else speaker["text"])
                        if speaker
                        else None,
                        "speaker_entity": entity["id"] if entity else None,
                        "stance": t["stance"],
                        "outlet": article["outlet"] if article else None,
                        "sentence": t["sentence"]["text"],
                    }
                )
        dated = sorted((p for p in points if p["date"]), key=lambda p: str(p["date"]))
        return _json({"points": dated + [p for p in points if not p["date"]]})

    def _h_search(self, params: Mapping[str, str], _id: str | None) -> Response:
        q = params.get("q", "")
        if not q.strip():
            raise BadRequest("q is required: the words or the figure to look for")
        if len(q) > MAX_QUERY_CHARS:
            raise BadRequest(f"q is longer than {MAX_QUERY_CHARS} characters")
        kind = params.get("kind", "all")
        if kind not in KINDS:
            raise BadRequest(f"kind must be one of {', '.join(KINDS)}")
        limit = _integer(params, "limit", 50, 1, 200)
        kinds: dict[str, Kind] = {k: k for k in KINDS}
        return _json(self._index.search(q, kinds[kind], limit))


def _refusal(target: str) -> Response | None:
    """Refuse what is not a plain path inside the routes, before any routing."""
    if not target.startswith("/") or target.startswith("//"):
        return error(400, "the request target must be a path starting with a single /")
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F or ch == "\\" for ch in target):
        return error(400, "the request target holds a control character, space or backslash")
    raw_path = target.partition("?")[0]
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return error(400, "the path is not valid UTF-8 after percent-decoding")
    if "\\" in path or any(ord(ch) < 0x20 for ch in path):
        return error(404, "no such route (encoded backslash or control character)")
    if any(segment in (".", "..") for segment in path.split("/")):
        return error(404, "no such route: '.' and '..' segments are refused")
    if "//" in path:
        return error(404, "no such route: empty path segments are refused")
    return None


def _params(query: str, route: Route) -> dict[str, str]:
    allowed = {p.name for p in route.params}
    try:
        pairs = parse_qsl(query, keep_blank_values=True, max_num_fields=32, errors="strict")
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"the query string cannot be read ({exc})") from exc
    params: dict[str, str] = {}
    for name, value in pairs:
        if name not in allowed:
            names = ", ".join(sorted(allowed)) or "none"
            raise BadRequest(f"unknown parameter {name!r} for {route.template} (accepted: {names})")
        if name in params:
            raise BadRequest(f"parameter {name!r} is given twice")
        params[name] = value
    for p in route.params:
        if p.required and p.name not in params:
            raise BadRequest(f"parameter {p.name!r} is required: {p.description}")
    return params


def _integer(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    if name not in params:
        return default
    text = params[name]
    if not text.isdigit() or not low <= int(text) <= high:
        raise BadRequest(f"{name} must be an integer from {low} to {high}")
    return int(text)


def _boolean(params: Mapping[str, str], name: str) -> bool:
    text = params.get(name, "false").lower()
    if text in ("1", "true", "yes"):
        return True
    if text in ("0", "false", "no", ""):
        return False
    raise BadRequest(f"{name} must be true or false")


def _page(items: Sequence[Any], params: Mapping[str, str]) -> dict[str, Any]:
    limit = _integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _integer(params, "offset", 0, 0, 10**9)
    return {
        "total": len(items),
        "offset": offset,
        "limit": limit,
        "items": list(items[offset : offset + limit]),
    }
