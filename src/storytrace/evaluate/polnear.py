"""PolNeAR (English political news, brat stand-off attributions): predict and score.

A document is a raw ``.txt`` file; its attributions are brat ``.ann`` lines: a ``T`` line
per ``Source``, ``Cue`` and ``Content`` span (discontinuous spans as ``start end;start
end``), an ``Attribution`` (or ``Attribution-no-source``) trigger ``T`` line and an ``E``
line linking them. Offsets are characters of the raw file text, which is read as UTF-8
without any cleaning or newline translation.

Scoring, per document: gold and system attributions are matched one-to-one, maximising
the summed Dice overlap of their ``Content`` characters (the ``Cue`` overlap, weighted
0.001, breaks ties and matches attributions whose contents do not overlap but whose
cues do). For each role the non-whitespace characters of each matched pair count as
true positives (in both), false positives (system only) and false negatives (gold
only); unmatched attributions count all theirs as false positives or negatives. Counts
are summed over the corpus (micro average) per role and over all roles ("overall").
"""

from __future__ import annotations

import glob
import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storytrace.annotate.sentences import split_sentences
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
from storytrace.evaluate.matching import PRF, Counts, assign, count, overlap_f1
from storytrace.model import Attribution, Skipped, Span

LANGUAGE = "en"

#: The roles scored, in the order of the tables.
ROLES = ("Source", "Cue", "Content")

#: Gold files of one text by several annotators: ``<text stem>_<4 hex digits>.ann``.
_ANNOTATOR_SUFFIX = re.compile(r"_([0-9a-f]{4})")

#: brat lines: ``T3\tContent 120 211;215 230\ttext`` and ``E1\tAttribution:T4 Cue:T2 …``.
_T_LINE = re.compile(r"(T\d+)\t(\S+) ([0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*)(?:\t.*)?")
_E_LINE = re.compile(r"(E\d+)\t(\S+?):(T\d+)((?: \S+?:[TE]\d+)*) *")
_E_ARGUMENT = re.compile(r"(\S+?):([TE]\d+)")
_ID_START = re.compile(r"([TE])\d+\t")

SCORES_FILE = "scores.json"


@dataclass(frozen=True, slots=True)
class RoleSpans:
    """The character spans of one attribution's roles, each in text order."""

    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    content: tuple[Span, ...] = ()

    def role(self, name: str) -> tuple[Span, ...]:
        value: tuple[Span, ...] = getattr(self, name.lower())
        return value


def role_spans(a: Attribution) -> RoleSpans:
    """The PolNeAR roles of a storytrace attribution (the addressee is not one)."""
    return RoleSpans(source=_ordered(a.source), cue=_ordered(a.cue), content=_ordered(a.content))


def _ordered(spans: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(sorted({s for s in spans if s.end > s.start}, key=lambda s: (s.start, s.end)))


# --------------------------------------------------------------------------- reading


def read_text(path: Path) -> str:
    """The raw text of a ``.txt`` file: UTF-8, nothing stripped or translated."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror})", "unreadable") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = f"not UTF-8 ({exc.reason} at byte {exc.start})"
        raise InputError(source, problem, "encoding") from exc
    if not text.strip():
        raise InputError(source, "empty file", "empty")
    return text


def parse_brat(
    content: str, text: str | None = None, source: str = "<ann>"
) -> tuple[RoleSpans, ...]:
    """The attributions of a brat ``.ann`` file: one per ``E`` line.

    Only offsets are read (the text column is informational); with ``text`` they are
    checked against its length. Lines of other kinds (``#`` notes, ``A``/``R`` lines) and
    ``T`` spans no ``E`` line uses (``Discuss``, ``Discard``) are ignored, as are the
    continuation lines brat leaves when a span's text contains a line break.
    """
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[tuple[int, list[tuple[str, str]]]] = []
    for number, line in enumerate(content.split("\n"), 1):
        line = line.rstrip("\r")
        start = _ID_START.match(line)
        if start is None:
            continue
        if start.group(1) == "T":
            found = _T_LINE.fullmatch(line)
            if found is None:
                raise InputError(source, "malformed T line", "malformed", f"line {number}")
            fragments = []
            for piece in found.group(3).split(";"):
                a, b = (int(x) for x in piece.split())
                if a > b or (text is not None and b > len(text)):
                    raise InputError(
                        source,
                        f"span {a}-{b} does not fit the text ({len(text or '')} characters)",
                        "malformed",
                        f"line {number}",
                    )
                fragments.append(Span(a, b))
            spans[found.group(1)] = (found.group(2), tuple(fragments))
        else:
            found = _E_LINE.fullmatch(line)
            if found is None:
                raise InputError(source, "malformed E line", "malformed", f"line {number}")
            arguments = _E_ARGUMENT.findall(found.group(4))
            events.append((number, arguments))
    out: list[RoleSpans] = []
    for number, arguments in events:
        roles: dict[str, list[Span]] = {name: [] for name in ROLES}
        for role, ref in arguments:
            base = role.rstrip("0123456789")  # Content2 is a second Content
            if base not in roles:
                continue
            if ref not in spans:
                raise InputError(
                    source,
                    f"{role} refers to {ref}, which no T line defines",
                    "malformed",
                    f"line {number}",
                )
            roles[base].extend(spans[ref][1])
        out.append(
            RoleSpans(
                source=_ordered(roles["Source"]),
                cue=_ordered(roles["Cue"]),
                content=_ordered(roles["Content"]),
            )
        )
    return tuple(out)


def read_brat(path: Path, text: str | None = None) -> tuple[RoleSpans, ...]:
    source = str(path)
    try:
        content = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(source, f"cannot read ({exc.strerror})", "unreadable") from exc
    except UnicodeDecodeError as exc:
        problem = f"not UTF-8 ({exc.reason} at byte {exc.start})"
        raise InputError(source, problem, "encoding") from exc
    return parse_brat(content, text, source)


def gold_file(gold_dir: Path, stem: str) -> Path | None:
    """The gold ``.ann`` of the text ``<stem>.txt``.

    ``<stem>.ann`` if there is one; else, of the annotators' files ``<stem>_<id>.ann``,
    the one whose annotator id sorts first, so that every run scores against the same
    annotator.
    """
    exact = gold_dir / f"{stem}.ann"
    if exact.is_file():
        return exact
    candidates = sorted(
        p
        for p in gold_dir.glob(f"{glob.escape(stem)}_*.ann")
        if _ANNOTATOR_SUFFIX.fullmatch(p.stem[len(stem) :]) and p.is_file()
    )
    return candidates[0] if candidates else None


# --------------------------------------------------------------------------- writing


def dump_brat(attributions: Sequence[RoleSpans], text: str) -> str:
    """brat lines for ``attributions``, laid out as PolNeAR's files are."""
    lines: list[str] = []
    t = 0
    for e, a in enumerate((a for a in attributions if a.cue or a.content or a.source), 1):
        arguments: list[str] = []
        for role in ROLES:
            spans = a.role(role)
            if spans:
                t += 1
                lines.append(_t_line(t, role, spans, text))
                arguments.append(f"{role}:T{t}")
        trigger = a.cue or a.content or a.source
        label = "Attribution" if a.source else "Attribution-no-source"
        t += 1
        lines.append(_t_line(t, label, trigger, text))
        lines.append(f"E{e}\t{label}:T{t} " + " ".join(reversed(arguments)))
    return "".join(line + "\n" for line in lines)


def _t_line(number: int, label: str, spans: Sequence[Span], text: str) -> str:
    offsets = ";".join(f"{s.start} {s.end}" for s in spans)
    shown = " ".join(s.of(text) for s in spans)
    shown = shown.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return f"T{number}\t{label} {offsets}\t{shown}"


def write_brat(attributions: Sequence[RoleSpans], text: str, path: Path) -> None:
    path.write_text(dump_brat(attributions, text), encoding="utf-8")


# --------------------------------------------------------------------------- predicting


def predict_text(
    text: str,
    extractor: Extractor = default_extractor,
    *,
    max_sentence_chars: int | None = None,
    name: str = "",
) -> tuple[RoleSpans, ...]:
    """Split ``text`` into sentences as the English pipeline does, run the extractor, and
    return the roles of what it found. ``name`` (the file name) may carry the date."""
    if max_sentence_chars is None:
        from storytrace.settings import DEFAULT_SETTINGS

        max_sentence_chars = DEFAULT_SETTINGS.annotate.max_sentence_chars
    sentences = split_sentences(text, LANGUAGE, max_sentence_chars)
    found = extractor(text, sentences, LANGUAGE, date_in_name(name))
    out = []
    for a in found:
        spans = role_spans(a)
        if any(s.end > len(text) for role in ROLES for s in spans.role(role)):
            raise ValueError("the extractor returned a span beyond the end of the text")
        out.append(spans)
    return tuple(out)


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class PolnearScores:
    """Character counts per role, summed over the corpus; attribution counts."""

    documents: int
    per_role: tuple[tuple[str, Counts], ...]
    gold: int
    system: int
    matched: int

    @property
    def overall(self) -> Counts:
        return sum((c for _, c in self.per_role), Counts())

    @property
    def attributions(self) -> PRF:
        """How many attributions were matched at all (content or cue overlap)."""
        return PRF.of(
            self.matched / self.system if self.system else None,
            self.matched / self.gold if self.gold else None,
        )

    def rows(self) -> list[tuple[str, PRF]]:
        return [
            *((name, c.prf()) for name, c in self.per_role),
            ("overall", self.overall.prf()),
            ("attributions", self.attributions),
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "task": "PolNeAR attribution, character level",
            "documents": self.documents,
            "per_role": {name: {**c.to_json(), **c.prf().to_json()} for name, c in self.per_role},
            "overall": {**self.overall.to_json(), **self.overall.prf().to_json()},
            "attributions": {
                "gold": self.gold,
                "system": self.system,
                "matched": self.matched,
                **self.attributions.to_json(),
            },
        }


def _chars(spans: Iterable[Span], text: str) -> frozenset[int]:
    """Offsets of the non-whitespace characters the spans cover."""
    return frozenset(
        i for s in spans for i in range(s.start, min(s.end, len(text))) if not text[i].isspace()
    )


def match_attributions(
    system: Sequence[RoleSpans], gold: Sequence[RoleSpans], text: str
) -> list[tuple[RoleSpans | None, RoleSpans | None]]:
    """Matched (system, gold) pairs, then unmatched system ones against ``None``, then
    unmatched gold ones against ``None``."""
    sys_chars = [(_chars(a.content, text), _chars(a.cue, text)) for a in system]
    gold_chars = [(_chars(a.content, text), _chars(a.cue, text)) for a in gold]
    scores = [
        [overlap_f1(sc, gc) + 0.001 * overlap_f1(sq, gq) for sc, sq in sys_chars]
        for gc, gq in gold_chars
    ]
    pairs = assign(scores)
    out: list[tuple[RoleSpans | None, RoleSpans | None]] = [(system[j], gold[i]) for i, j in pairs]
    used_gold = {i for i, _ in pairs}
    used_system = {j for _, j in pairs}
    out += [(s, None) for j, s in enumerate(system) if j not in used_system]
    out += [(None, g) for i, g in enumerate(gold) if i not in used_gold]
    return out


def score_polnear(
    documents: Sequence[tuple[str, Sequence[RoleSpans], Sequence[RoleSpans]]],
) -> PolnearScores:
    """Score ``(text, system, gold)`` triples, one per document.

    Attributions without any span (PolNeAR has a few ``E`` lines with nothing but their
    trigger) have nothing to score and are left out of the counts.
    """
    totals = dict.fromkeys(ROLES, Counts())
    n_gold = n_system = n_matched = 0
    for text, all_system, all_gold in documents:
        system = [a for a in all_system if a.source or a.cue or a.content]
        gold = [a for a in all_gold if a.source or a.cue or a.content]
        n_gold += len(gold)
        n_system += len(system)
        for s, g in match_attributions(system, gold, text):
            n_matched += s is not None and g is not None
            for role in ROLES:
                totals[role] += count(
                    _chars(s.role(role), text) if s else (),
                    _chars(g.role(role), text) if g else (),
                )
    return PolnearScores(
        documents=len(documents),
        per_role=tuple(totals.items()),
        gold=n_gold,
        system=n_system,
        matched=n_matched,
    )


# --------------------------------------------------------------------------- the run


def evaluate_polnear(
    text_dir: Path,
    out_dir: Path,
    gold_dir: Path | None = None,
    *,
    extractor: Extractor = default_extractor,
    observer: Observer | None = None,
    max_sentence_chars: int | None = None,
) -> EvalRun[PolnearScores]:
    """Predict every ``TEXT_DIR/*.txt`` into ``OUT_DIR/<stem>.ann``; with a gold
    directory (PolNeAR's ``attributions/``) score against :func:`gold_file` of each and
    write ``OUT_DIR/scores.json``.

    A file that cannot be read, or on which the extractor fails, is skipped with the
    reason; the others go on. Raises :class:`StorytraceError` when a directory cannot
    be used.
    """
    started = time.perf_counter()
    obs = observer or NullObserver()
    check_dirs(text_dir, out_dir, gold_dir)
    require_extractor(extractor)
    inputs = sorted(p for p in text_dir.glob("*.txt") if p.is_file())

    def predict(path: Path, text: str) -> tuple[str, str, tuple[RoleSpans, ...]]:
        found = predict_text(text, extractor, max_sentence_chars=max_sentence_chars, name=path.name)
        return path.stem, text, found

    def write(path: Path, text: str, result: tuple[str, str, tuple[RoleSpans, ...]]) -> Path:
        target = out_dir / f"{path.stem}.ann"
        write_text(target, dump_brat(result[2], text))
        return target

    run = predict_files(inputs, obs, read_text, predict, write)
    predicted, written, skipped, skip = run.predicted, run.written, run.skipped, run.skip
    extract_seconds = run.extract_seconds

    scores = None
    unscored: list[str] = []
    scores_path = None
    if gold_dir is not None:
        triples: list[tuple[str, Sequence[RoleSpans], Sequence[RoleSpans]]] = []
        chosen: dict[str, str] = {}
        for stem, text, found in predicted:
            gold_path = gold_file(gold_dir, stem)
            if gold_path is None:
                unscored.append(f"{stem}.txt")
                continue
            try:
                gold = read_brat(gold_path, text)
            except InputError as exc:
                skip(Skipped(exc.source, exc.problem, exc.locator, exc.kind))
                continue
            chosen[f"{stem}.txt"] = gold_path.name
            triples.append((text, found, gold))
        scores = score_polnear(triples)
        scores_path = out_dir / SCORES_FILE
        payload = {
            **scores.to_json(),
            "text_dir": str(text_dir),
            "gold_dir": str(gold_dir),
            "gold_files": chosen,
            "unscored": unscored,
            "skipped": [{"source": s.label(), "problem": s.problem} for s in skipped],
        }
        write_text(scores_path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        written.append(scores_path)
    return EvalRun(
        processed=tuple(f"{stem}.txt" for stem, _, _ in predicted),
        skipped=tuple(skipped),
        written=tuple(written),
        seconds=time.perf_counter() - started,
        extract_seconds=extract_seconds,
        scores=scores,
        unscored=tuple(unscored),
        scores_path=scores_path,
        inputs=len(inputs),
    )
