"""Articles given as named fields (a JSON object, a CSV row): validation and mapping.

The field names are the contract documented in ``ingest/__init__.py``: exactly one of
``text`` and ``html`` holds the article; ``url``, ``title``, ``published``, ``outlet`` and
``id`` are optional metadata. Other fields are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

from storytrace.errors import InputError
from storytrace.ingest.source import too_large
from storytrace.model import Origin, RawDocument

#: Optional metadata fields and the ``RawDocument`` attribute each one fills.
METADATA_FIELDS: dict[str, str] = {
    "url": "url",
    "title": "title",
    "published": "published",
    "outlet": "outlet",
    "id": "external_id",
}

#: A string field longer than this (and not ``text``/``html``) is probably the article
#: under another name ("maintext", "content", "body"); the refusal then names it.
_LIKELY_ARTICLE_CHARS = 200


def json_type(value: object) -> str:
    """JSON's name for the type of a decoded value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _missing_payload_problem(fields: Mapping[str, object], container: str) -> str:
    names = sorted(str(k) for k in fields)
    found = ", ".join(repr(n) for n in names[:8]) + (", …" if len(names) > 8 else "")
    problem = f"no 'text' or 'html' {container} (found: {found or 'nothing'})"
    long_strings = [
        (len(v), str(k))
        for k, v in fields.items()
        if isinstance(v, str) and len(v) > _LIKELY_ARTICLE_CHARS
    ]
    if long_strings:
        name = max(long_strings)[1]
        problem += f"; if {name!r} holds the article, rename it to 'text' (or 'html')"
    return problem


def document_from_fields(
    fields: Mapping[str, object],
    origin: Origin,
    *,
    max_document_bytes: int,
    container: str = "field",
    encoding: str | None = None,
    encoding_note: str | None = None,
    warnings: tuple[str, ...] = (),
) -> RawDocument:
    """Build a ``RawDocument`` or raise ``InputError`` (malformed/empty/too_large).

    Both ``text`` and ``html`` non-empty: ``html`` is used (it carries the page's own
    metadata and structure for the cleaner) and a warning says so. Empty strings count as
    absent, for CSV cells and for exporters that write ``""`` instead of null.
    """

    def refuse(problem: str, kind: str = "malformed") -> InputError:
        return InputError(origin.source, problem, kind=kind, locator=origin.locator)

    payload: dict[str, str] = {}
    present = [name for name in ("text", "html") if name in fields]
    for name in present:
        value = fields[name]
        if value is None:
            continue
        if not isinstance(value, str):
            raise refuse(f"{name!r} must be a string, got {json_type(value)}")
        if value.strip():
            payload[name] = value
    if not present:
        raise refuse(_missing_payload_problem(fields, container))
    if not payload:
        names = " and ".join(repr(n) for n in present)
        verb = "is" if len(present) == 1 else "are"
        raise refuse(f"{names} {verb} empty: there is no article text", kind="empty")

    notes = list(warnings)
    if len(payload) == 2:
        notes.append("both 'text' and 'html' were given; used 'html'")
    kind = "html" if "html" in payload else "text"
    body = payload[kind]
    size = len(body.encode("utf-8", errors="surrogatepass"))
    if size > max_document_bytes:
        raise too_large(
            origin.source,
            size,
            max_document_bytes,
            what=f"the {kind!r} {container}",
            limit_for="a single document",
            setting="ingest.max_document_bytes",
            locator=origin.locator,
        )

    meta: dict[str, str | None] = {}
    for name, attribute in METADATA_FIELDS.items():
        value = fields.get(name)
        if value is None:
            meta[attribute] = None
        elif isinstance(value, str):
            meta[attribute] = value.strip() or None
        elif name == "id" and isinstance(value, int) and not isinstance(value, bool):
            meta[attribute] = str(value)
        else:
            expected = "a string or an integer" if name == "id" else "a string"
            raise refuse(f"{name!r} must be {expected}, got {json_type(value)}")

    return RawDocument(
        origin=origin,
        text=body if kind == "text" else None,
        html=body if kind == "html" else None,
        encoding=encoding,
        encoding_note=encoding_note,
        url=meta["url"],
        title=meta["title"],
        published=meta["published"],
        outlet=meta["outlet"],
        external_id=meta["external_id"],
        warnings=tuple(notes),
    )
