"""GermEval 2023 SpkAtt, task 2 (speaker attribution in German news): predict and score.

A document is a JSON file with pre-tokenised ``Sentences`` (``SentenceId``, ``Tokens``)
and ``Annotations``, each with ``Cue``, ``Source``, ``Message``, ``Addr`` and ``Frame`` as
lists of ``"sentence:token"`` ids, plus ``Form``, ``STWR``, ``IsNested`` and ``HasNested``.

Prediction runs the extractor on exactly the given tokens: the text is the tokens joined by
single spaces, sentences joined by ``"\\n"``, and every predicted character span is mapped
back to the tokens it overlaps.

Scoring follows the shared task's scorer (``eval/classes.py`` of the task-2 repository;
see docs/evaluation.md for where this module differs and why):

- per document, gold and system annotations are matched one-to-one by the F1 of their
  ``Message`` tokens (0.01 extra for the same ``Form``, 0.001 for the same ``STWR``, as
  tie-breakers), maximising the total; as in the task's scorer, as many pairs as the
  smaller side has, including pairs whose messages do not overlap (the ``strict``
  figures leave those unmatched);
- for each matched pair, and for each unmatched annotation against an empty one, the
  token-level precision and recall of every role are computed (undefined where the
  denominator is 0);
- Messages, Roles (all roles but Message) and Joint (all roles) precision and recall are
  the means of the defined per-pair values over all pairs of all documents ("macro"),
  and F1 their harmonic mean;
- the full track scores ``Message, Addr, Cue, Frame, Source`` on all annotations; the
  simplified track scores ``Message, Source`` on top-level annotations (``IsNested``
  false) only. ``Form`` and ``STWR`` are micro-averaged label matches over the full
  track's pairs.
"""

from __future__ import annotations

import json
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from storytrace.errors import InputError
from storytrace.evaluate import (
    EvalRun,
    Extractor,
    NullObserver,
    Observer,
    check_dirs,
    date_in_name,
    default_extractor,
    predict_files,
    require_extractor,
    write_text,
)
from storytrace.evaluate.matching import PRF, Counts, assign, count, mean, overlap_f1
from storytrace.model import Attribution, Sentence, Skipped, Span

#: A token as the corpus names it: (``SentenceId``, index of the token in its sentence).
TokenId = tuple[int, int]

LANGUAGE = "de"

#: Roles of the full track, Message first (the scorer's order).
FULL_ROLES = ("Message", "Addr", "Cue", "Frame", "Source")

#: Forms whose statements the corpus annotates without a ``Cue`` (nor ``Frame``): in a
#: Reported statement the speech act is the message ("Russland hatte Berichte dementiert";
#: 242 of the 248 Reported statements of the dev part of spkatt-news/train have no cue).
#: The dossier keeps the verb as the cue; only the task's annotation leaves it out.
CUELESS_FORMS = frozenset({"Reported"})
#: The task's STWR values for the extractor's medium. The scheme has no plain Thought: a
#: thought reported in news reached the writer through speech or writing, so it is ``ST``.
STWR_OF_MEDIUM = {"Speech": "Speech", "Thought": "ST", "Writing": "Writing"}
#: An according-to construction ("laut X", "nach Angaben von X", "X zufolge") names no
#: channel: the scheme's value for "spoken or written" is ``SW``.
UNSPECIFIED_MEDIUM_RULES = frozenset({"according"})
#: Roles of the simplified track (top-level annotations only).
SIMPLIFIED_ROLES = ("Message", "Source")

#: JSON key → field of :class:`SpkAttAnnotation`.
_ROLE_FIELDS = {
    "Message": "message",
    "Addr": "addr",
    "Cue": "cue",
    "Frame": "frame",
    "Source": "source",
}

#: Sentence-final punctuation that gold frames leave out (see :func:`frame_tokens`).
_FINAL_PUNCTUATION = frozenset({".", "!", "?"})

#: A token id as the corpus writes it: ``"3:18"``.
_TOKEN_ID = re.compile(r"([0-9]+):([0-9]+)")

#: A file in the output directory with this name holds the scores.
SCORES_FILE = "scores.json"


@dataclass(frozen=True, slots=True)
class SpkAttSentence:
    id: int
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpkAttAnnotation:
    """One speech, thought or writing event, its roles as token ids in document order."""

    message: tuple[TokenId, ...]
    cue: tuple[TokenId, ...] = ()
    source: tuple[TokenId, ...] = ()
    addr: tuple[TokenId, ...] = ()
    frame: tuple[TokenId, ...] = ()
    form: str | None = None
    stwr: str | None = None
    is_nested: bool = False
    has_nested: bool = False

    def role(self, name: str) -> tuple[TokenId, ...]:
        value: tuple[TokenId, ...] = getattr(self, _ROLE_FIELDS[name])
        return value


@dataclass(frozen=True, slots=True)
class SpkAttDocument:
    """One task-2 file: its name (the file name), sentences and annotations."""

    name: str
    sentences: tuple[SpkAttSentence, ...]
    annotations: tuple[SpkAttAnnotation, ...] = ()
    document_name: str | None = None

    def shape(self) -> tuple[tuple[int, int], ...]:
        """Sentence ids with their token counts: two files with the same shape can be
        scored against each other."""
        return tuple((s.id, len(s.tokens)) for s in self.sentences)


# --------------------------------------------------------------------------- reading


def read_spkatt(path: Path, *, annotations: bool = True) -> SpkAttDocument:
    """Read one task-2 JSON file; ``annotations=False`` ignores any ``Annotations``.

    Raises :class:`InputError` naming the file and what is wrong with it.
    """
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror})", "unreadable") from exc
    if not raw.strip():
        raise InputError(source, "empty file", "empty")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problem = f"not UTF-8 ({exc.reason} at byte {exc.start})"
        raise InputError(source, problem, "encoding") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})", "malformed"
        ) from exc
    return spkatt_from_json(data, path.name, source=source, annotations=annotations)


def spkatt_from_json(
    data: Any, name: str, *, source: str | None = None, annotations: bool = True
) -> SpkAttDocument:
    """Build a document from parsed JSON; see :func:`read_spkatt`."""
    where = source or name
    if not isinstance(data, dict):
        raise InputError(where, "expected a JSON object with 'Sentences'", "malformed")
    raw_sentences = data.get("Sentences")
    if not isinstance(raw_sentences, list):
        raise InputError(where, "no 'Sentences' list: not a SpkAtt task-2 file", "malformed")
    sentences: list[SpkAttSentence] = []
    seen: set[int] = set()
    for k, item in enumerate(raw_sentences):
        if not isinstance(item, dict):
            raise InputError(where, f"sentence {k} is not an object", "malformed")
        sid = item.get("SentenceId")
        tokens = item.get("Tokens")
        if not isinstance(sid, int) or isinstance(sid, bool):
            raise InputError(where, f"sentence {k}: 'SentenceId' must be an integer", "malformed")
        if sid in seen:
            raise InputError(where, f"sentence {k}: SentenceId {sid} occurs twice", "malformed")
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise InputError(
                where, f"sentence {sid}: 'Tokens' must be a list of strings", "malformed"
            )
        seen.add(sid)
        sentences.append(SpkAttSentence(sid, tuple(tokens)))
    doc_name = data.get("DocumentName")
    doc = SpkAttDocument(
        name=name,
        sentences=tuple(sentences),
        document_name=doc_name if isinstance(doc_name, str) else None,
    )
    if not annotations:
        return doc
    raw_annotations = data.get("Annotations", [])
    if not isinstance(raw_annotations, list):
        raise InputError(where, "'Annotations' must be a list", "malformed")
    lengths = {s.id: len(s.tokens) for s in sentences}
    parsed = tuple(
        _annotation_from_json(item, k, lengths, where) for k, item in enumerate(raw_annotations)
    )
    return replace(doc, annotations=parsed)


def _annotation_from_json(
    item: Any, k: int, lengths: Mapping[int, int], where: str
) -> SpkAttAnnotation:
    if not isinstance(item, dict):
        raise InputError(where, f"annotation {k} is not an object", "malformed")
    roles: dict[str, tuple[TokenId, ...]] = {}
    for key, attr in _ROLE_FIELDS.items():
        value = item.get(key, [])
        if not isinstance(value, list):
            raise InputError(where, f"annotation {k}: '{key}' must be a list", "malformed")
        roles[attr] = tuple(sorted({_token_id(v, lengths, where, k, key) for v in value}))
    form = item.get("Form")
    stwr = item.get("STWR")
    return SpkAttAnnotation(
        form=form if isinstance(form, str) else None,
        stwr=stwr if isinstance(stwr, str) else None,
        is_nested=item.get("IsNested") is True,
        has_nested=item.get("HasNested") is True,
        **roles,
    )


def _token_id(value: Any, lengths: Mapping[int, int], where: str, k: int, key: str) -> TokenId:
    problem = f"annotation {k}: {key} id {value!r}"
    found = _TOKEN_ID.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        raise InputError(where, f"{problem} is not 'sentence:token'", "malformed")
    sid, tok = int(found.group(1)), int(found.group(2))
    if sid not in lengths or tok >= lengths[sid]:
        raise InputError(where, f"{problem} points at no token of the file", "malformed")
    return (sid, tok)


# --------------------------------------------------------------------------- writing


def spkatt_to_json(doc: SpkAttDocument) -> dict[str, Any]:
    """The task-2 JSON of a document, keys in the corpus's order."""
    out: dict[str, Any] = {
        "Annotations": [_annotation_to_json(a) for a in doc.annotations],
    }
    if doc.document_name is not None:
        out["DocumentName"] = doc.document_name
    out["Sentences"] = [{"SentenceId": s.id, "Tokens": list(s.tokens)} for s in doc.sentences]
    return out


def _annotation_to_json(a: SpkAttAnnotation) -> dict[str, Any]:
    def ids(tokens: tuple[TokenId, ...]) -> list[str]:
        return [f"{s}:{t}" for s, t in tokens]

    return {
        "Addr": ids(a.addr),
        "Cue": ids(a.cue),
        "Form": a.form,
        "Frame": ids(a.frame),
        "HasNested": a.has_nested,
        "IsNested": a.is_nested,
        "Message": ids(a.message),
        "STWR": a.stwr,
        "Source": ids(a.source),
    }


def dump_spkatt(doc: SpkAttDocument) -> str:
    return json.dumps(spkatt_to_json(doc), ensure_ascii=False, indent=1) + "\n"


def write_spkatt(doc: SpkAttDocument, path: Path) -> None:
    path.write_text(dump_spkatt(doc), encoding="utf-8")


# --------------------------------------------------------------------------- predicting


@dataclass(frozen=True, slots=True)
class TokenText:
    """A document's tokens as text: sentences for the extractor and the way back.

    ``ids[i]`` is the corpus id of the token at ``spans[i]``; both are in text order.
    Sentences without tokens are not passed to the extractor.
    """

    text: str
    sentences: tuple[Sentence, ...]
    ids: tuple[TokenId, ...]
    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def tokens_in(self, spans: Iterable[Span]) -> tuple[TokenId, ...]:
        """Ids of the tokens that overlap any of ``spans``, in document order."""
        found: set[int] = set()
        for span in spans:
            if span.start >= span.end:
                continue
            first = bisect_right(self.ends, span.start)  # first token ending after start
            last = bisect_left(self.starts, span.end)  # tokens before this start before end
            found.update(range(first, last))
        return tuple(self.ids[i] for i in sorted(found))


def token_text(doc: SpkAttDocument) -> TokenText:
    """Join tokens with single spaces and sentences with ``"\\n"``, keeping the map."""
    parts: list[str] = []
    pos = 0
    sentences: list[Sentence] = []
    ids: list[TokenId] = []
    spans: list[Span] = []
    for k, sent in enumerate(doc.sentences):
        if k:
            parts.append("\n")
            pos += 1
        own: list[Span] = []
        for i, token in enumerate(sent.tokens):
            if i:
                parts.append(" ")
                pos += 1
            parts.append(token)
            span = Span(pos, pos + len(token))
            pos = span.end
            own.append(span)
            ids.append((sent.id, i))
            spans.append(span)
        if own:
            sentences.append(Sentence(Span(own[0].start, own[-1].end), tuple(own)))
    return TokenText(
        text="".join(parts),
        sentences=tuple(sentences),
        ids=tuple(ids),
        spans=tuple(spans),
        starts=tuple(s.start for s in spans),
        ends=tuple(s.end for s in spans),
    )


def frame_tokens(
    doc: SpkAttDocument,
    cue: Sequence[TokenId],
    roles: Iterable[TokenId],
    message: Iterable[TokenId],
) -> tuple[TokenId, ...]:
    """The ``Frame`` of a predicted annotation.

    The guidelines' frame is the part of the sentence that introduces the message: the
    cue with its source and addressee and the words around them, without the message.
    Measured against the gold frames of ``spkatt-news/train`` (given the gold cue,
    source, addressee and message), this rule reproduces them with token F1 0.87: in
    each sentence holding a cue token, take the maximal runs of non-message tokens that
    contain a cue, source or addressee token, and drop the sentence-final ``.``, ``!``
    or ``?``. No cue, no frame (as in the gold data).
    """
    if not cue:
        return ()
    anchors = set(cue) | set(roles)
    excluded = set(message)
    lengths = {s.id: s.tokens for s in doc.sentences}
    out: list[TokenId] = []
    for sid in sorted({s for s, _ in cue}):
        tokens = lengths.get(sid, ())
        run: list[TokenId] = []
        for i in range(len(tokens) + 1):
            tid = (sid, i)
            if i == len(tokens) or tid in excluded:
                if anchors.intersection(run):
                    out.extend(run)
                run = []
            else:
                run.append(tid)
        if tokens and tokens[-1] in _FINAL_PUNCTUATION:
            last = (sid, len(tokens) - 1)
            out = [t for t in out if t != last]
    return tuple(sorted(set(out)))


def annotations_from_attributions(
    doc: SpkAttDocument, tt: TokenText, attributions: Sequence[Attribution]
) -> tuple[SpkAttAnnotation, ...]:
    """Map predicted attributions (character spans) to task-2 annotations (token ids).

    ``IsNested`` is set when the extractor says so or when the annotation lies inside
    another one's message (its message strictly inside, or its cue inside); ``HasNested``
    on that other one.
    """
    base: list[SpkAttAnnotation] = []
    for a in attributions:
        cue = () if a.form in CUELESS_FORMS else tt.tokens_in(a.cue)
        source = tt.tokens_in(a.source)
        addr = tt.tokens_in(a.addressee)
        message = tt.tokens_in(a.content)
        base.append(
            SpkAttAnnotation(
                message=message,
                cue=cue,
                source=source,
                addr=addr,
                frame=frame_tokens(doc, cue, (*source, *addr), message),
                form=a.form,
                stwr=_stwr(a),
                is_nested=a.nested,
            )
        )
    messages = [set(a.message) for a in base]
    nested = [a.is_nested for a in base]
    has_nested = [False] * len(base)
    for j, inner in enumerate(base):
        for i in range(len(base)):
            if i == j or not messages[i]:
                continue
            inside = (bool(messages[j]) and messages[j] < messages[i]) or (
                bool(inner.cue) and set(inner.cue) <= messages[i]
            )
            if inside:
                nested[j] = True
                has_nested[i] = True
    return tuple(
        replace(a, is_nested=nested[k], has_nested=has_nested[k]) for k, a in enumerate(base)
    )


def _stwr(a: Attribution) -> str:
    if a.rule in UNSPECIFIED_MEDIUM_RULES and a.medium == "Speech":
        return "SW"
    return STWR_OF_MEDIUM[a.medium]


def predict_document(
    doc: SpkAttDocument, extractor: Extractor = default_extractor
) -> SpkAttDocument:
    """The document with the extractor's annotations in place of any it had."""
    tt = token_text(doc)
    published = date_in_name(doc.document_name or doc.name)
    attributions = extractor(tt.text, tt.sentences, LANGUAGE, published)
    return replace(doc, annotations=annotations_from_attributions(doc, tt, attributions))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class TrackScores:
    """Scores of one track (full or simplified).

    ``messages``, ``roles`` and ``joint`` are the shared task's macro scores (means of
    per-pair values); ``per_role`` the same for each role alone; ``micro`` sums the token
    counts of every role over all pairs (reported for information, not by the task).
    """

    role_names: tuple[str, ...]
    messages: PRF
    roles: PRF
    joint: PRF
    per_role: tuple[tuple[str, PRF], ...]
    micro: tuple[tuple[str, Counts], ...]
    gold: int
    system: int
    matched: int

    def to_json(self) -> dict[str, Any]:
        micro_total = sum((c for _, c in self.micro), Counts())
        return {
            "roles_scored": list(self.role_names),
            "messages": self.messages.to_json(),
            "roles": self.roles.to_json(),
            "joint": self.joint.to_json(),
            "per_role": {name: prf.to_json() for name, prf in self.per_role},
            "micro": {
                **{name: {**c.to_json(), **c.prf().to_json()} for name, c in self.micro},
                "all": {**micro_total.to_json(), **micro_total.prf().to_json()},
            },
            "annotations": {"gold": self.gold, "system": self.system, "matched": self.matched},
        }


@dataclass(frozen=True, slots=True)
class SpkAttScores:
    """Both tracks as the shared task scores them, and both again ``strict``: without the
    pairs of annotations whose messages do not overlap (see :func:`match_annotations`)."""

    documents: int
    full: TrackScores
    simplified: TrackScores
    form: PRF
    stwr: PRF
    strict_full: TrackScores
    strict_simplified: TrackScores

    def to_json(self) -> dict[str, Any]:
        return {
            "task": "GermEval 2023 SpkAtt task 2",
            "documents": self.documents,
            "full": self.full.to_json(),
            "simplified": self.simplified.to_json(),
            "form": self.form.to_json(),
            "stwr": self.stwr.to_json(),
            "strict": {
                "full": self.strict_full.to_json(),
                "simplified": self.strict_simplified.to_json(),
            },
        }

    def rows(self) -> list[tuple[str, PRF]]:
        """The headline figures, labelled, for a table."""
        rows = [
            ("full messages", self.full.messages),
            ("full roles", self.full.roles),
            ("full joint", self.full.joint),
        ]
        rows += [(f"full {name}", prf) for name, prf in self.full.per_role if name != "Message"]
        rows += [
            ("simplified messages", self.simplified.messages),
            ("simplified source", self.simplified.roles),
            ("simplified joint", self.simplified.joint),
            ("form", self.form),
            ("stwr", self.stwr),
            ("strict full joint", self.strict_full.joint),
            ("strict simplified joint", self.strict_simplified.joint),
        ]
        return rows


def _pair_score(system: SpkAttAnnotation, gold: SpkAttAnnotation) -> float:
    """The scorer's assignment weight: message token F1, plus tie-breakers for the
    same form (0.01) and the same STWR (0.001) when the messages overlap at all."""
    score = overlap_f1(system.message, gold.message)
    if score > 0:
        score += 0.01 if system.form == gold.form else 0.0
        score += 0.001 if system.stwr == gold.stwr else 0.0
    return score


def match_annotations(
    system: Sequence[SpkAttAnnotation],
    gold: Sequence[SpkAttAnnotation],
    *,
    strict: bool = False,
) -> list[tuple[SpkAttAnnotation | None, SpkAttAnnotation | None]]:
    """Matched (system, gold) pairs, then unmatched system ones against ``None``, then
    unmatched gold ones against ``None``.

    As the shared task's scorer does, the assignment pairs as many annotations as the
    smaller side has, also pairs whose messages do not overlap at all (which of those are
    paired is SciPy's arbitrary but deterministic choice); ``strict`` leaves such pairs
    unmatched instead.
    """
    scores = [[_pair_score(s, g) for s in system] for g in gold]
    pairs = assign(scores, keep_zero=not strict)
    out: list[tuple[SpkAttAnnotation | None, SpkAttAnnotation | None]] = [
        (system[j], gold[i]) for i, j in pairs
    ]
    used_gold = {i for i, _ in pairs}
    used_system = {j for _, j in pairs}
    out += [(s, None) for j, s in enumerate(system) if j not in used_system]
    out += [(None, g) for i, g in enumerate(gold) if i not in used_gold]
    return out


def _label(system: str | None, gold: str | None) -> Counts:
    if system == gold:
        return Counts(tp=1) if gold is not None else Counts()
    return Counts(fp=int(system is not None), fn=int(gold is not None))


def _score_track(
    documents: Sequence[tuple[SpkAttDocument, SpkAttDocument]],
    roles: tuple[str, ...],
    top_level_only: bool,
    strict: bool,
) -> tuple[TrackScores, Counts, Counts]:
    precisions: dict[str, list[float]] = {r: [] for r in roles}
    recalls: dict[str, list[float]] = {r: [] for r in roles}
    micro = dict.fromkeys(roles, Counts())
    form = stwr = Counts()
    n_gold = n_system = n_matched = 0
    for system_doc, gold_doc in documents:
        gold = [a for a in gold_doc.annotations if not (top_level_only and a.is_nested)]
        system = [a for a in system_doc.annotations if not (top_level_only and a.is_nested)]
        n_gold += len(gold)
        n_system += len(system)
        for s, g in match_annotations(system, gold, strict=strict):
            n_matched += s is not None and g is not None
            for role in roles:
                c = count(s.role(role) if s else (), g.role(role) if g else ())
                micro[role] += c
                if c.precision is not None:
                    precisions[role].append(c.precision)
                if c.recall is not None:
                    recalls[role].append(c.recall)
            form += _label(s.form if s else None, g.form if g else None)
            stwr += _label(s.stwr if s else None, g.stwr if g else None)

    def macro(names: Sequence[str]) -> PRF:
        return PRF.of(
            mean(p for r in names for p in precisions[r]),
            mean(v for r in names for v in recalls[r]),
        )

    track = TrackScores(
        role_names=roles,
        messages=macro(roles[:1]),
        roles=macro(roles[1:]),
        joint=macro(roles),
        per_role=tuple((r, macro((r,))) for r in roles),
        micro=tuple(micro.items()),
        gold=n_gold,
        system=n_system,
        matched=n_matched,
    )
    return track, form, stwr


def score_spkatt(documents: Sequence[tuple[SpkAttDocument, SpkAttDocument]]) -> SpkAttScores:
    """Score (system, gold) document pairs; both of a pair must have the same sentences."""
    for system, gold in documents:
        if system.shape() != gold.shape():
            raise InputError(gold.name, "system and gold files have different sentences")
    full, form, stwr = _score_track(documents, FULL_ROLES, top_level_only=False, strict=False)
    simplified, _, _ = _score_track(documents, SIMPLIFIED_ROLES, top_level_only=True, strict=False)
    strict_full, _, _ = _score_track(documents, FULL_ROLES, top_level_only=False, strict=True)
    strict_simplified, _, _ = _score_track(
        documents, SIMPLIFIED_ROLES, top_level_only=True, strict=True
    )
    return SpkAttScores(
        documents=len(documents),
        full=full,
        simplified=simplified,
        form=form.prf(),
        stwr=stwr.prf(),
        strict_full=strict_full,
        strict_simplified=strict_simplified,
    )


# --------------------------------------------------------------------------- the run


def evaluate_spkatt(
    in_dir: Path,
    out_dir: Path,
    gold_dir: Path | None = None,
    *,
    extractor: Extractor = default_extractor,
    observer: Observer | None = None,
) -> EvalRun[SpkAttScores]:
    """Predict every ``IN_DIR/*.json`` into ``OUT_DIR`` (same file names), and with a gold
    directory score them against the gold files of the same names and write
    ``OUT_DIR/scores.json``.

    A file that cannot be read, or on which the extractor fails, is skipped with the
    reason; the others go on. Raises :class:`StorytraceError` when a directory cannot
    be used.
    """
    started = time.perf_counter()
    obs = observer or NullObserver()
    check_dirs(in_dir, out_dir, gold_dir)
    require_extractor(extractor)
    inputs = sorted(p for p in in_dir.glob("*.json") if p.is_file())

    def refuse(path: Path) -> str | None:
        return (
            f"the name {SCORES_FILE} is kept for the scores" if path.name == SCORES_FILE else None
        )

    def write(path: Path, _doc: SpkAttDocument, result: SpkAttDocument) -> Path:
        target = out_dir / path.name
        write_text(target, dump_spkatt(result))
        return target

    run = predict_files(
        inputs,
        obs,
        lambda path: read_spkatt(path, annotations=False),
        lambda _path, doc: predict_document(doc, extractor),
        write,
        refuse,
    )
    predicted, written, skipped, skip = run.predicted, run.written, run.skipped, run.skip
    extract_seconds = run.extract_seconds

    scores = None
    unscored: list[str] = []
    scores_path = None
    if gold_dir is not None:
        pairs: list[tuple[SpkAttDocument, SpkAttDocument]] = []
        for doc in predicted:
            gold_path = gold_dir / doc.name
            if not gold_path.is_file():
                unscored.append(doc.name)
                continue
            try:
                gold = read_spkatt(gold_path)
                if gold.shape() != doc.shape():
                    raise InputError(
                        str(gold_path), "its sentences differ from the input's: cannot score"
                    )
            except InputError as exc:
                skip(Skipped(exc.source, exc.problem, exc.locator, exc.kind))
                continue
            pairs.append((doc, gold))
        scores = score_spkatt(pairs)
        scores_path = out_dir / SCORES_FILE
        payload = {
            **scores.to_json(),
            "input_dir": str(in_dir),
            "gold_dir": str(gold_dir),
            "unscored": unscored,
            "skipped": [{"source": s.label(), "problem": s.problem} for s in skipped],
        }
        write_text(scores_path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        written.append(scores_path)
    return EvalRun(
        processed=tuple(d.name for d in predicted),
        skipped=tuple(skipped),
        written=tuple(written),
        seconds=time.perf_counter() - started,
        extract_seconds=extract_seconds,
        scores=scores,
        unscored=tuple(unscored),
        scores_path=scores_path,
        inputs=len(inputs),
    )
