"""The OpenAPI 3.1 document of ``storytrace serve``, generated from the route table.

Generated, not written by hand, so the document and the routes cannot drift apart. Response
bodies that are parts of the dossier refer to the dossier's JSON Schema, which the server
serves at ``/api/schema`` (the same file as ``storytrace/report/dossier.schema.json``).
"""

from __future__ import annotations

from typing import Any

from storytrace.report.dossier import SCHEMA_VERSION, generator_version
from storytrace.serve.app import HTML_TYPE, ROUTES, Route

__all__ = ["openapi_document"]

_ERROR = {
    "type": "object",
    "required": ["error", "status"],
    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
}
_PAGE = {
    "type": "object",
    "required": ["total", "offset", "limit", "items"],
    "properties": {
        "total": {"type": "integer", "description": "Items matching, before paging."},
        "offset": {"type": "integer"},
        "limit": {"type": "integer"},
        "items": {"type": "array", "items": {"type": "object"}},
    },
}


def _body_schema(route: Route) -> dict[str, Any]:
    if route.schema_ref is not None:
        return {"$ref": "/api/schema" + route.schema_ref}
    if any(p.name == "limit" for p in route.params) and route.handler != "search":
        return {"$ref": "#/components/schemas/Page"}
    return {"type": "object"}


def _operation(route: Route) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = []
    if "{id}" in route.template:
        parameters.append(
            {
                "name": "id",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]*$"},
                "description": "The item's id as in the dossier.",
            }
        )
    for p in route.params:
        parameters.append(
            {
                "name": p.name,
                "in": "query",
                "required": p.required,
                "schema": dict(p.schema),
                "description": p.description,
            }
        )
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    if route.content_type == HTML_TYPE:
        ok: dict[str, Any] = {"text/html": {"schema": {"type": "string"}}}
    else:
        ok = {"application/json": {"schema": _body_schema(route)}}
    responses: dict[str, Any] = {"200": {"description": "OK", "content": ok}}
    if route.params:
        responses["400"] = {"description": "A parameter is wrong.", "content": error}
    if "{id}" in route.template:
        responses["404"] = {"description": "No item with this id.", "content": error}
    operation: dict[str, Any] = {
        "operationId": route.handler,
        "summary": route.summary,
        "responses": responses,
    }
    if parameters:
        operation["parameters"] = parameters
    return operation


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document served at ``/openapi.json``."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "storytrace dossier API",
            "version": generator_version(),
            "description": (
                "Read-only JSON API over a storytrace store: the dossier (schema "
                f"{SCHEMA_VERSION}) and its parts, figures over time, and search. Only GET "
                "and HEAD are answered; any path outside these routes gets 404, other "
                "methods 405. Offsets are Unicode code points into an article's text."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": {route.template: {"get": _operation(route)} for route in ROUTES},
        "components": {"schemas": {"Error": _ERROR, "Page": _PAGE}},
    }
