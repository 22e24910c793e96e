"""The clean stage on the five seed articles (../shared/seeds), plus an invented HTML page.

The seeds are the publishers' text and stay in ../shared: the expectations below use short
fragments (a few words) of the removed pieces only. Every seed is also checked for the
invariant "no body line lost": each raw line that was not removed (after inline removals)
appears in the cleaned text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.clean import clean
from storytrace.clean.lines import normalise
from storytrace.model import CleanArticle, Origin, RawDocument
from storytrace.settings import Settings

SEEDS = {
    "000": {
        "removed": [
            ("navigation", "Zum Inhalt springen"),
            ("navigation", "Zur Hauptnavigation springen"),
            ("navigation", "weiteren Angeboten der DW"),
            ("navigation", "PolitikUkraine"),
            ("title", "NATO warnt Nordkorea"),
            ("dateline", "21. Oktober 2024"),
            ("short_url", "p.dw.com"),
            ("caption", "spricht vor einem Mikrofon"),
            ("photo_credit", "Bild: François"),
            ("caption", "in einem bewaldeten Gebiet"),
            ("caption", "Region KurskBild:"),
            ("caption", "bei seinem Besuch bei"),
            ("caption", "Mai 2023)Bild: DW"),
            ("agency_credit", "haz/sti (afp, dpa, rtr)"),
            ("related_teaser", "sucht Unterstützung für"),
        ],
        "title": "Ukraine-Krieg: NATO warnt Nordkorea",
        "published": ("2024-10-21", "day"),
        "agencies": ["afp", "dpa", "reuters"],
        "outlet": "DW",
        "headings": 2,
        "kept": ["Erst ein Training", "Aus dem Kreml kommt", "Berichte über nach Russland"],
    },
    "001": {
        "removed": [
            ("crawler_header", "date 2024-10"),
            ("agency_credit", "(afp/red)"),
        ],
        "title": None,
        "published": ("2024-10", "month"),
        "agencies": ["afp"],
        "outlet": None,
        "headings": 2,
        "kept": ["Nordkorea hat Berichte über", "US-Botschafter ist besorgt", "jedoch bestreiten."],
    },
    "002": {
        "removed": [
            ("photo_credit", "APA/APA/AFP"),
            ("title", "USA sehen Beweise"),
            ("summary_box", "ribbon Zusammenfassung"),
            ("summary_box", "• Nordkoreanische Soldaten sind"),
            ("summary_box", "• Die Anwesenheit"),
            ("summary_box", "• Das deutsche Auswärtige Amt"),
        ],
        "title": "USA sehen Beweise",
        "published": None,
        "agencies": [],
        "outlet": None,
        "headings": 0,
        "kept": ["Das müssen wir noch herausfinden."],
    },
    "003": {
        "removed": [
            ("crawler_header", "date 2024-10"),
            ("copyright", "Copyright Thomson Reuters"),
            ("dateline", "Brüssel/Seoul (Reuters) -"),
        ],
        "title": None,
        "published": ("2024-10", "month"),
        "agencies": ["reuters"],
        "outlet": "Reuters",
        "headings": 0,
        "kept": ["Die Nato kann ihrem"],
    },
    "004": {
        "removed": [
            ("cookie_banner", "verwenden wir Cookies"),
            ("cookie_banner", "Verwendung von Cookies zu"),
            ("cookie_banner", "Weitere Informationen"),
            ("paywall", "Werbepartner angewiesen"),
            ("paywall", "Button Ihres Ad-Blockers"),
            ("paywall", "gratis weiterlesen"),
            ("paywall", "wie gewohnt mit aktiviertem"),
            ("paywall", "0,99€ im ersten Monat"),
            ("paywall", "Unbegrenzter Zugang"),
            ("paywall", "nahezu werbefrei"),
            ("paywall", "bereits gekauft"),
            ("kicker", "Partnerschaft“ mit Putin"),
            ("title", "USA alarmiert wegen potenziellem"),
        ],
        "title": "„Höchst besorgniserregend“: USA alarmiert",
        "published": None,
        "agencies": [],
        "outlet": None,
        "headings": 4,
        "kept": [
            "Nordkorea könnte Soldaten in den",
            "Kims Truppen im Ukraine-Krieg? Nordkoreas Militär",
            "Moskau – Während der Westen",
        ],
    },
}


def _seed(seeds_dir: Path, prefix: str) -> RawDocument:
    [path] = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return RawDocument(Origin(str(path), "text"), text=path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cleaned(seeds_dir: Path, settings: Settings) -> dict[str, tuple[RawDocument, CleanArticle]]:
    out = {}
    for prefix in SEEDS:
        raw = _seed(seeds_dir, prefix)
        out[prefix] = (raw, clean(raw, settings))
    return out


@pytest.mark.shared
@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_removed_pieces(
    cleaned: dict[str, tuple[RawDocument, CleanArticle]], prefix: str
) -> None:
    _, article = cleaned[prefix]
    expected = SEEDS[prefix]["removed"]
    got = [(r.reason, r.text) for r in article.removed]
    assert len(got) == len(expected), got
    for (reason, fragment), (got_reason, got_text) in zip(expected, got, strict=True):
        assert got_reason == reason, (fragment, got_text)
        assert fragment in got_text


@pytest.mark.shared
@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_metadata(cleaned: dict[str, tuple[RawDocument, CleanArticle]], prefix: str) -> None:
    _, article = cleaned[prefix]
    want = SEEDS[prefix]
    if want["title"] is None:
        assert article.title is None
        assert "title not found" in article.warnings
    else:
        assert article.title is not None and article.title.startswith(want["title"])
    if want["published"] is None:
        assert article.published is None
    else:
        assert article.published is not None
        assert (article.published.value, article.published.precision) == want["published"]
    assert [a.agency for a in article.agencies] == want["agencies"]
    assert article.outlet == want["outlet"]
    assert article.language == "de"
    assert len(article.headings) == want["headings"]


@pytest.mark.shared
@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_headings_are_lines_of_the_text(
    cleaned: dict[str, tuple[RawDocument, CleanArticle]], prefix: str
) -> None:
    _, article = cleaned[prefix]
    paragraphs = article.text.split("\n\n")
    for span in article.headings:
        heading = span.of(article.text)
        assert heading in paragraphs
        assert not heading.endswith(".")


@pytest.mark.shared
@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_body_kept(cleaned: dict[str, tuple[RawDocument, CleanArticle]], prefix: str) -> None:
    _, article = cleaned[prefix]
    for fragment in SEEDS[prefix]["kept"]:
        assert fragment in article.text


@pytest.mark.shared
@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_no_body_line_lost(
    cleaned: dict[str, tuple[RawDocument, CleanArticle]], prefix: str
) -> None:
    raw, article = cleaned[prefix]
    assert raw.text is not None
    for number, line in enumerate(raw.text.splitlines(), 1):
        rest = normalise(line)
        for removed in article.removed:
            if removed.line == number:
                rest = normalise(rest.replace(removed.text, " ", 1))
        if any(ch.isalnum() for ch in rest):
            assert rest in article.text, (number, rest[:60])


@pytest.mark.shared
def test_seed_removed_line_numbers_point_at_the_raw_line(
    cleaned: dict[str, tuple[RawDocument, CleanArticle]],
) -> None:
    for raw, article in cleaned.values():
        assert raw.text is not None
        lines = raw.text.splitlines()
        for removed in article.removed:
            assert removed.text in normalise(lines[removed.line - 1])


# --- an invented HTML page through trafilatura ------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Fährstreit auf Lindholm eskaliert | Inselkurier</title>
<meta property="og:site_name" content="Inselkurier">
<meta property="og:title" content="Fährstreit auf Lindholm eskaliert">
<meta property="article:published_time" content="2023-05-14T09:30:00+02:00">
<link rel="canonical" href="https://www.inselkurier.example/region/faehrstreit-123.html">
</head><body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/region">Region</a></li></ul></nav>
<article>
<p class="kicker">Streit um den Anleger</p>
<h1>Fährstreit auf Lindholm eskaliert</h1>
<p class="lead">Die Reederei und die Gemeinde streiten seit Monaten über den maroden Anleger.
Jetzt droht ein Gerichtsverfahren.</p>
<p>Die alte Fähre am Nordanleger</p>
<p>Foto: Lena Berg/dpa</p>
<p>Lindholm (dpa) - Bürgermeisterin Anja Feldmann sagte am Montag, man habe alle Angebote
ausgeschöpft. Die Reederei wies dies zurück und sprach von einer "Blockadehaltung".</p>
<h2>Gutachten sieht Handlungsbedarf</h2>
<p>Ein Gutachten aus dem Frühjahr kommt zu dem Schluss, dass der Anleger binnen zwei Jahren
saniert werden muss. Die Kosten werden auf 14 Millionen Euro geschätzt.</p>
<p>Lesen Sie auch: Neue Fähre für die Südroute</p>
<h2>Wie geht es weiter?</h2>
<p>Der Gemeinderat will in der kommenden Woche erneut beraten. Eine Einigung gilt als
unwahrscheinlich.</p>
<p>(dpa)</p>
</article>
<footer>© Inselkurier 2023. Alle Rechte vorbehalten.</footer>
</body></html>
"""


def test_invented_html_page(settings: Settings) -> None:
    raw = RawDocument(Origin("faehre.html", "html"), html=PAGE)
    article = clean(raw, settings)
    assert article.title == "Fährstreit auf Lindholm eskaliert"
    assert article.published is not None
    assert (article.published.value, article.published.precision) == ("2023-05-14", "day")
    assert article.published.source == "metadata"
    assert article.outlet == "Inselkurier"
    assert article.url == "https://www.inselkurier.example/region/faehrstreit-123.html"
    assert article.language == "de"
    assert [a.agency for a in article.agencies] == ["dpa"]
    assert [h.of(article.text) for h in article.headings] == [
        "Gutachten sieht Handlungsbedarf",
        "Wie geht es weiter?",
    ]
    reasons = {(r.reason, r.text) for r in article.removed}
    assert ("kicker", "Streit um den Anleger") in reasons
    assert ("title", "Fährstreit auf Lindholm eskaliert") in reasons
    assert ("caption", "Die alte Fähre am Nordanleger") in reasons
    assert ("photo_credit", "Foto: Lena Berg/dpa") in reasons
    assert ("dateline", "Lindholm (dpa) -") in reasons
    assert ("related_teaser", "Lesen Sie auch: Neue Fähre für die Südroute") in reasons
    assert ("agency_credit", "(dpa)") in reasons
    for kept in (
        "Die Reederei und die Gemeinde streiten",
        "Bürgermeisterin Anja Feldmann sagte am Montag",
        "Die Kosten werden auf 14 Millionen Euro geschätzt.",
        "Eine Einigung gilt als unwahrscheinlich.",
    ):
        assert kept in article.text
    for gone in ("Startseite", "Foto:", "Lesen Sie auch", "Alle Rechte", "(dpa)"):
        assert gone not in article.text
