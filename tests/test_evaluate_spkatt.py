"""SpkAtt task-2 harness: matching, the scorer on hand-computed cases, the JSON format, the
run with a fake extractor, the command line, and a gold-against-itself check on real files."""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import pytest

from storytrace.cli import EXIT_ERROR, EXIT_OK, EXIT_SOME_SKIPPED, main
from storytrace.errors import InputError
from storytrace.evaluate import date_in_name
from storytrace.evaluate.matching import PRF, Counts, assign, f1, overlap_f1
from storytrace.evaluate.spkatt import (
    SpkAttAnnotation,
    SpkAttDocument,
    SpkAttSentence,
    annotations_from_attributions,
    evaluate_spkatt,
    frame_tokens,
    predict_document,
    read_spkatt,
    score_spkatt,
    spkatt_from_json,
    spkatt_to_json,
    token_text,
)
from storytrace.model import Attribution, Medium, PartialDate, Sentence, Span

# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([], []),
        ([[0.5]], [(0, 0)]),
        ([[0.0]], []),  # no overlap, no match
        ([[1.0, 0.0], [0.0, 1.0]], [(0, 0), (1, 1)]),
        ([[0.9, 0.8], [0.8, 0.1]], [(0, 1), (1, 0)]),  # 1.6 beats 1.0
        ([[0.3, 0.9, 0.2]], [(0, 1)]),  # more columns than rows
        ([[0.3], [0.9], [0.2]], [(1, 0)]),  # more rows than columns
        ([[0.5, 0.0], [0.4, 0.0]], [(0, 0)]),  # row 1 left unmatched: only zero left
    ],
)
def test_assign_picks_the_largest_total(
    scores: list[list[float]], expected: list[tuple[int, int]]
) -> None:
    assert assign(scores) == expected


def test_assign_can_keep_zero_pairs_as_scipy_does() -> None:
    assert assign([[0.0]], keep_zero=True) == [(0, 0)]
    assert assign([[0.5, 0.0], [0.4, 0.0]], keep_zero=True) == [(0, 0), (1, 1)]
    assert assign([[0.0, 0.0, 0.0]], keep_zero=True) == [(0, 0)]  # SciPy's choice
    assert assign([[0.0], [0.0], [0.0]], keep_zero=True) == [(0, 0)]


def test_assign_gives_scipys_pairs() -> None:
    np = pytest.importorskip("numpy")
    optimize = pytest.importorskip("scipy.optimize")  # with pip install -e ".[compare]"
    rng = random.Random(11)
    for _ in range(2000):
        rows, cols = rng.randint(1, 6), rng.randint(1, 6)
        values = [0.0, 0.0, 0.0, 0.001, 0.011, 0.5, 1.0]
        scores = [[rng.choice(values) for _ in range(cols)] for _ in range(rows)]
        r, c = optimize.linear_sum_assignment(np.array(scores), maximize=True)
        assert assign(scores, keep_zero=True) == sorted(zip(r.tolist(), c.tolist(), strict=True))


def test_assign_agrees_with_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(300):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        scores = [[rng.choice([0.0, 0.0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
        got = assign(scores)
        assert len({i for i, _ in got}) == len(got) == len({j for _, j in got})
        best = 0.0
        small, large = (rows, cols) if rows <= cols else (cols, rows)
        for perm in itertools.permutations(range(large), small):
            total = sum(scores[i][j] if rows <= cols else scores[j][i] for i, j in enumerate(perm))
            best = max(best, total)
        assert sum(scores[i][j] for i, j in got) == pytest.approx(best)


@pytest.mark.parametrize(
    ("p", "r", "expected"),
    [(1.0, 1.0, 1.0), (0.5, 1.0, 2 / 3), (0.0, 0.0, 0.0), (None, 0.0, 0.0), (None, None, None)],
)
def test_f1(p: float | None, r: float | None, expected: float | None) -> None:
    assert f1(p, r) == (pytest.approx(expected) if expected is not None else None)


def test_overlap_and_counts() -> None:
    assert overlap_f1({1, 2, 3, 4}, {3, 4, 5, 6}) == 0.5
    assert overlap_f1(set(), {1}) == 0.0
    c = Counts(2, 2, 0) + Counts(0, 0, 2)
    assert c == Counts(2, 2, 2) and c.prf() == PRF(0.5, 0.5, 0.5)
    assert Counts().prf() == PRF(None, None, None)


# --------------------------------------------------------------------------- the scorer

SENT = SpkAttSentence(0, tuple(f"w{i}" for i in range(12)))


def words(sentence: str) -> tuple[str, ...]:
    return tuple(sentence.split())


def toks(spec: str) -> tuple[tuple[int, int], ...]:
    """ "0-3,6" → sentence-0 tokens 0,1,2,3,6."""
    out: list[tuple[int, int]] = []
    for part in filter(None, spec.split(",")):
        a, _, b = part.partition("-")
        out += [(0, i) for i in range(int(a), int(b or a) + 1)]
    return tuple(out)


def ann(
    msg: str,
    src: str = "",
    cue: str = "",
    addr: str = "",
    form: str = "Indirect",
    stwr: str = "Speech",
    nested: bool = False,
) -> SpkAttAnnotation:
    return SpkAttAnnotation(
        message=toks(msg),
        source=toks(src),
        cue=toks(cue),
        addr=toks(addr),
        form=form,
        stwr=stwr,
        is_nested=nested,
    )


def doc(*annotations: SpkAttAnnotation, name: str = "d.json") -> SpkAttDocument:
    return SpkAttDocument(name, (SENT,), tuple(annotations))


# (id, system, gold, expected {figure: (P, R, F1)}); hand-computed, see each comment.
CASES = [
    (
        "perfect",
        [ann("0-4", "6", "5", "7-8")],
        [ann("0-4", "6", "5", "7-8")],
        {"full messages": (1, 1, 1), "full roles": (1, 1, 1), "full joint": (1, 1, 1)},
    ),
    (
        "disjoint",  # no overlap: both unmatched; system P 0 (R undefined), gold R 0
        [ann("6-8", "9")],
        [ann("0-2", "3")],
        {"full messages": (0, 0, 0), "full roles": (0, 0, 0), "simplified joint": (0, 0, 0)},
    ),
    (
        "partial",
        # message 2-5 vs 0-3: tp 2, fp 2, fn 2 → .5/.5; source {6,7} vs {6}: P .5 R 1;
        # cue 8 vs 8: 1/1; addr and frame empty on both sides: undefined, left out.
        # roles P = mean(.5, 1) = .75, R = 1 → F1 6/7; joint P = mean(.5,.5,1) = 2/3,
        # R = mean(.5, 1, 1) = 5/6 → F1 = 2·(2/3)(5/6)/(3/2) = 20/27
        [ann("2-5", "6-7", "8")],
        [ann("0-3", "6", "8")],
        {
            "full messages": (0.5, 0.5, 0.5),
            "full roles": (0.75, 1, 6 / 7),
            "full joint": (2 / 3, 5 / 6, 20 / 27),
            "full Source": (0.5, 1, 2 / 3),
            "full Cue": (1, 1, 1),
            "full Addr": (None, None, None),
        },
    ),
    (
        "unmatched system",  # pair P 1; extra system P 0 → P .5, R 1
        [ann("0-3", "5"), ann("7-9", "5")],
        [ann("0-3", "5")],
        {"full messages": (0.5, 1, 2 / 3), "full roles": (0.5, 1, 2 / 3)},
    ),
    (
        "unmatched gold",  # pair R 1; missed gold R 0 → P 1, R .5
        [ann("0-3", "5")],
        [ann("0-3", "5"), ann("7-9", "6")],
        {"full messages": (1, 0.5, 2 / 3), "simplified joint": (1, 0.5, 2 / 3)},
    ),
    (
        "nested only in full",  # the missed gold annotation is nested: simplified ignores it
        [ann("0-5", "6")],
        [ann("0-5", "6"), ann("2-3", "7", nested=True)],
        {
            "full messages": (1, 0.5, 2 / 3),
            "simplified messages": (1, 1, 1),
            "simplified source": (1, 1, 1),
            "simplified joint": (1, 1, 1),
        },
    ),
    (
        "nested system annotation ignored by simplified",
        [ann("0-5", "6"), ann("2-3", "9", nested=True)],
        [ann("0-5", "6")],
        {"full messages": (0.5, 1, 2 / 3), "simplified joint": (1, 1, 1)},
    ),
    (
        "best total assignment",
        # system 0-5 overlaps gold 0-3 (F1 .8) and 4-7 (F1 .4); system 4-7 = gold 4-7.
        # max total pairs 0-5↔0-3 (P 4/6, R 1) and 4-7↔4-7 (1, 1): P 5/6, R 1 → F1 10/11
        [ann("0-5"), ann("4-7")],
        [ann("0-3"), ann("4-7")],
        {"full messages": (5 / 6, 1, 10 / 11)},
    ),
    (
        "form breaks the tie",  # two identical system messages: the Direct one is matched
        [ann("0-3", form="Indirect"), ann("0-3", form="Direct")],
        [ann("0-3", form="Direct")],
        {"form": (0.5, 1, 2 / 3), "full messages": (0.5, 1, 2 / 3)},
    ),
    (
        "the scorer pairs annotations without message overlap",
        # as the shared task's scorer: the one system and the one gold annotation are
        # paired although their messages are disjoint, so the shared source scores;
        # strict leaves them unmatched
        [ann("5-7", "9")],
        [ann("0-2", "9")],
        {
            "full messages": (0, 0, 0),
            "full roles": (1, 1, 1),
            "full joint": (0.5, 0.5, 0.5),
            "strict full joint": (0, 0, 0),
            "strict simplified joint": (0, 0, 0),
        },
    ),
    (
        "wrong labels",
        [ann("0-3", form="Direct", stwr="Writing")],
        [ann("0-3", form="Indirect", stwr="Speech")],
        {"form": (0, 0, 0), "stwr": (0, 0, 0), "full messages": (1, 1, 1)},
    ),
]


@pytest.mark.parametrize(
    ("system", "gold", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_scorer_hand_computed(
    system: list[SpkAttAnnotation],
    gold: list[SpkAttAnnotation],
    expected: dict[str, tuple[float | None, float | None, float | None]],
) -> None:
    rows = dict(score_spkatt([(doc(*system), doc(*gold))]).rows())
    per_role = dict(score_spkatt([(doc(*system), doc(*gold))]).full.per_role)
    for figure, want in expected.items():
        got = rows.get(figure) or per_role[figure.removeprefix("full ")]
        for value, target in zip((got.precision, got.recall, got.f1), want, strict=True):
            if target is None:
                assert value is None, figure
            else:
                assert value == pytest.approx(target), figure


def test_macro_average_runs_over_pairs_of_all_documents() -> None:
    # doc a: perfect pair (P 1); doc b: pair with message P 1/2 → macro P .75, not the
    # micro 5/6 that pooling the tokens would give.
    a = doc(ann("0-3"), name="a.json")
    b_sys, b_gold = doc(ann("0-3"), name="b.json"), doc(ann("0-1"), name="b.json")
    scores = score_spkatt([(a, a), (b_sys, b_gold)])
    assert scores.full.messages.precision == pytest.approx(0.75)
    assert scores.documents == 2
    assert scores.full.gold == scores.full.system == scores.full.matched == 2


def test_nothing_to_score_is_undefined_not_perfect() -> None:
    scores = score_spkatt([(doc(), doc())])
    assert scores.full.joint == PRF(None, None, None)


def test_different_sentences_are_refused() -> None:
    other = SpkAttDocument("d.json", (SpkAttSentence(0, ("a", "b")),))
    with pytest.raises(InputError, match="different sentences"):
        score_spkatt([(other, doc())])


# --------------------------------------------------------------------------- the format

FIXTURE = {
    "Annotations": [
        {
            "Addr": [],
            "Cue": ["1:1"],
            "Form": "Indirect",
            "Frame": ["1:0", "1:1"],
            "HasNested": False,
            "IsNested": False,
            "Message": ["1:3", "1:4", "1:5", "1:6", "1:2"],
            "STWR": "Speech",
            "Source": ["1:0"],
        }
    ],
    "DocumentName": "1 - Brücke in Talheim gesperrt (2021-03-04)",
    "Sentences": [
        {"SentenceId": 0, "Tokens": ["Die", "Brücke", "bleibt", "zu", "."]},
        {"SentenceId": 1, "Tokens": ["Sprecher", "sagten", ",", "sie", "sei", "marode", "."]},
    ],
}


def write_fixture(path: Path, data: object = FIXTURE) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_read_write_round_trip(tmp_path: Path) -> None:
    doc_ = read_spkatt(write_fixture(tmp_path / "a.json"))
    assert doc_.document_name == FIXTURE["DocumentName"]
    assert doc_.annotations[0].message == ((1, 2), (1, 3), (1, 4), (1, 5), (1, 6))  # sorted
    out = spkatt_to_json(doc_)
    assert list(out) == ["Annotations", "DocumentName", "Sentences"]
    assert out["Sentences"] == FIXTURE["Sentences"]
    assert list(out["Annotations"][0]) == sorted(out["Annotations"][0])  # the corpus's order
    again = spkatt_from_json(json.loads(json.dumps(out)), "a.json")
    assert again == doc_


def test_input_annotations_can_be_ignored(tmp_path: Path) -> None:
    assert read_spkatt(write_fixture(tmp_path / "a.json"), annotations=False).annotations == ()


def _with(**changes: object) -> dict[str, object]:
    data = json.loads(json.dumps(FIXTURE))
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("content", "kind", "message"),
    [
        (b"", "empty", "empty file"),
        (b"{not json", "malformed", "not JSON"),
        (b"\xff\xfe{}", "encoding", "not UTF-8"),
        (b"[1, 2]", "malformed", "JSON object"),
        (b'{"Annotations": []}', "malformed", "no 'Sentences'"),
        (
            json.dumps(_with(Sentences=[{"SentenceId": "0", "Tokens": []}])).encode(),
            "malformed",
            "integer",
        ),
        (
            json.dumps(_with(Sentences=[{"SentenceId": 0, "Tokens": ["a"]}] * 2)).encode(),
            "malformed",
            "occurs twice",
        ),
        (
            json.dumps(_with(Annotations=[{"Message": ["9:0"]}])).encode(),
            "malformed",
            "points at no token",
        ),
        (
            json.dumps(_with(Annotations=[{"Message": ["1-2"]}])).encode(),
            "malformed",
            "not 'sentence:token'",
        ),
    ],
)
def test_bad_files_are_refused_with_a_reason(
    tmp_path: Path, content: bytes, kind: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(message)) as info:
        read_spkatt(path)
    assert info.value.kind == kind
    assert str(path) in str(info.value)


# --------------------------------------------------------------------------- predicting


def test_token_text_and_the_way_back(tmp_path: Path) -> None:
    doc_ = read_spkatt(write_fixture(tmp_path / "a.json"))
    tt = token_text(doc_)
    assert tt.text == "Die Brücke bleibt zu .\nSprecher sagten , sie sei marode ."
    assert [s.span.of(tt.text) for s in tt.sentences] == tt.text.split("\n")
    start = tt.text.index("sagten")
    # a span touching part of a token takes the whole token; whitespace takes nothing
    assert tt.tokens_in([Span(start + 2, start + 3)]) == ((1, 1),)
    assert tt.tokens_in([Span(start - 1, start)]) == ()
    assert tt.tokens_in([Span(0, len(tt.text))]) == tt.ids
    assert tt.tokens_in([Span(4, 4)]) == ()


@pytest.mark.parametrize(
    ("tokens", "cue", "roles", "message", "expected"),
    [
        # "X sagte , [msg] ." → X sagte ,
        ("X sagte , sie komme .", [1], [0], [3, 4], [0, 1, 2]),
        # message first: "[msg] , sagte X ." → , sagte X
        ("sie komme , sagte X .", [3], [4], [0, 1], [2, 3, 4]),
        # the run after the message holds no role: not part of the frame
        ("X sagte , sie komme , und ging .", [1], [0], [3, 4], [0, 1, 2]),
        # no cue, no frame
        ("sie komme , hieß es .", [], [], [0, 1], []),
        # a final colon stays (only . ! ? are dropped)
        ("X sagte :", [1], [0], [], [0, 1, 2]),
    ],
)
def test_frame_rule(
    tokens: str, cue: list[int], roles: list[int], message: list[int], expected: list[int]
) -> None:
    d = SpkAttDocument("f.json", (SpkAttSentence(0, words(tokens)),))
    got = frame_tokens(d, [(0, i) for i in cue], [(0, i) for i in roles], [(0, i) for i in message])
    assert got == tuple((0, i) for i in expected)


def quote_extractor(
    text: str,
    sentences: Sequence[Sentence],
    language: str,
    published: PartialDate | None = None,
) -> list[Attribution]:
    """A fake extractor: „…“ is the content, 'sagte'/'sagten' the cue, the token after
    (or before) the cue the source."""
    out = []
    for k, sent in enumerate(sentences):
        words = [t.of(text) for t in sent.tokens]
        cues = [i for i, w in enumerate(words) if w in ("sagte", "sagten")]
        if not cues:
            continue
        i = cues[0]
        content = [
            Span(m.start(), m.end())
            for m in re.finditer(r"„[^“]*“", text[sent.span.start : sent.span.end])
        ]
        content = [Span(s.start + sent.span.start, s.end + sent.span.start) for s in content]
        if not content:  # "X sagten , sie sei …": everything after the comma
            comma = words.index(",", i) if "," in words[i:] else i
            content = [Span(sent.tokens[comma + 1].start, sent.tokens[-2].end)]
        source = sent.tokens[i + 1] if i + 1 < len(words) and words[i + 1][0].isupper() else None
        source = source or sent.tokens[i - 1]
        out.append(
            Attribution(
                sentence=k,
                cue=(sent.tokens[i],),
                source=(source,),
                content=tuple(content),
                form="Direct" if "„" in text[content[0].start : content[0].end] else "Indirect",
                mode="direct",
                stance="assert",
            )
        )
    return out


def test_predict_maps_spans_to_tokens_and_sets_frame(tmp_path: Path) -> None:
    doc_ = read_spkatt(write_fixture(tmp_path / "a.json"), annotations=False)
    (a,) = predict_document(doc_, quote_extractor).annotations
    assert a.cue == ((1, 1),)
    assert a.source == ((1, 0),)
    assert a.message == ((1, 3), (1, 4), (1, 5))
    assert a.frame == ((1, 0), (1, 1), (1, 2))
    assert (a.form, a.stwr, a.is_nested, a.has_nested) == ("Indirect", "Speech", False, False)


def test_published_date_from_the_document_name(tmp_path: Path) -> None:
    seen: list[PartialDate | None] = []

    def spy(
        text: str,
        sentences: Sequence[Sentence],
        language: str,
        published: PartialDate | None = None,
    ) -> list[Attribution]:
        seen.append(published)
        assert language == "de"
        return []

    predict_document(read_spkatt(write_fixture(tmp_path / "a.json")), spy)
    assert seen == [PartialDate("2021-03-04", "day", source="metadata")]
    assert date_in_name("breitbart_2015-11-11_x.txt") == PartialDate(
        "2015-11-11", "day", "metadata"
    )
    assert date_in_name("no date here") is None


def test_nesting_from_containment() -> None:
    d = SpkAttDocument(
        "n.json", (SpkAttSentence(0, words("A sagte , B habe „ es kommt “ erklärt .")),)
    )
    tt = token_text(d)
    span = {i: s for i, s in zip(tt.ids, tt.spans, strict=True)}

    def at(*idx: int) -> tuple[Span, ...]:
        return tuple(span[(0, i)] for i in idx)

    outer = Attribution(0, at(1), at(0), at(3, 4, 5, 6, 7, 8, 9), "Indirect", "indirect", "assert")
    inner = Attribution(0, at(9), at(3), at(5, 6, 7, 8), "Direct", "direct", "assert")
    a, b = annotations_from_attributions(d, tt, [outer, inner])
    assert (a.is_nested, a.has_nested) == (False, True)
    assert (b.is_nested, b.has_nested) == (True, False)


def test_a_reported_statement_has_no_cue_in_the_task_annotation() -> None:
    # the corpus marks no cue (nor frame) on Reported statements; other forms keep theirs
    d = SpkAttDocument("r.json", (SpkAttSentence(0, words("Moskau hat Berichte dementiert .")),))
    tt = token_text(d)
    span = {i: s for i, s in zip(tt.ids, tt.spans, strict=True)}
    sentence = tuple(span[(0, i)] for i in range(5))
    cue, source = (span[(0, 1)], span[(0, 3)]), (span[(0, 0)],)
    reported = Attribution(0, cue, source, sentence, "Reported", "reported", "deny")
    indirect = Attribution(0, cue, source, sentence[2:3], "Indirect", "indirect", "deny")
    a, b = annotations_from_attributions(d, tt, [reported, indirect])
    assert (a.cue, a.frame, a.source) == ((), (), ((0, 0),))
    assert a.message == tuple((0, i) for i in range(5))
    assert b.cue == ((0, 1), (0, 3)) and b.frame


# --------------------------------------------------------------------------- the run


def corpus(tmp_path: Path) -> Path:
    """Two good files (with gold annotations) and one bad one."""
    d = tmp_path / "in"
    d.mkdir()
    write_fixture(d / "a.json")
    second = _with(
        DocumentName="2 - Neue Schule",
        Sentences=[{"SentenceId": 0, "Tokens": list(words("Sie sagte : „ Wir bauen neu . “"))}],
        Annotations=[
            {
                "Addr": [],
                "Cue": ["0:1"],
                "Form": "Direct",
                "Frame": ["0:0", "0:1", "0:2"],
                "HasNested": False,
                "IsNested": False,
                "Message": [f"0:{i}" for i in range(3, 9)],
                "STWR": "Speech",
                "Source": ["0:0"],
            }
        ],
    )
    write_fixture(d / "b.json", second)
    (d / "broken.json").write_text("{", encoding="utf-8")
    return d


def test_run_writes_predictions_skips_bad_files_and_scores(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path)
    out = tmp_path / "out"
    run = evaluate_spkatt(in_dir, out, in_dir, extractor=quote_extractor)
    assert run.inputs == 3
    assert run.processed == ("a.json", "b.json")
    assert [s.kind for s in run.skipped] == ["malformed"]
    assert "broken.json" in run.skipped[0].source
    for name in run.processed:
        written = json.loads((out / name).read_text(encoding="utf-8"))
        original = json.loads((in_dir / name).read_text(encoding="utf-8"))
        assert written["Sentences"] == original["Sentences"]
        assert written["Annotations"], name
    assert run.scores is not None
    # a.json: the fake finds "sie sei marode" (gold "sie sei marode ." + ","), b.json exactly
    assert run.scores.full.messages.recall is not None and run.scores.full.messages.recall < 1
    assert run.scores.simplified.roles.f1 == 1.0  # both sources right
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert scores["documents"] == 2 and scores["unscored"] == []
    assert set(scores["full"]) >= {"messages", "roles", "joint", "per_role"}


def test_run_without_gold_and_unscored_files(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path)
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(in_dir / "a.json", gold / "a.json")
    run = evaluate_spkatt(in_dir, tmp_path / "out", gold, extractor=quote_extractor)
    assert run.unscored == ("b.json",)
    assert run.scores is not None and run.scores.documents == 1
    plain = evaluate_spkatt(in_dir, tmp_path / "out2", extractor=quote_extractor)
    assert plain.scores is None and not (tmp_path / "out2" / "scores.json").exists()


def test_an_input_named_like_the_scores_file_is_skipped(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path)
    write_fixture(in_dir / "scores.json")
    run = evaluate_spkatt(in_dir, tmp_path / "out", in_dir, extractor=quote_extractor)
    assert [(s.kind, s.locator) for s in run.skipped if "scores.json" in s.source] == [
        ("unsupported", None)
    ]
    assert "Annotations" not in json.loads((tmp_path / "out" / "scores.json").read_text())


def test_extractor_failure_costs_one_file(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path)

    def flaky(
        text: str,
        sentences: Sequence[Sentence],
        language: str,
        published: PartialDate | None = None,
    ) -> list[Attribution]:
        if "Schule" in text or "bauen" in text:
            raise RuntimeError("boom")
        return quote_extractor(text, sentences, language)

    run = evaluate_spkatt(in_dir, tmp_path / "out", extractor=flaky)
    assert run.processed == ("a.json",)
    assert any("extractor failed: RuntimeError: boom" in s.problem for s in run.skipped)


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def fake_extractor_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand-ins for storytrace.annotate.{entities,attributions}, so that the command
    line's default extractor runs the fake."""
    entities = types.ModuleType("storytrace.annotate.entities")
    entities.find_mentions = lambda text, sentences, language: ()  # type: ignore[attr-defined]
    attributions = types.ModuleType("storytrace.annotate.attributions")

    def find_attributions(text, sentences, language, mentions=(), published=None):  # type: ignore[no-untyped-def]
        return tuple(quote_extractor(text, sentences, language, published))

    attributions.find_attributions = find_attributions  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "storytrace.annotate.entities", entities)
    monkeypatch.setitem(sys.modules, "storytrace.annotate.attributions", attributions)


def test_cli_eval_spkatt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_extractor_modules: None
) -> None:
    in_dir = corpus(tmp_path)
    out = tmp_path / "out"
    code = main(["eval", "spkatt", str(in_dir), "--out", str(out), "--gold", str(in_dir)])
    captured = capsys.readouterr()
    assert code == EXIT_SOME_SKIPPED, captured.err
    assert "broken.json" in captured.err and "Traceback" not in captured.err
    assert "full joint" in captured.out and "simplified joint" in captured.out
    assert "predicted 2 of 3 file(s)" in captured.err
    assert (out / "scores.json").is_file()
    (in_dir / "broken.json").unlink()
    code = main(["eval", "spkatt", str(in_dir), "--out", str(out), "--quiet"])
    captured = capsys.readouterr()
    assert code == EXIT_OK and captured.err == ""


def test_cli_refuses_to_overwrite_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_extractor_modules: None
) -> None:
    in_dir = corpus(tmp_path)
    code = main(["eval", "spkatt", str(in_dir), "--out", str(in_dir)])
    assert code == EXIT_ERROR
    assert "choose another --out" in capsys.readouterr().err


# --------------------------------------------------------------------------- real data


@pytest.mark.shared
def test_three_train_files_gold_against_itself(shared_data: Path, tmp_path: Path) -> None:
    train = shared_data / "spkatt-news" / "train"
    files = sorted(train.glob("*.json"))[:3]
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for f in files:
        shutil.copy(f, in_dir / f.name)
    run = evaluate_spkatt(in_dir, tmp_path / "out", in_dir, extractor=quote_extractor)
    assert len(run.processed) == 3 and not run.skipped
    for f in files:
        written = json.loads((tmp_path / "out" / f.name).read_text(encoding="utf-8"))
        assert written["Sentences"] == json.loads(f.read_text(encoding="utf-8"))["Sentences"]
    gold = [read_spkatt(f) for f in files]
    assert sum(len(g.annotations) for g in gold) > 0
    scores = score_spkatt([(g, g) for g in gold])
    for track in (scores.full, scores.simplified):
        for prf in (track.messages, track.roles, track.joint):
            assert prf == PRF(1.0, 1.0, 1.0)
    assert scores.form.f1 == scores.stwr.f1 == 1.0


@pytest.mark.parametrize(
    ("medium", "rule", "stwr"),
    [
        ("Speech", "verb_content_after", "Speech"),
        ("Writing", "verb_content_after", "Writing"),
        ("Thought", "verb_content_after", "ST"),  # the scheme has no plain Thought
        ("Speech", "according", "SW"),  # "laut X" names no channel
        ("Writing", "according", "Writing"),  # "laut einem Bericht der Zeitung" does
    ],
)
def test_stwr_follows_the_schemes_values(medium: Medium, rule: str, stwr: str) -> None:
    d = SpkAttDocument("m.json", (SpkAttSentence(0, words("Laut A kommt es .")),))
    tt = token_text(d)
    span = {i: s for i, s in zip(tt.ids, tt.spans, strict=True)}
    a = Attribution(
        0,
        (span[(0, 0)],),
        (span[(0, 1)],),
        (span[(0, 2)], span[(0, 3)]),
        "Indirect",
        "indirect",
        "assert",
        medium=medium,
        rule=rule,
    )
    (annotation,) = annotations_from_attributions(d, tt, [a])
    assert annotation.stwr == stwr
