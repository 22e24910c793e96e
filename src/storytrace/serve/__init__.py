"""``storytrace serve``: a local, read-only web app over the store.

The same views as ``dossier.html`` (the page is the same; here the viewer loads the dossier
from the JSON API and searches through it), plus a JSON API documented at ``/openapi.json``.
It listens on 127.0.0.1 unless told otherwise, answers GET and HEAD only, refuses any path
outside its routes and never serves a file from disk. See ``docs/viewer.md``.

``app.py`` is the app as a pure function of (method, target); ``server.py`` the HTTP layer
and the store; ``search.py`` the search; ``openapi.py`` the API description.
"""

from storytrace.serve.app import ROUTES, DossierApp, Response
from storytrace.serve.openapi import openapi_document
from storytrace.serve.search import SearchIndex, parse_figure_query
from storytrace.serve.server import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    DossierServer,
    load_dossier,
    make_server,
)

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "ROUTES",
    "DossierApp",
    "DossierServer",
    "Response",
    "SearchIndex",
    "load_dossier",
    "make_server",
    "openapi_document",
    "parse_figure_query",
]
