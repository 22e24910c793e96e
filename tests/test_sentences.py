from __future__ import annotations

import pytest

from storytrace.annotate.sentences import split_sentences


def _split(text: str, lang: str = "de") -> list[str]:
    return [s.span.of(text) for s in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # single_letter_name: a one-letter platform name ends the sentence
        (
            "Sie schrieb im Onlinedienst X. Er habe mit ihr gesprochen.",
            ["Sie schrieb im Onlinedienst X.", "Er habe mit ihr gesprochen."],
        ),
        (
            "Das stand auf X. Nach Angaben der Partei sei das neu.",
            ["Das stand auf X.", "Nach Angaben der Partei sei das neu."],
        ),
        # negative: an initial inside a name stays
        ("Lloyd J. Austin sagte das. Er kam.", ["Lloyd J. Austin sagte das.", "Er kam."]),
        ("Die Firma A. Berger GmbH zahlt.", ["Die Firma A. Berger GmbH zahlt."]),
        # ordinal_date: "am 21. Oktober" is not a sentence end
        (
            "Er kam am 21. Oktober 2024 an. Das war spät.",
            ["Er kam am 21. Oktober 2024 an.", "Das war spät."],
        ),
        (
            "Zum 2. Mal kam er. Der 3. Weltkrieg droht nicht.",
            ["Zum 2. Mal kam er.", "Der 3. Weltkrieg droht nicht."],
        ),
        # negative: a year at the end of a sentence is a real end
        (
            "Das war im Jahr 2023. Danach kam nichts.",
            ["Das war im Jahr 2023.", "Danach kam nichts."],
        ),
        (
            "Der Pegel stieg auf 12. Die Stadt warnte.",
            ["Der Pegel stieg auf 12.", "Die Stadt warnte."],
        ),
        # quote_end: a quoted sentence followed by a new one
        ("„Wir wissen das.“ Das sagte er.", ["„Wir wissen das.“", "Das sagte er."]),
        # negative: quote followed by its speech verb stays one sentence
        ('"Ja!" rief sie. Dann ging sie.', ['"Ja!" rief sie.', "Dann ging sie."]),
        ("„Wir wissen das“, sagte er.", ["„Wir wissen das“, sagte er."]),
        # abbreviations do not end sentences
        (
            "Es gab ca. 1.500 Fälle, u.a. in Nr. 5. Dann nicht mehr.",
            ["Es gab ca. 1.500 Fälle, u.a. in Nr. 5.", "Dann nicht mehr."],
        ),
        # headings are their own sentence
        (
            "Ein Zwischentitel\n\nDer Text folgt. Er endet.",
            ["Ein Zwischentitel", "Der Text folgt.", "Er endet."],
        ),
    ],
)
def test_german_splits(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He posted on X. Then he left.", ["He posted on X.", "Then he left."]),
        ("Mr. Wood spoke on Oct. 21 in New York.", ["Mr. Wood spoke on Oct. 21 in New York."]),
        (
            "The U.S. could not confirm it. NATO did.",
            ["The U.S. could not confirm it.", "NATO did."],
        ),
    ],
)
def test_english_splits(text: str, expected: list[str]) -> None:
    assert _split(text, "en") == expected


def test_token_spans_point_into_text() -> None:
    text = "Laut Dr. Müller kamen „etwa 1.500“ Soldaten – sagte sie.\n\nNeuer Absatz hier."
    for sentence in split_sentences(text, "de"):
        assert sentence.tokens[0].start == sentence.span.start
        assert sentence.tokens[-1].end == sentence.span.end
        for tok in sentence.tokens:
            assert tok.of(text).strip() == tok.of(text) and tok.of(text)
    words = [t.of(text) for s in split_sentences(text, "de") for t in s.tokens]
    assert "1.500" in words and "Müller" in words


def test_runaway_line_is_capped() -> None:
    text = "; ".join(f"Punkt {i} der Liste ohne Ende" for i in range(200))
    sentences = split_sentences(text, "de", max_sentence_chars=500)
    assert len(sentences) > 5
    assert all(s.span.end - s.span.start <= 500 for s in sentences)


def test_empty_text() -> None:
    assert split_sentences("   \n ", "de") == []
