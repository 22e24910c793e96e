"""The clean stage end to end on invented articles: what goes, what stays, metadata."""

from __future__ import annotations

import pytest

from storytrace.clean import clean
from storytrace.clean.metadata import find_outlet, registrable_domain
from storytrace.errors import InputError
from storytrace.model import CleanArticle, Origin, RawDocument
from storytrace.settings import Settings

GERMAN = """Zum Inhalt springen
Startseite > Region > Lindholm
Wir verwenden Cookies, um Ihnen das beste Angebot zu zeigen.
Alle akzeptieren
Einstellungen

Fährstreit
Reederei und Gemeinde streiten über den Anleger

Von Anna Schmidt

21. Oktober 2024

Lindholm (dpa) - Die Reederei und die Gemeinde Lindholm streiten seit Monaten über den \
maroden Anleger. Jetzt droht ein Gerichtsverfahren.

Die alte Fähre am Nordanleger
Foto: Lena Berg/dpa

Bürgermeisterin Anja Feldmann sagte am Montag, man habe alle Angebote ausgeschöpft. \
Die Cookies im Rathaus seien übrigens ausgegangen, scherzte sie.

Gutachten sieht Handlungsbedarf

Ein Gutachten kommt zu dem Schluss, dass der Anleger saniert werden muss. Das Bild: ein \
marodes Bauwerk. Die Agentur (AFP) hatte zuerst berichtet, die Agentur Yonhap später.

Das müssen wir noch herausfinden.

21. Oktober 2024: An diesem Tag wurde das Gutachten vorgestellt.

Lesen Sie auch: Neue Fähre für die Südroute

Der Gemeinderat will in der kommenden Woche erneut beraten. (dpa/AFP)

Teilen | Facebook | X
"""

ENGLISH = """Skip to content
We use cookies to improve your experience.
Accept all cookies

Harbour dispute escalates on Lindholm

By Jane Doe

Oct. 21, 2024

PORTLAND (AP) — The ferry operator and the town council have argued for months about the \
crumbling pier. A court case now looms.

The old ferry at the north pier
Photo: Jane Doe/Reuters

Mayor Anna Field said on Monday that all offers had been exhausted. "We are not giving up," \
she said.

What happens next?

The council will meet again next week. An agreement is considered unlikely.

Associated Press writer Tom Lee contributed to this report.

Related stories
Ferry fares rise again
New pier opens in Southport
"""


def _raw(text: str, **meta: str) -> RawDocument:
    return RawDocument(Origin("invented.txt", "text", "line 3"), text=text, **meta)  # type: ignore[arg-type]


def _removed(article: CleanArticle) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in article.removed]


@pytest.fixture(scope="module")
def german(settings: Settings) -> CleanArticle:
    return clean(_raw(GERMAN), settings)


@pytest.fixture(scope="module")
def english(settings: Settings) -> CleanArticle:
    return clean(_raw(ENGLISH), settings)


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("navigation", "Zum Inhalt springen"),
        ("navigation", "Startseite > Region > Lindholm"),
        ("cookie_banner", "Wir verwenden Cookies, um Ihnen das beste Angebot zu zeigen."),
        ("cookie_banner", "Alle akzeptieren"),
        ("cookie_banner", "Einstellungen"),
        ("kicker", "Fährstreit"),
        ("title", "Reederei und Gemeinde streiten über den Anleger"),
        ("dateline", "21. Oktober 2024"),
        ("dateline", "Lindholm (dpa) -"),
        ("caption", "Die alte Fähre am Nordanleger"),
        ("photo_credit", "Foto: Lena Berg/dpa"),
        ("related_teaser", "Lesen Sie auch: Neue Fähre für die Südroute"),
        ("agency_credit", "(dpa/AFP)"),
        ("social", "Teilen | Facebook | X"),
    ],
)
def test_german_removed(german: CleanArticle, reason: str, text: str) -> None:
    assert (reason, text) in _removed(german)


def test_german_removes_nothing_else(german: CleanArticle) -> None:
    assert len(german.removed) == 14


@pytest.mark.parametrize(
    "kept",
    [
        "Von Anna Schmidt",  # a byline stays, and is not the title
        "Die Reederei und die Gemeinde Lindholm streiten",  # lead after the dateline
        "Die Cookies im Rathaus seien übrigens ausgegangen",  # "Cookies" in a sentence
        "Das Bild: ein marodes Bauwerk.",  # "Bild:" in a sentence
        "Die Agentur (AFP) hatte zuerst berichtet",  # "(AFP)" in a sentence
        "Das müssen wir noch herausfinden.",  # short body line
        "21. Oktober 2024: An diesem Tag",  # paragraph that starts with a date
        "Der Gemeinderat will in der kommenden Woche erneut beraten.",
    ],
)
def test_german_body_stays(german: CleanArticle, kept: str) -> None:
    assert kept in german.text


def test_german_metadata(german: CleanArticle) -> None:
    assert german.title == "Reederei und Gemeinde streiten über den Anleger"
    assert german.published is not None
    assert (german.published.value, german.published.precision) == ("2024-10-21", "day")
    assert german.language == "de"
    # dpa from the dateline first, then AFP from the closing credit; Yonhap (a cited
    # source) and the dpa photo credit do not count.
    assert [a.agency for a in german.agencies] == ["dpa", "afp"]
    assert german.agencies[0].evidence == "Lindholm (dpa) -"
    assert [h.of(german.text) for h in german.headings] == ["Gutachten sieht Handlungsbedarf"]
    assert german.warnings == ()


def test_text_layout(german: CleanArticle) -> None:
    paragraphs = german.text.split("\n\n")
    assert all(p == p.strip() and p for p in paragraphs)
    assert "  " not in german.text
    assert "\n\n\n" not in german.text


def test_english(english: CleanArticle) -> None:
    assert english.language == "en"
    assert english.title == "Harbour dispute escalates on Lindholm"
    assert english.published is not None
    assert (english.published.value, english.published.precision) == ("2024-10-21", "day")
    assert [a.agency for a in english.agencies] == ["ap"]
    assert english.outlet == "AP"  # the agency's own copy, no other outlet signal
    assert [h.of(english.text) for h in english.headings] == ["What happens next?"]
    removed = _removed(english)
    for item in [
        ("navigation", "Skip to content"),
        ("cookie_banner", "We use cookies to improve your experience."),
        ("cookie_banner", "Accept all cookies"),
        ("dateline", "PORTLAND (AP) —"),
        ("caption", "The old ferry at the north pier"),
        ("photo_credit", "Photo: Jane Doe/Reuters"),
        ("agency_credit", "Associated Press writer Tom Lee contributed to this report."),
        ("related_teaser", "Related stories"),
        ("related_teaser", "Ferry fares rise again"),
        ("related_teaser", "New pier opens in Southport"),
    ]:
        assert item in removed
    assert "By Jane Doe" in english.text
    assert english.text.startswith("By Jane Doe\n\nThe ferry operator")


def test_id_and_purity(settings: Settings) -> None:
    raw = _raw(GERMAN)
    first, second = clean(raw, settings), clean(raw, settings)
    assert first == second
    assert first.id == raw.content_id()
    assert first.origin == raw.origin


BODY = (
    "Die Reederei und die Gemeinde streiten seit Monaten über den maroden Anleger im Hafen. "
    "Jetzt droht ein Gerichtsverfahren, teilte die Gemeinde am Dienstag mit."
)


@pytest.mark.parametrize(
    ("meta", "text", "outlet", "evidence_start"),
    [
        ({"outlet": "Inselkurier"}, BODY, "Inselkurier", "outlet field"),
        ({"url": "https://www.dw.com/de/faehre/a-1"}, BODY, "DW", "URL domain dw.com"),
        ({"url": "https://news.inselkurier.example/a/1"}, BODY, "inselkurier.example", "URL"),
        ({}, "https://p.dw.com/p/4x7q\n\n" + BODY, "DW", "site's own short link"),
        ({}, "Zu weiteren Angeboten der Inselwelle springen\n" + BODY, "Inselwelle", "site names"),
        ({}, "Kiel (Reuters) - " + BODY, "Reuters", "agency dateline"),
        ({}, BODY, None, None),
    ],
)
def test_outlet(
    settings: Settings,
    meta: dict[str, str],
    text: str,
    outlet: str | None,
    evidence_start: str | None,
) -> None:
    article = clean(_raw(text, **meta), settings)
    assert article.outlet == outlet
    if evidence_start is None:
        assert article.outlet_evidence is None
    else:
        assert article.outlet_evidence is not None
        assert article.outlet_evidence.startswith(evidence_start)


@pytest.mark.parametrize(
    ("meta", "text", "value", "precision", "source"),
    [
        ({"published": "2023-05-14T09:30:00+02:00"}, BODY, "2023-05-14", "day", "metadata"),
        ({"published": "2023-05"}, BODY, "2023-05", "month", "metadata"),
        ({"published": "Sun, 14 May 2023 09:30:00 GMT"}, BODY, "2023-05-14", "day", "metadata"),
        ({}, " date 2024-10 " + BODY, "2024-10", "month", "crawler_header"),
        ({}, "date: 2024-10-21\n" + BODY, "2024-10-21", "day", "crawler_header"),
        # the header gives the month, a date line in the text the day: refined, not invented
        ({}, " date 2024-10 \n\n21. Oktober 2024\n\n" + BODY, "2024-10-21", "day", "dateline"),
        # a disagreeing later date does not override the stronger source
        (
            {"published": "2023-05-14"},
            "21. Oktober 2024\n\n" + BODY,
            "2023-05-14",
            "day",
            "metadata",
        ),
        ({}, "Kiel, 3. Mai 2023 – " + BODY, "2023-05-03", "day", "text"),
        (
            {"url": "https://inselkurier.example/2023/05/14/faehre"},
            BODY,
            "2023-05-14",
            "day",
            "url",
        ),
        ({"url": "https://inselkurier.example/2023/05/faehre"}, BODY, "2023-05", "month", "url"),
        ({}, BODY + " (APA, 12.9.2015)", "2015-09-12", "day", "dateline"),
    ],
)
def test_published(
    settings: Settings, meta: dict[str, str], text: str, value: str, precision: str, source: str
) -> None:
    article = clean(_raw(text, **meta), settings)
    assert article.published is not None
    assert (article.published.value, article.published.precision) == (value, precision)
    assert article.published.source == source


@pytest.mark.parametrize(
    "text",
    [
        "Am 26. April 2011 wurde der Anleger eröffnet. " + BODY,  # an event date in a sentence
        BODY + " Die Sanierung soll bis 15. Juni 2026 dauern.",
    ],
)
def test_event_dates_are_not_publication_dates(settings: Settings, text: str) -> None:
    assert clean(_raw(text), settings).published is None


def test_unreadable_published_is_a_warning(settings: Settings) -> None:
    article = clean(_raw(BODY, published="next tuesday"), settings)
    assert article.published is None
    assert any("next tuesday" in w for w in article.warnings)


def test_reader_warnings_are_kept(settings: Settings) -> None:
    raw = RawDocument(
        Origin("a.txt", "text"), text=BODY, warnings=("lines 3, 7 decoded as cp1252",)
    )
    article = clean(raw, settings)
    assert article.warnings[0] == "lines 3, 7 decoded as cp1252"
    assert "title not found" in article.warnings


def test_crawler_header_fields(settings: Settings) -> None:
    text = (
        "date: 2024-10-21\nurl: https://www.spiegel.de/ausland/faehre-a-1\n"
        "title: Hafen in Not\n\nHafen in Not\n\n" + BODY
    )
    article = clean(_raw(text), settings)
    assert article.title == "Hafen in Not"
    assert article.url == "https://www.spiegel.de/ausland/faehre-a-1"
    assert article.outlet == "Der Spiegel"
    assert article.published is not None and article.published.value == "2024-10-21"
    assert [r.reason for r in article.removed] == ["crawler_header"] * 3 + ["title"]
    assert article.text == BODY


def test_known_title_removes_its_line(settings: Settings) -> None:
    article = clean(_raw("Hafen in Not\n\n" + BODY, title="Hafen in Not | Inselkurier"), settings)
    assert article.title == "Hafen in Not | Inselkurier"
    assert ("title", "Hafen in Not") in _removed(article)


def test_no_title_for_a_body_sentence(settings: Settings) -> None:
    article = clean(_raw(BODY), settings)
    assert article.title is None
    assert article.text == BODY


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (BODY, "de"),
        ("The ferry operator and the council have argued for months about the pier. " * 2, "en"),
        (
            "Le conseil municipal et la compagnie maritime se disputent depuis des mois. " * 2,
            "other",
        ),
        ("Rada miasta i armator spierają się od miesięcy o stan przystani promowej. " * 2, "other"),
    ],
)
def test_language(settings: Settings, text: str, language: str) -> None:
    assert clean(_raw(text), settings).language == language


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "only 0 characters"),
        ("Zum Inhalt springen\nWir verwenden Cookies.\nAlle akzeptieren\n", "2 cookie_banner"),
        ("Kurz.", "min_text_chars"),
    ],
)
def test_no_text_is_refused(settings: Settings, text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        clean(_raw(text), settings)
    assert info.value.kind == "no_text"
    assert info.value.locator == "line 3"
    assert info.value.source == "invented.txt"
    assert fragment in info.value.problem


def test_html_without_article_is_refused(settings: Settings) -> None:
    html = "<html><head><title>Start</title></head><body><nav><a href='/'>Start</a></nav></body>"
    with pytest.raises(InputError) as info:
        clean(RawDocument(Origin("index.html", "html"), html=html), settings)
    assert info.value.kind == "no_text"
    assert "no article text" in info.value.problem


def test_hard_wrapped_text_is_rejoined(settings: Settings) -> None:
    text = (
        "Die Reederei und die Gemeinde streiten seit Monaten\n"
        "über den maroden Anleger im Hafen von Lindholm. Jetzt\n"
        "droht ein Gerichtsverfahren, teilte die Gemeinde mit,\n"
        "und der Bürgermeister spricht von einer Blockade der\n"
        "Reederei, die seit Jahren nichts investiert habe und\n"
        "nun die Verantwortung von sich weise.\n"
        "\n"
        "Der Gemeinderat will in der kommenden Woche erneut\n"
        "beraten. Eine Einigung gilt als unwahrscheinlich.\n"
    )
    article = clean(_raw(text), settings)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Die Reederei und die Gemeinde streiten seit Monaten über")
    assert "Jetzt droht ein Gerichtsverfahren" in paragraphs[0]


def test_one_paragraph_per_line_is_not_rejoined(german: CleanArticle) -> None:
    assert "Das müssen wir noch herausfinden.\n\n21. Oktober 2024:" in german.text


def test_menu_at_top_goes_list_in_body_stays(settings: Settings) -> None:
    text = (
        "Politik\nWirtschaft\nKultur\nSport\n\n"
        + BODY
        + "\n\nAuf der Liste stehen vier Namen:\nAnna Berg\nJan Holm\nTom Kai\nLea Wolf\n\n"
        + BODY
    )
    article = clean(_raw(text), settings)
    assert [r.text for r in article.removed] == ["Politik", "Wirtschaft", "Kultur", "Sport"]
    assert "Anna Berg\n\nJan Holm\n\nTom Kai\n\nLea Wolf" in article.text


def test_summary_label_without_bullets_stays(settings: Settings) -> None:
    text = BODY + "\n\nZusammenfassung\n\n" + BODY
    article = clean(_raw(text), settings)
    assert article.removed == ()
    assert [h.of(article.text) for h in article.headings] == ["Zusammenfassung"]


def test_teasers_only_after_the_closing_credit(settings: Settings) -> None:
    ending = "\n\nmak/tr (afp, dpa)\n\nNeue Fähre für die Südroute\n\nStreik im Hafen geht weiter"
    article = clean(_raw(BODY + ending), settings)
    assert [r.reason for r in article.removed] == [
        "agency_credit",
        "related_teaser",
        "related_teaser",
    ]
    # a subheading and more body after the credit: nothing after it is a teaser
    middle = "\n\nmak/tr (afp, dpa)\n\nNeue Fähre für die Südroute\n\n" + BODY
    article = clean(_raw(BODY + middle), settings)
    assert [r.reason for r in article.removed] == ["agency_credit"]
    assert "Neue Fähre für die Südroute" in article.text


def test_heading_offsets(german: CleanArticle) -> None:
    for span in german.headings:
        start, end = span.start, span.end
        assert german.text[start - 2 : start] == "\n\n"
        assert german.text[end : end + 2] == "\n\n"


def test_photo_credits_are_not_agency_credits(settings: Settings) -> None:
    text = "APA/APA/AFP/JANA MUSTER\n\nFähre fällt aus\n\n" + BODY + "\n\nFoto: Lena Berg/dpa"
    article = clean(_raw(text), settings)
    assert article.agencies == ()
    assert [r.reason for r in article.removed] == ["photo_credit", "title", "photo_credit"]


@pytest.mark.parametrize(
    ("sitename", "outlet"),
    [
        ("Inselkurier", "Inselkurier"),
        ("www.dw.com", "DW"),  # trafilatura's fallback to the host name
        ("news.inselkurier.example", "inselkurier.example"),
        ("reuters", "Reuters"),  # self-designations match regardless of case
    ],
)
def test_outlet_from_site_name(sitename: str, outlet: str) -> None:
    assert find_outlet(None, sitename, [], [])[0] == outlet


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://p.dw.com/p/4x7q", "dw.com"),
        ("https://www.bbc.co.uk/news/1", "bbc.co.uk"),
        ("news.inselkurier.example/a/1", "inselkurier.example"),
        ("localhost", None),
    ],
)
def test_registrable_domain(url: str, domain: str | None) -> None:
    assert registrable_domain(url) == domain
