"""PolNeAR harness: brat reading and writing, the character-level scorer on hand-computed
cases, gold file choice, the run with a fake extractor, the command line, and a
gold-against-itself check on real files."""

from __future__ import annotations

import json
import re
import shutil
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import pytest

from storytrace.cli import EXIT_OK, EXIT_SOME_SKIPPED, main
from storytrace.errors import InputError
from storytrace.evaluate.polnear import (
    RoleSpans,
    dump_brat,
    evaluate_polnear,
    gold_file,
    parse_brat,
    read_brat,
    read_text,
    score_polnear,
)
from storytrace.model import Attribution, PartialDate, Sentence, Span

# An invented article; offsets are computed from it, never typed in.
TEXT = (
    "Bridge to stay shut\n\n"
    "Mayor Ann Brook said the bridge would reopen in May.\n"
    '"We are not there yet," the council told reporters, "and we will not rush."\n'
    "Repairs are expected to be costly, officials warned.\n"
)


def span(fragment: str, text: str = TEXT, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return Span(start, start + len(fragment))


def offsets(*spans: Span) -> str:
    return ";".join(f"{s.start} {s.end}" for s in spans)


def gold_ann() -> str:
    """brat as PolNeAR writes it: a two-part content (Content + Content2), an attribution
    without source, a Discuss span no event uses, a note, and a span whose text runs
    over a line break (brat then leaves a continuation line)."""
    s1, c1, m1 = span("Mayor Ann Brook"), span("said"), span("the bridge would reopen in May")
    s2, c2 = span("the council"), span("told")
    m2a, m2b = span('"We are not there yet,"'), span('"and we will not rush."')
    c3, m3 = span("warned"), span("Repairs are expected to be costly")
    multi = span("May.\n" + '"We')
    lines = [
        f"T1\tSource {offsets(s1)}\tMayor Ann Brook",
        f"T2\tCue {offsets(c1)}\tsaid",
        f"T3\tContent {offsets(m1)}\tthe bridge would reopen in May",
        f"T4\tAttribution {offsets(c1)}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {offsets(s2)}\tthe council",
        f"T6\tCue {offsets(c2)}\ttold",
        f'T7\tContent {offsets(m2a)}\t"We are not there yet,"',
        f'T8\tContent {offsets(m2b)}\t"and we will not rush."',
        f"T9\tAttribution {offsets(c2)}\ttold",
        "E2\tAttribution:T9 Content:T7 Content2:T8 Cue:T6 Source:T5",
        f"T10\tCue {offsets(c3)}\twarned",
        f"T11\tContent {offsets(m3)}\tRepairs are expected to be costly",
        f"T12\tAttribution-no-source {offsets(c3)}\twarned",
        "E3\tAttribution-no-source:T12 Content:T11 Cue:T10",
        f"T13\tDiscuss {offsets(multi)}\tMay.",
        '"We',
        "#1\tAnnotatorNotes T13\tnot sure",
    ]
    return "\n".join(lines) + "\n"


def expected_gold() -> tuple[RoleSpans, ...]:
    return (
        RoleSpans(
            (span("Mayor Ann Brook"),), (span("said"),), (span("the bridge would reopen in May"),)
        ),
        RoleSpans(
            (span("the council"),),
            (span("told"),),
            (span('"We are not there yet,"'), span('"and we will not rush."')),
        ),
        RoleSpans((), (span("warned"),), (span("Repairs are expected to be costly"),)),
    )


# --------------------------------------------------------------------------- brat


def test_parse_gold_brat() -> None:
    assert parse_brat(gold_ann(), TEXT) == expected_gold()


MAYOR = "the bridge would reopen in May"


def test_write_then_read_round_trip() -> None:
    written = dump_brat(expected_gold(), TEXT)
    assert parse_brat(written, TEXT) == expected_gold()
    lines = written.splitlines()
    # laid out as PolNeAR's files: role T lines, trigger T line, E line
    assert lines[:5] == [
        f"T1\tSource {offsets(span('Mayor Ann Brook'))}\tMayor Ann Brook",
        f"T2\tCue {offsets(span('said'))}\tsaid",
        f"T3\tContent {offsets(span(MAYOR))}\t{MAYOR}",
        f"T4\tAttribution {offsets(span('said'))}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ]
    assert any(line.startswith("E3\tAttribution-no-source:") for line in lines)
    # a discontinuous content is one T line with both fragments
    assert any(";" in line.split("\t")[1] for line in lines if "\tContent " in line)


def test_written_text_column_has_no_line_breaks() -> None:
    multi = span("May.\n" + '"We')
    written = dump_brat([RoleSpans(content=(multi,), cue=(span("said"),))], TEXT)
    assert all(len(line.split("\t")) in (2, 3) for line in written.splitlines())
    assert parse_brat(written, TEXT) == (RoleSpans(content=(multi,), cue=(span("said"),)),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("T1\tSource 10 x\tAnn\n", "malformed T line"),
        ("T1\tSource 0 3\tBri\nE1\tAttribution:T1 Source:T7\n", "no T line defines"),
        ("T1\tSource 0 99999\tBri\n", "does not fit the text"),
        ("T1\tSource 5 3\tBri\n", "does not fit the text"),
        ("E1\tAttribution\n", "malformed E line"),
    ],
)
def test_bad_brat_is_refused_with_the_line(content: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_brat(content, TEXT, "x.ann")
    assert info.value.locator is not None and info.value.locator.startswith("line ")


def test_read_text_keeps_the_raw_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"  Title\r\n\r\nBody \xe2\x80\x9cquoted\xe2\x80\x9d.\r\n")
    assert read_text(path) == "  Title\r\n\r\nBody “quoted”.\r\n"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(InputError, match="not UTF-8"):
        read_text(path)
    path.write_bytes(b" \n")
    with pytest.raises(InputError, match="empty"):
        read_text(path)


def test_gold_file_choice(tmp_path: Path) -> None:
    for name in ("a_ef2d.ann", "a_4b22.ann", "ab_0000.ann", "b.ann", "b_1111.ann", "c_notes.ann"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert gold_file(tmp_path, "a") == tmp_path / "a_4b22.ann"  # first annotator id
    assert gold_file(tmp_path, "b") == tmp_path / "b.ann"  # an unsuffixed file wins
    assert gold_file(tmp_path, "c") is None  # "notes" is no annotator id
    assert gold_file(tmp_path, "ab") == tmp_path / "ab_0000.ann"


# --------------------------------------------------------------------------- the scorer

SHORT = "Ann said the plan works well today."


def s(fragment: str) -> tuple[Span, ...]:
    return (span(fragment, SHORT),)


GOLD = RoleSpans(source=s("Ann"), cue=s("said"), content=s("the plan works well"))

# (id, system, gold, {row: (P, R, F1)}); characters exclude whitespace:
# "Ann" 3, "said" 4, "the plan works well" 16, "today" 5, "plan works well today" 18.
CASES = [
    (
        "perfect",
        [GOLD],
        [GOLD],
        {"overall": (1, 1, 1), "Content": (1, 1, 1), "attributions": (1, 1, 1)},
    ),
    (
        "disjoint",  # no content or cue overlap: unmatched on both sides
        [RoleSpans(content=s("today"))],
        [GOLD],
        {"overall": (0, 0, 0), "Content": (0, 0, 0), "attributions": (0, 0, 0)},
    ),
    (
        "partial content",
        # content tp 13 ("planworkswell"), fp 5 ("today"), fn 3 ("the");
        # overall tp 3+4+13 = 20, fp 5, fn 3
        [RoleSpans(source=s("Ann"), cue=s("said"), content=s("plan works well today"))],
        [GOLD],
        {
            "Content": (13 / 18, 13 / 16, 2 * 13 / 34),
            "Source": (1, 1, 1),
            "overall": (20 / 25, 20 / 23, 40 / 48),
        },
    ),
    (
        "unmatched system",  # overall tp 23, fp 5 (the extra content)
        [GOLD, RoleSpans(content=s("today"))],
        [GOLD],
        {"overall": (23 / 28, 1, 46 / 51), "attributions": (0.5, 1, 2 / 3)},
    ),
    (
        "unmatched gold",  # nothing predicted: recall 0, precision undefined, F1 0
        [],
        [GOLD],
        {"overall": (None, 0, 0), "attributions": (None, 0, 0)},
    ),
    (
        "cue breaks the tie",  # same content twice: the one with the gold cue is matched
        [
            RoleSpans(cue=s("works"), content=s("the plan works well")),
            RoleSpans(cue=s("said"), content=s("the plan works well")),
        ],
        [GOLD],
        {"Cue": (4 / 9, 1, 8 / 13), "Content": (0.5, 1, 2 / 3)},
    ),
    (
        "whitespace does not count",
        [RoleSpans(source=(Span(0, 4),), cue=s("said"), content=s("the plan works well"))],
        [GOLD],
        {"overall": (1, 1, 1)},
    ),
]


@pytest.mark.parametrize(
    ("system", "gold", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_scorer_hand_computed(
    system: list[RoleSpans],
    gold: list[RoleSpans],
    expected: dict[str, tuple[float | None, float | None, float | None]],
) -> None:
    rows = dict(score_polnear([(SHORT, system, gold)]).rows())
    for row, want in expected.items():
        got = rows[row]
        for value, target in zip((got.precision, got.recall, got.f1), want, strict=True):
            if target is None:
                assert value is None, row
            else:
                assert value == pytest.approx(target), row


def test_counts_are_summed_over_documents() -> None:
    half = RoleSpans(content=s("the plan"))
    scores = score_polnear([(SHORT, [GOLD], [GOLD]), (SHORT, [half], [GOLD])])
    content = dict(scores.per_role)["Content"]
    assert (content.tp, content.fp, content.fn) == (16 + 7, 0, 9)
    assert scores.documents == 2 and scores.gold == scores.system == scores.matched == 2
    assert scores.to_json()["overall"]["tp"] == 16 + 7 + 7


# --------------------------------------------------------------------------- the run

QUOTE_THEN_CUE = re.compile(
    r"(\"[^\"]+\")\s*,?\s*((?:the )?[A-Za-z]+(?: [A-Z][a-z]+)*) (said|told)"
)


def quote_extractor(
    text: str,
    sentences: Sequence[Sentence],
    language: str,
    published: PartialDate | None = None,
) -> list[Attribution]:
    """A fake: '"…," X said' gives content, source and cue."""
    assert language == "en"
    assert all(0 <= s.span.start <= s.span.end <= len(text) for s in sentences)
    return [
        Attribution(
            sentence=0,
            cue=(Span(m.start(3), m.end(3)),),
            source=(Span(m.start(2), m.end(2)),),
            content=(Span(m.start(1), m.end(1)),),
            form="Direct",
            mode="direct",
            stance="assert",
        )
        for m in QUOTE_THEN_CUE.finditer(text)
    ]


def corpus(tmp_path: Path) -> tuple[Path, Path]:
    texts = tmp_path / "text"
    gold = tmp_path / "attributions"
    texts.mkdir()
    gold.mkdir()
    (texts / "local_2016-05-02_bridge.txt").write_text(TEXT, encoding="utf-8")
    (gold / "local_2016-05-02_bridge_ef2d.ann").write_text(gold_ann(), encoding="utf-8")
    (gold / "local_2016-05-02_bridge_4b22.ann").write_text("", encoding="utf-8")  # sorts first
    crlf = '  Shelter opens\r\n\r\n"We will open on Monday," Director Lee said.\r\n'
    (texts / "crlf.txt").write_bytes(crlf.encode("utf-8"))
    (texts / "latin1.txt").write_bytes("Caf\xe9 owner said no.".encode("latin-1"))
    return texts, gold


def test_run_writes_raw_offsets_skips_bad_files_and_scores(tmp_path: Path) -> None:
    texts, gold = corpus(tmp_path)
    out = tmp_path / "out"
    run = evaluate_polnear(texts, out, gold, extractor=quote_extractor)
    assert run.inputs == 3
    assert run.processed == ("crlf.txt", "local_2016-05-02_bridge.txt")
    assert [s.kind for s in run.skipped] == ["encoding"]
    raw = (texts / "crlf.txt").read_bytes().decode("utf-8")
    (found,) = read_brat(out / "crlf.ann", raw)
    assert found.content[0].of(raw) == '"We will open on Monday,"'
    assert found.source[0].of(raw) == "Director Lee"
    assert run.unscored == ("crlf.txt",)
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    # the empty 4b22 file is the one scored: every prediction is a false positive
    assert scores["gold_files"] == {
        "local_2016-05-02_bridge.txt": "local_2016-05-02_bridge_4b22.ann"
    }
    assert scores["overall"]["tp"] == 0 and scores["overall"]["fp"] > 0


def test_run_against_the_other_annotator(tmp_path: Path) -> None:
    texts, gold = corpus(tmp_path)
    (gold / "local_2016-05-02_bridge_4b22.ann").unlink()
    run = evaluate_polnear(texts, tmp_path / "out", gold, extractor=quote_extractor)
    assert run.scores is not None
    rows = dict(run.scores.rows())
    # the fake finds the council's first quote: content half right, source and cue exact
    assert rows["Source"].recall == pytest.approx(10 / 23)  # "Mayor Ann Brook" missed
    assert rows["Source"].f1 == pytest.approx(20 / 33)
    assert rows["Cue"].precision == 1.0
    assert rows["attributions"].precision == 1.0 and rows["attributions"].recall == pytest.approx(
        1 / 3
    )


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def fake_extractor_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    entities = types.ModuleType("storytrace.annotate.entities")
    entities.find_mentions = lambda text, sentences, language: ()  # type: ignore[attr-defined]
    attributions = types.ModuleType("storytrace.annotate.attributions")

    def find_attributions(text, sentences, language, mentions=(), published=None):  # type: ignore[no-untyped-def]
        return tuple(quote_extractor(text, sentences, language, published))

    attributions.find_attributions = find_attributions  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "storytrace.annotate.entities", entities)
    monkeypatch.setitem(sys.modules, "storytrace.annotate.attributions", attributions)


def test_cli_eval_polnear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_extractor_modules: None
) -> None:
    texts, gold = corpus(tmp_path)
    out = tmp_path / "out"
    code = main(["eval", "polnear", str(texts), "--out", str(out), "--gold", str(gold)])
    captured = capsys.readouterr()
    assert code == EXIT_SOME_SKIPPED, captured.err
    assert "latin1.txt" in captured.err and "not UTF-8" in captured.err
    assert "Traceback" not in captured.err
    assert "overall" in captured.out and "Content" in captured.out
    assert (out / "scores.json").is_file() and (out / "crlf.ann").is_file()
    (texts / "latin1.txt").unlink()
    code = main(["eval", "polnear", str(texts), "--out", str(out), "-q"])
    captured = capsys.readouterr()
    assert code == EXIT_OK and captured.err == "" and captured.out == ""


def test_cli_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "polnear", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert code == 4
    assert "not a directory" in capsys.readouterr().err


# --------------------------------------------------------------------------- real data


@pytest.mark.shared
def test_three_train_files_gold_against_itself(shared_data: Path, tmp_path: Path) -> None:
    train = shared_data / "polnear" / "train"
    texts = sorted((train / "text").glob("*.txt"))[:3]
    triples = []
    for path in texts:
        text = read_text(path)
        gold_path = gold_file(train / "attributions", path.stem)
        assert gold_path is not None
        gold = read_brat(gold_path, text)
        assert gold
        # what the harness writes reads back the same
        assert parse_brat(dump_brat(gold, text), text) == tuple(
            g for g in gold if g.cue or g.content or g.source
        )
        triples.append((text, gold, gold))
    rows = dict(score_polnear(triples).rows())
    for name in ("Source", "Cue", "Content", "overall"):
        assert rows[name].f1 == 1.0
    sub = tmp_path / "text"
    sub.mkdir()
    for path in texts:
        shutil.copy(path, sub / path.name)
    run = evaluate_polnear(sub, tmp_path / "out", train / "attributions", extractor=quote_extractor)
    assert len(run.processed) == 3 and not run.skipped and run.scores is not None
