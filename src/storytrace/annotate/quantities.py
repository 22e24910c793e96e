"""Figures in text, as spans: numbers with what they count and how they are qualified.

``find_quantities(text, "de")`` finds "etwa 10.000 Soldaten", "zwischen 10.000 und 12.000",
"1,5 Millionen Euro", "Tausende Flüchtlinge", "zwei Brigaden mit jeweils 6.000 Mann" and leaves
out the numbers that are not figures: years, dates, clock times, ordinals, phone numbers,
labels ("Nr. 5"), numbers inside codes and names ("F-16", "Windows 10"). The text is never
rewritten; every value is computed from the characters a span covers.

A figure phrase has this shape (every part but the number is optional)::

    qualifier… [zwischen] NUMBER [scale] [bis NUMBER] [symbol | adjective… NOUN] [post-qualifier]
        [connector qualifier… NUMBER …]   ← the inner figure, ``Quantity.per``

All language knowledge is data: ``resources/<lang>/numbers.toml`` (number formats, number
words, qualifiers, unit rules, the named masks for non-figures) and the month names of
``resources/<lang>/time.toml``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, get_args

from storytrace.errors import ResourceError
from storytrace.model import Span
from storytrace.resources import load_toml

__all__ = ["Qualifier", "Quantity", "find_quantities", "mask_names", "masked_spans"]

#: Normalised qualifier classes; the words behind each are in ``numbers.toml``.
Qualifier = Literal["approx", "at_least", "at_most", "total", "each"]
_QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
#: Qualifiers that make a figure inexact ("etwa", "mindestens", "bis zu").
_BOUNDING = frozenset({"approx", "at_least", "at_most"})

NumberKind = Literal["digits", "word", "plural", "article", "vague"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure phrase.

    ``value`` is the number as a float (``value_max`` the upper end of a range). ``unit`` is
    the counted noun or symbol as written ("Soldaten", "%", "€"). ``qualifier`` is the
    qualifier closest to the number that bounds it (approx, at_least, at_most), else "total"
    or "each"; ``approx`` is True when any bounding qualifier is present or the number itself
    is vague ("Tausende", "zwei Dutzend"). ``per`` is the figure inside a distributive or
    containing phrase: "zwei Brigaden mit jeweils 6.000 Mann" is 2 Brigaden with ``per`` =
    6000 Mann (each); "vier Brigaden mit 12.000 Soldaten" is 4 Brigaden with ``per`` = 12000
    Soldaten. The outer span covers the inner one.
    """

    span: Span
    value: float
    value_max: float | None
    unit: str | None
    unit_span: Span | None
    qualifier: Qualifier | None
    approx: bool
    per: Quantity | None = None


# --- lexicon: numbers.toml compiled once per language ------------------------------------

_SPACES = "[ \u00a0\u202f\u2009]"
_GAP = re.compile(f"{_SPACES}*")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+\.?)[ \t\u00a0]+$")
_OPEN_QUOTES = "„“\"»«‚‘'"
# Characters after which a capitalised number word starts a sentence or a quoted phrase
# ("Zwei Brigaden …", "„Vier Brigaden …"); mid-sentence "die Elf" or "außer Acht" are nouns.
_SENTENCE_OPENERS = ".!?:;\"'„“”»«‚‘’›‹()[]–—-•*"
_DIGIT_RUN = re.compile(r"\d+")
# How far before and after a run of digits a mask may reach ("Resolution 2231", "21. Oktober").
_MASK_BEFORE, _MASK_AFTER = 48, 24


@dataclass(frozen=True, slots=True)
class _Lexicon:
    candidate: re.Pattern[str]
    candidate_head: re.Pattern[str]
    #: (name, regex, whole_text): masks for non-figures; most are searched only near digits.
    masks: tuple[tuple[str, re.Pattern[str], bool], ...]
    decimal_mark: str
    group_marks: frozenset[str]
    compound_words: bool
    word_values: Mapping[str, int]
    multipliers: frozenset[str]
    joiner: str
    morpheme: re.Pattern[str]
    word_grammar: re.Pattern[str]
    word_next: re.Pattern[str]
    min_word_value: int
    scale_after: re.Pattern[str]
    scales: Mapping[str, float]
    approx_scales: frozenset[str]
    plurals: Mapping[str, float]
    capitalised_plurals: bool
    qualifier_tail: re.Pattern[str]
    qualifier_head: re.Pattern[str]
    qualifier_class: Mapping[str, Qualifier]
    topic_after_noun: frozenset[str]
    post_qualifier: re.Pattern[str]
    post_class: Mapping[str, Qualifier]
    range_connector: re.Pattern[str]
    between_tail: re.Pattern[str]
    between_and: re.Pattern[str]
    range_blocked_after: frozenset[str]
    nest_connector: re.Pattern[str]
    each_connectors: frozenset[str]
    containers: tuple[str, ...]
    symbols: tuple[str, ...]
    prefix_currency: re.Pattern[str]
    currency_head: re.Pattern[str]
    abbreviation: re.Pattern[str]
    #: Letters that may stick to digits: unit abbreviations ("5km") and scales ("$3bn").
    attached_units: frozenset[str]
    attached_scales: frozenset[str]
    non_units: frozenset[str]
    nouns_capitalised: bool
    max_skipped: int
    adjective_endings: tuple[str, ...]
    skip_words: frozenset[str]
    of_words: re.Pattern[str]
    stopwords: frozenset[str]
    year_bare: tuple[int, int]
    year_min_with_cue: int
    year_cues: frozenset[str]
    year_determiners: frozenset[str]
    name_number_max: int


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first; spaces match any whitespace."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) or r"(?!x)x"


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


class _Reader:
    """Typed access to one TOML resource; a missing or mistyped key names the file."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, Mapping):
            raise ResourceError(f"{where} must be a table")
        self.data = data
        self.where = where

    def get(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise ResourceError(f"{self.where}: missing key {dotted!r}")
            node = node[part]
        return node

    def sub(self, dotted: str) -> _Reader:
        return _Reader(self.get(dotted), f"{self.where} [{dotted}]")

    def words(self, dotted: str) -> list[str]:
        value = self.get(dotted)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ResourceError(f"{self.where}: {dotted!r} must be a list of strings")
        return list(value)

    def table(self, dotted: str) -> dict[str, float]:
        value = self.get(dotted)
        if not isinstance(value, Mapping) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()
        ):
            raise ResourceError(f"{self.where}: {dotted!r} must be a table of numbers")
        return {str(k): float(v) for k, v in value.items()}

    def text(self, dotted: str) -> str:
        value = self.get(dotted)
        if not isinstance(value, str):
            raise ResourceError(f"{self.where}: {dotted!r} must be a string")
        return value

    def integer(self, dotted: str) -> int:
        value = self.get(dotted)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ResourceError(f"{self.where}: {dotted!r} must be an integer")
        return value

    def flag(self, dotted: str) -> bool:
        value = self.get(dotted)
        if not isinstance(value, bool):
            raise ResourceError(f"{self.where}: {dotted!r} must be true or false")
        return value

    def compile(self, name: str, regex: str, lists: Mapping[str, str]) -> re.Pattern[str]:
        def fill(m: re.Match[str]) -> str:
            if m.group(1) not in lists:
                raise ResourceError(
                    f"{self.where}: pattern {name!r} uses unknown {{{{{m.group(1)}}}}}; "
                    f"known: {', '.join(sorted(lists))}"
                )
            return lists[m.group(1)]

        try:
            return re.compile(re.sub(r"\{\{(\w+)\}\}", fill, regex))
        except re.error as exc:
            raise ResourceError(
                f"{self.where}: pattern {name!r} is not a valid regex: {exc}"
            ) from exc

    def qualifier_classes(self, dotted: str) -> dict[str, Qualifier]:
        classes: dict[str, Qualifier] = {}
        for cls in self.get(dotted):
            known = [q for q in _QUALIFIERS if q == cls]
            if not known:
                raise ResourceError(
                    f"{self.where}: [{dotted}] has unknown class {cls!r}; "
                    f"known: {', '.join(_QUALIFIERS)}"
                )
            for word in self.words(f"{dotted}.{cls}"):
                classes[_norm(word)] = known[0]
        return classes


def _number_words(words: _Reader) -> tuple[dict[str, int], str, str]:
    """Values of the number words, a loose regex for the candidate scan, the exact grammar."""
    units, teens, tens = words.table("units"), words.table("teens"), words.table("tens")
    multipliers = words.table("multipliers")
    joiner = words.text("joiner")
    values = {k.lower(): int(v) for k, v in {**units, **teens, **tens, **multipliers}.items()}
    loose = f"(?:{_alternation([*values, joiner])})+"
    if not words.flag("compound"):
        return values, _alternation(values), _alternation(values)
    # One German word: [[unit]hundert][below 100], optionally twice around "tausend".
    u, t, z = _alternation(units), _alternation(teens), _alternation(tens)
    hundred = _alternation(k for k, v in multipliers.items() if v < 1000)
    thousand = _alternation(k for k, v in multipliers.items() if v >= 1000)
    below100 = f"(?:(?:{u}){re.escape(joiner)}(?:{z})|{z}|{t}|{u})"
    below1000 = f"(?:(?:{u})?(?:{hundred})(?:{below100})?|{below100})"
    return values, loose, f"(?:(?:{below1000})?(?:{thousand})(?:{below1000})?|{below1000})"


def _masks_of(reader: _Reader, lists: Mapping[str, str]) -> list[tuple[str, re.Pattern[str], bool]]:
    masks: list[tuple[str, re.Pattern[str], bool]] = []
    for entry in reader.get("mask"):
        mask = _Reader(entry, reader.where)
        name = mask.text("name")
        mask.text("what")  # every mask says which phenomenon it covers
        scan = entry.get("scan", "near_digits")
        if scan not in ("text", "near_digits") or any(name == m[0] for m in masks):
            raise ResourceError(
                f"{reader.where}: mask {name!r} must have a unique name and scan = "
                "'text' or 'near_digits'"
            )
        masks.append((name, reader.compile(name, mask.text("regex"), lists), scan == "text"))
    return masks


@cache
def _lexicon(language: str) -> _Lexicon:
    reader = _Reader(load_toml(language, "numbers"), f"resources/{language}/numbers.toml")
    time = _Reader(load_toml(language, "time"), f"resources/{language}/time.toml")
    lists = {key: _alternation(reader.words(f"lists.{key}")) for key in reader.get("lists")}
    lists["month"] = _alternation([*time.table("months"), *time.table("month_abbreviations")])

    word_values, loose_words, word_grammar = _number_words(reader.sub("words"))
    joiner = reader.text("words.joiner")
    scale_table = reader.table("scales")
    scale_alt = _alternation(scale_table)
    approx = reader.sub("approximate")
    plurals = approx.table("plurals")
    # One lookbehind in front of all branches and a loose word branch keep the scan fast
    # (a regex that opens with many lookbehinds is tried slowly at every position); the
    # grammar then checks a word in Python.
    branches = (
        rf"|(?P<vague>(?i:{_alternation(approx.words('vague'))})\s+(?i:{scale_alt}))(?!\w)"
        rf"|(?P<article>(?i:{_alternation(approx.words('articles'))})\s+(?i:{scale_alt}))(?!\w)"
        rf"|(?P<plural>(?i:{_alternation(plurals)}))(?!\w)"
        rf"|(?P<word>(?i:{loose_words}))(?!\w))"
    )
    digits = reader.text("digits.regex")
    # The scan refuses digits right after "21.", "3:", "11-": the rest of a date, a time or a
    # range whose start was no figure. The head regex, matched where a range or an inner
    # figure must continue ("10.000-12.000"), does not.
    candidate = reader.compile(
        "candidate", rf"(?<!\w)(?:(?P<digits>(?<!\d[.,:/\-–])(?:{digits})){branches}", {}
    )
    candidate_head = reader.compile("candidate", rf"(?<!\w)(?:(?P<digits>{digits}){branches}", {})
    qualifier_class = reader.qualifier_classes("qualifiers")
    post_class = reader.qualifier_classes("post_qualifiers")
    quals = _alternation(qualifier_class)
    ranges, nesting = reader.sub("ranges"), reader.sub("nesting")
    unit_rules, years = reader.sub("unit_search"), reader.sub("years")
    each_connectors = nesting.words("each_connectors")
    abbreviations = reader.words("units.abbreviations")
    currencies = _alternation(reader.words("units.prefix_currencies"))
    multipliers = reader.table("words.multipliers")
    return _Lexicon(
        candidate=candidate,
        candidate_head=candidate_head,
        masks=tuple(_masks_of(reader, lists)),
        decimal_mark=reader.text("digits.decimal_mark"),
        group_marks=frozenset(reader.words("digits.group_marks")),
        compound_words=reader.flag("words.compound"),
        word_values=word_values,
        multipliers=frozenset(k.lower() for k in multipliers),
        joiner=joiner.lower(),
        morpheme=re.compile(_alternation([*word_values, joiner]), re.IGNORECASE),
        word_grammar=re.compile(word_grammar, re.IGNORECASE),
        word_next=re.compile(
            rf"(?:{_SPACES}+|-)(?:(?P<joiner>{re.escape(joiner)}){_SPACES}+)?"
            rf"(?P<word>{_alternation(word_values)})(?!\w)",
            re.IGNORECASE,
        ),
        min_word_value=reader.integer("words.min_value"),
        scale_after=re.compile(rf"{_SPACES}*(?P<scale>{scale_alt})(?!\w)", re.IGNORECASE),
        scales={_norm(k): v for k, v in scale_table.items()},
        approx_scales=frozenset(_norm(s) for s in approx.words("scales")),
        plurals={_norm(k): v for k, v in plurals.items()},
        capitalised_plurals=unit_rules.flag("nouns_capitalised"),
        qualifier_tail=re.compile(
            rf"(?<!\w)(?P<q>{quals}){_SPACES}+(?P<quote>[{re.escape(_OPEN_QUOTES)}])?$",
            re.IGNORECASE,
        ),
        qualifier_head=re.compile(rf"(?P<q>{quals}){_SPACES}+", re.IGNORECASE),
        qualifier_class=qualifier_class,
        topic_after_noun=frozenset(
            _norm(w) for w in reader.words("qualifier_exceptions.after_noun")
        ),
        post_qualifier=re.compile(
            rf"{_SPACES}+(?P<q>{_alternation(post_class)})(?!\w)", re.IGNORECASE
        ),
        post_class=post_class,
        range_connector=re.compile(
            rf"{_SPACES}*(?:{_alternation(ranges.words('dashes'))}){_SPACES}*"
            rf"|{_SPACES}+(?:{_alternation(ranges.words('words'))}){_SPACES}+"
        ),
        between_tail=re.compile(
            rf"(?<!\w)(?:{re.escape(ranges.text('between'))}){_SPACES}+$", re.IGNORECASE
        ),
        between_and=re.compile(rf"{_SPACES}+{re.escape(ranges.text('between_and'))}{_SPACES}+"),
        range_blocked_after=frozenset(ranges.words("blocked_after")),
        nest_connector=re.compile(
            rf",?{_SPACES}+(?P<c>{_alternation([*nesting.words('connectors'), *each_connectors])})"
            rf"{_SPACES}+"
        ),
        each_connectors=frozenset(_norm(c) for c in each_connectors),
        containers=tuple(c.lower() for c in nesting.words("containers")),
        symbols=tuple(sorted(reader.words("units.symbols"), key=len, reverse=True)),
        prefix_currency=re.compile(rf"(?<!\w)(?P<cur>{currencies}){_SPACES}?$"),
        currency_head=re.compile(rf"(?P<cur>{currencies}){_SPACES}?"),
        abbreviation=re.compile(rf"(?:{_alternation(abbreviations)})(?![\w²³/])"),
        attached_units=frozenset(a for a in abbreviations if " " not in a),
        attached_scales=frozenset(_norm(s) for s in scale_table if "." not in s),
        non_units=frozenset(reader.words("units.non_units")),
        nouns_capitalised=unit_rules.flag("nouns_capitalised"),
        max_skipped=unit_rules.integer("max_skipped"),
        adjective_endings=tuple(unit_rules.words("adjective_endings")),
        skip_words=frozenset(w.lower() for w in unit_rules.words("skip_words")),
        of_words=re.compile(rf"(?:{_alternation(unit_rules.words('of_words'))}){_SPACES}+"),
        stopwords=frozenset(w.lower() for w in unit_rules.words("stopwords")),
        year_bare=(years.integer("bare_min"), years.integer("bare_max")),
        year_min_with_cue=years.integer("min_with_cue"),
        year_cues=frozenset(years.words("cues")),
        year_determiners=frozenset(w.lower() for w in years.words("determiners")),
        name_number_max=reader.integer("names.max_value"),
    )


def mask_names(language: str) -> tuple[str, ...]:
    """Names of the non-figure masks of ``language``, for documentation and tests."""
    return tuple(name for name, _regex, _whole in _lexicon(language).masks)


def masked_spans(text: str, language: str) -> list[tuple[str, Span]]:
    """Which non-figure mask covers what in ``text``: to explain why a number was left out."""
    lex = _lexicon(language)
    found = [
        (name, Span(m.start(), m.end()))
        for name, regex, _whole in lex.masks
        for m in regex.finditer(text)
        if m.end() > m.start()
    ]
    return sorted(found, key=lambda item: (item[1].start, item[1].end, item[0]))


# --- numbers -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Number:
    start: int
    end: int
    value: float
    raw_value: float  # before the scale word
    scale: float
    approx: bool
    kind: NumberKind
    plain: bool  # digits only, no separator, decimal or scale: possibly a year


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _SENTENCE_OPENERS


def _words_value(words: Sequence[str], lex: _Lexicon) -> int:
    total = current = 0
    for word in words:
        if word == lex.joiner:
            continue
        value = lex.word_values[word]
        if word not in lex.multipliers:
            current += value
        elif value < 1000:
            current = max(current, 1) * value
        else:
            total += max(current, 1) * value
            current = 0
    return total + current


def _extend_words(
    text: str, end: int, first: str, limit: int, lex: _Lexicon
) -> tuple[list[str], int]:
    """English number words after the first: "twelve thousand", "two hundred and fifty"."""
    words = [first]
    while True:
        m = lex.word_next.match(text, end, limit)
        if m is None:
            return words, end
        nxt, prev = m.group("word").lower(), words[-1]
        prev_mult, nxt_mult = prev in lex.multipliers, nxt in lex.multipliers
        if m.group("joiner") and not (prev_mult and not nxt_mult):
            return words, end  # "between two and three" is a range, not 5
        if not (prev_mult or nxt_mult) and not (
            lex.word_values[prev] >= 20 and lex.word_values[nxt] < 10
        ):
            return words, end  # only "twenty-one" joins two small number words
        if prev_mult and nxt_mult and lex.word_values[nxt] <= lex.word_values[prev]:
            return words, end
        words.append(nxt)
        end = m.end()


def _read_number(text: str, m: re.Match[str], limit: int, lex: _Lexicon) -> _Number | None:
    """A candidate match as a number, with its scale word; None if it is no number."""
    kind, start, end = m.lastgroup, m.start(), m.end()
    if kind == "digits":
        if end < limit and text[end].isalpha():
            letters = _WORD.match(text, end, limit)
            tail = letters.group() if letters else ""
            # "5km" and "$3bn" carry their unit; "21st", "1950er", "5G", "4m1qd" are no figures
            if tail not in lex.attached_units and tail.lower() not in lex.attached_scales:
                return None
        if re.match(r"[.,:/]\d", text[end : end + 2]):
            return None  # "1.2.3", "3/4" that no mask caught
        raw = m.group()
        cleaned = "".join(ch for ch in raw if ch not in lex.group_marks)
        value = float(cleaned.replace(lex.decimal_mark, "."))
        number = _Number(start, end, value, value, 1.0, False, "digits", raw.isdigit())
    elif kind == "word":
        word = m.group().lower()
        if not lex.word_grammar.fullmatch(word):
            return None  # number morphemes, but no number: "zweizwei", "undzwanzig"
        if m.group()[0].isupper() and not _sentence_start(text, start):
            return None
        if lex.compound_words:
            words = [w.lower() for w in lex.morpheme.findall(word)]
        else:
            words, end = _extend_words(text, end, word, limit, lex)
        value = float(_words_value(words, lex))
        number = _Number(start, end, value, value, 1.0, False, "word", False)
    elif kind == "plural":
        capitalised = m.group()[0].isupper() and not lex.capitalised_plurals
        if capitalised and not _sentence_start(text, start):
            return None
        value = lex.plurals[_norm(m.group())]
        return _Number(start, end, value, value, 1.0, True, "plural", False)
    elif kind in ("article", "vague"):
        scale_word = _norm(m.group()).rsplit(" ", 1)[-1]
        value = lex.scales[scale_word]
        vague = kind == "vague" or scale_word in lex.approx_scales
        return _Number(start, end, value, 1.0, value, vague, "vague" if vague else "article", False)
    else:  # pragma: no cover - the candidate regex has no other groups
        return None
    scale = lex.scale_after.match(text, number.end, limit)
    # digits may carry a scale without a space ("$3bn"); words need one ("zwei Millionen")
    if scale is not None and (number.kind == "digits" or scale.start("scale") > number.end):
        word = _norm(scale.group("scale"))
        factor = lex.scales[word]
        number = _Number(
            start,
            scale.end(),
            number.value * factor,
            number.value,
            factor,
            word in lex.approx_scales,
            number.kind,
            False,
        )
    if number.kind == "word" and number.value < lex.min_word_value:
        return None
    return number


# --- masks: numbers that are not figures -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Masks:
    """Merged, sorted character ranges in which no figure is reported."""

    starts: list[int]
    ends: list[int]

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end


def _masks(text: str, start: int, end: int, lex: _Lexicon) -> _Masks:
    windows: list[list[int]] = []
    for m in _DIGIT_RUN.finditer(text, start, end):
        lo, hi = max(start, m.start() - _MASK_BEFORE), min(end, m.end() + _MASK_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    spans: list[tuple[int, int]] = []
    for _name, regex, whole_text in lex.masks:
        for lo, hi in [(start, end)] if whole_text else windows:
            spans.extend(m.span() for m in regex.finditer(text, lo, hi) if m.end() > m.start())
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for s, e in spans:
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return _Masks(starts, ends)


# --- the parts of a figure phrase ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    text: str
    span: Span
    skipped: int  # adjectives between number and noun


@dataclass(slots=True)
class _Phrase:
    """Scratch record while one figure phrase is assembled (never leaves this module)."""

    start: int
    end: int
    number: _Number
    value_max: float | None = None
    unit: _Unit | None = None
    currency: _Unit | None = None
    qualifiers: list[Qualifier] = field(default_factory=list)
    per: Quantity | None = None


def _previous_word(text: str, pos: int, floor: int) -> re.Match[str] | None:
    return _PREVIOUS_WORD.search(text, max(floor, pos - 40, 0), pos)


def _qualifiers_before(
    text: str, pos: int, floor: int, lex: _Lexicon
) -> tuple[list[Qualifier], int]:
    """Qualifier classes right before ``pos``, closest first, and where the first one starts."""
    found: list[Qualifier] = []
    for i in range(2):
        m = lex.qualifier_tail.search(text, max(floor, pos - 40), pos)
        if m is None or (i > 0 and m.group("quote")):  # a quote only next to the number
            break
        word = _norm(m.group("q"))
        if word in lex.topic_after_noun:
            before = _previous_word(text, m.start(), floor)
            if (
                before
                and before.group(1)[0].isupper()
                and not _sentence_start(text, before.start(1))
            ):
                break  # "Berichte über 3.000 Soldaten": the topic, not "more than"
        found.append(lex.qualifier_class[word])
        pos = m.start()
    return found, pos


def _compound_head(text: str, word: re.Match[str], limit: int, lex: _Lexicon) -> re.Match[str]:
    """English noun compounds: the plural after a singular noun is what is counted
    ("three background checks", "271,000 new payroll positions")."""
    if word.group().endswith("s"):
        return word
    gap = _GAP.match(text, word.end(), limit)
    if gap is None or gap.end() - word.end() != 1:
        return word
    head = _WORD.match(text, gap.end(), limit)
    if head is None:
        return word
    h = head.group()
    if h[0].islower() and h.endswith("s") and h not in lex.stopwords:
        return head
    return word


def _find_unit(text: str, pos: int, limit: int, lex: _Lexicon, allow_of: bool) -> _Unit | None:
    """The symbol or counted noun after a number, skipping up to ``max_skipped`` adjectives."""
    gap = _GAP.match(text, pos, limit)
    q = gap.end() if gap else pos
    for symbol in lex.symbols:
        if q - pos <= 1 and text.startswith(symbol, q) and q + len(symbol) <= limit:
            return _Unit(symbol, Span(q, q + len(symbol)), 0)
    abbreviation = lex.abbreviation.match(text, q, limit)
    if abbreviation is not None:
        return _Unit(abbreviation.group(), Span(q, abbreviation.end()), 0)
    if q == pos:
        return None
    if allow_of and (of := lex.of_words.match(text, q, limit)) is not None:
        q = of.end()
    skipped: list[re.Match[str]] = []
    while (word := _WORD.match(text, q, limit)) is not None:
        w = word.group()
        lw = w.lower()
        if lw in lex.stopwords or w in lex.non_units or len(w) < 2:
            break
        adjective = lw in lex.skip_words or (len(lw) > 3 and lw.endswith(lex.adjective_endings))
        if w[0].isupper() if lex.nouns_capitalised else not adjective:
            if not lex.nouns_capitalised:
                word = _compound_head(text, word, limit, lex)
            return _Unit(word.group(), Span(word.start(), word.end()), len(skipped))
        if not adjective or len(skipped) >= lex.max_skipped:
            break
        skipped.append(word)
        gap = _GAP.match(text, word.end(), limit)
        if gap is None or gap.end() == word.end():
            break
        q = gap.end()
    # "1,500 Japanese were …": a capitalised adjective-like word was the noun after all
    if skipped and not lex.nouns_capitalised and skipped[-1].group()[0].isupper():
        last = skipped[-1]
        return _Unit(last.group(), Span(last.start(), last.end()), len(skipped) - 1)
    return None


def _second_number(
    text: str,
    first: _Number,
    phrase_start: int,
    limit: int,
    lex: _Lexicon,
    masks: _Masks,
    between: bool,
) -> _Number | None:
    """The upper end of "10.000 bis 12.000", "10,000-12,000", "zwischen 10.000 und 12.000"."""
    if between:
        conn = lex.between_and.match(text, first.end, limit)
    else:
        conn = lex.range_connector.match(text, first.end, limit)
        before = _previous_word(text, first.start, phrase_start - 40)
        if before is not None and before.group(1) in lex.range_blocked_after:
            return None  # "from 1,500 to 3,000" is a change, not a range
    if conn is None:
        return None
    # "between $5,000 and $15,000": the currency may stand before the second number too
    currency = lex.currency_head.match(text, conn.end(), limit)
    m = lex.candidate_head.match(text, currency.end() if currency else conn.end(), limit)
    if m is None:
        return None
    second = _read_number(text, m, limit, lex)
    if second is None or second.kind not in ("digits", "word"):
        return None
    if masks.covers(second.start, second.end):
        return None
    if second.plain and not first.plain and 1000 <= second.value <= 2100:
        return None  # "1.500 bis 2025": a deadline, not a range
    return second


def _extend(
    text: str,
    number: _Number,
    phrase_start: int,
    limit: int,
    lex: _Lexicon,
    masks: _Masks,
    between: bool,
    nest: bool,
    currency: _Unit | None = None,
) -> _Phrase | None:
    """Range, unit, post-qualifier and inner figure after ``number``.

    With a currency before the number ("$1.3 million cash") the currency is the unit and no
    counted noun is looked for.
    """
    phrase = _Phrase(phrase_start, number.end, number, currency=currency)
    if number.kind in ("digits", "word"):
        second = _second_number(text, number, phrase_start, limit, lex, masks, between)
        if second is not None:
            first = number
            if second.scale != 1.0 and first.scale == 1.0 and first.raw_value < second.raw_value:
                # "zwei bis drei Millionen": the scale of the second applies to the first
                first = _Number(
                    first.start,
                    first.end,
                    first.value * second.scale,
                    first.raw_value,
                    second.scale,
                    first.approx,
                    first.kind,
                    False,
                )
            if second.value > first.value:
                phrase.number, phrase.value_max, phrase.end = first, second.value, second.end
            else:
                second = None
        if between and second is None:
            return None
    allow_of = number.kind in ("plural", "vague", "article")
    if currency is None:
        phrase.unit = _find_unit(text, phrase.end, limit, lex, allow_of)
    if phrase.unit is not None:
        phrase.end = phrase.unit.span.end
    post = lex.post_qualifier.match(text, phrase.end, limit)
    if post is not None:
        phrase.qualifiers.append(lex.post_class[_norm(post.group("q"))])
        phrase.end = post.end()
    if nest and phrase.unit is not None and phrase.unit.text[0].isalpha():
        _nest(text, phrase, limit, lex, masks)
    return phrase


def _nest(text: str, phrase: _Phrase, limit: int, lex: _Lexicon, masks: _Masks) -> None:
    """Attach the inner figure of "zwei Brigaden mit jeweils 6.000 Mann" to the outer one."""
    conn = lex.nest_connector.match(text, phrase.end, limit)
    if conn is None or phrase.unit is None:
        return
    inner = _forward(text, conn.end(), limit, lex, masks)
    if inner is None:
        return
    implied_each = _norm(conn.group("c")) in lex.each_connectors
    container = any(phrase.unit.text.lower().startswith(c) for c in lex.containers)
    # Without a container noun only an explicit "jeweils"/"each" makes the second figure
    # part of the first: "3.000 Soldaten mit 200 Panzern" are two figures.
    if not (container or implied_each or inner.qualifier == "each"):
        return
    if implied_each and inner.qualifier is None:
        inner = Quantity(
            inner.span,
            inner.value,
            inner.value_max,
            inner.unit,
            inner.unit_span,
            "each",
            inner.approx,
            None,
        )
    phrase.per = inner
    phrase.end = inner.span.end


def _not_a_figure(text: str, phrase: _Phrase, floor: int, lex: _Lexicon) -> bool:
    """Years, numbers in names and bare number words; needs the qualifiers to be known."""
    number = phrase.number
    bare = phrase.unit is None and phrase.currency is None
    if number.plain and 1000 <= number.value <= 9999:
        value = int(number.value)
        cue = _previous_word(text, number.start, floor)
        cued = cue is not None and cue.group(1) in lex.year_cues
        if cued and lex.year_min_with_cue <= value <= lex.year_bare[1]:
            return True  # "im Jahr 2024", "seit 1990", "in 2024"
        determiner = cue is not None and cue.group(1).lower() in lex.year_determiners
        if determiner and lex.year_bare[0] <= value <= lex.year_bare[1]:
            return True  # "a 2009 report", "its 2012 record"
        skipped = phrase.unit is not None and phrase.unit.skipped > 0
        if lex.year_bare[0] <= value <= lex.year_bare[1] and (bare or skipped):
            return True  # "2024 kamen …", "das 2013 gegründete Zentrum"
    if (
        bare
        and number.plain
        and not phrase.qualifiers
        and phrase.value_max is None
        and number.value <= lex.name_number_max
    ):
        before = _previous_word(text, number.start, floor)
        if (
            before is not None
            and before.group(1)[0].isupper()
            and not _sentence_start(text, before.start(1))
        ):
            return True  # "Windows 10", "ORF 2", "Deutschland 83"
    # "die zwei", "alle drei": a number word counts only with what it counts
    return number.kind == "word" and phrase.unit is None and number.scale == 1.0


def _build(phrase: _Phrase) -> Quantity:
    unit = phrase.unit
    if phrase.currency is not None and (unit is None or unit.text == phrase.currency.text):
        unit = phrase.currency
    bounding = [q for q in phrase.qualifiers if q in _BOUNDING]
    qualifier: Qualifier | None = None
    if bounding or phrase.qualifiers:
        qualifier = (bounding or phrase.qualifiers)[0]
    elif phrase.number.approx:
        qualifier = "approx"
    return Quantity(
        span=Span(phrase.start, phrase.end),
        value=phrase.number.value,
        value_max=phrase.value_max,
        unit=unit.text if unit else None,
        unit_span=unit.span if unit else None,
        qualifier=qualifier,
        approx=bool(bounding) or phrase.number.approx,
        per=phrase.per,
    )


def _forward(text: str, pos: int, limit: int, lex: _Lexicon, masks: _Masks) -> Quantity | None:
    """An inner figure starting at ``pos``: "jeweils 6.000 Mann", "6,000 troops each"."""
    classes: list[Qualifier] = []
    q = pos
    for _ in range(2):
        head = lex.qualifier_head.match(text, q, limit)
        if head is None:
            break
        classes.insert(0, lex.qualifier_class[_norm(head.group("q"))])
        q = head.end()
    m = lex.candidate_head.match(text, q, limit)
    number = _read_number(text, m, limit, lex) if m else None
    if number is None or masks.covers(number.start, number.end):
        return None
    phrase = _extend(text, number, pos, limit, lex, masks, between=False, nest=False)
    if phrase is None:
        return None
    phrase.qualifiers = classes + phrase.qualifiers
    return None if _not_a_figure(text, phrase, pos, lex) else _build(phrase)


def _phrase_at(
    text: str, number: _Number, floor: int, limit: int, lex: _Lexicon, masks: _Masks
) -> _Phrase | None:
    """The whole figure phrase around ``number``, or None when it is not a figure."""
    currency = None
    lead = number.start
    if number.kind == "digits":
        cur = lex.prefix_currency.search(text, max(floor, lead - 8), lead)
        if cur is not None:
            currency = _Unit(cur.group("cur"), Span(cur.start("cur"), cur.end("cur")), 0)
            lead = cur.start()
    phrase = None
    between = lex.between_tail.search(text, max(floor, lead - 20), lead)
    if between is not None:
        phrase = _extend(text, number, between.start(), limit, lex, masks, True, True, currency)
    if phrase is None:
        phrase = _extend(text, number, lead, limit, lex, masks, False, True, currency)
    if phrase is None:
        return None
    classes, qualifier_start = _qualifiers_before(text, phrase.start, floor, lex)
    phrase.qualifiers = classes + phrase.qualifiers
    if _not_a_figure(text, phrase, floor, lex):
        return None
    phrase.start = qualifier_start
    return phrase


def find_quantities(
    text: str, language: str, start: int = 0, end: int | None = None
) -> list[Quantity]:
    """Figures in ``text[start:end]``, in order, with spans into ``text``.

    Raises ``ResourceError`` for a language without ``numbers.toml`` (naming the supported
    ones) and ``ValueError`` for a region outside the text.
    """
    limit = len(text) if end is None else end
    if not 0 <= start <= limit <= len(text):
        raise ValueError(f"region {start}..{end} is outside the text (length {len(text)})")
    lex = _lexicon(language)
    masks = _masks(text, start, limit, lex)
    found: list[Quantity] = []
    pos = floor = start
    while (m := lex.candidate.search(text, pos, limit)) is not None:
        number = _read_number(text, m, limit, lex)
        pos = max(m.end(), number.end if number else 0)
        if number is None or masks.covers(number.start, number.end):
            continue
        phrase = _phrase_at(text, number, floor, limit, lex, masks)
        if phrase is not None:
            found.append(_build(phrase))
            pos = floor = max(pos, phrase.end)
    return found
