"""Every named boilerplate pattern: at least one positive and one negative example.

All examples are invented. Negatives are mostly the body sentences a careless pattern would
eat: a sentence that mentions cookies, a photo, an agency in passing, or starts with a date.
``test_every_pattern_has_examples`` fails when a pattern is added without examples here.
"""

from __future__ import annotations

import pytest

from storytrace.clean.lines import normalise, word_count
from storytrace.clean.patterns import REASONS, Pattern, PatternSet, load_patterns

EXAMPLES: dict[str, tuple[list[str], list[str]]] = {
    # --- common ---
    "crawler_date_field": (
        [
            " date 2024-10 Die Fähre fährt wieder.",
            "date: 2023-05-14T08:00:00Z Die Fähre",
            "published 2023-05-14 Text",
        ],
        ["Date palms grow on the island.", "Datum der Wahl ist der 3. März."],
    ),
    "crawler_url_field": (
        ["url: https://example.org/a/1 Die Fähre", " url https://example.org/a/1"],
        ["URL-Kürzungsdienste sind beliebt.", "Url: keine Angabe"],
    ),
    "crawler_title_field": (
        ["title: Hafen in Not", "headline: Fähre fällt aus"],
        ["Title fight ends in a draw.", "Titelverteidiger: Kiel"],
    ),
    "crawler_meta_field": (
        ["author: Anna Schmidt", "language: de"],
        ["Authors say the book took ten years.", "Die Sprache: Deutsch ist Amtssprache."],
    ),
    "agency_dateline": (
        [
            "Lindholm/Nordstadt (Reuters) - Die Reederei kann den Streik bestätigen.",
            "PORTLAND (AP) — The ferry resumed service.",
            "Kiel (dpa/AFP) – Der Hafen bleibt geschlossen.",
            "NEW YORK, Dec. 11 (UPI) — The council voted.",
        ],
        [
            "Die Nachrichtenagentur (AFP) - so hieß es - meldete den Rücktritt.",
            "Kiel – Die Regierung tagte am Montag.",
            "Die Agentur meldete (dpa), der Hafen sei zu.",
        ],
    ),
    "agency_credit_suffix": (
        [
            "Beide Seiten bestreiten das. (afp/red)",
            "The ferry was late, he said. (Reuters)",
            "Er sagte es. (APA, 12.9.2015)",
        ],
        [
            "Das meldete die Agentur (AFP).",
            "Die Agentur (AFP) meldete den Rücktritt.",
            "Er kam spät. (Fortsetzung folgt)",
        ],
    ),
    "agency_credit_line": (
        ["mak/tr (afp, dpa, rtr)", "(dpa)", "red (APA, AFP)"],
        ["(red)", "Die Agentur (AFP) meldete den Vorfall am Abend.", "(Fortsetzung folgt)"],
    ),
    "photo_slash_credit": (
        ["APA/APA/AFP/JANA MUSTERFRAU", "REUTERS/Petra Lindqvist", "dpa/Kay Feldberg", "Pool/AFP"],
        ["dpa/AFP", "Berlin/Seoul", "Die Ampel/Koalition streitet weiter, meldet dpa."],
    ),
    "photo_agency_line": (
        ["Getty Images", "© picture alliance/dpa", "imago images/Stadtbild"],
        [
            "Getty Images hat seine Preise erhöht, teilte das Unternehmen mit.",
            "EPA tightens rules on coal plants",
            "Der Pool im Garten",
        ],
    ),
    "agency_slash_line": (
        ["dpa", "dpa/AFP", "AFP, Reuters"],
        ["dpa-Chef tritt zurück", "AFP und dpa berichteten übereinstimmend."],
    ),
    "copyright_outlet_line": (
        ["© Kurierblatt 2024", "© Inselwelle Verlags-GmbH 2023", "Copyright © Hafenbote"],
        [
            "© dpa-infocom, dpa:230514-99-123456/2",
            "© Die Reederei hält die Rechte an dem Foto, sagte sie.",
        ],
    ),
    "footer_links": (
        ["Kurierblatt – Datenschutz | Impressum | AGB", "Impressum · Kontakt · Datenschutz"],
        ["Impressum", "Die Datenschutz-Regeln gelten ab Mai, sagte der Minister."],
    ),
    "author_sign": (
        ["(lf)", "(jr/mk)"],
        ["(dpa)", "(Archiv)", "(2)"],
    ),
    "share_button_item": (
        ["Facebook", "WhatsApp", "E-Mail"],
        ["Facebook zahlt Strafe", "E-Mails an den Bürgermeister blieben unbeantwortet."],
    ),
    "breadcrumb_separator": (["›", ">", "»"], ["»Ja«", "- 5", "Region"]),
    "breadcrumb_item": (
        ["Region", "Talmegau", "Lokales"],
        ["Die Region leidet.", "Mehr Geld für die Region, sagt der Landrat nun"],
    ),
    "copyright_symbol_line": (
        [
            "© dpa-infocom, dpa:230514-99-123456/2",
            "Quelle: (c) Copyright Example Media 2023. Click For Restrictions",
            "Copyright 2024 The Example Press. All rights reserved.",
        ],
        [
            "Copyright holders sued the platform in March.",
            "Copyright-Verletzungen nehmen zu, sagte die Ministerin.",
        ],
    ),
    "short_link": (
        ["https://p.inselwelle.example/p/4x7q", "kurierblatt.example/a/x7Yz"],
        ["https://bit.ly/3xYzAbc", "Mehr unter https://p.inselwelle.example/p/4x7q"],
    ),
    "url_alone": (
        ["https://bit.ly/3xYzAbc", "www.example.org/a/b.html"],
        ["Die Seite www.example.org ist abgeschaltet.", "Example.org"],
    ),
    "date_only_line": (
        [
            "21. Oktober 2024",
            "Oct. 21, 2024",
            "Montag, 21.10.2024, 14:35 Uhr",
            "2024-10-21",
            "3. Jänner 2023",
        ],
        [
            "21. Oktober 2024: An diesem Tag begann die Konferenz.",
            "Am 21. Oktober 2024 tagte der Rat.",
            "Oktober 2024",
        ],
    ),
    "breadcrumb_trail": (
        ["Startseite > Politik > Ausland", "Home | World | Europe", "Region › Lindholm"],
        ["Wachstum > Inflation, sagt der Bericht.", "Politik"],
    ),
    "glued_section_label": (
        ["PolitikInland", "WirtschaftKonjunktur"],
        ["McKinsey", "Politik", "Hafen-Streit"],
    ),
    "numbered_menu_run": (
        ["1. Politik", "2. Wirtschaft und Finanzen"],
        ["1. Die Regierung muss bis Freitag einen Entwurf vorlegen.", "Politik"],
    ),
    "menu_word_run": (
        ["Politik", "Wirtschaft", "Kultur und Medien"],
        ["Die Koalition streitet.", "Wirtschaft: Die Lage ist ernst"],
    ),
    "share_button_row": (
        ["Facebook Twitter WhatsApp E-Mail", "Teilen | Facebook | X", "Share Print Email"],
        ["Facebook und Twitter sperrten das Konto am Montag.", "Facebook"],
    ),
    "block_fragment": (
        [". Anschließend lesen Sie kostenlos weiter.", ", um weiterzulesen"],
        ["Danach kam die Fähre.", "„Nein“, sagte sie."],
    ),
    # --- German ---
    "de_skip_link_offers": (
        [
            "3. Zu weiteren Angeboten der Inselwelle springen",
            "Zu weiteren Angeboten von Kurierblatt springen",
        ],
        ["Zu weiteren Angeboten der Bank äußerte sich der Sprecher nicht."],
    ),
    "de_skip_link": (
        ["1. Zum Inhalt springen", "Zur Hauptnavigation springen", "Direkt zur Suche"],
        ["Zum Glück musste niemand springen.", "Zur Sache: Die Kaimauer bröckelt."],
    ),
    "de_skip_link_verb_first": (
        ["Springe zum Hauptinhalt", "Gehe zur Navigation"],
        ["Springe nicht!", "Springen zum Sieg: Die Kielerin holt Gold im Weitsprung"],
    ),
    "de_skip_target": (
        ["Zur Hauptnavigation", "Zur Suche", "Zum Inhalt"],
        ["Zur Suche nach den Vermissten", "Zum Inhalt der Vereinbarung sagte er nichts."],
    ),
    "de_menu_label": (
        ["Menü", "Nach oben", "Mein Konto"],
        ["Menü der Woche: Spargel mit Kartoffeln", "Suche nach Vermissten"],
    ),
    "de_cookie_we_use": (
        [
            "Für ein besseres Angebot verwenden wir Cookies.",
            "Diese Website verwendet Cookies und ähnliche Technologien.",
        ],
        [
            "Viele Händler verwenden Cookies, sagte die Datenschützerin.",
            "Die Behörde prüft, ob Onlineshops Cookies setzen.",
        ],
    ),
    "de_cookie_consent": (
        [
            "Mit der Nutzung unserer Seite stimmen Sie der Verwendung von Cookies zu.",
            "Mit dem Klick auf Akzeptieren willigen Sie in die Datenverarbeitung ein.",
        ],
        [
            "Stimmen sie der Verwendung von Cookies zu, verlieren Nutzer Kontrolle.",
            "Die Nutzer stimmen den Cookies oft ungelesen zu.",
        ],
    ),
    "de_consent_partners": (
        ["Wir und unsere 153 Partner speichern und/oder greifen auf Informationen zu."],
        [
            "Wir leben seit zehn Jahren in Lindholm, sagte sie.",
            "Die Stadt und ihre Partner planen ein Fest.",
        ],
    ),
    "de_privacy_pointer": (
        ["Weitere Informationen finden Sie in unserer Datenschutzerklärung."],
        ["Die Datenschutzerklärung des Ministeriums ist seit Mai veraltet."],
    ),
    "de_necessary_cookies_button": (
        ["Nur notwendige Cookies", "Nur erforderliche Cookies zulassen"],
        ["Nur notwendige Cookies seien erlaubt, sagte die Datenschützerin."],
    ),
    "de_consent_button": (
        [
            "Alle akzeptieren",
            "Akzeptieren und weiter",
            "Cookie-Einstellungen",
            "Datenschutzeinstellungen",
        ],
        ["Alle akzeptieren den Kompromiss, sagte der Bürgermeister.", "Akzeptieren"],
    ),
    "de_banner_button": (
        ["Weitere Informationen", "OK", "Einstellungen"],
        ["Weitere Informationen gab die Polizei nicht bekannt.", "Okayama"],
    ),
    "de_adblock_whitelist": (
        [
            "Bitte setzen Sie kurierblatt.de auf die Ausnahmeliste Ihres Blockers.",
            "Setzen Sie uns auf die Whitelist Ihres Adblockers.",
        ],
        ["Die Behörde führt eine Ausnahmeliste für Schiffe unter 20 Metern."],
    ),
    "de_adblock_reload": (
        ["Werbeblocker ausgeschaltet? Seite neu laden", "Seite neu laden"],
        ["Die Seite neu laden zu müssen, ärgert viele Nutzer, sagte er."],
    ),
    "de_subscription_price": (
        [
            "KB Plus: 4 Wochen für 0,99 €, danach 7,99 € monatlich – jederzeit kündbar",
            "Digital-Abo für 9,90 Euro im Monat",
        ],
        [
            "Das Ticket kostet künftig 58 Euro im Monat, sagte der Minister.",
            "Strompreis: erst 30 Euro, danach 45 Euro im Monat",
        ],
    ),
    "de_adblock_notice": (
        [
            "Klicken Sie oben rechts auf den Button Ihres Ad-Blockers und deaktivieren Sie ihn für",
            "Weiterlesen mit aktiviertem Werbeblocker",
            "Bitte deaktivieren Sie Ihren Adblocker",
        ],
        [
            "Der Verlag klagte gegen den Hersteller eines Werbeblockers.",
            "Immer mehr Menschen nutzen einen Adblocker, wie eine Studie zeigt.",
        ],
    ),
    "de_ad_funding_appeal": (
        [
            "Zur Finanzierung unseres journalistischen Angebots sind wir auf Anzeigen angewiesen.",
            "Unser journalistisches Angebot finanziert sich über Werbung.",
            "Wir sind auf Werbeeinnahmen angewiesen.",
        ],
        [
            "Die Zeitung ist auf Werbepartner angewiesen, sagte der Verleger.",
            "„Wir sind auf Werbung angewiesen“, sagte die Verlegerin.",
            "Unser journalistisches Angebot wächst.",
        ],
    ),
    "de_read_on": (
        [
            ". Dann können Sie kostenlos weiterlesen.",
            "Jetzt weiterlesen",
            "Weiterlesen mit Inselkurier Plus",
        ],
        [
            "Sie lesen gern Krimis, sagte die Bibliothekarin.",
            "Weiterlesen lohnt sich, findet der Kritiker.",
        ],
    ),
    "de_subscription_offer": (
        ["Jetzt für nur 1,99€ im ersten Monat testen", "4 Wochen für nur 1 Euro lesen"],
        ["Der Liter kostete zuletzt nur 1,79 Euro, im Monat davor 1,89 Euro."],
    ),
    "de_subscription_cta": (
        ["Jetzt abonnieren", "Zum Abo", "Abonnent werden"],
        [
            "Zum Abonnieren der Zeitung fehlt vielen das Geld.",
            "Jetzt testet die Stadt neue Ampeln.",
        ],
    ),
    "de_subscriber_only": (
        ["Dieser Artikel ist nur für Abonnenten verfügbar", "Exklusiv für Plus-Leser"],
        [
            "Die Rabatte gelten nur für Abonnenten der Zeitung.",
            "Nur für Mitglieder des Rats gilt die Regel.",
        ],
    ),
    "de_already_subscribed": (
        [
            "Sie haben bereits ein Abo und sehen dieses Banner?",
            "Bereits Abonnent? Hier einloggen",
            "Sie sind schon registriert?",
        ],
        [
            "Sie hatten bereits gekauft, als die Preise stiegen.",
            "Sie haben bereits gekauft, was sie brauchen.",
        ],
    ),
    "de_offer_benefit": (
        [
            "Unbegrenzter Zugang zu allen Artikeln",
            "Jederzeit kündbar",
            "Alle Artikel werbefrei lesen",
        ],
        ["Voller Zugang zum Strand ist im Winter nicht möglich.", "Die Fähre fährt werktags."],
    ),
    "de_ad_label": (["Anzeige", "WERBUNG"], ["Anzeige erstattet", "Werbung für die Wahl"]),
    "de_photo_credit_line": (
        ["Bild: Jana Muster/AFP", "Foto: privat", "Bildquelle: imago images"],
        ["Bildung: Die Schulen öffnen wieder", "Bilder zeigen die Zerstörung im Hafen."],
    ),
    "de_caption_glued_credit": (
        [
            "Die Archivaufnahme zeigt den NordanlegerBild: Jan Muster/AP/dpa/picture alliance",
            "Die Ministerin beim Besuch (hier 2022)Bild: Inselwelle",
        ],
        [
            "Die Regierung zeichnet ein düsteres Bild: Die Wirtschaft schrumpft.",
            "Das Zeitbild: Ein Jahr im Rückblick",
        ],
    ),
    "de_caption_trailing_credit": (
        [
            "Die Kaimauer am Nordkai gilt als marode. Foto: Lena Berg/dpa",
            "Der Hafen bei Nacht. Bild: Getty Images",
        ],
        [
            "Er sagte das so. Bild: Die Wirtschaft schrumpft",
            "Die Lage ist ernst. Foto: Der Hafen am Morgen",
        ],
    ),
    "de_material_credit": (
        [
            "Mit Material von dpa und AFP",
            "Quelle: dpa",
            "Mit Informationen der Nachrichtenagentur Reuters",
        ],
        ["Quelle: Statistisches Bundesamt", "Mit Material aus dem Archiv"],
    ),
    "de_agency_material": (
        ["Mit Agenturmaterial", "mit Material von Agenturen"],
        ["Mit Agenturmaterial allein lässt sich keine Zeitung füllen, sagte sie."],
    ),
    "de_rights_reserved": (
        [
            "© Inselkurier 2024. Alle Rechte vorbehalten.",
            "Weiterverbreitung nur mit Genehmigung der Redaktion",
        ],
        ["Die Stadt behält sich alle Rechte an dem Grundstück vor."],
    ),
    "de_related_label": (
        ["Mehr zum Thema", "Lesen Sie auch:", "Das könnte Sie auch interessieren"],
        [
            "Mehr zum Thema Wohnungsbau sagte der Minister nicht.",
            "Zum Thema Migration äußerte sich der Senator nicht.",
        ],
    ),
    "de_related_inline": (
        [
            "Lesen Sie auch: Neue Fähre für die Südroute",
            "Mehr zum Thema: Streit um den Anleger",
            "Hier geht's zum Liveblog",
        ],
        ["Lesen Sie auch den Kommentar, forderte der Chefredakteur.", "Mehr dazu sagte er nicht."],
    ),
    "de_related_teaser_item": (
        ["Neue Fähre für die Südroute", "Droht ein Streik?"],
        ["Die Fähre fährt ab Montag wieder.", "Hinweis: Der Anleger ist gesperrt"],
    ),
    "de_follow_us": (
        ["Folgen Sie uns auf Facebook und X", "Folge uns auf Instagram"],
        ["Folgen Sie dem Geld, riet der Ermittler.", "Folgen hat der Streit keine."],
    ),
    "de_newsletter": (
        ["Jetzt Newsletter abonnieren", "Melden Sie sich für unseren Newsletter an"],
        ["Das Ministerium stellte seinen Newsletter im Mai ein."],
    ),
    "de_share_line": (
        ["Artikel teilen", "Seite drucken", "Teilen"],
        ["Die Kosten teilen sich Bund und Länder.", "Teilen ist das neue Haben, sagt sie."],
    ),
    "de_published_line": (
        [
            "Stand: 21.10.2024 14:35 Uhr",
            "Veröffentlicht am 21. Oktober 2024",
            "Aktualisiert: Mo., 3.7.2023",
        ],
        [
            "Stand der Ermittlungen: Die Polizei sucht Zeugen.",
            "Veröffentlicht wurde der Bericht am 3. Juli 2023.",
        ],
    ),
    "de_summary_box": (
        ["ribbon Zusammenfassung", "Das Wichtigste in Kürze", "Auf einen Blick:"],
        [
            "Zusammenfassung der Ergebnisse folgt am Montag.",
            "Auf einen Blick erkennt man den Schaden.",
        ],
    ),
    "de_byline": (
        [
            "Von Anna Schmidt",
            "Von Anna Schmidt und Jan Berg, Nordstadt",
            "Ein Kommentar von Tom Lee",
        ],
        ["Von Montag an gilt die neue Regel.", "Von der Fähre aus sah man den Brand"],
    ),
    # --- English ---
    "en_skip_link": (
        ["Skip to content", "Skip to main navigation", "Jump to search"],
        ["Skip to the end, the minister said.", "Skip the queue"],
    ),
    "en_menu_label": (
        ["Menu", "Sign in", "Back to top"],
        ["Home prices rose again in March.", "Menu prices"],
    ),
    "en_cookie_we_use": (
        ["We use cookies to improve your experience on our site.", "This website uses cookies."],
        [
            "Retailers use cookies to track shoppers, the regulator said.",
            "The site uses a paywall.",
        ],
    ),
    "en_cookie_consent": (
        [
            "By continuing to browse the site, you agree to our use of cookies.",
            "By clicking Accept, you consent to the processing of your data.",
        ],
        [
            "By continuing the talks, both sides agreed to a ceasefire.",
            "Do you agree with the plan, she asked.",
        ],
    ),
    "en_consent_button": (
        ["Accept all cookies", "Reject all", "Manage preferences"],
        ["Accept all offers, the chairman urged shareholders.", "Reject the plan"],
    ),
    "en_banner_button": (
        ["Got it", "Learn more", "Privacy policy"],
        ["Learn more about the harbour at the museum.", "Got it wrong"],
    ),
    "en_adblock_notice": (
        [
            "It looks like you are using an ad blocker.",
            "Please disable your ad-blocker to continue.",
        ],
        [
            "Publishers have sued the maker of a popular ad blocker.",
            "Ad blockers are popular, a survey found.",
        ],
    ),
    "en_subscribe_cta": (
        ["Subscribe now", "Become a member", "Start your free trial"],
        ["Subscribers now pay more, the company said.", "Subscribe to the idea that less is more."],
    ),
    "en_subscriber_only": (
        [
            "This article is for subscribers only",
            "You have reached your free article limit.",
            "Sign in to continue reading",
            "Already a subscriber? Log in",
        ],
        [
            "The club is open to members only on weekends, a spokesman said.",
            "The limit was raised to 70 miles an hour.",
        ],
    ),
    "en_price_offer": (
        ["Only $1 a week for the first year", "Get unlimited access for just $2.99/month"],
        ["Gas cost only $3 a gallon last year.", "Just $5 million was spent on the bridge"],
    ),
    "en_offer_benefit": (
        ["Unlimited digital access", "Cancel anytime"],
        ["Full access to the island is restricted in winter.", "Cancel the order"],
    ),
    "en_ad_label": (
        ["Advertisement", "Story continues below advertisement"],
        ["Advertisement revenue fell.", "Advertising works, the study says."],
    ),
    "en_photo_credit_line": (
        ["Photo: Jane Doe/Reuters", "Photograph: Tom Lee/AP", "Credit: AFP"],
        ["Photographs of the ship were released on Monday.", "Image problems: the party struggles"],
    ),
    "en_photo_by_credit": (
        ["(Photo by John Doe/Getty Images)", "AP Photo/Evan Miller"],
        ["Photo by photo, the archive grew.", "Photo booths are back in fashion."],
    ),
    "en_caption_trailing_credit": (
        [
            "Protesters gather in the square. Photograph: Jane Doe/Reuters",
            "The harbour at dawn. (Photo by John Doe/Getty Images)",
        ],
        [
            "The harbour was quiet. Photo: the mayor's office",
            "He took a photo. Credit where it is due",
        ],
    ),
    "en_reporting_by": (
        [
            "Reporting by Jane Doe; Editing by Tom Lee",
            "(Additional reporting by Sam Park in Seoul)",
            "Reporting by Jane Doe and Tom Lee",
        ],
        [
            "Reporting by The Times showed that the deal collapsed.",
            "Reporting by phone is allowed.",
        ],
    ),
    "en_contributed_credit": (
        [
            "Associated Press writer Jill Moss contributed to this report.",
            "AP writer Tim Holm contributed.",
        ],
        [
            "Volunteers contributed to the cleanup, the Associated Press reported.",
            "She contributed.",
        ],
    ),
    "en_source_line": (
        ["Source: Reuters", "With material from AFP and AP"],
        [
            "Source: the national statistics office",
            "Sources said Reuters was not involved in the sale.",
        ],
    ),
    "en_rights_reserved": (
        [
            "Copyright 2024 The Example Press. All rights reserved.",
            "This material may not be published, broadcast, rewritten or redistributed.",
        ],
        ["The company said it reserved all rights to appeal."],
    ),
    "en_related_label": (
        ["Related stories", "Read more:", "You might also like"],
        ["Read more carefully, the teacher said.", "Related parties"],
    ),
    "en_related_inline": (
        ["Read more: Harbour strike enters second week", "RELATED: Ferry fares rise again"],
        ["Related reporting showed the ferry was late.", "Read more books, she urged."],
    ),
    "en_related_teaser_item": (
        ["Harbour strike enters second week", "Will the ferry run?"],
        ["The strike ended on Monday.", "Note: the pier is closed"],
    ),
    "en_follow_us": (
        ["Follow us on Twitter", "Follow Pam Lee on Twitter @pamlee", "Like us on Facebook"],
        ["Follow the money, the investigator said.", "Follow-up talks are planned."],
    ),
    "en_newsletter": (
        ["Sign up for our newsletter", "Want to receive this in your inbox? Sign up here."],
        ["Voters can sign up to vote until Friday.", "The newsletter closed in May."],
    ),
    "en_share_line": (
        ["Share this article", "Share on Facebook", "Listen to this article 5 min"],
        ["Share prices fell on Monday.", "Listen to the crowd"],
    ),
    "en_published_line": (
        [
            "Published October 21, 2024",
            "Updated 3:04 PM EDT, Mon October 21, 2024",
            "Posted: 21 October 2024",
        ],
        ["Published reports said the deal was off.", "Updated figures show a rise."],
    ),
    "en_summary_box": (
        ["Summary", "Key points:", "ribbon Summary"],
        ["Summary judgment was granted on Friday.", "Key points were missed"],
    ),
    "en_byline": (
        ["By Jane Doe", "By Jane Doe and Tom Lee, Associated Press"],
        ["By Monday the ferry was running again.", "By far the largest"],
    ),
}


@pytest.fixture(scope="module")
def patterns() -> PatternSet:
    return load_patterns(("de", "en"))


def fires(p: Pattern, text: str) -> bool:
    """Whether ``p`` fires on ``text`` as the cleaner applies it to one line."""
    line = normalise(text)
    if p.kind in ("prefix", "suffix"):
        return p.regex.search(line) is not None
    return word_count(line) <= p.max_words and p.search(line) is not None


def _cases(positive: bool) -> list[tuple[str, str]]:
    return [
        (name, text) for name, (pos, neg) in EXAMPLES.items() for text in (pos if positive else neg)
    ]


@pytest.mark.parametrize(("name", "text"), _cases(True))
def test_positive(patterns: PatternSet, name: str, text: str) -> None:
    assert fires(patterns.by_name(name), text), f"{name} should fire on {text!r}"


@pytest.mark.parametrize(("name", "text"), _cases(False))
def test_negative(patterns: PatternSet, name: str, text: str) -> None:
    assert not fires(patterns.by_name(name), text), f"{name} must not fire on {text!r}"


def test_every_pattern_has_examples(patterns: PatternSet) -> None:
    names = {p.name for p in patterns.all()}
    missing = sorted(n for n in names if n not in EXAMPLES or not all(EXAMPLES[n]))
    assert not missing, f"patterns without a positive and a negative example: {missing}"
    assert not set(EXAMPLES) - names, "examples for patterns that do not exist"


def test_every_pattern_is_documented(patterns: PatternSet) -> None:
    for p in patterns.all():
        assert len(p.what) > 20, p.name
        assert p.reason in REASONS or p.reason in ("inherit", "none"), p.name


def test_block_follow_lines(patterns: PatternSet) -> None:
    box = patterns.by_name("de_summary_box")
    assert box.follow is not None
    assert box.follow.search("• Die Fähre fährt wieder.")
    assert not box.follow.search("Die Fähre fährt wieder.")


@pytest.mark.parametrize(
    ("text", "group", "value"),
    [
        (" date 2024-10 Die Fähre", "date", "2024-10"),
        ("url: https://example.org/a/1 Die Fähre", "url", "https://example.org/a/1"),
        ("title: Hafen in Not", "title", "Hafen in Not"),
        ("Zu weiteren Angeboten der Inselwelle springen", "outlet", "Inselwelle"),
        ("https://p.inselwelle.example/p/4x7q", "domain", "p.inselwelle.example"),
    ],
)
def test_evidence_groups(patterns: PatternSet, text: str, group: str, value: str) -> None:
    for p in patterns.all():
        m = p.regex.search(normalise(text)) if group in p.regex.groupindex else None
        if m and m.group(group):
            assert m.group(group) == value
            return
    pytest.fail(f"no pattern captured {group!r} in {text!r}")
