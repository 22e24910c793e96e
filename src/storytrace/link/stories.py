"""Story clustering: group articles about the same story when the input mixes several.

An article is a bag of salient terms (normalised as for reuse: casefolded, diacritics and
light suffixes stripped; stop words and numbers left out; capitalised words, which are names
in English and nouns in German, weigh more), weighted by tf-idf over the articles indexed so
far. Clustering is single pass, in order (``cluster_stories`` orders by publication date,
then id): each article joins the story whose centroid is most similar, if the cosine reaches
``min_similarity`` and the story is within ``window_days`` of the article's date; otherwise it
founds a new story. An article that is mostly copy of an earlier one (reuse covering
``reuse_fraction`` of its text) joins that one's story whatever its terms say; one reused
background paragraph does not make a story.

Candidate stories come from an inverted index over the centroids' terms (very common terms
are not looked up), never from all stories, so adding an article costs the same in a store of
a thousand or a million articles. ``StoryIndex`` is incremental: new articles are assigned to
existing stories or open new ones; old assignments are never recomputed. A story's id is a
hash of its founding article's id, so it does not change when the story grows.

Across languages the terms of two reports of one story share little but names. When the
index holds articles of more than one language, an article is also compared with the stories
of other languages on what the languages share: gazetteer keys ("Nordkorea" and "North
Korea" are both ``@kp``; nationality adjectives count for their country) and the terms that
articles of the other language use as well (names: "Korvath", "Wendelsau"). That
cross-language cosine has its own threshold (``cross_min_similarity``) and needs
``cross_min_shared`` shared terms; an input in one language never computes it.

Multilingual sentence embeddings were measured as an extra signal and left out by default:
see docs/linking.md for the figures.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from storytrace.annotate.ner.lexicon import lexicon as name_lexicon
from storytrace.errors import ConfigError, ResourceError
from storytrace.link.encoder import use_embedder
from storytrace.link.frames import FrameReader, FrameWriter
from storytrace.link.reuse import load_section
from storytrace.link.shingles import Tokens, fold, lexicon, tokens
from storytrace.model import CleanArticle, PartialDate, Reuse, Story
from storytrace.resources import load_toml, supported_languages

__all__ = [
    "ArticleTerms",
    "StoryIndex",
    "StorySettings",
    "article_terms",
    "cluster_stories",
    "use_embedder",
]

_FORMAT = "storytrace-story-index"
_VERSION = 3  # 2: languages, per-language document frequencies, gazetteer keys; 3: frames

#: Weight of a capitalised word (a name, or a German noun) against other words.
_CAPITAL_BOOST = 1.5
#: Weight of a title word against a body word.
_TITLE_BOOST = 2.0
#: Terms a single article keeps before idf is known (the index prunes to article_terms).
_RAW_TERMS = 80
_MIN_TERM_CHARS = 3
#: Terms of the cross-language vector, as a multiple of article_terms: what two languages
#: share is mostly names, and the story may hold another subset of them.
_CROSS_TERMS = 2
_MIN_STEM = 4


@dataclass(frozen=True, slots=True)
class StorySettings:
    """Thresholds of story clustering; defaults and reasons in resources/common/reuse.toml."""

    article_terms: int
    story_terms: int
    min_similarity: float
    window_days: int
    max_term_fraction: float
    reuse_fraction: float
    prior_docs: int
    max_postings: int
    max_candidates: int
    embedding_weight: float
    embedding_floor: float
    embedding_chars: int
    cross_min_similarity: float
    cross_min_shared: int
    cross_min_names: int
    merge_similarity: float

    def __post_init__(self) -> None:
        if self.article_terms < 1 or self.story_terms < self.article_terms:
            raise ConfigError("stories.story_terms must be at least stories.article_terms >= 1")
        if not 0 < self.min_similarity <= 1:
            raise ConfigError("stories.min_similarity must be in (0, 1]")
        if not 0 < self.cross_min_similarity <= 1:
            raise ConfigError("stories.cross_min_similarity must be in (0, 1]")

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None) -> StorySettings:
        return load_section(cls, "stories", overrides)


@cache
def default_settings() -> StorySettings:
    return StorySettings.load()


#: Turns texts into L2-normalised vectors, one row per text (see ``use_embedder``).
Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]


@dataclass(frozen=True, slots=True, eq=False)
class ArticleTerms:
    """The per-article part of clustering, a pure function of one article: its most
    frequent terms with their tf factor (1 + log of the boosted count), a readable form per
    term, the date range it was published in, its language and the tf factors of the
    language-independent gazetteer keys it names (``@kp``)."""

    id: str
    counts: Mapping[str, float]
    surface: Mapping[str, str]
    days: tuple[int, int] | None
    title: str | None
    length: int
    embedding: npt.NDArray[np.float32] | None = None
    language: str = ""
    keys: Mapping[str, float] = field(default_factory=lambda: _NO_KEYS)


_NO_KEYS: Mapping[str, float] = MappingProxyType({})


def _days(published: PartialDate | None) -> tuple[int, int] | None:
    """The publication date as a range of day ordinals (a month is its first to last day)."""
    if published is None:
        return None
    try:
        parts = [int(p) for p in published.value.split("-")]
        if len(parts) == 3:
            d = date(*parts).toordinal()
            return d, d
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            first = date(parts[0], parts[1], 1).toordinal()
            return first, date(parts[0], parts[1], last).toordinal()
        return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
    except (ValueError, TypeError):
        return None  # a malformed date says nothing about time


@cache
def _term_suffixes() -> tuple[str, ...]:
    """Suffixes of every supported language, longest first: a story's key names must get
    one key whatever the language of the article ("Halverton-Konzerns" / "Halverton's")."""
    found: set[str] = set()
    for language in supported_languages():
        found.update(lexicon(language).suffixes)
    return tuple(sorted(found, key=lambda x: (-len(x), x)))


@cache
def _ignored(language: str) -> frozenset[str]:
    """Words that are frequent in news of any story (weekdays, months): never salient."""
    try:
        words = load_toml(language, "reuse").get("stories", {}).get("ignore", [])
    except ResourceError:
        return frozenset()
    return frozenset(fold(w) for w in words)


def _term_key(folded: str) -> str:
    for suffix in _term_suffixes():
        if folded.endswith(suffix) and len(folded) - len(suffix) >= _MIN_STEM:
            return folded[: -len(suffix)]
    return folded


@cache
def _term_memo(language: str) -> dict[str, str]:
    return {}


def _term(raw: str, norm: str, language: str) -> str:
    """The story term of a non-stop token, or "" when it says nothing about the story:
    numbers, very short words, speech-verb classes, ignored words (memoised)."""
    memo = _term_memo(language)
    found = memo.get(raw)
    if found is None:
        found = ""
        if len(raw) >= _MIN_TERM_CHARS and raw.isalpha() and not norm.startswith("~"):
            folded = fold(raw)
            if folded not in _ignored(language):
                found = _term_key(folded)
        if len(memo) < 2_000_000:
            memo[raw] = found
    return found


#: Gazetteer keys that name a state, whatever institution of it ("gov:ru" for der Kreml,
#: "seat:ru" for Moskau, "country:ru"): one cross-language key per state.
_STATE_KEY = re.compile(r"^(?:country|seat|gov|intel|mil|min|ministry|army|police):(\w+)$")


def _cross_key(key: str | None) -> str | None:
    """The language-independent story term of a gazetteer key: ``@`` + the state's code or
    the organisation's key; None for places, whose keys are spelt per language."""
    if not key or key.startswith("place:"):
        return None
    m = _STATE_KEY.match(key)
    return "@" + (m.group(1) if m else key)


def _gazetteer_keys(words: Sequence[str], language: str) -> dict[str, float]:
    """tf factors of the gazetteer keys (and nationality adjectives: "nordkoreanische" →
    ``@kp``) among ``words``."""
    try:
        lex = name_lexicon(language)
    except (ResourceError, OSError, KeyError):
        return {}
    phrases, nationality = lex.phrases, lex.nationality
    counts: Counter[str] = Counter()
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        step = 1
        entries = phrases.get(word)
        if entries:
            for entry in entries:
                k = len(entry.words)
                if i + k <= n and tuple(words[i : i + k]) == entry.words:
                    key = _cross_key(entry.key)
                    if key:
                        counts[key] += 1
                    step = k
                    break
        elif word[:1].isalpha():
            code = nationality.get(word.lower())
            if code:
                counts["@" + code] += 1
        i += step
    return {k: 1.0 + math.log(c) for k, c in counts.items()}


def article_terms(article: CleanArticle, body: Tokens | None = None) -> ArticleTerms:
    """Salient-term counts of one article (pure: safe in a process pool). ``body``: the
    article text's ``tokens``, if already made for shingling."""
    lex = lexicon(article.language)
    language = article.language
    counts: dict[str, float] = defaultdict(float)  # counts boosted for titles and names
    surface: dict[str, str] = {}
    title = tokens(article.title, language) if article.title else None
    text = body if body is not None else tokens(article.text, language)
    for toks, boost in ((title, _TITLE_BOOST), (text, 1.0)):
        if toks is None:
            continue
        skip = (toks.stop | toks.stock).tolist()
        for raw, skipped in zip(toks.words, skip, strict=True):
            # stop words and stock phrases say nothing about the story
            if skipped:
                continue
            term = _term(raw, lex.normalise(raw)[0], language)
            if not term:
                continue
            counts[term] += boost * (_CAPITAL_BOOST if raw[0].isupper() else 1.0)
            surface.setdefault(term, raw)
    # 1 + log tf, the term-frequency factor of the weight (idf is the index's part)
    top = {
        term: 1.0 + math.log(c)
        for term, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_RAW_TERMS]
    }
    return ArticleTerms(
        article.id,
        top,
        {t: surface[t] for t in top},
        _days(article.published),
        article.title,
        len(article.text),
        language=language,
        keys=_gazetteer_keys(text.words, language),
    )


@dataclass(slots=True)
class _Story:
    id: str
    members: list[str]
    centroid: dict[str, float]
    norm: float
    first: int | None
    last: int | None
    df: Counter[str]  # in how many members each centroid term occurs
    emb: npt.NDArray[np.float32] | None = None  # sum of the members' embeddings
    langs: set[str] = field(default_factory=set)  # the members' languages
    keys: dict[str, float] = field(default_factory=dict)  # sum of the members' key weights


class StoryIndex:
    """Stories of every article added so far; ``add`` assigns new articles."""

    def __init__(
        self, settings: StorySettings | None = None, embedder: Embedder | None = None
    ) -> None:
        self.settings = settings or default_settings()
        self.embedder = embedder
        self._df: Counter[str] = Counter()
        self._n = 0
        self._stories: list[_Story] = []
        self._of: dict[str, int] = {}  # article id → story index
        self._postings: dict[str, list[int]] = {}  # term → stories whose centroid has it
        self._surface: dict[str, str] = {}
        self._idf_memo: dict[str, float] = {}
        # document frequencies per language: the first language seen is `_base` (its df is
        # what `_df` holds beyond the others), every other one counts its own
        self._base: str | None = None
        self._df_lang: dict[str, Counter[str]] = {}
        self._key_postings: dict[str, list[int]] = {}  # key → stories whose members name it

    def __len__(self) -> int:
        return len(self._of)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._of

    def story_of(self, article_id: str) -> str:
        return self._stories[self._of[article_id]].id

    def add(self, articles: Iterable[CleanArticle], reuse: Iterable[Reuse] = ()) -> dict[str, str]:
        """Assign articles, in the given order; returns article id → story id."""
        batch = list(articles)
        terms = [article_terms(a) for a in batch]
        if self.embedder is not None and batch:
            chars = self.settings.embedding_chars
            vectors = self.embedder([((a.title or "") + "\n" + a.text)[:chars] for a in batch])
            terms = [replace(t, embedding=v) for t, v in zip(terms, vectors, strict=True)]
        return self.add_terms(terms, reuse)

    def add_terms(
        self, items: Sequence[ArticleTerms], reuse: Iterable[Reuse] = ()
    ) -> dict[str, str]:
        """Assign pre-computed ``article_terms``. The document frequencies are updated with
        the whole batch first, so that a batch is weighed as one corpus."""
        fresh = []
        seen: set[str] = set()
        for t in items:
            if t.id not in self._of and t.id not in seen:
                seen.add(t.id)
                fresh.append(t)
        for t in fresh:
            self._df.update(t.counts.keys())
            self._df.update(t.keys.keys())
            if self._base is None:
                self._base = t.language
            elif t.language != self._base:
                self._df_lang.setdefault(t.language, Counter()).update(t.counts.keys())
        self._n += len(fresh)
        self._idf_memo.clear()
        links: dict[str, list[tuple[int, str]]] = {}
        for r in reuse:
            for x, y in ((r.a, r.b), (r.b, r.a)):
                links.setdefault(x, []).append((r.shared_chars, y))
        out: dict[str, str] = {}
        for t in fresh:
            out[t.id] = self._stories[self._assign(t, links.get(t.id, []))].id
        return out

    def stories(self) -> list[Story]:
        """All stories, ordered by their founding article's position."""
        return [Story(s.id, tuple(s.members), self._label(s)) for s in self._stories if s.members]

    # -- assignment -------------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        # idf with a prior of `prior_docs` documents that hold none of the terms: in a small
        # input (one story, a dozen articles) its own key terms are in every article and
        # plain idf would discount exactly them. Memoised per batch (df is fixed within one).
        found = self._idf_memo.get(term)
        if found is None:
            n = self._n + self.settings.prior_docs
            found = math.log((n + 1) / (self._df[term] + 1))
            self._idf_memo[term] = found
        return found

    def _vector(self, t: ArticleTerms) -> dict[str, float]:
        idf = self._idf
        weights = {term: tf * idf(term) for term, tf in t.counts.items()}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: self.settings.article_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {term: w / norm for term, w in top}

    # -- across languages -----------------------------------------------------------------

    def _df_in(self, term: str, language: str) -> int:
        if language == self._base:
            return self._df[term] - sum(c[term] for c in self._df_lang.values())
        found = self._df_lang.get(language)
        return found[term] if found is not None else 0

    def _shared(self, term: str, language: str) -> bool:
        """Whether articles of another language than ``language`` use ``term`` too."""
        if any(c[term] for lang, c in self._df_lang.items() if lang != language):
            return True
        return language != self._base and self._df_in(term, self._base or "") > 0

    def _cross_vector(self, t: ArticleTerms) -> dict[str, float]:
        """The article's capitalised terms (names, and German nouns) that other languages use
        as well, and its gazetteer keys. Lower-case words that happen to be spelt alike
        ("plant", "last") are left out."""
        idf = self._idf
        surface = t.surface
        weights = {
            term: tf * idf(term)
            for term, tf in t.counts.items()
            if surface.get(term, "")[:1].isupper() and self._shared(term, t.language)
        }
        weights.update((k, tf * idf(k)) for k, tf in t.keys.items())
        keep = _CROSS_TERMS * self.settings.article_terms
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {term: w / norm for term, w in top}

    def _cross_similarity(self, story: _Story, xvec: Mapping[str, float], language: str) -> float:
        """Cosine of ``xvec`` to the part of the story's centroid that ``language`` uses too
        and that is written capitalised (and its keys); 0 when fewer than
        ``cross_min_shared`` terms, or ``cross_min_names`` names, are shared."""
        dot, shared, names = 0.0, 0, 0
        for term, w in xvec.items():
            key = term.startswith("@")
            c = story.keys.get(term, 0.0) if key else story.centroid.get(term, 0.0)
            if c:
                dot += w * c
                shared += 1
                names += not key
        s = self.settings
        if shared < s.cross_min_shared or names < s.cross_min_names:
            return 0.0
        surface = self._surface
        sq = sum(
            w * w
            for term, w in story.centroid.items()
            if surface.get(term, "")[:1].isupper() and self._df_in(term, language) > 0
        )
        sq += sum(w * w for w in story.keys.values())
        return dot / (math.sqrt(sq) or 1.0)

    def _cross_candidates(
        self, t: ArticleTerms, xvec: Mapping[str, float], limit: int
    ) -> list[int]:
        s = self.settings
        recent: list[int] = []
        for term in xvec:
            if self._df[term] <= limit:
                postings = self._key_postings if term.startswith("@") else self._postings
                recent.extend(postings.get(term, ())[-s.max_postings :])
        return sorted(
            i
            for i, _ in Counter(recent).most_common(s.max_candidates)
            if self._stories[i].langs - {t.language}
        )

    # -- assignment (continued) -------------------------------------------------------------

    def _assign(self, t: ArticleTerms, links: list[tuple[int, str]]) -> int:
        s = self.settings
        vec = self._vector(t)
        kvec = self._key_weights(t)
        best, best_sim = -1, 0.0
        # reuse: a large shared part decides
        for shared, other in sorted(links, reverse=True):
            if other in self._of and shared / (t.length or 1) >= s.reuse_fraction:
                best, best_sim = self._of[other], 1.0
                break
        scores: list[tuple[int, float]] = []
        if best < 0:
            limit = max(50, int(s.max_term_fraction * self._n))
            recent: list[int] = []
            for term in vec:
                if self._df[term] <= limit:
                    # postings are in time order: the most recent stories of each term
                    recent.extend(self._postings.get(term, ())[-s.max_postings :])
            # the stories that share most of the terms (ties: insertion order, deterministic)
            candidates = {i for i, _ in Counter(recent).most_common(s.max_candidates)}
            if t.embedding is not None:
                # across languages the terms may share nothing but a name or two: with
                # embeddings every story is a candidate (they are for small inputs)
                candidates.update(i for i, st in enumerate(self._stories) if st.emb is not None)
            for i in sorted(candidates):
                story = self._stories[i]
                if not self._in_window(story, t.days):
                    continue
                sim = sum(w * story.centroid.get(term, 0.0) for term, w in vec.items())
                sim /= story.norm
                if t.embedding is not None and story.emb is not None:
                    cos = float(t.embedding @ story.emb) / (float(np.linalg.norm(story.emb)) or 1.0)
                    sim += s.embedding_weight * max(0.0, cos - s.embedding_floor)
                scores.append((i, sim))
                if sim > best_sim:
                    best, best_sim = i, sim
            if self._df_lang and t.days is not None:
                # more than one language in the index: stories of other languages are
                # compared on what the languages share, against a threshold of its own
                # (scaled to min_similarity so that the two kinds of score compare). Names
                # alone say "same topic" as often as "same story": a cross-language join
                # needs dates on both sides, within the window.
                xvec = self._cross_vector(t)
                if len(xvec) >= s.cross_min_shared:
                    scale = s.min_similarity / s.cross_min_similarity
                    for i in self._cross_candidates(t, xvec, limit):
                        story = self._stories[i]
                        if story.first is None or not self._in_window(story, t.days):
                            continue
                        sim = self._cross_similarity(story, xvec, t.language) * scale
                        if sim > best_sim:
                            best, best_sim = i, sim
            if best_sim < s.min_similarity:
                best = -1
        if best < 0:
            best = len(self._stories)
            founder = hashlib.sha256(t.id.encode("utf-8")).hexdigest()[:15]
            self._stories.append(_Story("s" + founder, [], {}, 1.0, None, None, Counter()))
        self._join(best, t, vec, kvec)
        # an article that belongs to two stories shows they are one: a story founded by a
        # borderline article (its first batch was small) is joined with the one that grew
        bar = max(s.merge_similarity, s.min_similarity)  # it would have joined either
        bridged = sorted(
            k for k, sim in scores if k != best and sim >= bar and self._stories[k].members
        )
        for k in bridged:
            older, younger = min(best, k), max(best, k)
            self._merge(older, younger)
            best = older
        return best

    def _merge(self, into: int, other: int) -> None:
        """Story ``other`` becomes part of ``into`` (the older); ``other`` stays empty, so
        that the story positions postings point to stay valid."""
        a, b = self._stories[into], self._stories[other]
        a.members.extend(b.members)
        for member in b.members:
            self._of[member] = into
        for term, w in b.centroid.items():
            a.centroid[term] = a.centroid.get(term, 0.0) + w
        a.df.update(b.df)
        for key, w in b.keys.items():
            a.keys[key] = a.keys.get(key, 0.0) + w
            posting = self._key_postings.setdefault(key, [])
            if into not in posting[-8:]:
                posting.append(into)
        a.langs |= b.langs
        if b.emb is not None:
            a.emb = b.emb.copy() if a.emb is None else a.emb + b.emb
        if len(a.centroid) > self.settings.story_terms:
            kept = sorted(a.centroid.items(), key=lambda kv: (-kv[1], kv[0]))
            a.centroid = dict(kept[: self.settings.story_terms])
            a.df = Counter({k: a.df[k] for k in a.centroid})
        a.norm = math.sqrt(sum(w * w for w in a.centroid.values())) or 1.0
        for term in a.centroid:
            posting = self._postings.setdefault(term, [])
            if into not in posting[-8:]:
                posting.append(into)
        for bound in (b.first, b.last):
            if bound is not None:
                a.first = bound if a.first is None else min(a.first, bound)
                a.last = bound if a.last is None else max(a.last, bound)
        b.members, b.centroid, b.df, b.keys, b.emb = [], {}, Counter(), {}, None
        b.norm, b.first, b.last = 1.0, None, None

    def _key_weights(self, t: ArticleTerms) -> dict[str, float]:
        """The article's gazetteer keys weighted on the scale of its term vector."""
        if not t.keys:
            return {}
        idf = self._idf
        weights = {term: tf * idf(term) for term, tf in t.counts.items()}
        top = sorted(weights.values(), reverse=True)[: self.settings.article_terms]
        norm = math.sqrt(sum(w * w for w in top)) or 1.0
        return {k: tf * idf(k) / norm for k, tf in t.keys.items()}

    def _in_window(self, story: _Story, days: tuple[int, int] | None) -> bool:
        if days is None or story.first is None or story.last is None:
            return True
        w = self.settings.window_days
        return days[0] <= story.last + w and days[1] >= story.first - w

    def _join(
        self, i: int, t: ArticleTerms, vec: dict[str, float], kvec: Mapping[str, float]
    ) -> None:
        story = self._stories[i]
        story.members.append(t.id)
        self._of[t.id] = i
        story.langs.add(t.language)
        for key, w in kvec.items():
            story.keys[key] = story.keys.get(key, 0.0) + w
            posting = self._key_postings.setdefault(key, [])
            if i not in posting[-8:]:
                posting.append(i)
        if t.embedding is not None:
            emb = np.asarray(t.embedding, dtype=np.float32)
            story.emb = emb.copy() if story.emb is None else story.emb + emb
        for term, w in vec.items():
            story.centroid[term] = story.centroid.get(term, 0.0) + w
            story.df[term] += 1
            self._surface.setdefault(term, t.surface.get(term, term))
        if len(story.centroid) > self.settings.story_terms:
            kept = sorted(story.centroid.items(), key=lambda kv: (-kv[1], kv[0]))
            story.centroid = dict(kept[: self.settings.story_terms])
            story.df = Counter({k: story.df[k] for k in story.centroid})
        story.norm = math.sqrt(sum(w * w for w in story.centroid.values())) or 1.0
        for term in vec:
            if term in story.centroid:
                posting = self._postings.setdefault(term, [])
                if i not in posting[-8:]:  # cheap de-duplication: candidates are a set anyway
                    posting.append(i)
        if t.days is not None:
            story.first = t.days[0] if story.first is None else min(story.first, t.days[0])
            story.last = t.days[1] if story.last is None else max(story.last, t.days[1])

    def _label(self, story: _Story) -> str:
        """The most salient terms shared by at least half of the members (all of a single
        article's top terms), in their first-seen spelling."""
        need = max(1, math.ceil(len(story.members) / 2))
        ranked = sorted(story.centroid.items(), key=lambda kv: (-kv[1], kv[0]))
        shared = [term for term, _ in ranked if story.df[term] >= need][:4]
        return " · ".join(self._surface.get(term, term) for term in shared)

    # -- serialisation ----------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole index as bytes (``write`` to a buffer)."""
        buf = io.BytesIO()
        self.write(FrameWriter(buf))
        return buf.getvalue()

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        settings: StorySettings | None = None,
        embedder: Embedder | None = None,
    ) -> StoryIndex:
        return cls.read(FrameReader(io.BytesIO(data), "story index"), settings, embedder)

    def write(self, out: FrameWriter) -> None:
        """The whole index, frame by frame (stories as rows)."""
        out.json(
            "stories",
            {
                "format": _FORMAT,
                "version": _VERSION,
                "n": self._n,
                "df": dict(self._df),
                "surface": self._surface,
                "base": self._base,
                "df_lang": {lang: dict(c) for lang, c in self._df_lang.items()},
            },
        )
        out.rows(
            "stories.stories",
            (
                {
                    "id": s.id,
                    "members": s.members,
                    "centroid": s.centroid,
                    "first": s.first,
                    "last": s.last,
                    "df": dict(s.df),
                    "emb": None if s.emb is None else [float(x) for x in s.emb],
                    "langs": sorted(s.langs),
                    "keys": s.keys,
                }
                for s in self._stories
            ),
            len(self._stories),
        )

    @classmethod
    def read(
        cls,
        inp: FrameReader,
        settings: StorySettings | None = None,
        embedder: Embedder | None = None,
    ) -> StoryIndex:
        """Load an index written by ``write``; settings and embedder may be given anew."""
        d = inp.json("stories")
        if not isinstance(d, dict) or d.get("format") != _FORMAT or d.get("version") != _VERSION:
            raise ConfigError(f"not a {_FORMAT} v{_VERSION}; rebuild it from the articles")
        index = cls(settings, embedder)
        index._n = int(d["n"])
        index._df = Counter(d["df"])
        index._surface = dict(d["surface"])
        index._base = d["base"]
        index._df_lang = {lang: Counter(c) for lang, c in d["df_lang"].items()}
        for i, s in enumerate(inp.rows("stories.stories")):
            centroid = {k: float(v) for k, v in s["centroid"].items()}
            story = _Story(
                s["id"],
                list(s["members"]),
                centroid,
                math.sqrt(sum(w * w for w in centroid.values())) or 1.0,
                s["first"],
                s["last"],
                Counter(s["df"]),
                None if s.get("emb") is None else np.array(s["emb"], dtype=np.float32),
                set(s["langs"]),
                {k: float(v) for k, v in s["keys"].items()},
            )
            index._stories.append(story)
            for member in story.members:
                index._of[member] = i
            for term in centroid:
                index._postings.setdefault(term, []).append(i)
            for key in story.keys:
                index._key_postings.setdefault(key, []).append(i)
        return index


def _order_key(a: CleanArticle) -> tuple[str, str]:
    # undated articles last; month- and year-precision dates sort before days in that month
    return (a.published.value if a.published else "9999", a.id)


def cluster_stories(
    articles: Iterable[CleanArticle],
    reuse: Iterable[Reuse] = (),
    settings: StorySettings | None = None,
    embedder: Embedder | None = None,
) -> list[Story]:
    """Group articles into stories, earliest first (see the module docstring)."""
    index = StoryIndex(settings, embedder)
    index.add(sorted(articles, key=_order_key), reuse)
    return index.stories()
