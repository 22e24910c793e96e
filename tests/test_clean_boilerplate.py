"""The line classifier and the structural rules, on invented line lists."""

from __future__ import annotations

from typing import Any

import pytest

from storytrace.clean.assemble import is_hard_wrapped, mark_headings, unwrap
from storytrace.clean.boilerplate import (
    classify,
    mark_captions,
    mark_trailing_teasers,
    strip_agency_dateline,
    strip_closing_credit,
    strip_crawler_headers,
)
from storytrace.clean.lines import Layout, WorkLine, is_body, layout, normalise
from storytrace.clean.metadata import find_title
from storytrace.clean.patterns import PatternSet, _build, load_patterns, placeholder_lists
from storytrace.errors import ResourceError

BODY = "Die Reederei und die Gemeinde streiten seit Monaten über den maroden Anleger im Hafen."


@pytest.fixture(scope="module")
def ps() -> PatternSet:
    return load_patterns(("de", "en"))


@pytest.fixture(scope="module")
def lay() -> Layout:
    return layout()


def make(*texts: str) -> list[WorkLine]:
    return [WorkLine(i, normalise(t)) for i, t in enumerate(texts, 1)]


def reasons(lines: list[WorkLine]) -> list[str | None]:
    return [line.reason for line in lines]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Die   Fähre\u00a0fährt\u2009wieder.  ", "Die Fähre fährt wieder."),
        ("Ha\u00adfen\u200b", "Hafen"),
        ("Cafe\u0301", "Café"),  # NFC
        ("\t\n", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_context_lines_need_a_neighbouring_block(ps: PatternSet, lay: Layout) -> None:
    alone = make(BODY, "Weitere Informationen", BODY)
    classify(alone, ps, lay)
    assert reasons(alone) == [None, None, None]
    banner = make("Wir verwenden Cookies.", "Weitere Informationen", "OK", BODY)
    classify(banner, ps, lay)
    assert reasons(banner) == ["cookie_banner"] * 3 + [None]


def test_context_takes_the_reason_of_the_block(ps: PatternSet, lay: Layout) -> None:
    lines = make("Bitte deaktivieren Sie Ihren Adblocker", ". Anschließend lesen Sie weiter.", BODY)
    classify(lines, ps, lay)
    assert reasons(lines) == ["paywall", "paywall", None]
    assert lines[1].removals[0].pattern == "block_fragment"


def test_blank_line_stops_a_block(ps: PatternSet, lay: Layout) -> None:
    lines = make("Wir verwenden Cookies.", "", "OK", BODY)
    classify(lines, ps, lay)
    assert reasons(lines) == ["cookie_banner", None, None, None]


def test_block_needs_its_follow_lines(ps: PatternSet, lay: Layout) -> None:
    with_bullets = make(BODY, "Auf einen Blick", "• Die Fähre fährt.", "• Der Hafen ist zu.", BODY)
    classify(with_bullets, ps, lay)
    assert reasons(with_bullets) == [None] + ["summary_box"] * 3 + [None]
    without = make(BODY, "Auf einen Blick", BODY)
    classify(without, ps, lay)
    assert reasons(without) == [None, None, None]


def test_runs_only_outside_the_body(ps: PatternSet, lay: Layout) -> None:
    top = make("Politik", "Wirtschaft", "Kultur", "Sport", BODY)
    classify(top, ps, lay)
    assert reasons(top) == ["navigation"] * 4 + [None]
    short = make("Politik", "Wirtschaft", "Kultur", BODY)  # three: not a menu
    classify(short, ps, lay)
    assert reasons(short) == [None] * 4
    middle = make(BODY, "Anna Berg", "Jan Holm", "Tom Kai", "Lea Wolf", BODY)
    classify(middle, ps, lay)
    assert reasons(middle) == [None] * 6


def test_teaser_items_follow_a_label_not_an_inline_teaser(ps: PatternSet, lay: Layout) -> None:
    lines = make(BODY, "Mehr zum Thema", "Neue Fähre für die Südroute", "Streik im Hafen", "", BODY)
    classify(lines, ps, lay)
    assert reasons(lines) == [None] + ["related_teaser"] * 3 + [None, None]
    inline = make(BODY, "Lesen Sie auch: Neue Fähre", "Gutachten sieht Handlungsbedarf", BODY)
    classify(inline, ps, lay)
    assert reasons(inline) == [None, "related_teaser", None, None]


def test_teaser_item_directly_before_body_is_a_heading(ps: PatternSet, lay: Layout) -> None:
    lines = make(BODY, "Mehr zum Thema", "Neue Fähre für die Südroute", "Gutachten liegt vor", BODY)
    classify(lines, ps, lay)
    assert reasons(lines) == [None, "related_teaser", "related_teaser", None, None]


def test_bylines_are_protected(ps: PatternSet, lay: Layout) -> None:
    lines = make("Von Anna Schmidt", BODY)
    classify(lines, ps, lay)
    assert lines[0].protected
    assert find_title(lines, None, lay) is None
    assert reasons(lines) == [None, None]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # alt text directly above a credit line
        (("Die alte Fähre", "Foto: Lena Berg/dpa", BODY), ["caption", "photo_credit", None]),
        # a sentence with a period above a credit stays
        (("Die Fähre ist alt.", "Foto: Lena Berg/dpa", BODY), [None, "photo_credit", None]),
        # a blank line in between: not the image's text
        (("Die alte Fähre", "", "Foto: Lena Berg/dpa"), [None, None, "photo_credit"]),
        # caption_above_credit: alt text, caption sentence(s), credit stacked
        (
            ("Die alte Fähre am Kai", "Sie liegt seit Mai still. Sie rostet.", "Foto: L. Berg"),
            ["caption", "caption", "photo_credit"],
        ),
        # ... but not without the alt text, nor across a blank line
        ((BODY, "Die Fähre ist alt.", "Foto: Lena Berg/dpa"), [None, None, "photo_credit"]),
        (
            ("Die alte Fähre am Kai", "", "Die Fähre ist alt.", "Foto: Lena Berg/dpa"),
            [None, None, None, "photo_credit"],
        ),
    ],
)
def test_alt_text_before_credit(
    ps: PatternSet, lay: Layout, texts: tuple[str, ...], expected: list[str | None]
) -> None:
    lines = make(*texts)
    classify(lines, ps, lay)
    mark_captions(lines, lay)
    assert reasons(lines) == expected


def test_crawler_headers_stack_and_stop_at_the_body(ps: PatternSet) -> None:
    lines = make(
        "date: 2024-10-21", "url: https://example.org/a", "title: Hafen", BODY, "date: 2024-10"
    )
    found = strip_crawler_headers(lines, ps)
    assert [(e.kind, e.value) for e in found] == [
        ("date", "2024-10-21"),
        ("url", "https://example.org/a"),
        ("title", "Hafen"),
    ]
    assert [line.text for line in lines] == ["", "", "", BODY, "date: 2024-10"]


def test_crawler_header_inline_keeps_the_rest(ps: PatternSet) -> None:
    lines = make(" date 2024-10 " + BODY)
    strip_crawler_headers(lines, ps)
    assert lines[0].text == BODY
    assert lines[0].removals[0].text == "date 2024-10"
    assert lines[0].reason is None


def test_agency_dateline_only_near_the_top(ps: PatternSet, lay: Layout) -> None:
    late = make(BODY, BODY, BODY, "Kiel (dpa) - " + BODY)
    assert strip_agency_dateline(late, ps, lay) == []
    early = make("Fährstreit eskaliert", BODY, "Kiel (dpa) - " + BODY)
    found = strip_agency_dateline(early, ps, lay)
    assert [(e.kind, e.value) for e in found] == [("agency", "dpa")]
    assert early[2].text == BODY


def test_closing_credit_only_at_the_end(ps: PatternSet, lay: Layout) -> None:
    lines = make(BODY + " (dpa)", BODY)
    strip_closing_credit(lines, ps, lay)
    assert lines[0].text.endswith("(dpa)")
    lines = make(BODY, BODY + " (dpa)", "Neue Fähre für die Südroute")
    strip_closing_credit(lines, ps, lay)
    assert lines[1].text == BODY


def test_trailing_teasers(lay: Layout) -> None:
    lines = make(BODY, "(dpa)", "Neue Fähre für die Südroute")
    lines[1].remove("agency_credit", "agency_credit_line")
    mark_trailing_teasers(lines, 14)
    assert reasons(lines) == [None, "agency_credit", "related_teaser"]
    long_line = make(BODY, "(dpa)", " ".join(["Wort"] * 15))
    long_line[1].remove("agency_credit", "agency_credit_line")
    mark_trailing_teasers(long_line, 14)
    assert long_line[2].reason is None


@pytest.mark.parametrize(
    ("texts", "title", "removed"),
    [
        (
            ("Fährstreit eskaliert auf Lindholm", "", BODY),
            "Fährstreit eskaliert auf Lindholm",
            ["title"],
        ),
        (
            ("„Streit“ am Anleger", "Fährstreit eskaliert auf Lindholm", BODY),
            "Fährstreit eskaliert auf Lindholm",
            ["kicker", "title"],
        ),
        (
            ("Region", "Fährstreit eskaliert auf Lindholm", BODY),
            "Fährstreit eskaliert auf Lindholm",
            ["kicker", "title"],
        ),
        (("Droht ein Streik im Hafen?", BODY), "Droht ein Streik im Hafen?", ["title"]),
        ((BODY, "Fährstreit eskaliert auf Lindholm", BODY), None, []),
        (("Lindholm", BODY), None, []),  # one word is a label, not a headline
    ],
)
def test_headline_rule(
    lay: Layout, texts: tuple[str, ...], title: str | None, removed: list[str]
) -> None:
    lines = make(*texts)
    assert find_title(lines, None, lay) == title
    assert [r.reason for line in lines for r in line.removals] == removed


@pytest.mark.parametrize(
    ("texts", "headings"),
    [
        ((BODY, "Gutachten liegt vor", BODY), ["Gutachten liegt vor"]),
        ((BODY, "Wie geht es weiter?", BODY), ["Wie geht es weiter?"]),
        ((BODY, "Q: And what did the mayor say about the pier?", BODY), []),
        ((BODY, "„Kommt die Fähre?“", BODY), []),
        ((BODY, "Gutachten liegt vor"), []),  # nothing follows
        ((BODY, "Gutachten liegt vor", "Zweite Zeile ohne Punkt"), []),
        ((BODY, "7", BODY), []),
        (("Gutachten liegt vor", BODY), []),  # above the body: not a subheading
    ],
)
def test_headings(lay: Layout, texts: tuple[str, ...], headings: list[str]) -> None:
    lines = make(*texts)
    mark_headings(lines, lay)
    assert [line.text for line in lines if line.heading] == headings


def test_question_lines_are_not_body(lay: Layout) -> None:
    assert not is_body(make("Wie geht es weiter?")[0], lay)
    assert is_body(make("„Kommt die Fähre?“")[0], lay)
    assert is_body(make(BODY)[0], lay)


def test_unwrap(lay: Layout) -> None:
    wrapped = make(
        "Die Reederei und die Gemeinde streiten seit",
        "Monaten über den maroden Anleger im Hafen. Nun",
        "droht ein Gerichtsverfahren, teilte die",
        "Gemeinde am Dienstag in Lindholm mit, und der",
        "Bürgermeister spricht von einer Blockade der",
        "Reederei.",
        "",
        "Der Rat berät am Montag.",
    )
    assert is_hard_wrapped(wrapped, lay)
    joined = unwrap(wrapped, lay)
    assert [line.number for line in joined] == [1, 7, 8]
    assert joined[0].text.startswith("Die Reederei und die Gemeinde streiten seit Monaten über")
    not_wrapped = make(BODY, BODY, "", BODY)
    assert not is_hard_wrapped(not_wrapped, lay)
    assert unwrap(not_wrapped, lay) is not_wrapped


def _entry(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": "x_test",
        "reason": "navigation",
        "kind": "line",
        "what": "a test pattern for the loader",
        "regex": "^Menü$",
    }
    entry.update(changes)
    return {k: v for k, v in entry.items() if v is not None}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": None}, "has no name"),
        ({"reason": "boilerplate"}, "has reason 'boilerplate'"),
        ({"kind": "sometimes"}, "has kind 'sometimes'"),
        ({"what": ""}, "needs a non-empty 'what'"),
        ({"regex": "(unclosed"}, "bad regex"),
        ({"regex": "{{nolist}}"}, "unknown placeholder {{nolist}}"),
        ({"colour": "red"}, "unknown keys ['colour']"),
        ({"kind": "block"}, "needs 'follow'"),
        ({"kind": "context", "reason": "inherit"}, "needs 'near'"),
        ({"reason": "inherit"}, "has reason 'inherit'"),
        ({"needs": "Cookies"}, "'needs' must be a list"),
        ({"kind": "context", "near": ["paywall"], "direction": "sideways"}, "direction 'sideways'"),
    ],
)
def test_bad_pattern_entries_are_refused(changes: dict[str, Any], message: str) -> None:
    lists = dict(placeholder_lists(("de", "en")))
    with pytest.raises(ResourceError) as info:
        _build(_entry(**changes), lists, "xx/boilerplate.toml")
    assert "xx/boilerplate.toml" in str(info.value)
    assert message in str(info.value)


def test_anchored_detection() -> None:
    lists = dict(placeholder_lists(("de", "en")))
    assert _build(_entry(regex="^a|^b"), lists, "t").anchored
    assert not _build(_entry(regex="^a|b"), lists, "t").anchored
    assert _build(_entry(regex="^(?:a|b)"), lists, "t").anchored
    assert _build(_entry(regex=r"^[|]a"), lists, "t").anchored
