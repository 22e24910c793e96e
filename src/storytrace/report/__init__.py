"""The report stage: the dossier as data (``dossier.json``), as a page and as Markdown.

``build_dossier`` turns annotated articles into the dossier (shape: ``dossier.schema.json``,
documented in ``docs/dossier.md``); the ``render_*`` functions turn a dossier into text;
``write_dossier`` checks it and writes all three files.
"""

from storytrace.report.dossier import (
    SCHEMA_VERSION,
    build_dossier,
    dossier_schema,
    store_dossier,
    validate_dossier,
)
from storytrace.report.html import render_html
from storytrace.report.json_out import render_json
from storytrace.report.markdown import render_markdown
from storytrace.report.writer import write_dossier

__all__ = [
    "SCHEMA_VERSION",
    "build_dossier",
    "dossier_schema",
    "render_html",
    "render_json",
    "render_markdown",
    "store_dossier",
    "validate_dossier",
    "write_dossier",
]
