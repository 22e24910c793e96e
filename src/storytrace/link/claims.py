"""Claims across articles and the relations between them.

A *claim* is one statement as many outlets report it. Statements join one claim when

- they come from the same origin (the speaker's entity, or the entity the speaker cites:
  "Yonhap unter Berufung auf den Geheimdienst" has the Geheimdienst as origin) and their
  texts are close in meaning (multilingual sentence embeddings, so that two German
  translations of one English sentence match), or
- they give the same figure for the same counted thing and are close in meaning, whatever
  the outlets call the origin;

and never when both give figures and share none (1,500 and 3,000 soldiers are two claims).
Candidate pairs come from blocks (same origin, same figure), never from all pairs, and only
within a story.

*Independent origins* of a claim: its statements collapse when they share an origin entity
or when they stand in text that two outlets share (reuse passages: the same wire copy);
what is left is counted, and named.

*Relations*: ``updates`` (same origin and counted thing, another figure, later), ``contradicts``
(a confirmation or assertion against a denial of the same proposition), ``confirms`` (a later
confirmation of what was earlier "not confirmed"), ``supports`` (another origin asserts the
same). Thresholds are data: ``resources/common/claims.toml``.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations
from typing import Any

import numpy as np
import numpy.typing as npt

from storytrace.annotate.quantities import Quantity, find_quantities
from storytrace.annotate.timeexpr import find_time_expressions
from storytrace.errors import ConfigError, ResourceError
from storytrace.link.frames import FrameReader, FrameWriter
from storytrace.link.unionfind import UnionFind
from storytrace.model import (
    AnnotatedArticle,
    Attribution,
    Claim,
    ClaimRelation,
    Reuse,
    Span,
    Stance,
)
from storytrace.resources import load_toml

__all__ = ["ArticleStatements", "ClaimIndex", "article_statements", "attribution_id", "link_claims"]

Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]
_WORD = re.compile(r"[^\W\d_]{3,}")
#: One empty set for the many statements without figures.
_NO_FIGURES: frozenset[tuple[float, str]] = frozenset()


def attribution_id(article_id: str, seq: int, att: Attribution) -> str:
    """The dossier id of an attribution: stable for the same article and spans."""
    content = att.content[0] if att.content else Span(0, 0)
    key = f"{article_id}:{seq}:{content.start}:{att.content[-1].end if att.content else 0}"
    return "t" + hashlib.sha1(key.encode()).hexdigest()[:15]


@dataclass(frozen=True, slots=True)
class _Settings:
    same_origin: float
    same_figure: float
    proposition: float
    lexical_same_origin: float
    lexical_same_figure: float
    lexical_proposition: float
    assertion_contradicts: float
    lexical_assertion_contradicts: float
    update: float
    near_copy: float
    group_texts: int
    negations: frozenset[str]
    context_min_words: int
    anaphors: frozenset[str]
    unit_group: Mapping[str, str]
    past_markers: frozenset[str]
    head_suffixes: tuple[str, ...]
    frames: Mapping[str, tuple[str, ...]]


@cache
def _settings() -> _Settings:
    data = load_toml("common", "claims")
    try:
        groups = {
            unit.casefold(): name
            for name, units in data.get("unit_groups", {}).items()
            for unit in units
        }
        return _Settings(
            same_origin=float(data["same_origin"]),
            same_figure=float(data["same_figure"]),
            proposition=float(data["proposition"]),
            lexical_same_origin=float(data["lexical_same_origin"]),
            lexical_same_figure=float(data["lexical_same_figure"]),
            lexical_proposition=float(data["lexical_proposition"]),
            assertion_contradicts=float(data["assertion_contradicts"]),
            lexical_assertion_contradicts=float(data["lexical_assertion_contradicts"]),
            update=float(data["update"]),
            near_copy=float(data["near_copy"]),
            group_texts=int(data["group_texts"]),
            negations=frozenset(w.casefold() for w in data["negations"]),
            context_min_words=int(data["context_min_words"]),
            anaphors=frozenset(data["anaphors"]),
            unit_group=groups,
            past_markers=frozenset(data["past_markers"]),
            head_suffixes=tuple(data["head_suffixes"]),
            frames={k: tuple(v) for k, v in data.get("frames", {}).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"resource common/claims.toml: {exc}") from exc


@dataclass(slots=True)
class _Statement:
    """One attribution as claims compare it. The fields up to ``inner`` are a pure function
    of its article and never change; ``story``, ``origin``, ``family`` and ``speaker``
    depend on the collection (entities, stories) and are set anew on every ``add``."""

    id: str
    article: str
    seq: int
    stance: Stance
    figures: frozenset[tuple[float, str]]
    text: str  # what is compared
    date: str | None
    content: Span
    content_text: str
    #: What its figures count as (``frame_of`` its content).
    frame: str | None
    #: The speaker's mention, the mentions it cites, and the written source.
    speaker_ref: int | None
    via_refs: tuple[int, ...]
    written: str | None
    #: (mention, head noun) of each referenced mention: the origin when no entity stands
    #: for the mention.
    heads: tuple[tuple[int, str], ...]
    #: Attributions of quotes inside this statement by its cue: part of its claim.
    inner: tuple[str, ...] = ()
    story: str = ""
    origin: str | None = None  # entity id (or "noun:…") of the origin
    family: str | None = None  # the origin as counted: a state's institutions are one
    speaker: tuple[str, str | None] | None = None

    @property
    def words(self) -> frozenset[str]:
        # not a field: kept for 600,000 statements the word sets would cost more than all
        # else the index holds; the bounded cache of _words serves the pairs being compared
        return _words(self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "seq": self.seq,
            "stance": self.stance,
            "figures": sorted([v, u] for v, u in self.figures),
            "text": self.text,
            "date": self.date,
            "content": [self.content.start, self.content.end],
            "content_text": self.content_text,
            "speaker_ref": self.speaker_ref,
            "via_refs": list(self.via_refs),
            "written": self.written,
            "heads": {str(k): v for k, v in self.heads},
            "inner": list(self.inner),
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> _Statement:
        return cls(
            id=d["id"],
            article=d["article"],
            seq=int(d["seq"]),
            stance=d["stance"],
            figures=frozenset((float(v), str(u)) for v, u in d["figures"]) or _NO_FIGURES,
            text=d["text"],
            date=d["date"],
            content=Span(*d["content"]),
            content_text=d["content_text"],
            frame=frame_of(d["content_text"]),
            speaker_ref=d["speaker_ref"],
            via_refs=tuple(d["via_refs"]),
            written=d["written"],
            heads=tuple((int(k), v) for k, v in d["heads"].items()),
            inner=tuple(d.get("inner", ())),
        )


@lru_cache(maxsize=65_536)
def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(text))


def unit_group(unit: str) -> str:
    """The counted thing a unit names: "Soldaten", "Mann", "troops" → "soldiers"."""
    unit = unit.strip()
    return _settings().unit_group.get(unit.casefold(), unit.casefold())


def _unit(q: Quantity) -> str:
    return unit_group(q.unit or "")


def frame_of(text: str) -> str | None:
    """What a figure counts as: "trained", "planned" or "sent", from words of its statement."""
    frames = _settings().frames
    found = set(re.findall(r"\w+", text))
    for name in ("trained", "planned", "sent"):
        if any((w in found) if " " not in w else (w in text) for w in frames.get(name, ())):
            return name
    return None


def _figures(quantities: Sequence[Quantity], spans: Sequence[Span]) -> frozenset[tuple[float, str]]:
    out = set()
    for q in quantities:
        if not any(s.start <= q.span.start and q.span.end <= s.end for s in spans):
            continue
        node: Quantity | None = q
        while node is not None:
            if node.unit:
                out.add((node.value, _unit(node)))
            node = node.per
    return frozenset(out) if out else _NO_FIGURES


def _past_values(text: str, quantities: Sequence[Quantity]) -> frozenset[float]:
    """Figures the article names as earlier ones: "Zuvor war von 1.500 die Rede"."""
    out = set()
    markers = _settings().past_markers
    for q in quantities:
        left = max(text.rfind(". ", 0, q.span.start), text.rfind("\n", 0, q.span.start)) + 1
        right = text.find(". ", q.span.end)
        sentence = text[left : right if right >= 0 else len(text)].lower()
        if any(w in markers for w in re.findall(r"\w+", sentence)):
            out.add(q.value)
    return frozenset(out)


def _article_statements(
    annotated: AnnotatedArticle, quantities: Sequence[Quantity]
) -> list[_Statement]:
    """The statements of one article: a pure function of it (see :class:`_Statement`)."""
    cfg = _settings()
    art = annotated.article
    text = art.text
    published = art.published.value if art.published else None
    out: list[_Statement] = []
    # a quote inside reported content ("X sagte, das sei „ein Skandal“") is the same
    # statement as the one around it, by the same cue: one statement for claims
    outer_cues = {att.cue for att in annotated.attributions if att.cue and not att.nested}
    inner: dict[tuple[Span, ...], list[str]] = defaultdict(list)
    for seq, att in enumerate(annotated.attributions):
        if att.content and att.nested and att.cue and att.cue in outer_cues:
            inner[att.cue].append(attribution_id(art.id, seq, att))
    for seq, att in enumerate(annotated.attributions):
        if not att.content or (att.nested and att.cue and att.cue in outer_cues):
            continue
        refs = [r for r in (att.speaker, *att.via) if r is not None]
        heads = tuple((r, noun_head(annotated.mentions[r].span.of(text))) for r in refs)
        content = Span(att.content[0].start, att.content[-1].end)
        body = " ".join(s.of(text) for s in att.content)
        words = body.split()
        if len(words) < cfg.context_min_words or (words and words[0] in cfg.anaphors):
            sent = (
                annotated.sentences[att.sentence].span
                if att.sentence < len(annotated.sentences)
                else content
            )
            before = [s for s in annotated.sentences if s.span.end <= sent.start]
            context = before[-1].span.of(text) if before else ""
            body = f"{context} {sent.of(text)}".strip()
        content_text = " ".join(s.of(text) for s in att.content)
        said = None
        if att.said_on is not None:
            found = find_time_expressions(
                text, art.language, art.published, att.said_on.start, att.said_on.end
            )
            said = found[0].date if found else None
        out.append(
            _Statement(
                id=attribution_id(art.id, seq, att),
                article=art.id,
                seq=seq,
                stance=att.stance,
                figures=_figures(quantities, att.content),
                text=body,
                date=said or published,
                content=content,
                content_text=content_text,
                frame=frame_of(content_text),
                speaker_ref=att.speaker,
                via_refs=tuple(att.via),
                written=" ".join(s.of(text) for s in att.source) or None,
                heads=heads,
                inner=tuple(inner.pop(att.cue, ())) if not att.nested else (),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class ArticleStatements:
    """What the claim index takes of one article; ``past`` is None for an article that
    attributes nothing."""

    article: str
    outlet: str
    statements: list[_Statement]
    past: frozenset[float] | None


def article_statements(annotated: AnnotatedArticle) -> ArticleStatements:
    """The per-article step of claims, a pure function (safe in a process pool)."""
    art = annotated.article
    outlet = art.outlet or art.origin.source
    if not annotated.attributions:
        return ArticleStatements(art.id, outlet, [], None)
    # figures are found once per article and serve statements and relations alike
    quantities = find_quantities(art.text, art.language)
    return ArticleStatements(
        art.id,
        outlet,
        _article_statements(annotated, quantities),
        _past_values(art.text, quantities),
    )


def noun_head(text: str) -> str:
    """The head noun of a name or role as origin keys compare it: last word, casefolded,
    without a genitive or plural ending."""
    words = text.split()
    head = words[-1].casefold() if words else ""
    for suffix in _settings().head_suffixes:
        if head.endswith(suffix) and len(head) - len(suffix) >= 5:
            return head[: -len(suffix)]
    return head


def _lexical(a: _Statement, b: _Statement) -> float:
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / len(a.words | b.words)


class _Vectors:
    """Sentence embeddings of what was said (for claims) or of the proposition with its
    context (for relations), computed once per statement and kept with the index: the
    statements of a big collection that share no block with another never need one."""

    def __init__(self, of: str) -> None:
        self.of = of
        self.vectors: dict[str, npt.NDArray[np.float32]] = {}

    def text(self, s: _Statement) -> str:
        # short or anaphoric statements ("Das würde eine Eskalation bedeuten") are
        # compared with their context in both modes
        return s.content_text if self.of == "content" and s.text == s.content_text else s.text

    def ensure(self, statements: Sequence[_Statement], embedder: Embedder | None) -> None:
        missing = [s for s in statements if s.id not in self.vectors]
        if embedder is None or not missing:
            return
        # reprints of one wire text repeat its statements word for word: embed each once
        texts = list(dict.fromkeys(self.text(s) for s in missing))
        by_text = dict(zip(texts, embedder(texts), strict=True))
        for s in missing:
            self.vectors[s.id] = np.asarray(by_text[self.text(s)], dtype=np.float32)

    def write(self, out: FrameWriter) -> None:
        ids = sorted(self.vectors)
        cuts = range(0, len(ids), _VECTOR_CHUNK)
        out.json(f"vectors.{self.of}", len(cuts))
        for k in cuts:
            part = ids[k : k + _VECTOR_CHUNK]
            out.json(f"vectors.{self.of}.ids", part)
            out.array(f"vectors.{self.of}", np.stack([self.vectors[i] for i in part]))

    def read(self, inp: FrameReader) -> None:
        self.vectors = {}
        for _ in range(int(inp.json(f"vectors.{self.of}"))):
            ids = inp.json(f"vectors.{self.of}.ids")
            matrix = inp.array(f"vectors.{self.of}").astype(np.float32, copy=False)
            if len(matrix) != len(ids):
                raise ConfigError(f"claim index: {self.of} vectors and ids differ; rebuild it")
            self.vectors.update(zip(ids, matrix, strict=True))


class _Similarity:
    """Cosine of two statements' embeddings, or word overlap when there is no encoder."""

    def __init__(self, vectors: _Vectors, semantic: bool) -> None:
        self.vectors = vectors.vectors
        self.semantic = semantic

    def __contains__(self, s: _Statement) -> bool:
        return not self.semantic or s.id in self.vectors

    def __call__(self, a: _Statement, b: _Statement) -> float:
        va, vb = self.vectors.get(a.id), self.vectors.get(b.id)
        if not self.semantic or va is None or vb is None:
            return _lexical(a, b)
        return float(np.dot(va, vb))


def _comparable(a: _Statement, b: _Statement, reprinted: bool = False) -> bool:
    """What rules a pair out before any similarity is computed (so that no sentence
    vector is made for it). ``reprinted``: the two stand at one place of a passage their
    articles share, so they are one wire text even where an origin is missing on one side
    ("nach eigenen Angaben") or resolved on one side only."""
    if a.story != b.story or a.article == b.article:
        return False
    if a.figures and b.figures and not (a.figures & b.figures):
        return False  # different figures are different claims
    if _stance_class(a.stance) != _stance_class(b.stance):
        return False
    fa, fb = _frame([a]), _frame([b])
    if fa and fb and fa != fb:
        return False  # 10,000 trained is not 10,000 planned
    if reprinted and (a.origin is None or b.origin is None or a.origin == b.origin):
        return True
    return (a.origin is not None and a.origin == b.origin) or bool(a.figures & b.figures)


def _near_copy(a: _Statement, b: _Statement) -> bool:
    """Nearly the same words (a word swapped, a figure written otherwise) and no negation
    among the words they do not share: one statement, edited, whatever the encoder says."""
    cfg = _settings()
    if _lexical(a, b) < cfg.near_copy:
        return False
    return not ((a.words ^ b.words) & cfg.negations)


def _same_claim(a: _Statement, b: _Statement, sim: _Similarity) -> bool:
    """For a :func:`_comparable` pair: close enough in meaning for its kind of block."""
    cfg = _settings()
    score = sim(a, b)
    if a.figures & b.figures and not (a.origin is not None and a.origin == b.origin):
        return score >= (cfg.same_figure if sim.semantic else cfg.lexical_same_figure)
    # one origin, or one place of a reprinted passage
    return score >= (cfg.same_origin if sim.semantic else cfg.lexical_same_origin)


def _stance_class(stance: Stance) -> str:
    return {"deny": "deny", "unconfirmed": "unconfirmed", "confirm": "confirm"}.get(
        stance, "assert"
    )


def _blocks(statements: Sequence[_Statement]) -> list[list[int]]:
    """Statements that may be one claim: same story and origin, or same story and figure."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        if s.origin is not None:
            blocks[("origin", s.story, s.origin)].append(i)
        for value, unit in s.figures:
            blocks[("figure", s.story, str(value), unit)].append(i)
    return [members for members in blocks.values() if len(members) > 1]


def _copies(
    statements: Sequence[_Statement], dirty: Sequence[bool]
) -> tuple[list[int], list[tuple[int, int]]]:
    """Word-for-word repeats of one statement in several articles (reprints of one wire
    text) are one claim without comparing them, and only one of them (one that was compared
    before, if any) is compared with the rest: a story reprinted by a hundred outlets would
    otherwise give ten thousand pairs per statement. Returns the statements to compare and
    the pairs to join."""
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for k, s in enumerate(statements):
        key = (s.story, s.origin, _stance_class(s.stance), s.figures, s.text, s.content_text)
        groups[key].append(k)
    keep: list[int] = []
    joins: list[tuple[int, int]] = []
    for members in groups.values():
        first = statements[members[0]]
        if (
            len(members) == 1
            or (first.origin is None and not first.figures)  # shares no block: no claim
            or len({statements[k].article for k in members}) < 2  # one article repeating
        ):
            keep.extend(members)
            continue
        rep = next((k for k in members if not dirty[k]), members[0])
        keep.append(rep)
        joins.extend((rep, k) for k in members if k != rep)
    keep.sort()
    return keep, joins


def _candidate_pairs(
    statements: Sequence[_Statement], dirty: Sequence[bool]
) -> set[tuple[int, int]]:
    """Pairs within a block with at least one statement that is new or whose origin or
    story changed: the other pairs were compared by an earlier ``add``."""
    pairs: set[tuple[int, int]] = set()
    for members in _blocks(statements):
        changed = [k for k in members if dirty[k]]
        if not changed:
            continue
        if len(changed) == len(members):
            pairs.update(combinations(members, 2))
            continue
        for k in changed:
            pairs.update((min(k, m), max(k, m)) for m in members if m != k)
    return pairs


def _reused_spans(reuse: Sequence[Reuse]) -> dict[tuple[str, str], list[tuple[Span, Span]]]:
    out: dict[tuple[str, str], list[tuple[Span, Span]]] = defaultdict(list)
    for r in reuse:
        for p in r.passages:
            out[(r.a, r.b)].append((p.a, p.b))
            out[(r.b, r.a)].append((p.b, p.a))
    return out


def _reprinted_pairs(
    statements: Sequence[_Statement], reuse: Sequence[Reuse], dirty: Sequence[bool]
) -> set[tuple[int, int]]:
    """Pairs of statements that stand at the same place of a passage two articles share
    (one wire text, lightly edited), with at least one new or changed statement."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, st in enumerate(statements):
        by_article[st.article].append(k)
    pairs: set[tuple[int, int]] = set()
    for r in reuse:
        left, right = by_article.get(r.a, []), by_article.get(r.b, [])
        if not left or not right or not any(dirty[k] for k in left + right):
            continue
        for p in r.passages:
            slack = 0.2 * max(p.a.end - p.a.start, p.b.end - p.b.start) + 50
            ins_a = [k for k in left if _inside(statements[k].content, p.a)]
            ins_b = [k for k in right if _inside(statements[k].content, p.b)]
            for i in ins_a:
                at = statements[i].content.start - p.a.start
                for j in ins_b:
                    if not (dirty[i] or dirty[j]):
                        continue
                    if abs(at - (statements[j].content.start - p.b.start)) <= slack:
                        pairs.add((min(i, j), max(i, j)))
    return pairs


def _inside(span: Span, passage: Span) -> bool:
    overlap = min(span.end, passage.end) - max(span.start, passage.start)
    return overlap >= 0.6 * max(1, span.end - span.start)


def _origins(
    members: Sequence[_Statement],
    reused: Mapping[tuple[str, str], list[tuple[Span, Span]]],
    names: Mapping[str, str],
    outlets: Mapping[str, str],
) -> tuple[str, ...]:
    uf = UnionFind({m.id: m.id for m in members})
    first_of_family: dict[str, str] = {}
    by_article: dict[str, list[_Statement]] = defaultdict(list)
    for m in members:
        by_article[m.article].append(m)
        if m.family is not None:
            uf.union(first_of_family.setdefault(m.family, m.id), m.id)
    for x, y in combinations(sorted(by_article), 2):
        for pa, pb in reused.get((x, y), []):
            for a in by_article[x]:
                for b in by_article[y]:
                    if _inside(a.content, pa) and _inside(b.content, pb):
                        uf.union(a.id, b.id)  # one wire text reprinted
    groups: dict[str, list[_Statement]] = defaultdict(list)
    for m in members:
        groups[uf.find(m.id)].append(m)
    named: set[str] = set()  # origins shown by the name of what they are: one per name
    out = []
    for group in groups.values():
        labelled = next((names[m.origin] for m in group if m.origin and m.origin in names), None)
        if labelled is None:
            labelled = next(
                (m.origin.removeprefix("noun:").capitalize() for m in group if m.origin), None
            )
        if labelled is not None:
            if labelled.casefold() not in named:
                named.add(labelled.casefold())
                out.append(labelled)
            continue
        # no origin: the written speaker or the outlet, each group its own
        speaker = next((m.speaker[0] for m in group if m.speaker), None)
        out.append(speaker or outlets.get(group[0].article) or "unnamed source")
    return tuple(sorted(out))


_STATE_KEY = re.compile(r"^(?:gov|intel|mil|min|ministry|army|police):(\w+)$")


def origin_families(entity_keys: Mapping[str, str | None]) -> dict[str, str]:
    """Entity id → the origin it counts as: a state's government, intelligence service and
    army ("gov:kr", "intel:kr") are one origin, "state:kr"; other entities are their own."""
    out = {}
    for eid, key in entity_keys.items():
        m = _STATE_KEY.match(key or "")
        out[eid] = f"state:{m.group(1)}" if m else eid
    return out


_FORMAT = "storytrace-claim-index"
_VERSION = 2  # 2: frames
#: Sentence vectors per array frame.
_VECTOR_CHUNK = 20_000


class ClaimIndex:
    """Claims over a growing collection. ``add`` takes new articles (their statements are
    prepared once); ``link`` compares what is new or changed with its blocks and returns
    all claims and relations. Decisions once made are kept: a later ``link`` never splits
    a claim, it only joins statements to claims (so entity merges can join claims, and an
    entity that later splits does not split them). ``write`` keeps the whole state,
    sentence vectors included, so the store can carry it from run to run."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self.embedder = embedder
        self.semantic = embedder is not None
        self._statements: list[_Statement] = []
        self._articles: set[str] = set()
        self._outlets: dict[str, str] = {}
        self._past: dict[str, frozenset[float]] = {}
        #: (story, origin, family) of each statement when it was last compared.
        self._seen: dict[str, tuple[str, str | None, str | None]] = {}
        self._uf = UnionFind()
        #: Copies of one statement, word for word or near: one of them (the group's root)
        #: stands for all when compared with other statements.
        self._copy = UnionFind()
        self._content = _Vectors("content")
        self._proposition = _Vectors("proposition")
        #: Pairs compared by the last ``link`` (the work it did), and its statements that
        #: were new or whose story or origin changed.
        self.compared = 0
        self.changed = 0

    def __len__(self) -> int:
        return len(self._statements)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._articles

    def add(self, articles: Iterable[AnnotatedArticle]) -> int:
        """Prepare the statements of articles not yet in the index; returns how many."""
        return self.add_prepared(article_statements(a) for a in articles)

    def add_prepared(self, items: Iterable[ArticleStatements]) -> int:
        """Add statements prepared by :func:`article_statements` (in a worker, say);
        articles already in the index are skipped. Returns how many statements were new."""
        before = len(self._statements)
        texts: dict[str, str] = {}  # reprints share their statements' strings
        for item in items:
            if item.article in self._articles:
                continue
            self._articles.add(item.article)
            self._outlets[item.article] = item.outlet
            if item.past is None:
                continue
            self._past[item.article] = item.past
            for st in item.statements:
                st.text = texts.setdefault(st.text, st.text)
                st.content_text = texts.setdefault(st.content_text, st.content_text)
                self._statements.append(st)
                self._uf.add(st.id)
        return len(self._statements) - before

    def link(
        self,
        entity_of: Mapping[tuple[str, int], str],
        entity_names: Mapping[str, str],
        *,
        entity_keys: Mapping[str, str | None] | None = None,
        entity_heads: Mapping[str, str] | None = None,
        reuse: Sequence[Reuse] = (),
        story_of: Mapping[str, str] | None = None,
    ) -> tuple[list[Claim], list[ClaimRelation]]:
        """All claims and relations, given the collection's entities, reuse and stories."""
        statements = self._statements
        self._refresh(entity_of, entity_keys or {}, entity_heads or {}, story_of or {})
        dirty = [self._seen.get(s.id) != (s.story, s.origin, s.family) for s in statements]
        self.changed = sum(dirty)
        keep, copies = _copies(statements, dirty)
        for i, j in copies:
            self._uf.union(statements[i].id, statements[j].id)
            self._copy.union(statements[i].id, statements[j].id)
        kept = [statements[k] for k in keep]
        pairs = [
            (keep[i], keep[j])
            for i, j in sorted(_candidate_pairs(kept, [dirty[k] for k in keep]))
            if _comparable(kept[i], kept[j])
        ]
        blocked = set(pairs)
        pairs.extend(
            (i, j)
            for i, j in sorted(_reprinted_pairs(statements, reuse, dirty))
            if (i, j) not in blocked and _comparable(statements[i], statements[j], True)
        )
        # pairs already in one claim (reprints joined above, earlier decisions) need no look
        find = self._uf.find
        pairs = [(i, j) for i, j in pairs if find(statements[i].id) != find(statements[j].id)]
        self.compared = len(pairs)
        if self.semantic:
            # a subeditor's copy of one statement needs no encoder: join it on its words
            near = [(i, j) for i, j in pairs if _near_copy(statements[i], statements[j])]
            for i, j in near:
                self._uf.union(statements[i].id, statements[j].id)
                self._copy.union(statements[i].id, statements[j].id)
            pairs = self._representatives(
                [(i, j) for i, j in pairs if find(statements[i].id) != find(statements[j].id)]
            )
        self._content.ensure(
            [statements[k] for k in sorted({k for pair in pairs for k in pair})], self.embedder
        )
        sim = _Similarity(self._content, self.semantic)
        for i, j in pairs:
            if find(statements[i].id) == find(statements[j].id):
                continue  # joined by another text pair of their copy groups
            if _same_claim(statements[i], statements[j], sim):
                self._uf.union(statements[i].id, statements[j].id)
        for s in statements:
            self._seen[s.id] = (s.story, s.origin, s.family)
        # the pair lists are the biggest things alive here; claims are built without them
        del pairs, blocked, keep, kept, copies, dirty
        claims, members_of = self._claims(entity_names, reuse)
        candidates = _relation_candidates(claims, members_of)
        # the propositions of contested statements are compared, where a relation may hold
        involved = dict.fromkeys(c.id for pair in candidates for c in pair)
        contested = [
            s
            for cid in involved
            for s in members_of[cid]
            if s.stance in ("deny", "confirm", "unconfirmed")
        ]
        self._proposition.ensure(contested, self.embedder)
        propositions = _Similarity(self._proposition, self.semantic)
        relations = _relations(
            claims, members_of, candidates, propositions, entity_names, self._past
        )
        return claims, relations

    def _representatives(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Each pair with its statements replaced by their copy groups' roots, once: a
        wire statement reprinted with edits by fifty outlets is compared with another
        statement once, not fifty times (and embedded once). Two copy groups that meet in
        one article are two statements of it, as two statements of one article are never
        compared (a reprinted article repeats each of its statements, not one as the
        other). A pair whose roots are not comparable stays as it was. Beside the roots,
        the pair's own statements are compared where their texts differ, up to
        ``group_texts`` text pairs per pair of groups: which copy is the root must not
        decide whether two groups join."""
        statements = self._statements
        position = {s.id: k for k, s in enumerate(statements)}
        root, find = self._copy.find, self._uf.find
        # the articles of each group of copies, for the groups of more than one statement
        articles: dict[str, set[str]] = {}
        for s in statements:
            r = root(s.id)
            if r != s.id:
                articles.setdefault(r, {statements[position[r]].article}).add(s.article)

        def articles_of(group: str) -> set[str]:
            return articles.get(group) or {statements[position[group]].article}

        limit = _settings().group_texts
        out: dict[tuple[int, int], None] = {}
        texts: dict[tuple[str, str], set[tuple[str, str]]] = {}  # group pair → text pairs
        for i, j in pairs:
            gi, gj = root(statements[i].id), root(statements[j].id)
            ri, rj = position[gi], position[gj]
            if find(gi) == find(gj):
                continue  # the copies are in one claim already, and with them the pair
            if gi != gj and not articles_of(gi).isdisjoint(articles_of(gj)):
                continue
            if ri != rj and _comparable(statements[ri], statements[rj]):
                seen = texts.setdefault((min(gi, gj), max(gi, gj)), set())
                # the roots first, then the pair's own statements where their texts differ
                for a, b in ((ri, rj), (i, j)):
                    key = tuple(sorted((statements[a].text, statements[b].text)))
                    if len(seen) < limit and key not in seen:
                        seen.add((key[0], key[1]))
                        out[(min(a, b), max(a, b))] = None
            else:
                out[(i, j)] = None
        return list(out)

    def _refresh(
        self,
        entity_of: Mapping[tuple[str, int], str],
        entity_keys: Mapping[str, str | None],
        heads: Mapping[str, str],
        story_of: Mapping[str, str],
    ) -> None:
        families = origin_families(entity_keys)

        def key(s: _Statement, ref: int) -> str:
            # a mention no entity stands for ("den Geheimdienst") is its head noun: within a
            # story, "der Geheimdienst" is one and the same, and where the collection names
            # only one ("der südkoreanische Geheimdienst (NIS)"), that one
            entity = entity_of.get((s.article, ref))
            if entity is not None:
                return entity
            head = next(h for r, h in s.heads if r == ref)
            return heads.get(head, f"noun:{head}")

        for s in self._statements:
            s.story = story_of.get(s.article, "")
            if s.via_refs:
                s.origin = key(s, s.via_refs[-1])
            elif s.speaker_ref is not None:
                s.origin = key(s, s.speaker_ref)
            else:
                s.origin = None
            s.family = families.get(s.origin, s.origin) if s.origin is not None else None
            entity = (
                entity_of.get((s.article, s.speaker_ref)) if s.speaker_ref is not None else None
            )
            s.speaker = (s.written, entity) if s.written else None

    def _claims(
        self, entity_names: Mapping[str, str], reuse: Sequence[Reuse]
    ) -> tuple[list[Claim], dict[str, list[_Statement]]]:
        groups: dict[str, list[_Statement]] = defaultdict(list)
        for s in self._statements:
            groups[self._uf.find(s.id)].append(s)
        reused = _reused_spans(reuse)
        claims: list[Claim] = []
        members_of: dict[str, list[_Statement]] = {}
        for members in groups.values():
            members.sort(key=lambda m: (m.date or "9999", m.article, m.seq))
            first = members[0]
            digest = hashlib.sha1("|".join(sorted(m.id for m in members)).encode()).hexdigest()
            cid = "c" + digest[:11]
            # one entry per speaker entity, under its name ("Robert Wood", not "er")
            by_entity: dict[str, tuple[str, str | None]] = {}
            for m in members:
                if m.speaker is None:
                    continue
                written, entity = m.speaker
                by_entity.setdefault(
                    entity or written,
                    (entity_names.get(entity, written) if entity else written, entity),
                )
            speakers = list(by_entity.values())
            named = [entity_names[e] for _, e in speakers if e and e in entity_names]
            who = named[0] if named else speakers[0][0] if speakers else "Unnamed"
            claims.append(
                Claim(
                    id=cid,
                    attributions=tuple(x for m in members for x in (m.id, *m.inner)),
                    articles=tuple(dict.fromkeys(m.article for m in members)),
                    speakers=tuple(speakers),
                    origins=_origins(members, reused, entity_names, self._outlets),
                    first_seen=_first_seen([m.date for m in members]),
                    summary=_summary(who, first),
                    stance=_majority_stance([m.stance for m in members]),
                    figures=tuple(sorted(frozenset().union(*(m.figures for m in members)))),
                )
            )
            members_of[cid] = members
        claims.sort(key=lambda c: (c.first_seen or "9999", c.id))
        return claims, members_of

    # -- serialisation ----------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole index as bytes (``write`` to a buffer)."""
        buf = io.BytesIO()
        self.write(FrameWriter(buf))
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, embedder: Embedder | None = None) -> ClaimIndex:
        return cls.read(FrameReader(io.BytesIO(data), "claim index"), embedder)

    def write(self, out: FrameWriter) -> None:
        """The whole index (statements, decisions, sentence vectors), frame by frame."""
        out.json("claims", {"format": _FORMAT, "version": _VERSION, "semantic": self.semantic})
        out.rows("claims.articles", sorted(self._articles), len(self._articles))
        out.rows("claims.outlets", self._outlets.items(), len(self._outlets))
        out.rows("claims.past", ((a, sorted(v)) for a, v in self._past.items()), len(self._past))
        out.rows("claims.statements", (s.to_json() for s in self._statements), len(self))
        out.rows("claims.seen", self._seen.items(), len(self._seen))
        out.rows("claims.parent", self._uf.parent.items(), len(self._uf.parent))
        out.rows("claims.copies", self._copy.parent.items(), len(self._copy.parent))
        for vectors in (self._content, self._proposition):
            vectors.write(out)

    @classmethod
    def read(cls, inp: FrameReader, embedder: Embedder | None = None) -> ClaimIndex:
        """Load an index written by ``write``. It must be used with an encoder when it was
        built with one, and without when not: similarities of both kinds do not mix."""
        header = inp.json("claims")
        if (
            not isinstance(header, dict)
            or header.get("format") != _FORMAT
            or header.get("version") != _VERSION
        ):
            got = header.get("version") if isinstance(header, dict) else header
            raise ConfigError(
                f"not a {_FORMAT} v{_VERSION} (found {got}); rebuild it from the articles"
            )
        index = cls(embedder)
        if bool(header["semantic"]) != index.semantic:
            built = "with" if header["semantic"] else "without"
            raise ConfigError(
                f"the claim index was built {built} the sentence encoder and is used "
                f"{'without' if built == 'with' else 'with'} it; rebuild it from the articles"
            )
        index._articles = set(inp.rows("claims.articles"))
        index._outlets = dict(inp.rows("claims.outlets"))
        index._past = {a: frozenset(float(x) for x in v) for a, v in inp.rows("claims.past")}
        index._statements = [_Statement.from_json(s) for s in inp.rows("claims.statements")]
        index._seen = {k: (v[0], v[1], v[2]) for k, v in inp.rows("claims.seen")}
        index._uf = UnionFind(dict(inp.rows("claims.parent")))
        index._copy = UnionFind(dict(inp.rows("claims.copies")))
        for vectors in (index._content, index._proposition):
            vectors.read(inp)
        return index


def link_claims(
    articles: Sequence[AnnotatedArticle],
    entity_of: Mapping[tuple[str, int], str],
    entity_names: Mapping[str, str],
    *,
    entity_keys: Mapping[str, str | None] | None = None,
    entity_heads: Mapping[str, str] | None = None,
    reuse: Sequence[Reuse] = (),
    story_of: Mapping[str, str] | None = None,
    embedder: Embedder | None = None,
) -> tuple[list[Claim], list[ClaimRelation]]:
    """Claims and relations over ``articles`` at once (see the module docstring)."""
    index = ClaimIndex(embedder)
    index.add(articles)
    return index.link(
        entity_of,
        entity_names,
        entity_keys=entity_keys,
        entity_heads=entity_heads,
        reuse=reuse,
        story_of=story_of,
    )


def _first_seen(dates: Sequence[str | None]) -> str | None:
    """The earliest date, at the finest precision the dates allow: a day beats the month
    it lies in ("2024-10-18" rather than "2024-10")."""
    known = sorted(d for d in dates if d)
    if not known:
        return None
    first = known[0]
    finer = [d for d in known if d.startswith(first) and len(d) > len(first)]
    return finer[0] if finer else first


def _majority_stance(stances: Sequence[Stance]) -> Stance:
    counts: dict[Stance, int] = defaultdict(int)
    for s in stances:
        counts[s] += 1
    order: list[Stance] = ["deny", "confirm", "unconfirmed", "warn", "demand", "assert", "other"]
    return max(order, key=lambda s: (counts[s], -order.index(s)))


def _summary(who: str, first: _Statement) -> str:
    line = f"{who}: {' '.join(first.content_text.split())}"
    return line if len(line) <= 220 else line[:217].rstrip() + "…"


def _order(a: str | None, b: str | None) -> int:
    """-1 when date ``a`` is before ``b``, 1 when after, 0 when unknown (a month against a
    day in that month is unknown)."""
    if not a or not b:
        return 0
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return 0
    return -1 if a[:n] < b[:n] else 1


def _earlier_figure_mentioned(
    later: Sequence[_Statement], value: float, past: Mapping[str, frozenset[float]]
) -> bool:
    """ "Zuvor war von 1.500 die Rede": the later claim's article names the other figure as
    the earlier one."""
    return any(value in past.get(m.article, frozenset()) for m in later)


def _frame(members: Sequence[_Statement]) -> str | None:
    frames = [m.frame for m in members]
    for name in ("trained", "planned", "sent"):
        if name in frames:
            return name
    return None


def _relation_candidates(
    claims: Sequence[Claim], members_of: Mapping[str, list[_Statement]]
) -> list[tuple[Claim, Claim]]:
    """The claim pairs a relation can hold between, within a story: a denial or a "cannot
    confirm" against a confirmation, or two claims with the same figures (never all pairs)."""
    by_story: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        story = by_story[members_of[c.id][0].story]
        story[c.stance].append(c)
        if c.figures:
            story["figures:" + repr(c.figures)].append(c)
    out: list[tuple[Claim, Claim]] = []
    for groups in by_story.values():
        for other in ("deny", "unconfirmed"):
            out.extend((x, y) for x in groups.get(other, []) for y in groups.get("confirm", []))
        for key, members in groups.items():
            if key.startswith("figures:"):
                out.extend(combinations(members, 2))
    seen: set[frozenset[str]] = set()
    unique = []
    for a, b in out:
        pair = frozenset((a.id, b.id))
        if pair not in seen:
            seen.add(pair)
            unique.append((a, b))
    return unique


def _relations(
    claims: Sequence[Claim],
    members_of: Mapping[str, list[_Statement]],
    candidates: Sequence[tuple[Claim, Claim]],
    sim: _Similarity,
    names: Mapping[str, str],
    past: Mapping[str, frozenset[float]],
) -> list[ClaimRelation]:
    cfg = _settings()
    threshold = cfg.proposition if sim.semantic else cfg.lexical_proposition
    strict = cfg.assertion_contradicts if sim.semantic else cfg.lexical_assertion_contradicts
    out: list[ClaimRelation] = []
    frames = {c.id: _frame(members_of[c.id]) for c in claims}

    def best(a: str, b: str) -> float:
        if not sim.semantic:
            return max(sim(x, y) for x in members_of[a] for y in members_of[b])
        scores = [sim(x, y) for x in members_of[a] if x in sim for y in members_of[b] if y in sim]
        return max(scores, default=0.0)

    def who(c: Claim) -> str:
        named = [names[e] for _, e in c.speakers if e and e in names]
        return named[0] if named else c.speakers[0][0] if c.speakers else "unnamed"

    def origin_of(c: Claim) -> set[str]:
        return {m.family for m in members_of[c.id] if m.family}

    for a, b in candidates:
        early, late = (a, b) if _order(a.first_seen, b.first_seen) <= 0 else (b, a)
        when = f"{early.first_seen or 'undated'} → {late.first_seen or 'undated'}"
        stances = {early.stance, late.stance}
        if "deny" in stances and "confirm" in stances:
            denial = early if early.stance == "deny" else late
            other = late if denial is early else early
            if best(denial.id, other.id) >= threshold and not (
                origin_of(denial) & origin_of(other)
            ):
                out.append(
                    ClaimRelation(
                        "contradicts",
                        other.id,
                        denial.id,
                        f"{who(other)} confirms what {who(denial)} denies "
                        f"({other.first_seen or 'undated'} against "
                        f"{denial.first_seen or 'undated'})",
                    )
                )
                continue
        if {early.stance, late.stance} == {"unconfirmed", "confirm"}:
            pending = early if early.stance == "unconfirmed" else late
            confirmed = late if pending is early else early
            if _order(pending.first_seen, confirmed.first_seen) <= 0 and (
                best(pending.id, confirmed.id) >= threshold
            ):
                out.append(
                    ClaimRelation(
                        "confirms",
                        confirmed.id,
                        pending.id,
                        f"{who(confirmed)} confirms what {who(pending)} could not confirm "
                        f"({pending.first_seen or 'undated'} → "
                        f"{confirmed.first_seen or 'undated'})",
                    )
                )
                continue
        if (
            early.stance in ("assert", "confirm")
            and late.stance in ("assert", "confirm")
            and not (origin_of(early) & origin_of(late))
            and early.figures
            and early.figures == late.figures
            and best(early.id, late.id) >= strict
        ):
            out.append(
                ClaimRelation(
                    "supports",
                    late.id,
                    early.id,
                    f"{who(late)} gives the same figure as {who(early)} ({when})",
                )
            )
    out.extend(_updates(claims, members_of, frames, past, who))
    return out


def _updates(
    claims: Sequence[Claim],
    members_of: Mapping[str, list[_Statement]],
    frames: Mapping[str, str | None],
    past: Mapping[str, frozenset[float]],
    who: Callable[[Claim], str],
) -> list[ClaimRelation]:
    """Figure timelines as ``updates``: within a story, the claims that give a figure for
    one counted thing (unit group) in one frame (sent, planned, trained, or none), in time
    order; each claim updates the latest earlier one with another value (a value given
    before and said again later counts at its first time only). An undated claim
    joins when its article names the other figure as the earlier one ("Zuvor war von 1.500
    die Rede")."""
    series: dict[tuple[str, str, str | None], list[tuple[Claim, float]]] = defaultdict(list)
    for c in claims:
        if c.stance in ("deny", "unconfirmed"):
            continue
        story = members_of[c.id][0].story
        for unit in sorted({u for _, u in c.figures}):
            value = max(v for v, u in c.figures if u == unit)
            series[(story, unit, frames[c.id])].append((c, value))
    out: list[ClaimRelation] = []
    for (_, unit, frame), points in series.items():
        dated = sorted((p for p in points if p[0].first_seen), key=lambda p: p[0].first_seen or "")
        undated = [p for p in points if not p[0].first_seen]
        # a figure said again later ("zunächst war von 5.000 Litern die Rede") neither
        # updates anything nor is the figure a newer one updates
        restated = {
            k
            for k, (c, v) in enumerate(dated)
            if any(w == v and _order(e.first_seen, c.first_seen) < 0 for e, w in dated[:k])
        }
        for k, (late, new) in enumerate(dated):
            if k in restated:
                continue
            earlier = [
                p
                for m, p in enumerate(dated[:k])
                if m not in restated
                and _order(p[0].first_seen, late.first_seen) < 0
                and p[1] != new
            ]
            if earlier:
                early, old = earlier[-1]
                out.append(_update(late, early, new, old, unit, frame, who))
        for late, new in undated:
            for early, old in reversed(dated):
                if old != new and _earlier_figure_mentioned(members_of[late.id], old, past):
                    out.append(_update(late, early, new, old, unit, frame, who))
                    break
    return out


def _update(
    late: Claim,
    early: Claim,
    new: float,
    old: float,
    unit: str,
    frame: str | None,
    who: Callable[[Claim], str],
) -> ClaimRelation:
    when = f"{early.first_seen or 'undated'} → {late.first_seen or 'undated'}"
    return ClaimRelation(
        "updates",
        late.id,
        early.id,
        f"{_fmt(new)} statt {_fmt(old)} ({unit}{', ' + frame if frame else ''}), {when}; "
        f"{who(late)} after {who(early)}",
    )


def _fmt(value: float) -> str:
    return f"{int(value):,}".replace(",", ".") if value == int(value) else f"{value:g}"


def claims_json(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "attributions": list(c.attributions),
            "articles": list(c.articles),
            "speakers": [{"text": t, "entity": e} for t, e in c.speakers],
            "independent_origins": max(1, len(c.origins)),
            "first_seen": c.first_seen,
            "summary": c.summary,
        }
        for c in claims
    ]
