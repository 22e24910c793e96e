"""Typed records that flow between the pipeline stages.

Every stage takes and returns these frozen records; nothing passes string-keyed dicts
between stages. Text is stored once per article (``CleanArticle.text``); everything found
in it is a ``Span`` (character offsets into that text), so every output can point at its
evidence.

    ingest ──► RawDocument ──► clean ──► CleanArticle ──► annotate ──► AnnotatedArticle
                                                                         │
                                                        store ◄──────────┘ ──► link ──► report
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

#: Which reader produced a document. One module per reader under ``storytrace.ingest``.
ReaderName = Literal["text", "html", "jsonl", "warc", "feed", "csv"]

#: Precision of a publication date: ``2024`` → year, ``2024-10`` → month, ``2024-10-21`` → day.
DatePrecision = Literal["year", "month", "day"]

#: Why a piece of text was removed during cleaning. The vocabulary is fixed here so that
#: reports and tests can rely on it; the patterns that produce each reason live in
#: ``resources/<lang>/boilerplate.toml``.
RemovalReason = Literal[
    "navigation",  # skip links, breadcrumbs, menus, section labels
    "cookie_banner",  # cookie and consent notices
    "paywall",  # paywall, subscription and ad-blocker notices
    "caption",  # photo captions and image alt texts
    "photo_credit",  # "Bild: …", "Foto: …", "APA/AFP/…"
    "agency_credit",  # "haz/sti (afp, dpa, rtr)", "(afp/red)"
    "copyright",  # "Quelle: (c) Copyright Thomson Reuters 2024 …", "© dpa"
    "short_url",  # "https://p.dw.com/p/4m1qd"
    "related_teaser",  # "Lesen Sie auch: …", trailing teaser headlines of other articles
    "crawler_header",  # "date 2024-10" and similar fields a crawler prepended
    "dateline",  # a line that only holds the publication date, or "Ort (Reuters) -"
    "title",  # the headline, moved to ``CleanArticle.title``
    "kicker",  # the short label above the headline ("„Strategische Partnerschaft“ mit Putin")
    "summary_box",  # a site's generated summary ("Zusammenfassung" ribbons with bullets)
    "social",  # share buttons, "Folgen Sie uns", newsletter sign-ups
    "byline",  # author initials signing off the text: "(lf)"
    "empty",  # lines left empty after inline removals
]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a raw document came from.

    ``source`` is a file path, a URL or ``"-"`` for standard input; ``locator`` narrows it
    down inside a container (``"line 7"`` of a JSONL file, ``"record 3"`` of a WARC file,
    ``"entry 2"`` of a feed).
    """

    source: str
    reader: ReaderName
    locator: str | None = None

    def label(self) -> str:
        return f"{self.source} ({self.locator})" if self.locator else self.source


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before any cleaning.

    Exactly one of ``text`` (already-extracted text) and ``html`` is set. The optional
    metadata fields hold what the container said about the article (JSONL fields, feed
    entry fields, WARC headers); the cleaner treats them as stronger evidence than what it
    finds in the text.
    """

    origin: Origin
    text: str | None = None
    html: str | None = None
    #: Encoding the bytes were decoded with, and how it was decided ("bom", "declared",
    #: "utf-8", "detected (confidence 0.93)"); None for sources that are text already.
    encoding: str | None = None
    encoding_note: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    external_id: str | None = None
    #: A non-fatal problem the reader wants the user to know about.
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.text is None) == (self.html is None):
            raise ValueError("RawDocument needs exactly one of text or html")

    @property
    def payload(self) -> str:
        return self.text if self.text is not None else (self.html or "")

    def content_id(self) -> str:
        """Content-hash id: the same bytes give the same article id wherever they come from."""
        kind = "text" if self.text is not None else "html"
        digest = hashlib.sha256(f"{kind}\0{self.payload}".encode()).hexdigest()
        return "a" + digest[:15]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input item that could not be used, with a message a person can act on."""

    source: str
    problem: str
    locator: str | None = None
    #: Short machine-readable category: "missing", "unreadable", "binary", "empty",
    #: "encoding", "malformed", "truncated", "too_large", "unsupported", "no_text", "error".
    kind: str = "error"

    def label(self) -> str:
        return f"{self.source} ({self.locator})" if self.locator else self.source


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` into an article's cleaned text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to year, month or day precision; ``value`` is ISO-8601 to that precision."""

    value: str
    precision: DatePrecision
    #: Where the date came from: "metadata", "crawler_header", "dateline", "text", "url".
    source: str = "text"


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the raw text that cleaning took out, and why.

    ``line`` is the 1-based line number in the raw text (after HTML extraction for HTML
    input), so a reader can find it again; ``pattern`` names the rule that fired.
    """

    text: str
    reason: RemovalReason
    line: int
    pattern: str


@dataclass(frozen=True, slots=True)
class AgencyCredit:
    """A wire agency credited for the article text (never for a photo)."""

    agency: str  # canonical short name: "afp", "dpa", "reuters", "ap", "apa", …
    evidence: str  # the credit as written: "haz/sti (afp, dpa, rtr)", "(Reuters) -"


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article after cleaning: body text once, metadata, and everything removed."""

    id: str
    origin: Origin
    text: str
    title: str | None
    outlet: str | None
    published: PartialDate | None
    language: str  # ISO 639-1 code of a supported language, or "other"
    agencies: tuple[AgencyCredit, ...]
    removed: tuple[Removed, ...]
    #: Lines of ``text`` that are subheadings inside the body.
    headings: tuple[Span, ...] = ()
    url: str | None = None
    encoding: str | None = None
    encoding_note: str | None = None
    outlet_evidence: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    #: Token spans, in order, into the article text (not into the sentence).
    tokens: tuple[Span, ...]


#: Entity types of the dossier contract.
EntityType = Literal["person", "organization", "location", "media", "group", "other"]

#: How a mention names its referent: a proper name ("Mark Rutte"), a role noun phrase without
#: a name ("der NATO-Chef"), a metonym ("Moskau" for the Russian government), a pronoun ("Er").
MentionKind = Literal["name", "role", "metonym", "pronoun"]


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of an entity in an article's text.

    ``role`` is the title or apposition attached to the mention ("NATO-Generalsekretär" in
    "NATO-Generalsekretär Mark Rutte"); ``key`` is a gazetteer's canonical key when the
    mention matched one ("nato", "russia_gov"), so that linking across articles has an anchor.
    """

    span: Span
    type: EntityType
    kind: MentionKind = "name"
    role: Span | None = None
    key: str | None = None


#: How an attribution reports what was said (dossier ``mode``).
AttributionMode = Literal["direct", "indirect", "according_to", "reported"]

#: The speaker's stance towards the reported proposition (dossier ``stance``).
Stance = Literal["assert", "deny", "confirm", "unconfirmed", "warn", "demand", "other"]

#: Finer form, as GermEval SpkAtt labels it; ``mode`` is derived from it.
AttributionForm = Literal["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"]

#: Speech, thought or writing (SpkAtt ``STWR``).
Medium = Literal["Speech", "Thought", "Writing"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement the article attributes to someone, as character spans into its text.

    Cues, sources and contents can be discontinuous ("teilte … mit", a quote split by its
    cue), hence tuples of spans, in text order. ``speaker`` is the index into the article's
    ``mentions`` of the mention the source resolves to (after pronoun and role-noun
    resolution), None when the text names nobody ("hieß es"). ``via`` are the mentions of
    whom the speaker cites ("unter Berufung auf den Geheimdienst").
    """

    sentence: int  # index of the sentence holding the cue (or the quote when there is no cue)
    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    content: tuple[Span, ...]
    form: AttributionForm
    mode: AttributionMode
    stance: Stance
    medium: Medium = "Speech"
    addressee: tuple[Span, ...] = ()
    speaker: int | None = None
    via: tuple[int, ...] = ()
    via_spans: tuple[Span, ...] = ()
    #: The time expression that dates the statement ("am Freitag"), if any.
    said_on: Span | None = None
    #: True when this attribution sits inside another one's content ("X sagte, Y habe erklärt").
    nested: bool = False
    #: Name of the rule that produced it, for debugging and per-rule scores.
    rule: str = ""


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """A cleaned article plus its per-article annotations.

    Later stages (entities, attributions) add typed fields here; annotation is a pure
    function of one ``CleanArticle`` and the settings, so it can run on any worker.
    """

    article: CleanArticle
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    attributions: tuple[Attribution, ...] = ()


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a pipeline run did, for the CLI's closing summary and exit status."""

    processed: int
    new: int
    unchanged: int
    updated: int
    skipped: tuple[Skipped, ...]
    article_ids: tuple[str, ...]
    seconds: float


# --- link: reuse and stories ---


@dataclass(frozen=True, slots=True)
class Passage:
    """One passage shared by two articles: a span in each one's cleaned text."""

    a: Span
    b: Span


@dataclass(frozen=True, slots=True)
class Reuse:
    """Text shared by two articles (wire copy, lightly edited), passage by passage.

    ``a < b`` (article ids); ``shared_chars`` is the sum over passages of the shorter of the
    two spans. Dossier ``reuse[]``: passages become ``{a_start, a_end, b_start, b_end}``.
    """

    a: str
    b: str
    shared_chars: int
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one story. ``id`` is stable: derived from the founding article."""

    id: str
    articles: tuple[str, ...]
    label: str


# --- link: claims and their relations ---

#: Kinds of relations between claims (dossier ``relations[].kind``).
RelationKind = Literal["contradicts", "updates", "confirms", "supports"]


@dataclass(frozen=True, slots=True)
class Claim:
    """Attributions across articles that state the same thing.

    ``attributions`` are dossier attribution ids; ``origins`` says what each independent
    origin is (an entity name, or an outlet for an unattributed statement), so that a reader
    sees what the count ``len(origins)`` collapsed: reprints of one wire text and citation
    chains ("Yonhap ← Geheimdienst") count once.
    """

    id: str
    attributions: tuple[str, ...]
    articles: tuple[str, ...]
    speakers: tuple[tuple[str, str | None], ...]  # (name as shown, entity id)
    origins: tuple[str, ...]
    first_seen: str | None
    summary: str
    stance: Stance
    figures: tuple[tuple[float, str], ...] = ()  # (value, unit group or unit)


@dataclass(frozen=True, slots=True)
class ClaimRelation:
    kind: RelationKind
    a: str
    b: str
    explanation: str
