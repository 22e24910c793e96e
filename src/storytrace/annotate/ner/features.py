"""Features of the German NER model (a linear-chain CRF), shared by training and tagging.

Each word gets binary features from itself (form, lowercase, shape, affixes, hyphen parts,
gazetteer tags, and its most likely word class in HanTa's lexicon of frequent German forms,
which tells common nouns from names) and a few from its neighbours (two words either side).
Only HanTa's lexicon is used, a dictionary lookup; its tagger is far too slow here
(~5,000 words/s, i.e. ~90 ms per article). Word-level features
are cached per word form, so a typical article costs one dictionary lookup per word plus the
context features; that keeps tagging well under a millisecond per sentence.

``FEATURE_VERSION`` is stored beside the model; change it whenever the features change, so a
model trained on other features is refused instead of silently mis-tagging.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TypeVar

from storytrace.annotate.ner.lexicon import GazMatch, Lexicon

FEATURE_VERSION = "de-crf-2"

_SHAPE_MAP = str.maketrans(
    {
        **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÀÁÂÉÈÊËÍÎÓÔŠŽČ"},
        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzäöüßàáâéèêëíîóôšžčćı"},
        **{c: "d" for c in "0123456789"},
    }
)
#: a run of one shape class, which the shape keeps as one character
_RUN = re.compile(r"([Xxd])\1+")


def shape(word: str) -> str:
    """Compressed word shape: "Rutte" → "Xx", "NATO-Chef" → "X-Xx", "1.500" → "d.d"."""
    return _RUN.sub(r"\1", word.translate(_SHAPE_MAP))


@cache
def word_classes() -> dict[str, str]:
    """Most likely STTS-like tag per word form in HanTa's lexicon ("Zeit" → "NN")."""
    from HanTa import HanoverTagger

    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    return {w: tagger.int2tag[c[0][0]] for w, c in tagger.cache.items() if c}


def word_class(word: str) -> str:
    """HanTa's word class of a form; "low" for a capitalised form known in lower case,
    "?" for an unknown capitalised one, "-" otherwise."""
    classes = word_classes()
    found = classes.get(word)
    if found is not None:
        return found
    if word[:1].isupper():
        return "low" if word.lower() in classes else "?"
    return "-"


def _lexical_tags(lex: Lexicon, word: str) -> list[str]:
    tags = []
    if word in lex.first_names:
        tags.append("fn")
    if lex.head_of(word) is not None:
        tags.append("role")
    if lex.nationality_of(word) is not None:
        tags.append("nat")
    if lex.institution_of(word) is not None:
        tags.append("inst")
    if lex.prefix_code(word) is not None:
        tags.append("pre")
    if word.lower() in lex.media_cues:
        tags.append("mcue")
    return tags


@dataclass(frozen=True, slots=True)
class _WordFeatures:
    """A word's own features and the ones it lends its neighbours, computed once per form."""

    own: tuple[str, ...]
    left1: tuple[str, ...]  # as the word before the current one ("-1…")
    right1: tuple[str, ...]  # as the word after it ("+1…")
    left2: tuple[str, ...]
    right2: tuple[str, ...]


def _word_features(lex: Lexicon, word: str) -> _WordFeatures:
    low = word.lower()
    shp = shape(word)
    cls = word_class(word)
    gaz = ["g=" + g for g in _lexical_tags(lex, word)]
    x3 = "x3=" + low[-3:]
    own = [
        "b",
        "w=" + word,
        "l=" + low,
        "s=" + shp,
        "p2=" + low[:2],
        "p3=" + low[:3],
        "x2=" + low[-2:],
        x3,
        "x4=" + low[-4:],
        "n=" + str(min(len(word), 8)),
        "c=" + cls,
        *gaz,
    ]
    if word[:1].isupper():
        own.append("T")
        if len(word) > 1 and word.isupper():
            own.append("U")
    if not word.isalpha() and any(c.isdigit() for c in word):  # letters are no digits
        own.append("D")
    if "-" in word and len(word) > 1:
        first, _, last = word.rpartition("-")
        own.append("hl=" + last.lower())
        own.append("hf=" + first.split("-", 1)[0].lower())
        own.append("hs=" + shape(last))
    near = ["l=" + low, "s=" + shp, x3, "c=" + cls, *gaz]
    far = ["l=" + low, "s=" + shp]
    return _WordFeatures(
        own=tuple(own),
        left1=tuple(["-1" + f for f in near]),
        right1=tuple(["+1" + f for f in near]),
        left2=tuple(["-2" + f for f in far]),
        right2=tuple(["+2" + f for f in far]),
    )


class FeatureExtractor:
    """Features per sentence, with a per-word-form cache of at most ``limit`` forms, so
    memory stays bounded on large batches.

    ``known``, the attributes of a trained model, switches on the tagging form
    (:meth:`encoded`): features outside it are dropped, because python-crfsuite would look
    each one up and ignore it (an eighth of them on news text), and the rest are cached as
    UTF-8 bytes, which it takes without encoding every string again on every call. The
    order of the kept features is the training order, so the tagger adds the same weights in
    the same order and its scores do not change by a rounding bit.
    """

    def __init__(
        self, lex: Lexicon, limit: int = 30_000, known: frozenset[str] | None = None
    ) -> None:
        self.lex = lex
        self.limit = limit
        self.known = known
        # encoded once, and one bytes object per attribute however many forms use it
        self._known_bytes = None if known is None else {f: f.encode() for f in known}
        self._cache: dict[str, _WordFeatures] = {}
        # Least recently used forms go first: news repeats its frequent words, and a batch
        # holds more distinct forms than the cache (55,000 in the 1,028 10kGNAD test articles).
        self._lookup_encoded = lru_cache(maxsize=limit)(self._encoded_parts)
        self._edges = (self._encode(("BOS",)), self._encode(("EOS",)))
        self._gaz_tags: dict[str, tuple[bytes, ...]] = {}

    def _lookup(self, word: str) -> _WordFeatures:
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) >= self.limit:  # bounded memory on large batches
                self._cache.clear()
            found = self._cache[word] = _word_features(self.lex, word)
        return found

    def __call__(self, words: list[str]) -> list[list[str]]:
        """One feature list per word of a sentence (the training form)."""
        parts = []
        for word in words:
            f = self._lookup(word)
            parts.append((f.own, f.left1, f.right1, f.left2, f.right2))
        out = _assemble(parts, (("BOS",), ("EOS",)))
        for m in self.lex.match_gazetteer(words):
            _tag_match(out, m, lambda tag: (tag,))
        return out

    def _encode(self, features: tuple[str, ...]) -> tuple[bytes, ...]:
        known = self._known_bytes
        if known is None:
            return tuple([f.encode() for f in features])
        return tuple([known[f] for f in features if f in known])

    def _encoded_parts(self, word: str) -> tuple[tuple[bytes, ...], ...]:
        f = _word_features(self.lex, word)
        return (
            self._encode(f.own),
            self._encode(f.left1),
            self._encode(f.right1),
            self._encode(f.left2),
            self._encode(f.right2),
        )

    def _gaz_tag(self, tag: str) -> tuple[bytes, ...]:
        found = self._gaz_tags.get(tag)
        if found is None:
            found = self._gaz_tags[tag] = self._encode((tag,))
        return found

    def encoded(self, words: list[str]) -> list[list[bytes]]:
        """The features of :meth:`__call__` in the tagging form (see the class)."""
        out = _assemble([self._lookup_encoded(word) for word in words], self._edges)
        for m in self.lex.match_gazetteer(words):
            _tag_match(out, m, self._gaz_tag)
        return out


_F = TypeVar("_F", bound=str | bytes)


def _assemble(
    parts: Sequence[Sequence[tuple[_F, ...]]], edges: tuple[tuple[_F, ...], tuple[_F, ...]]
) -> list[list[_F]]:
    """``parts`` per word: its own features, then those it lends as the word before, after,
    two before and two after (the ``_WordFeatures`` order). Each word gets its own features,
    then those of the words before it (or BOS), then those of the words after it (or EOS):
    the order the model was trained on."""
    n = len(parts)
    if not n:
        return []
    bos, eos = edges
    none: tuple[_F, ...] = ()
    before1: list[tuple[_F, ...]] = [bos]
    before1 += [p[1] for p in parts[: n - 1]]
    before2: list[tuple[_F, ...]] = [none, none]
    before2 += [p[3] for p in parts[: n - 2]]
    after1: list[tuple[_F, ...]] = [p[2] for p in parts[1:]]
    after1.append(eos)
    after2: list[tuple[_F, ...]] = [p[4] for p in parts[2:]]
    after2 += [none, none]
    return [
        [*p[0], *b1, *b2, *a1, *a2]
        for p, b1, b2, a1, a2 in zip(parts, before1, before2, after1, after2, strict=False)
    ]


def _tag_match(out: list[list[_F]], m: GazMatch, form: Callable[[str], tuple[_F, ...]]) -> None:
    cat = m.entry.category
    for k in range(m.start, m.end):
        tag = ("B-" if k == m.start else "I-") + cat
        out[k].extend(form("g=" + tag))
        if k > 0:
            out[k - 1].extend(form("+1g=" + tag))
        if k + 1 < len(out):
            out[k + 1].extend(form("-1g=" + tag))
