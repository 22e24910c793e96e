"""Text reuse between articles: wire copy found passage by passage, with character spans.

How it works (docs/linking.md has the measurements behind each choice):

1. **Shingles** (``shingles.shingle``, per article, pure): normalised word 4-grams with their
   token positions; stock phrases and stop-word runs flagged ``STOCK``, quoted text
   ``QUOTED``.
2. **Candidates by blocking, never all pairs.** The index keeps one posting per (non-stock
   shingle, article), sorted by shingle hash. A new article's postings are looked up with a
   binary search; every earlier article holding the same shingle is a partner, except that a
   shingle already held by ``df_cap`` articles pairs only with the first ``fanout`` of them
   (a wire paragraph in 500 outlets costs linear work and still links each reprint to the
   first ones; a common phrase links nothing, because alone it never makes a passage).
   Article-level MinHash LSH was measured and rejected: a reprinted paragraph in a long
   article barely moves the Jaccard similarity of the whole articles, so LSH misses partial
   reprints (see docs/linking.md).
3. **Seed and extend.** The matches of each pair, in the order of the first article, are
   chained while neither side jumps more than ``max_gap`` shingle positions (an edited word
   costs ``shingle_size`` missing matches, a moved clause a short jump); neighbouring chains
   whose boxes are within the gap merge. A chain becomes a passage when it has enough
   evidence (matches, quoted ones worth ``quoted_weight``), density and length in both
   articles; its token range maps back to character spans in each text.

All array work is numpy over all candidate pairs at once; Python touches only the pairs whose
matches could make a passage. ``ReuseIndex`` is incremental: adding articles compares them with
the index and with each other, never old with old; adding in two batches gives the same
result as adding at once. It is written for the store frame by frame (``write``/``read``,
or ``to_bytes``/``from_bytes``; ``storytrace.link.frames``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from storytrace.errors import ConfigError
from storytrace.link.frames import FrameReader, FrameWriter
from storytrace.link.shingles import (
    I32,
    QUOTED,
    U8,
    U64,
    Shingled,
    Tokens,
    shingle,
    token_spans,
)
from storytrace.link.unionfind import UnionFind
from storytrace.model import CleanArticle, Passage, Reuse, Span
from storytrace.resources import load_toml

__all__ = [
    "ReuseIndex",
    "ReuseSettings",
    "find_reuse",
    "load_section",
    "shingle_article",
    "syndication_groups",
]

_FORMAT = "storytrace-reuse-index"
_VERSION = 2
#: Articles whose token spans go into one array frame.
_SPAN_CHUNK = 5_000

T = TypeVar("T")


def load_section(cls: type[T], section: str, overrides: Mapping[str, Any] | None = None) -> T:
    """Defaults from ``resources/common/reuse.toml`` [section], then ``overrides``; unknown
    keys and wrong types are refused with the list of known ones."""
    defaults = dict(load_toml("common", "reuse")[section])
    for key, value in (overrides or {}).items():
        if key not in defaults:
            raise ConfigError(
                f"unknown setting {section}.{key}; known: {', '.join(sorted(defaults))}"
            )
        if isinstance(defaults[key], float) and isinstance(value, int):
            value = float(value)
        if type(value) is not type(defaults[key]):
            raise ConfigError(
                f"{section}.{key} must be {type(defaults[key]).__name__}, got {value!r}"
            )
        defaults[key] = value
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    missing = names - set(defaults)
    if missing:
        raise ConfigError(f"resources/common/reuse.toml [{section}] lacks {', '.join(missing)}")
    return cls(**{k: v for k, v in defaults.items() if k in names})


@dataclass(frozen=True, slots=True)
class ReuseSettings:
    """Thresholds of reuse detection; defaults and their reasons in resources/common/reuse.toml."""

    shingle_size: int
    min_passage_chars: int
    min_evidence: float
    quoted_weight: float
    max_gap: int
    min_density: float
    df_cap: int
    fanout: int
    group_min_chars: int

    def __post_init__(self) -> None:
        if self.shingle_size < 1 or self.max_gap < 1:
            raise ConfigError("reuse.shingle_size and reuse.max_gap must be at least 1")
        if not 0 < self.fanout < self.df_cap:
            raise ConfigError("reuse.fanout must be positive and smaller than reuse.df_cap")

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None) -> ReuseSettings:
        return load_section(cls, "reuse", overrides)


@cache
def default_settings() -> ReuseSettings:
    return ReuseSettings.load()


def shingle_article(
    article: CleanArticle, settings: ReuseSettings | None = None, toks: Tokens | None = None
) -> Shingled:
    """The per-article step, a pure function: safe in a process pool or on a remote worker.
    ``toks``: the article text's ``tokens``, if already made (story terms use them too)."""
    size = (settings or default_settings()).shingle_size
    return shingle(article.text, article.language, size, toks)


# --- the index ------------------------------------------------------------------------------


class ReuseIndex:
    """Shingle postings of every article added so far, and the reuse found between them."""

    def __init__(self, settings: ReuseSettings | None = None) -> None:
        self.settings = settings or default_settings()
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        #: doc → token starts and ends, of the articles added without ``texts``
        self._kept: dict[int, tuple[I32, I32]] = {}
        self._ph: U64 = np.empty(0, np.uint64)  # posting hash, sorted (hash, doc)
        self._pd: I32 = np.empty(0, np.int32)  # posting doc (arrival order)
        self._pp: I32 = np.empty(0, np.int32)  # posting position (shingle index)
        self._pf: U8 = np.empty(0, np.uint8)  # posting flags
        self._found: list[Reuse] = []

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._index

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._ids)

    @property
    def postings(self) -> int:
        return len(self._ph)

    def reuse(self) -> list[Reuse]:
        """Every reuse found so far, sorted by (a, b)."""
        return sorted(self._found, key=lambda r: (r.a, r.b))

    def add(self, articles: Iterable[CleanArticle]) -> list[Reuse]:
        """Shingle and add articles; returns the reuse involving at least one of them."""
        return self.add_shingled([(a.id, shingle_article(a, self.settings)) for a in articles])

    def add_shingled(
        self, items: Sequence[tuple[str, Shingled]], texts: Callable[[str], str] | None = None
    ) -> list[Reuse]:
        """Add pre-shingled articles (``shingle_article`` run elsewhere). Ids already in the
        index are skipped: adding an article twice changes nothing. With ``texts`` (article
        id → text, for every article the index holds) the new articles' token spans are not
        kept: where a later passage needs an article's spans they are found again in its
        text (at 100,000 articles they were 300 MB held, and a fifth of the saved state)."""
        size = self.settings.shingle_size
        fresh: list[tuple[str, Shingled]] = []
        seen: set[str] = set()
        for article_id, sh in items:
            if sh.size != size:
                raise ConfigError(
                    f"article {article_id} was shingled with size {sh.size}, the index uses "
                    f"{size}; shingle it again with the index's settings"
                )
            if article_id in self._index or article_id in seen:
                continue
            seen.add(article_id)
            fresh.append((article_id, sh))
        if not fresh:
            return []
        base = len(self._ids)
        spans: dict[int, tuple[I32, I32]] = {}  # of the docs in passages of this call
        for i, (article_id, sh) in enumerate(fresh):
            self._index[article_id] = base + i
            self._ids.append(article_id)
            spans[base + i] = (sh.starts, sh.ends)
        if texts is None:
            self._kept.update(spans)
        nh, nd, npos, nf = _postings(fresh, base)
        right = np.searchsorted(self._ph, nh, side="right")
        matches = self._matches(nh, nd, npos, nf, right)
        self._merge(nh, nd, npos, nf, right)
        found = self._passages(*matches, spans=spans, texts=texts)
        self._found.extend(found)
        return sorted(found, key=lambda r: (r.a, r.b))

    # -- candidate matches ------------------------------------------------------------------

    def _matches(
        self, nh: U64, nd: I32, npos: I32, nf: U8, right: npt.NDArray[np.intp]
    ) -> tuple[I32, I32, I32, I32, npt.NDArray[np.float64]]:
        """Every (earlier posting, new posting) pair with the same shingle hash, subject to
        the df cap; returns (a_doc, a_pos, b_doc, b_pos, weight) with a_doc < b_doc.
        ``right``: where each new hash would go after the old postings of that hash."""
        s = self.settings
        left = np.searchsorted(self._ph, nh, side="left")
        old = (right - left).astype(np.int64)
        n = len(nh)
        brk = np.ones(n, dtype=bool)
        brk[1:] = nh[1:] != nh[:-1]
        gstart = np.maximum.accumulate(np.where(brk, np.arange(n), 0))
        rank = old + (np.arange(n) - gstart)
        count = np.where(rank < s.df_cap, rank, s.fanout)
        total = int(count.sum())
        rep = np.repeat(np.arange(n), count)
        q = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
        from_old = q < old[rep]
        i_old = np.where(from_old, left[rep] + q, 0)
        i_new = np.where(from_old, 0, gstart[rep] + q - old[rep])
        if len(self._pd):
            a_doc = np.where(from_old, self._pd[i_old], nd[i_new])
            a_pos = np.where(from_old, self._pp[i_old], npos[i_new])
            a_flag = np.where(from_old, self._pf[i_old], nf[i_new])
        else:
            a_doc, a_pos, a_flag = nd[i_new], npos[i_new], nf[i_new]
        quoted = ((a_flag | nf[rep]) & QUOTED) != 0
        weight = np.where(quoted, s.quoted_weight, 1.0)
        return (
            a_doc.astype(np.int32, copy=False),
            a_pos.astype(np.int32, copy=False),
            nd[rep],
            npos[rep],
            weight,
        )

    def _merge(self, nh: U64, nd: I32, npos: I32, nf: U8, right: npt.NDArray[np.intp]) -> None:
        # Both runs are (hash, doc)-sorted and every new doc comes after every old one, so
        # each new posting goes right after the old postings of its hash: a linear merge.
        # One array at a time, each old one let go before the next is merged: at 100,000
        # articles the postings are 600 MB, and all four merged at once doubled that.
        at = right + np.arange(len(nh))
        new = np.zeros(len(self._ph) + len(nh), dtype=bool)
        new[at] = True
        old = ~new
        for name, new_arr in (("_ph", nh), ("_pd", nd), ("_pp", npos), ("_pf", nf)):
            old_arr = getattr(self, name)
            out = np.empty(len(new), dtype=old_arr.dtype)
            out[new] = new_arr
            out[old] = old_arr
            del old_arr
            setattr(self, name, out)

    # -- seed and extend --------------------------------------------------------------------

    def _passages(
        self,
        a_doc: I32,
        a_pos: I32,
        b_doc: I32,
        b_pos: I32,
        weight: npt.NDArray[np.float64],
        *,
        spans: dict[int, tuple[I32, I32]],
        texts: Callable[[str], str] | None,
    ) -> list[Reuse]:
        s = self.settings
        if len(a_doc) == 0:
            return []
        order = np.lexsort((a_pos, b_doc, a_doc))
        a_doc, a_pos, b_doc, b_pos, weight = (
            a_doc[order],
            a_pos[order],
            b_doc[order],
            b_pos[order],
            weight[order],
        )
        # pairs whose matches together cannot reach min_evidence are dropped at once
        pair_brk = np.ones(len(a_doc), dtype=bool)
        pair_brk[1:] = (a_doc[1:] != a_doc[:-1]) | (b_doc[1:] != b_doc[:-1])
        pstart = np.flatnonzero(pair_brk)
        pev = np.add.reduceat(weight, pstart)
        plen = np.diff(np.append(pstart, len(a_doc)))
        keep = np.repeat(pev >= s.min_evidence, plen)
        if not keep.any():
            return []
        a_doc, a_pos, b_doc, b_pos, weight, pair_brk = (
            a_doc[keep],
            a_pos[keep],
            b_doc[keep],
            b_pos[keep],
            weight[keep],
            pair_brk[keep],
        )
        pair_brk[0] = True
        # chains: consecutive matches (in a's order) with small jumps on both sides
        brk = pair_brk.copy()
        brk[1:] |= (np.diff(a_pos) > s.max_gap) | (np.abs(np.diff(b_pos)) > s.max_gap)
        rs = np.flatnonzero(brk)
        runs = np.stack(
            (
                a_doc[rs],
                b_doc[rs],
                a_pos[rs],
                np.maximum.reduceat(a_pos, rs),
                np.minimum.reduceat(b_pos, rs),
                np.maximum.reduceat(b_pos, rs),
                np.diff(np.append(rs, len(a_pos))),
            ),
            axis=1,
        ).tolist()
        evidence = np.add.reduceat(weight, rs).tolist()
        out: list[Reuse] = []
        i = 0
        while i < len(runs):
            j = i
            while j < len(runs) and runs[j][0] == runs[i][0] and runs[j][1] == runs[i][1]:
                j += 1
            reuse = self._pair(runs[i:j], evidence[i:j], spans, texts)
            if reuse is not None:
                out.append(reuse)
            i = j
        return out

    def _spans(
        self, doc: int, spans: dict[int, tuple[I32, I32]], texts: Callable[[str], str] | None
    ) -> _Spans:
        """Token spans of ``doc``: of this call, kept, or found again in its text."""
        got = spans.get(doc) or self._kept.get(doc)
        if got is None:
            if texts is None:
                raise ConfigError(
                    f"reuse index: the token spans of article {self._ids[doc]} were not "
                    "kept; add articles with the texts of those already in the index"
                )
            got = spans[doc] = token_spans(texts(self._ids[doc]))
        return _Spans(got[0], got[1], self.settings.shingle_size)

    def _pair(
        self,
        runs: list[list[int]],
        evidence: list[float],
        spans: dict[int, tuple[I32, I32]],
        texts: Callable[[str], str] | None,
    ) -> Reuse | None:
        s = self.settings
        gap = s.max_gap
        boxes: list[list[float]] = []  # a0, a1, b0, b1, count, evidence
        for (_, _, a0, a1, b0, b1, cnt), ev in sorted(
            zip(runs, evidence, strict=True), key=lambda r: r[0][2]
        ):
            if boxes:
                cur = boxes[-1]
                if a0 - cur[1] <= gap and b0 - cur[3] <= gap and cur[2] - b1 <= gap:
                    cur[1] = max(cur[1], a1)
                    cur[2] = min(cur[2], b0)
                    cur[3] = max(cur[3], b1)
                    cur[4] += cnt
                    cur[5] += ev
                    continue
            boxes.append([a0, a1, b0, b1, cnt, ev])
        da, db = runs[0][0], runs[0][1]
        sa, sb = self._spans(da, spans, texts), self._spans(db, spans, texts)
        passages: list[Passage] = []
        for a0f, a1f, b0f, b1f, cntf, ev in boxes:
            a0, a1, b0, b1, cnt = int(a0f), int(a1f), int(b0f), int(b1f), int(cntf)
            if ev < s.min_evidence:
                continue
            if cnt / (max(a1 - a0, b1 - b0) + 1) < s.min_density:
                continue
            pa, pb = sa.span(a0, a1), sb.span(b0, b1)
            if min(pa.end - pa.start, pb.end - pb.start) < s.min_passage_chars:
                continue
            passages.append(Passage(pa, pb))
        if not passages:
            return None
        ida, idb = self._ids[da], self._ids[db]
        if ida > idb:
            ida, idb = idb, ida
            passages = [Passage(p.b, p.a) for p in passages]
        passages.sort(key=lambda p: (p.a.start, p.b.start))
        shared = sum(min(p.a.end - p.a.start, p.b.end - p.b.start) for p in passages)
        return Reuse(ida, idb, shared, tuple(passages))

    # -- serialisation ----------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole index as bytes (``write`` to a buffer)."""
        buf = io.BytesIO()
        self.write(FrameWriter(buf))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, settings: ReuseSettings | None = None) -> ReuseIndex:
        return cls.read(FrameReader(io.BytesIO(data), "reuse index"), settings)

    def write(self, out: FrameWriter) -> None:
        """The whole index (postings, token spans, found reuse), frame by frame."""
        out.json(
            "reuse",
            {"format": _FORMAT, "version": _VERSION, "shingle_size": self.settings.shingle_size},
        )
        out.rows("reuse.ids", self._ids, len(self._ids))
        out.rows("reuse.found", (_reuse_json(r) for r in self._found), len(self._found))
        kept = sorted(self._kept)
        out.json("reuse.kept", kept)  # docs whose token spans follow, a few thousand a time
        for k in range(0, len(kept), _SPAN_CHUNK):
            part = kept[k : k + _SPAN_CHUNK]
            out.array("reuse.lengths", np.array([len(self._kept[d][0]) for d in part], np.int64))
            out.array("reuse.starts", np.concatenate([self._kept[d][0] for d in part]))
            out.array("reuse.ends", np.concatenate([self._kept[d][1] for d in part]))
        for name, arr in (("ph", self._ph), ("pd", self._pd), ("pp", self._pp), ("pf", self._pf)):
            out.array(f"reuse.{name}", arr)

    @classmethod
    def read(cls, inp: FrameReader, settings: ReuseSettings | None = None) -> ReuseIndex:
        """Load an index written by ``write``. Thresholds may differ from the ones it was
        built with, except ``shingle_size``, which its postings depend on."""
        header = inp.json("reuse")
        if (
            not isinstance(header, dict)
            or header.get("format") != _FORMAT
            or header.get("version") != _VERSION
        ):
            got = header if not isinstance(header, dict) else header.get("format")
            raise ConfigError(f"not a {_FORMAT} v{_VERSION} ({got}); rebuild it from the articles")
        index = cls(settings)
        if header["shingle_size"] != index.settings.shingle_size:
            raise ConfigError(
                f"reuse index was built with shingle_size {header['shingle_size']}, settings "
                f"say {index.settings.shingle_size}; rebuild the index or use its size"
            )
        index._ids = list(inp.rows("reuse.ids"))
        index._index = {a: i for i, a in enumerate(index._ids)}
        index._found = [_reuse_from_json(r) for r in inp.rows("reuse.found")]
        kept = [int(d) for d in inp.json("reuse.kept")]
        if any(not 0 <= d < len(index._ids) for d in kept):
            raise ConfigError("reuse index: token spans of unknown articles; rebuild it")
        for k in range(0, len(kept), _SPAN_CHUNK):
            part = kept[k : k + _SPAN_CHUNK]
            cuts = np.cumsum(inp.array("reuse.lengths"))[:-1]
            starts = np.split(inp.array("reuse.starts").astype(np.int32, copy=False), cuts)
            ends = np.split(inp.array("reuse.ends").astype(np.int32, copy=False), cuts)
            if not len(part) == len(starts) == len(ends):
                raise ConfigError("reuse index: token spans and articles differ; rebuild it")
            index._kept.update(zip(part, zip(starts, ends, strict=True), strict=True))
        index._ph = inp.array("reuse.ph").astype(np.uint64, copy=False)
        index._pd = inp.array("reuse.pd").astype(np.int32, copy=False)
        index._pp = inp.array("reuse.pp").astype(np.int32, copy=False)
        index._pf = inp.array("reuse.pf").astype(np.uint8, copy=False)
        return index


@dataclass(frozen=True, slots=True)
class _Spans:
    starts: I32
    ends: I32
    size: int

    def span(self, first: int, last: int) -> Span:
        return Span(int(self.starts[first]), int(self.ends[last + self.size - 1]))


def _postings(fresh: list[tuple[str, Shingled]], base: int) -> tuple[U64, I32, I32, U8]:
    """One posting per distinct usable shingle (not stock, not across a paragraph break) of
    each article, at its first occurrence (``Shingled.keys``); sorted by (hash, doc)."""
    h_all = np.concatenate([sh.keys for _, sh in fresh])
    p_all = np.concatenate([sh.key_pos for _, sh in fresh])
    f_all = np.concatenate([sh.flags[sh.key_pos] for _, sh in fresh])
    d_all = np.repeat(
        np.arange(base, base + len(fresh), dtype=np.int32), [len(sh.keys) for _, sh in fresh]
    )
    order = np.lexsort((d_all, h_all))
    return h_all[order], d_all[order], p_all[order], f_all[order]


def _reuse_json(r: Reuse) -> dict[str, Any]:
    return {
        "a": r.a,
        "b": r.b,
        "shared_chars": r.shared_chars,
        "passages": [[p.a.start, p.a.end, p.b.start, p.b.end] for p in r.passages],
    }


def _reuse_from_json(d: dict[str, Any]) -> Reuse:
    return Reuse(
        d["a"],
        d["b"],
        int(d["shared_chars"]),
        tuple(Passage(Span(p[0], p[1]), Span(p[2], p[3])) for p in d["passages"]),
    )


# --- batch API ------------------------------------------------------------------------------


def find_reuse(
    articles: Iterable[CleanArticle], settings: ReuseSettings | None = None
) -> list[Reuse]:
    """All reuse among ``articles``, sorted by (a, b)."""
    index = ReuseIndex(settings)
    index.add(articles)
    return index.reuse()


def syndication_groups(reuse: Iterable[Reuse], min_chars: int | None = None) -> list[set[str]]:
    """Articles connected by substantial shared copy (``shared_chars >= min_chars``, default
    ``reuse.group_min_chars``): connected components of at least two articles, sorted by
    their smallest id."""
    threshold = default_settings().group_min_chars if min_chars is None else min_chars
    sets = UnionFind()

    for r in reuse:
        if r.shared_chars >= threshold:
            sets.union(r.a, r.b)
    groups: dict[str, set[str]] = {}
    for x in list(sets.parent):
        groups.setdefault(sets.find(x), set()).add(x)
    return sorted((g for g in groups.values() if len(g) > 1), key=min)
