"""HTML and plain text → numbered lines (storytrace.clean.extract)."""

from __future__ import annotations

from storytrace.clean.extract import extract_html, split_text

PARAGRAPH = (
    "Die Reederei und die Gemeinde streiten seit Monaten über den maroden Anleger im Hafen "
    "von Lindholm. Jetzt droht ein Gerichtsverfahren, teilte die Gemeinde mit."
)

PAGE = f"""<html><head><meta charset="utf-8"><title>Fährstreit | Inselkurier</title>
<meta name="author" content="Anna Schmidt"></head>
<body><article>
<h1>Fährstreit auf Lindholm</h1>
<p>{PARAGRAPH}</p>
<figure><img src="f.jpg" alt="Die alte Fähre"><figcaption>Die Fähre. Foto: dpa</figcaption></figure>
<h2>Was die Gemeinde fordert</h2>
<ul><li>Einen neuen Anleger bis 2026 und eine Beteiligung der Reederei an den Kosten.</li>
<li>Eine zweite Fährverbindung im Sommer, wie sie der Gemeinderat beschlossen hat.</li></ul>
<p>Adresse der Gemeinde:<br>Hafenstraße 1<br>Lindholm</p>
<p>{PARAGRAPH}</p>
<table><tr><td>Fähre</td><td>Abfahrt</td></tr><tr><td>Nord</td><td>08:15</td></tr></table>
<p>{PARAGRAPH}</p>
</article></body></html>"""


def test_extract_blocks_and_headings() -> None:
    extracted = extract_html(PAGE)
    assert extracted is not None
    texts = [line.text for line in extracted.lines]
    headings = [line.text for line in extracted.lines if line.heading]
    assert headings == ["Fährstreit auf Lindholm", "Was die Gemeinde fordert"]
    assert texts[1] == PARAGRAPH
    assert "Einen neuen Anleger bis 2026 und eine Beteiligung der Reederei an den Kosten." in texts
    # <br> inside a paragraph becomes a line break
    assert texts[5:8] == ["Adresse der Gemeinde:", "Hafenstraße 1", "Lindholm"]
    assert "Nord; 08:15" in texts
    # images (alt texts and figure captions) are not article text
    assert not any("Die alte Fähre" in t or "Foto: dpa" in t for t in texts)
    assert [line.number for line in extracted.lines] == list(range(1, len(texts) + 1))
    assert extracted.title == "Fährstreit auf Lindholm"
    assert extracted.author == "Anna Schmidt"


def test_no_main_text() -> None:
    assert extract_html("<html><body></body></html>") is None


def test_split_text_numbers_lines_like_an_editor() -> None:
    lines = split_text("eins\r\nzwei\rdrei\n\nfünf")
    assert [(line.number, line.text) for line in lines] == [
        (1, "eins"),
        (2, "zwei"),
        (3, "drei"),
        (4, ""),
        (5, "fünf"),
    ]
