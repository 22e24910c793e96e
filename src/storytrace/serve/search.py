"""Search over a dossier: names (entities), article text and figures.

The same semantics as the static page's own search in ``report/templates/viewer.js``, so
``dossier.html`` and ``storytrace serve`` find the same things:

- **entity**: the query, case- and accent-folded, inside an entity's name, aliases or roles;
  each entity comes with the statements it makes or passes on. Speakers and intermediaries
  that were not resolved to an entity are matched on the words as written.
- **text**: the folded query inside an article's text (or title), with up to five matches per
  article as code point offsets and a snippet around each.
- **figure**: a number as written in German or English (``10.000``, ``10,000``, ``10 000``,
  ``1,5``), a range (``1500-3000``, ``1.500 bis 3.000``) or a bound (``>5000``, ``<=2``),
  optionally followed by what is counted (``3000 Soldaten``, matched inside the unit or the
  figure as written).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["KINDS", "FigureQuery", "SearchIndex", "fold", "parse_figure_query"]

Kind = Literal["all", "entity", "text", "figure"]
KINDS: tuple[Kind, ...] = ("all", "entity", "text", "figure")

#: Matches per article and characters of context either side of a text match.
_MATCHES_PER_ARTICLE = 5
_SNIPPET_CONTEXT = 60

#: A number as written: grouped thousands (10.000, 10,000, 10 000; the separator followed by
#: exactly three digits) with an optional decimal part, or plain digits with an optional
#: decimal part (1,5 / 12.5).
_NUMBER = r"(\d{1,3}(?:[., \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
#: A figure query: optional comparison, a number, optionally a range's second number, then
#: what is counted.
_FIGURE_QUERY = re.compile(
    r"^\s*(>=|<=|>|<)?\s*" + _NUMBER + r"(?:\s*(?:-|–|\.\.|bis|to)\s*" + _NUMBER + r")?\s*(.*)$",
    re.IGNORECASE,
)
#: Digit groups with one separator throughout, then an optional decimal part with the other.
_GROUPED = re.compile(r"^\d{1,3}([.,])\d{3}(?:\1\d{3})*(?:([.,])(\d+))?$")
_SPACES = re.compile(r"[\u00a0\u202f ]")


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F).lower()


def fold(text: str) -> str:
    """Lower case without combining accents (``Selenskyj`` ≈ ``selenskyj``, ``é`` ≈ ``e``)."""
    return "".join(_fold_char(ch) for ch in text)


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, per folded character, the offset of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        where.extend([i] * len(folded))
    where.append(len(text))
    return "".join(out), where


def _number(text: str) -> float:
    text = _SPACES.sub("", text)
    grouped = _GROUPED.match(text)
    if grouped and grouped.group(2) != grouped.group(1):
        integer = text.split(grouped.group(2))[0] if grouped.group(2) else text
        integer = integer.replace(".", "").replace(",", "")
        decimals = grouped.group(3)
        return float(f"{integer}.{decimals}" if decimals else integer)
    return float(text.replace(",", "."))


@dataclass(frozen=True, slots=True)
class FigureQuery:
    """Values from ``low`` to ``high`` (inclusive unless strict), optionally of one unit."""

    low: float
    high: float
    unit: str = ""
    strict_low: bool = False
    strict_high: bool = False

    def matches(self, value: float, unit: str | None, text: str) -> bool:
        if value < self.low or value > self.high:
            return False
        if (self.strict_low and value == self.low) or (self.strict_high and value == self.high):
            return False
        return not self.unit or self.unit in fold(unit or "") or self.unit in fold(text)


def parse_figure_query(query: str) -> FigureQuery | None:
    """``"10.000 Soldaten"`` → 10000..10000 of Soldaten; ``None`` if it is not a figure."""
    match = _FIGURE_QUERY.match(query)
    if match is None:
        return None
    op, first, second, rest = match.groups()
    a = _number(first)
    unit = fold(rest or "").strip()
    if second is not None:
        b = _number(second)
        return FigureQuery(min(a, b), max(a, b), unit)
    if op == ">":
        return FigureQuery(a, math.inf, unit, strict_low=True)
    if op == ">=":
        return FigureQuery(a, math.inf, unit)
    if op == "<":
        return FigureQuery(-math.inf, a, unit, strict_high=True)
    if op == "<=":
        return FigureQuery(-math.inf, a, unit)
    return FigureQuery(a, a, unit)


class SearchIndex:
    """Search one dossier. Folded texts are computed once, when the index is built."""

    def __init__(self, dossier: Mapping[str, Any]) -> None:
        self._articles: Sequence[Mapping[str, Any]] = dossier["articles"]
        self._entities: Sequence[Mapping[str, Any]] = dossier["entities"]
        self._attributions: Sequence[Mapping[str, Any]] = dossier["attributions"]
        self._folded = [_fold_with_map(a["text"]) for a in self._articles]
        self._titles = [fold(a["title"] or "") for a in self._articles]
        self._entity_hay = [
            [fold(e["name"]), *(fold(x) for x in e["aliases"]), *(fold(x) for x in e["roles"])]
            for e in self._entities
        ]
        self._statements_of: dict[str, list[str]] = {}
        for t in self._attributions:
            ids = {m["entity"] for m in [t["speaker"], *t["via"]] if m and m["entity"]}
            for entity in sorted(ids):
                self._statements_of.setdefault(entity, []).append(t["id"])

    def search(self, query: str, kind: Kind = "all", limit: int = 50) -> dict[str, Any]:
        """Results as ``{query, kind, entities, unresolved, texts, figures, truncated}``."""
        out: dict[str, Any] = {
            "query": query,
            "kind": kind,
            "entities": [],
            "unresolved": [],
            "texts": [],
            "figures": [],
            "truncated": False,
        }
        folded = fold(query).strip()
        if not folded:
            return out
        if kind in ("all", "entity"):
            self._search_entities(folded, limit, out)
        if kind in ("all", "text"):
            self._search_text(folded, limit, out)
        if kind in ("all", "figure"):
            figure = parse_figure_query(query)
            if figure is not None:
                self._search_figures(figure, limit * 4, out)
        return out

    def _search_entities(self, folded: str, limit: int, out: dict[str, Any]) -> None:
        found = []
        for entity, hay in zip(self._entities, self._entity_hay, strict=True):
            if any(folded in h for h in hay):
                found.append(
                    {
                        "id": entity["id"],
                        "name": entity["name"],
                        "type": entity["type"],
                        "aliases": list(entity["aliases"]),
                        "roles": list(entity["roles"]),
                        "statements": list(self._statements_of.get(entity["id"], [])),
                    }
                )
        found.sort(key=lambda e: (-len(e["statements"]), e["name"]))
        if len(found) > limit:
            del found[limit:]
            out["truncated"] = True
        out["entities"] = found
        for t in self._attributions:
            mentions = [m for m in [t["speaker"], *t["via"]] if m and not m["entity"]]
            if any(folded in fold(m["text"]) for m in mentions):
                out["unresolved"].append(t["id"])

    def _search_text(self, folded: str, limit: int, out: dict[str, Any]) -> None:
        texts: list[dict[str, Any]] = []
        for article, (text, where), title in zip(
            self._articles, self._folded, self._titles, strict=True
        ):
            if len(texts) >= limit:
                out["truncated"] = True
                break
            matches: list[dict[str, Any]] = []
            pos = text.find(folded)
            while pos >= 0:
                if len(matches) >= _MATCHES_PER_ARTICLE:
                    out["truncated"] = True
                    break
                start, end = where[pos], where[pos + len(folded)]
                lo = max(0, start - _SNIPPET_CONTEXT)
                matches.append(
                    {
                        "start": start,
                        "end": end,
                        "snippet_start": lo,
                        "snippet": article["text"][lo : end + _SNIPPET_CONTEXT],
                    }
                )
                pos = text.find(folded, pos + max(1, len(folded)))
            if matches or folded in title:
                label = article["title"] or f"(untitled) — {article['source']}"
                texts.append({"article": article["id"], "title": label, "matches": matches})
        out["texts"] = texts

    def _search_figures(self, figure: FigureQuery, limit: int, out: dict[str, Any]) -> None:
        figures = []
        for t in self._attributions:
            for i, q in enumerate(t["quantities"]):
                if figure.matches(float(q["value"]), q["unit"], q["text"]):
                    figures.append(
                        {
                            "attribution": t["id"],
                            "quantity": i,
                            "value": q["value"],
                            "unit": q["unit"],
                            "text": q["text"],
                        }
                    )
        if len(figures) > limit:
            del figures[limit:]
            out["truncated"] = True
        out["figures"] = figures
