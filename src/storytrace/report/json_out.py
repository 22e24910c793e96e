"""``dossier.json``: the dossier as stable, human-diffable JSON.

Running the same input twice must give byte-identical files (so a dossier can be diffed
and checked into a fact-check's records): fixed article order, no timestamps, keys in the
order the dossier builds them, real characters instead of ``\\u`` escapes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from storytrace.errors import StorytraceError
from storytrace.report.dossier import article_sort_key


def render_json(dossier: Mapping[str, Any]) -> str:
    """The dossier as JSON text (2-space indent, UTF-8 characters, trailing newline).

    Articles are put in dossier order (by publication date, then id) even if the caller
    reordered them; the other sections keep the order the stage that filled them chose.
    Raises ``StorytraceError`` for values JSON cannot hold (NaN, infinities, objects).
    """
    ordered = dict(dossier)
    if "articles" in ordered:
        ordered["articles"] = sorted(ordered["articles"], key=article_sort_key)
    try:
        return json.dumps(ordered, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except (TypeError, ValueError) as exc:
        raise StorytraceError(
            f"dossier cannot be written as JSON: {exc}; build it with "
            "storytrace.report.build_dossier and check it with validate_dossier"
        ) from exc
