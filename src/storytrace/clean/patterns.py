"""Named boilerplate patterns, loaded from ``resources/<lang>/boilerplate.toml``.

Each pattern is a TOML table ``[[pattern]]`` with a unique ``name``, the ``reason`` it
produces (the fixed ``RemovalReason`` vocabulary, or ``"inherit"`` for context patterns that
take the reason of the block they join), ``what`` (the phenomenon it covers), a ``kind`` and a
``regex``. Kinds:

- ``line``: the regex is searched in one whitespace-normalised line; a hit removes the line.
- ``block``: the regex starts a block; the following lines that match ``follow`` join it.
  Nothing is removed unless at least ``min_follow`` lines follow.
- ``run``: a hit counts only when ``min_run`` consecutive lines match, above the first or
  below the last body line (menus of short items; a list inside the body stays).
- ``context``: a hit counts only next to a line already removed for one of the ``near``
  reasons (``direction`` after/before/either; ``gap = true`` lets blank lines separate them;
  ``near_pattern`` narrows the neighbour down to lines removed by the named patterns;
  ``unless_before_body = true`` spares a line directly followed by body text: a subheading).
- ``prefix``: removed inline at the start of a line, the rest of the line stays
  (``where = "top"``: the first lines of the document; ``"body"``: the first body paragraphs).
- ``suffix``: removed inline at the end of the last body paragraph.
- ``keep``: removes nothing (``reason = "none"``); a matching line is protected from the
  structural rules, e.g. a byline is never taken for the headline or a subheading.

Lines with more than ``max_words`` words (default 40) are never matched by line, block,
run, context or keep patterns: boilerplate is short, and long body paragraphs are spared
both the risk and the cost. ``needs`` (optional) lists strings of which a line must contain
one before the regex runs: a cheap gate for patterns that would otherwise scan every line.

Regexes may use ``{{list}}`` placeholders: word lists from ``[lists]`` tables (all loaded files
merge), plus ``agency`` (aliases from common/agencies.toml), ``month``, ``weekday`` and
``date`` (from the ``dates.toml`` files). Named groups ``outlet``, ``domain``, ``date``, ``url``
and ``title`` turn the matched text into metadata evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, Literal, cast, get_args

from storytrace.errors import ResourceError
from storytrace.model import RemovalReason
from storytrace.resources import load_toml

PatternKind = Literal["line", "block", "run", "context", "prefix", "suffix", "keep"]
Direction = Literal["after", "before", "either"]
Where = Literal["top", "body"]

REASONS: frozenset[str] = frozenset(get_args(RemovalReason))
_KINDS: frozenset[str] = frozenset(get_args(PatternKind))
_KEYS = frozenset(
    {
        "name",
        "reason",
        "what",
        "kind",
        "regex",
        "ignore_case",
        "max_words",
        "near",
        "near_pattern",
        "unless_before_body",
        "needs",
        "direction",
        "gap",
        "follow",
        "min_follow",
        "min_run",
        "where",
    }
)
#: Named groups whose text becomes evidence for the article's metadata.
EVIDENCE_GROUPS = ("outlet", "domain", "date", "url", "title")
DEFAULT_MAX_WORDS = 40
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled, named boilerplate rule."""

    name: str
    reason: str
    what: str
    kind: PatternKind
    regex: re.Pattern[str]
    source: str
    max_words: int = DEFAULT_MAX_WORDS
    near: frozenset[str] = frozenset()
    #: Context patterns: if set, the neighbour must have been removed by one of these.
    near_pattern: frozenset[str] = frozenset()
    direction: Direction = "either"
    #: Context patterns: a line directly followed by body text is a subheading, so it stays.
    unless_before_body: bool = False
    gap: bool = False
    follow: re.Pattern[str] | None = None
    min_follow: int = 1
    min_run: int = 1
    where: Where = "top"
    #: Every branch starts with ``^``: the pattern can only match at the start of a line.
    anchored: bool = False
    #: Cheap gate: the line must contain one of these strings before the regex runs.
    needs: tuple[str, ...] = ()
    ignore_case: bool = False

    @property
    def prefiltered(self) -> bool:
        """Decided by the combined start-of-line alternation (``PatternSet.prefilter``)."""
        return self.anchored and not self.needs

    def search(self, text: str) -> re.Match[str] | None:
        """The regex's match in ``text``, behind the cheap ``needs`` gate."""
        if self.needs:
            hay = text.lower() if self.ignore_case else text
            if not any(k in hay for k in self.needs):
                return None
        return self.regex.search(text)


@dataclass(frozen=True, slots=True)
class PatternSet:
    """All patterns of the loaded languages, grouped by how the cleaner applies them."""

    #: ``line``, ``block`` and ``run`` patterns, in priority order (common first, then the
    #: languages in settings order; file order within a file).
    line: tuple[Pattern, ...]
    context: tuple[Pattern, ...]
    keep: tuple[Pattern, ...]
    prefix_top: tuple[Pattern, ...]
    prefix_body: tuple[Pattern, ...]
    suffix: tuple[Pattern, ...]
    #: One alternation of the anchored ``line``/``block`` regexes without ``needs``, tried
    #: only at the start of a line (``match``): most lines hit none, so one attempt settles
    #: them. The other patterns (``gated``) run one by one behind their ``needs`` keywords,
    #: because Python's ``re`` scans a big alternation position by position and loses each
    #: pattern's own fast literal search (measured: slower than the separate searches).
    prefilter: re.Pattern[str]
    #: ``line`` and ``block`` patterns that the prefilter does not decide.
    gated: tuple[Pattern, ...]
    #: No line/block/run pattern applies to lines with more words than this.
    max_words: int

    def all(self) -> tuple[Pattern, ...]:
        return (
            self.line + self.context + self.keep + self.prefix_top + self.prefix_body + self.suffix
        )

    def by_name(self, name: str) -> Pattern:
        for p in self.all():
            if p.name == name:
                return p
        raise KeyError(name)


def _alternation(words: list[str]) -> str:
    # Longest first, so that "Thomson Reuters" wins over "Reuters"; case-insensitive because
    # credit lines and month names come in any case ("AFP", "afp", "OKTOBER").
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not unique:
        return "(?!)"  # an empty list must match nothing, not the empty string
    return "(?i:" + "|".join(re.escape(w) for w in unique) + ")"


def _lists(languages: tuple[str, ...]) -> dict[str, str]:
    """Placeholder name → regex source, from all loaded resource files."""
    words: dict[str, list[str]] = {}
    for lang in ("common", *languages):
        data = load_toml(lang, "boilerplate")
        for key, values in data.get("lists", {}).items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ResourceError(
                    f"resource {lang}/boilerplate.toml: [lists] {key} must be a list of strings"
                )
            words.setdefault(key, []).extend(values)
    agencies = load_toml("common", "agencies")
    words["agency"] = [a for entry in agencies["agency"].values() for a in entry["aliases"]]
    months: list[str] = []
    weekdays: list[str] = []
    formats: list[str] = []
    for lang in (*languages, "common"):
        data = load_toml(lang, "dates")
        months.extend(data.get("months", {}))
        weekdays.extend(data.get("weekdays", []))
    words["month"] = months
    words["weekday"] = weekdays
    out = {key: _alternation(values) for key, values in words.items()}
    for lang in (*languages, "common"):
        for fmt in load_toml(lang, "dates").get("format", []):
            expanded = _expand(fmt["regex"], out, f"{lang}/dates.toml")
            formats.append(_NAMED_GROUP.sub("(?:", expanded))
    out["date"] = "(?:" + "|".join(formats) + ")"
    return out


def _expand(source: str, lists: dict[str, str], where: str) -> str:
    def repl(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in lists:
            known = ", ".join(sorted(lists))
            raise ResourceError(
                f"resource {where}: unknown placeholder {{{{{key}}}}}; known: {known}"
            )
        return lists[key]

    return _PLACEHOLDER.sub(repl, source)


def _compile(source: str, flags: int, where: str, name: str) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise ResourceError(f"resource {where}: pattern {name!r} has a bad regex: {exc}") from exc


def _build(entry: dict[str, Any], lists: dict[str, str], where: str) -> Pattern:
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise ResourceError(f"resource {where}: a [[pattern]] has no name")
    unknown = set(entry) - _KEYS
    if unknown:
        raise ResourceError(
            f"resource {where}: pattern {name!r} has unknown keys {sorted(unknown)}; "
            f"known: {', '.join(sorted(_KEYS))}"
        )
    for key in ("reason", "what", "kind", "regex"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ResourceError(f"resource {where}: pattern {name!r} needs a non-empty {key!r}")
    kind = entry["kind"]
    if kind not in _KINDS:
        raise ResourceError(
            f"resource {where}: pattern {name!r} has kind {kind!r}; use one of {sorted(_KINDS)}"
        )
    reason = entry["reason"]
    if (
        reason not in REASONS
        and not (reason == "inherit" and kind == "context")
        and not (reason == "none" and kind == "keep")
    ):
        raise ResourceError(
            f"resource {where}: pattern {name!r} has reason {reason!r}; use one of "
            f"{', '.join(sorted(REASONS))} (or 'inherit' for context patterns, 'none' for keep)"
        )
    for key, allowed in (("direction", get_args(Direction)), ("where", get_args(Where))):
        if key in entry and entry[key] not in allowed:
            raise ResourceError(
                f"resource {where}: pattern {name!r} has {key} {entry[key]!r}; use one of "
                f"{', '.join(allowed)}"
            )
    flags = re.IGNORECASE if entry.get("ignore_case", False) else 0
    regex = _compile(_expand(entry["regex"], lists, where), flags, where, name)
    follow = None
    if kind == "block":
        if "follow" not in entry:
            raise ResourceError(f"resource {where}: block pattern {name!r} needs 'follow'")
        follow = _compile(_expand(entry["follow"], lists, where), flags, where, name)
    near = entry.get("near", [] if reason == "inherit" else [reason])
    if kind == "context" and (not near or not set(near) <= REASONS):
        raise ResourceError(
            f"resource {where}: context pattern {name!r} needs 'near', a list of reasons "
            f"from {', '.join(sorted(REASONS))}"
        )
    needs = entry.get("needs", [])
    if not isinstance(needs, list) or not all(isinstance(k, str) and k for k in needs):
        raise ResourceError(
            f"resource {where}: pattern {name!r}: 'needs' must be a list of non-empty strings"
        )
    return Pattern(
        name=name,
        reason=reason,
        what=entry["what"].strip(),
        kind=cast(PatternKind, kind),
        regex=regex,
        source=where,
        max_words=int(entry.get("max_words", DEFAULT_MAX_WORDS)),
        near=frozenset(near),
        near_pattern=frozenset(entry.get("near_pattern", [])),
        direction=cast(Direction, entry.get("direction", "either")),
        unless_before_body=bool(entry.get("unless_before_body", False)),
        gap=bool(entry.get("gap", False)),
        follow=follow,
        min_follow=int(entry.get("min_follow", 1)),
        min_run=int(entry.get("min_run", 1)),
        where=cast(Where, entry.get("where", "top")),
        anchored=all(b.startswith("^") for b in _branches(regex.pattern)),
        needs=tuple(k.lower() if flags & re.IGNORECASE else k for k in needs),
        ignore_case=bool(flags & re.IGNORECASE),
    )


def _branches(source: str) -> list[str]:
    """The top-level alternatives of a regex (``a|b`` outside groups and classes)."""
    out: list[str] = []
    depth = 0
    start = 0
    in_class = False
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 if source[i + 1 : i + 2] == "^" else 0
            i += 1 if source[i + 1 : i + 2] == "]" else 0
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


def _flagged(p: Pattern) -> str:
    # Scoped flags keep each pattern's case handling inside the combined alternation; named
    # groups are dropped there because the same group name appears in several patterns.
    source = _NAMED_GROUP.sub("(?:", p.regex.pattern)
    return f"(?i:{source})" if p.regex.flags & re.IGNORECASE else f"(?:{source})"


@cache
def load_patterns(languages: tuple[str, ...]) -> PatternSet:
    """Compile the patterns of ``common`` plus ``languages`` once per process."""
    lists = _lists(languages)
    patterns: list[Pattern] = []
    seen: dict[str, str] = {}
    for lang in ("common", *languages):
        where = f"{lang}/boilerplate.toml"
        for entry in load_toml(lang, "boilerplate").get("pattern", []):
            p = _build(entry, lists, where)
            if p.name in seen:
                raise ResourceError(
                    f"resource {where}: pattern name {p.name!r} is already used in {seen[p.name]}"
                )
            seen[p.name] = where
            patterns.append(p)
    line = tuple(p for p in patterns if p.kind in ("line", "block", "run"))
    return PatternSet(
        line=line,
        context=tuple(p for p in patterns if p.kind == "context"),
        keep=tuple(p for p in patterns if p.kind == "keep"),
        prefix_top=tuple(p for p in patterns if p.kind == "prefix" and p.where == "top"),
        prefix_body=tuple(p for p in patterns if p.kind == "prefix" and p.where == "body"),
        suffix=tuple(p for p in patterns if p.kind == "suffix"),
        prefilter=re.compile(
            "|".join(_flagged(p) for p in line if p.prefiltered and p.kind != "run") or r"(?!)"
        ),
        gated=tuple(p for p in line if not p.prefiltered and p.kind != "run"),
        max_words=max((p.max_words for p in line), default=0),
    )


@cache
def placeholder_lists(languages: tuple[str, ...]) -> Mapping[str, str]:
    """The expanded ``{{placeholder}}`` lists (for other modules that build regexes)."""
    return MappingProxyType(_lists(languages))
