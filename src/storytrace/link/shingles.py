"""Normalisation and word shingles, shared by text reuse and story clustering.

``shingle(text, language, size)`` is a pure function of one article's text: it reads the
language's resources (``resources/<lang>/reuse.toml``, ``resources/common/reuse.toml``) and
nothing else, so it can run in a process pool or on the workers of a distributed engine, and
its result (``Shingled``, a few numpy arrays) can be shipped back and stored.

What normalisation makes equal, and why (each step is data in ``reuse.toml``):

- case and diacritics: "Südkorea" / "SÜDKOREA" / "Sudkorea"; ß → ss (casefolding);
- numbers: group marks go ("1.500", "1 500", "1,500", "1'500" → 1500), a decimal comma is a
  point ("3,2" → 3.2); number words are digits ("zwölf" → 12);
- typography: quotes, dashes and punctuation are not tokens at all, so „…“ / "…" / »…« and
  – / - make no difference;
- light stemming by suffix stripping ("russischen" / "russische");
- equivalence classes of words a copy editor swaps ("mitgeteilt" / "berichtet").

Every token keeps its character span in the original text, so a run of matching shingles maps
back to exact evidence. Shingles are flagged ``STOCK`` (most of their tokens inside a stock
phrase, or stop words only: never evidence), ``QUOTED`` (at least half inside quotation
marks: weak evidence) or ``BREAK`` (across a paragraph break: not indexed).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from storytrace.errors import ResourceError
from storytrace.model import Span
from storytrace.resources import load_toml, supported_languages

__all__ = [
    "BREAK",
    "QUOTED",
    "STOCK",
    "UNUSABLE",
    "Lexicon",
    "Shingled",
    "Tokens",
    "fold",
    "lexicon",
    "ngram_hashes",
    "quote_spans",
    "shingle",
    "stock_tokens",
    "tokens",
]

U64 = npt.NDArray[np.uint64]
I32 = npt.NDArray[np.int32]
U8 = npt.NDArray[np.uint8]

#: Flag bits of a shingle.
STOCK = 1  # inside a stock phrase, or stop words only: never evidence of copy
QUOTED = 2  # inside quotation marks: weak evidence (two outlets may quote one speaker)
BREAK = 4  # runs across a paragraph break: a passage must not begin in a heading's last word
#: Flags that keep a shingle out of the index altogether.
UNUSABLE = STOCK | BREAK

# --- tokens ---------------------------------------------------------------------------------

#: Numbers written with group marks: "1.500", "20 000" (also no-break and thin space),
#: "1'500", "12,000"; an optional decimal part ("1.500,5"). Tried first, so that "12.000" is
#: one token, not "12" and "000".
_GROUPED_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f\u2009'’ ]\d{3})+(?:[.,]\d+)?(?!\d)"
#: Plain numbers with an optional decimal part: "1500", "3,2", "3.2".
_PLAIN_NUMBER = r"\d+(?:[.,]\d+)?"
#: Words: runs of letters. Hyphens and apostrophes split ("NATO-Chef" → NATO, Chef), so
#: "Nato-Generalsekretär" and "NATO-Generalsekretär" match, and so do ’ and '.
_WORD = r"[^\W\d_]+"
TOKEN = re.compile(f"{_GROUPED_NUMBER}|{_PLAIN_NUMBER}|{_WORD}")

#: Group marks inside a grouped number, removed by normalisation.
_GROUP_MARKS = re.compile(r"[.,\u00a0\u202f\u2009'’ ](?=\d{3}(?:\D|$))")

#: A paragraph break (an empty line): quotes and shingles never run across one.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def fold(word: str) -> str:
    """Casefold and drop diacritics: "Südkorea" → "sudkorea", "Straße" → "strasse"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _number(token: str) -> str:
    """'1.500' → '1500', '1.500,5' → '1500.5', '3,2' → '3.2'."""
    grouped = _GROUP_MARKS.sub("", token)
    return grouped.replace(",", ".")


# --- language data --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's normalisation data, compiled from ``resources/<lang>/reuse.toml``.

    ``normalise`` is memoised per lexicon (the memo never changes a result, it only saves
    work), so the lexicon of a worker process warms up once.
    """

    language: str
    suffixes: tuple[str, ...] = ()
    min_stem: int = 4
    equivalents: Mapping[str, str] = field(default_factory=dict)
    numbers: Mapping[str, str] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()
    #: Stock phrases as normalised token sequences, placeholders expanded.
    stock_phrases: tuple[tuple[str, ...], ...] = ()
    _memo: dict[str, tuple[str, int, bool]] = field(default_factory=dict, repr=False)
    _stock: dict[int, U64] = field(default_factory=dict, repr=False)

    def normalise(self, token: str) -> tuple[str, int, bool]:
        """(normalised form, 64-bit hash, is a stop word) of one raw token."""
        hit = self._memo.get(token)
        if hit is not None:
            return hit
        if token[0].isdigit():
            norm, stop = _number(token), False
        else:
            folded = fold(token)
            stop = folded in self.stopwords
            norm = self.numbers.get(folded) or self.equivalents.get(folded) or self._stem(folded)
        result = (norm, _hash(norm), stop)
        if len(self._memo) < 2_000_000:  # a bound, so that a pathological input cannot bloat it
            self._memo[token] = result
        return result

    def _stem(self, word: str) -> str:
        for suffix in self.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= self.min_stem:
                return word[: -len(suffix)]
        return word

    def stock_hashes(self, length: int) -> U64:
        """Sorted hashes of the stock phrases of ``length`` tokens."""
        found = self._stock.get(length)
        if found is None:
            seqs = [p for p in self.stock_phrases if len(p) == length]
            rows = [np.array([_hash(t) for t in p], dtype=np.uint64) for p in seqs]
            found = np.unique(np.concatenate([ngram_hashes(r, length) for r in rows]))
            self._stock[length] = found
        return found

    @property
    def stock_lengths(self) -> tuple[int, ...]:
        found = self._stock.get(-1)
        if found is None:
            found = np.array(sorted({len(p) for p in self.stock_phrases}), dtype=np.uint64)
            self._stock[-1] = found
        return tuple(int(x) for x in found)


def _hash(norm: str) -> int:
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "little")


def _strings(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ResourceError(f"{where}: {key} must be a list of strings")
    return value


@cache
def lexicon(language: str) -> Lexicon:
    """The compiled lexicon of ``language``; a language without resources gets the bare one
    (case, diacritics and numbers only: no stemming, stop words or stock phrases)."""
    if language not in supported_languages():
        return Lexicon(language)
    where = f"resources/{language}/reuse.toml"
    try:
        data = load_toml(language, "reuse")
    except ResourceError:
        return Lexicon(language)
    stem = data.get("stem", {})
    suffixes = tuple(sorted(_strings(stem, "suffixes", where), key=len, reverse=True))
    min_stem = int(stem.get("min_stem", 4))
    numbers = {fold(k): str(v) for k, v in data.get("numbers", {}).items()}
    equivalents: dict[str, str] = {}
    for cls, members in data.get("equivalents", {}).items():
        for word in _strings({"m": members}, "m", f"{where} [equivalents] {cls}"):
            key = fold(word)
            if key in equivalents:
                raise ResourceError(
                    f"{where}: {word!r} is in two [equivalents] classes "
                    f"({equivalents[key][1:]} and {cls}); keep it in one"
                )
            equivalents[key] = f"~{cls}"
    stopwords = frozenset(fold(w) for w in _strings(data.get("stopwords", {}), "words", where))
    base = Lexicon(language, suffixes, min_stem, equivalents, numbers, stopwords)
    placeholders = {
        name: [base.normalise(w)[0] for w in _strings(data["placeholders"], name, where)]
        for name in data.get("placeholders", {})
    }
    phrases: list[tuple[str, ...]] = []
    for phrase in _strings(data.get("stock", {}), "phrases", where):
        slots: list[list[str]] = []
        for part in phrase.split():
            if part.startswith("{") and part.endswith("}"):
                if part[1:-1] not in placeholders:
                    raise ResourceError(
                        f"{where}: stock phrase {phrase!r} uses {part}, which [placeholders] "
                        f"does not define; known: {', '.join(sorted(placeholders))}"
                    )
                slots.append(placeholders[part[1:-1]])  # one token, any of the list
            else:  # a literal part may be several tokens ("z.B." → z, b)
                slots.extend([base.normalise(t.group())[0]] for t in TOKEN.finditer(part))
        phrases.extend(tuple(p) for p in itertools.product(*slots))
    return Lexicon(
        language, suffixes, min_stem, equivalents, numbers, stopwords, tuple(sorted(set(phrases)))
    )


@cache
def _quote_table() -> dict[str, frozenset[str]]:
    data = load_toml("common", "reuse").get("quotes", {})
    return {opener: frozenset(closers) for opener, closers in data.items()}


@cache
def _quote_re() -> re.Pattern[str]:
    table = _quote_table()
    chars = set(table) | {c for closers in table.values() for c in closers}
    return re.compile("\n\\s*\n|[" + re.escape("".join(sorted(chars))) + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (marks excluded), paragraph by paragraph.

    A quote still open at the end of its paragraph is dropped: a stray mark must not turn
    a whole paragraph into a "quote".
    """
    table = _quote_table()
    spans: list[tuple[int, int]] = []
    closers: frozenset[str] | None = None
    opened = 0
    for m in _quote_re().finditer(text):
        mark = m.group()
        if mark[0] == "\n":
            closers = None  # unclosed quote: forget it
            continue
        if closers is None:
            if mark in table:
                closers, opened = table[mark], m.end()
        elif mark in closers:
            spans.append((opened, m.start()))
            closers = None
    return spans


# --- hashing --------------------------------------------------------------------------------

_MULT = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)


def ngram_hashes(tokens: U64, n: int) -> U64:
    """64-bit hashes of every run of ``n`` consecutive token hashes (wrapping arithmetic,
    then the splitmix64 finaliser so that similar runs get unrelated hashes)."""
    m = len(tokens) - n + 1
    if m <= 0 or n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = tokens[:m].copy()
    with np.errstate(over="ignore"):
        for j in range(1, n):
            h = h * _MULT + tokens[j : j + m]
        h ^= h >> _S30
        h *= _M1
        h ^= h >> _S27
        h *= _M2
        h ^= h >> _S31
    return h


# --- per article ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class Shingled:
    """One article's shingles: shingle ``i`` covers tokens ``i .. i + size - 1``."""

    size: int
    starts: I32  # character offset where each token starts
    ends: I32  # ... and ends
    hashes: U64
    flags: U8
    #: What the index keeps: each distinct usable (not ``UNUSABLE``) hash, sorted, and the
    #: position of its first occurrence. Computed here, per article, so that workers do it.
    keys: U64
    key_pos: I32

    def __len__(self) -> int:
        return len(self.hashes)

    def span(self, first: int, last: int) -> Span:
        """Characters covered by shingles ``first`` to ``last`` (inclusive)."""
        return Span(int(self.starts[first]), int(self.ends[last + self.size - 1]))


def _window_counts(flags: npt.NDArray[np.bool_], size: int) -> npt.NDArray[np.int64]:
    cs = np.concatenate(([0], np.cumsum(flags, dtype=np.int64)))
    return cs[size:] - cs[: len(cs) - size]


def stock_tokens(tok: U64, lex: Lexicon) -> npt.NDArray[np.bool_]:
    """Which tokens (given as hashes) lie inside an occurrence of a stock phrase."""
    n = len(tok)
    marks = np.zeros(n + 1, dtype=np.int32)
    for length in lex.stock_lengths:
        stock = lex.stock_hashes(length)
        grams = ngram_hashes(tok, length)
        if not len(grams):
            continue
        at = np.minimum(np.searchsorted(stock, grams), len(stock) - 1)
        hit = np.flatnonzero(stock[at] == grams)
        if len(hit):  # a difference array: +1 where a phrase starts, -1 after it ends
            np.add.at(marks, hit, 1)
            np.subtract.at(marks, hit + length, 1)
    return np.cumsum(marks[:n]) > 0


@dataclass(frozen=True, slots=True, eq=False)
class Tokens:
    """A text's tokens: raw text, character spans, normalised hashes, stop and stock marks.
    Shingling and story terms both start from here, so one tokenisation serves both."""

    words: list[str]
    starts: I32
    ends: I32
    hashes: U64
    stop: npt.NDArray[np.bool_]
    stock: npt.NDArray[np.bool_]


def tokens(text: str, language: str) -> Tokens:
    """Tokenise and normalise one text (pure)."""
    lex = lexicon(language)
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    hashes: list[int] = []
    stops: list[bool] = []
    normalise = lex.normalise
    for m in TOKEN.finditer(text):
        word = m.group()
        _, h, stop = normalise(word)
        words.append(word)
        starts.append(m.start())
        ends.append(m.end())
        hashes.append(h)
        stops.append(stop)
    tok = np.array(hashes, dtype=np.uint64)
    return Tokens(
        words,
        np.array(starts, dtype=np.int32),
        np.array(ends, dtype=np.int32),
        tok,
        np.array(stops, dtype=np.bool_),
        stock_tokens(tok, lex),
    )


def token_spans(text: str) -> tuple[I32, I32]:
    """Where each token of ``text`` starts and ends: ``tokens(text, …).starts / .ends``
    without the normalising (for any language: the token pattern is one)."""
    starts: list[int] = []
    ends: list[int] = []
    for m in TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return np.array(starts, dtype=np.int32), np.array(ends, dtype=np.int32)


def shingle(text: str, language: str, size: int, toks: Tokens | None = None) -> Shingled:
    """Shingle one text (``toks``: its ``tokens``, if already made). Pure: same text and
    language, same result."""
    t = toks if toks is not None else tokens(text, language)
    st, en = t.starts, t.ends
    n = len(t.hashes)
    if n < size:
        none64, none32 = np.empty(0, np.uint64), np.empty(0, np.int32)
        return Shingled(size, st, en, none64, np.empty(0, np.uint8), none64, none32)
    half = (size + 1) // 2
    flags = np.zeros(n - size + 1, dtype=np.uint8)
    # stock: most of its tokens lie in stock phrases, or all of them are stop words
    stock = (_window_counts(t.stock, size) * 2 > size) | (_window_counts(t.stop, size) == size)
    flags[stock] |= STOCK
    breaks = np.array([m.start() for m in _PARAGRAPH_BREAK.finditer(text)], dtype=np.int32)
    if len(breaks):
        para = np.searchsorted(breaks, st)
        flags[para[size - 1 :] != para[: n - size + 1]] |= BREAK
    spans = quote_spans(text)
    if spans:
        qs = np.array([s for s, _ in spans], dtype=np.int32)
        qe = np.array([e for _, e in spans], dtype=np.int32)
        i = np.searchsorted(qs, st, side="right") - 1
        quoted = (i >= 0) & (st < qe[np.maximum(i, 0)])
        flags[_window_counts(quoted, size) >= half] |= QUOTED
    hashes = ngram_hashes(t.hashes, size)
    usable = np.flatnonzero((flags & UNUSABLE) == 0)
    keys, first = np.unique(hashes[usable], return_index=True)
    return Shingled(size, st, en, hashes, flags, keys, usable[first].astype(np.int32))
