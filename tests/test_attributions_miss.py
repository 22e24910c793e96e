"""Rules for German statements the earlier rules missed (invented sentences)."""

from __future__ import annotations

from test_attributions import joined, run


def _directs(text: str) -> list[str]:
    return [joined(text, a.content) for a in run(text) if a.form == "Direct"]


def test_one_lowercase_word_quoted_in_content_is_direct() -> None:
    text = "Der Umbau sei „ungewöhnlich“ teuer gewesen, sagte Anna Keller."
    assert "„ungewöhnlich“" in _directs(text)


def test_one_capitalised_word_quoted_in_content_is_no_direct() -> None:
    text = "Der Umbau sei im „Tagesblatt“ beschrieben worden, sagte Anna Keller."
    assert _directs(text) == []
