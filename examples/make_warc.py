"""Write ``articles/crawl/wendelsauer-anzeiger_2024-03-15.warc.gz``: one invented article as a news crawl.

The archive holds what a crawler keeps for one page: a ``warcinfo`` record, the ``request``
and the ``response`` (HTTP headers plus HTML). Record ids, dates and payloads are fixed so
that running the script again gives the same records; the test suite checks that.

    python examples/make_warc.py [OUTPUT]

All text is invented for storytrace's examples (see ``examples/README.md``).
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "articles" / "crawl" / "wendelsauer-anzeiger_2024-03-15.warc.gz"

URL = "https://www.wendelsauer-anzeiger.de/lokales/wendelsau/korvath-raeumt-leck-ein-a-31877"
# Fixed crawl time and record ids: warcio would otherwise stamp "now" and random UUIDs,
# and the committed archive could not be reproduced.
CRAWL_DATE = "2024-03-15T19:02:11Z"
HTTP_DATE = "Fri, 15 Mar 2024 19:02:11 GMT"
WARCINFO_ID = "<urn:uuid:6f0b7c2e-1d4a-4c55-9b1e-7a3e2d5c0001>"
REQUEST_ID = "<urn:uuid:6f0b7c2e-1d4a-4c55-9b1e-7a3e2d5c0002>"
RESPONSE_ID = "<urn:uuid:6f0b7c2e-1d4a-4c55-9b1e-7a3e2d5c0003>"

HTML = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Korvath räumt Leck ein – Angelverbot an der Talme bleibt | Wendelsauer Anzeiger</title>
<meta property="og:site_name" content="Wendelsauer Anzeiger">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-15T17:20:00+01:00">
<meta name="description"
      content="Eine Woche nach dem Fischsterben gibt Korvath Chemie einen Defekt zu.">
<link rel="canonical" href="https://www.wendelsauer-anzeiger.de/lokales/wendelsau/korvath-raeumt-leck-ein-a-31877">
</head>
<body>
<a href="#inhalt" class="skip">Springe zum Hauptinhalt</a>
<nav class="menu"><a href="/">Start</a> <a href="/lokales/">Lokales</a> <a href="/sport/">Sport</a>
<a href="/kultur/">Kultur</a> <a href="/service/">Service</a> <a href="/epaper/">E-Paper</a></nav>
<div class="cmp-banner"><p>Diese Website nutzt Cookies. Einige sind technisch notwendig, andere
helfen uns, die Seite zu verbessern und Ihnen Inhalte von Drittanbietern anzuzeigen.</p>
<button>Zustimmen</button> <button>Ablehnen</button> <a href="/datenschutz">Mehr erfahren</a></div>
<main id="inhalt">
<article>
<p class="kicker">Talme-Verschmutzung</p>
<h1>Korvath räumt Leck ein – Angelverbot an der Talme bleibt</h1>
<p class="author">Von Tobias Reinhardt</p>
<p class="lead">Eine Woche nach dem Fischsterben gibt Korvath Chemie einen Defekt in ihrem
Tanklager zu. Die Staatsanwaltschaft ermittelt nun gegen zwei Mitarbeiter.</p>
<figure><img src="/bilder/2024/03/korvath-betriebsversammlung.jpg"
alt="Ein Mann spricht in einer Werkshalle vor Beschäftigten">
<figcaption>Geschäftsführer Tilman Vogtherr vor der Belegschaft in Wendelsau.
Foto: Wendelsauer Anzeiger/Tobias Reinhardt</figcaption></figure>
<p>Wendelsau – Eine Woche nach dem Fischsterben in der Talme hat die Korvath Chemie erstmals
eingeräumt, dass Lösungsmittel aus ihrem Werk in den Fluss gelangt ist. Ein defektes Ventil an
einer Verbindungsleitung zwischen zwei Tanks sei die Ursache, teilte das Unternehmen am Freitag
mit. Nach eigenen Berechnungen seien „höchstens 60.000 Liter“ ausgetreten – deutlich weniger
als die 85.000 Liter, die das Umweltministerium am Donnerstag genannt hatte.</p>
<p>„Wir haben uns zu früh festgelegt, und das tut uns leid“, sagte Geschäftsführer Tilman
Vogtherr bei einer Betriebsversammlung. Die Aussage seiner Sprecherin vom vergangenen Freitag,
es gebe keine Hinweise auf ein Leck, sei auf Grundlage der damals verfügbaren Messwerte
getroffen worden. Ein Gutachter solle nun klären, warum die Füllstandsanzeige den Verlust nicht
gemeldet habe.</p>
<h2>Staatsanwaltschaft ermittelt gegen zwei Mitarbeiter</h2>
<p>Oberstaatsanwältin Sabine Hergt bestätigte, dass sich das Verfahren inzwischen gegen zwei
Mitarbeiter des Werks richtet. „Ob das Ventil schon länger undicht war, ist Gegenstand der
Ermittlungen“, sagte Hergt. Das Werk darf nach einer Anordnung des Landratsamts vorerst keine
Lösungsmittel mehr umfüllen.</p>
<h2>Angeln bleibt verboten</h2>
<p>Das Landratsamt verlängerte das Angelverbot auf dem zwölf Kilometer langen Abschnitt bis
Ende März. Die Brunnenwarnung für Wendelsau wurde dagegen aufgehoben; für Niederfelsbach gilt
sie weiter. Der Landesfischereiverband zählte bis Freitag 870 tote Fische.</p>
<p>Das Aktionsbündnis Saubere Talme kündigte an, die Zahlen des Unternehmens prüfen zu lassen.
Der britische Mutterkonzern Halverton erklärte, man stehe zur Zusage, die Kosten der Sanierung
zu übernehmen.</p>
<p class="related">Lesen Sie auch: Chronik – acht Tage an der Talme</p>
</article>
</main>
<footer><a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a> ·
© Wendelsauer Anzeiger 2024</footer>
</body>
</html>
"""


def _warcinfo(writer: WARCWriter, filename: str) -> ArcWarcRecord:
    fields = (
        b"software: storytrace examples/make_warc.py\r\n"
        b"format: WARC File Format 1.1\r\n"
        b"description: invented example crawl for storytrace\r\n"
        b"isPartOf: storytrace-examples\r\n"
    )
    return writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(fields),
        length=len(fields),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": WARCINFO_ID,
            "WARC-Date": CRAWL_DATE,
            "WARC-Filename": filename,
        },
    )


def _request(writer: WARCWriter) -> ArcWarcRecord:
    headers = StatusAndHeaders(
        "GET /lokales/wendelsau/korvath-raeumt-leck-ein-a-31877 HTTP/1.1",
        [
            ("Host", "www.wendelsauer-anzeiger.de"),
            ("User-Agent", "storytrace-example-crawler/1.0"),
            ("Accept", "text/html"),
            ("Accept-Language", "de"),
        ],
        is_http_request=True,
    )
    return writer.create_warc_record(
        URL,
        "request",
        http_headers=headers,
        warc_headers_dict={
            "WARC-Record-ID": REQUEST_ID,
            "WARC-Date": CRAWL_DATE,
            "WARC-Concurrent-To": RESPONSE_ID,
        },
    )


def _response(writer: WARCWriter) -> ArcWarcRecord:
    body = HTML.encode("utf-8")
    headers = StatusAndHeaders(
        "200 OK",
        [
            ("Date", HTTP_DATE),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Server", "nginx"),
        ],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        URL,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Record-ID": RESPONSE_ID, "WARC-Date": CRAWL_DATE},
    )


def write_warc(out: Path) -> Path:
    """Write the example archive to ``out`` (gzipped, one member per record)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        for record in (_warcinfo(writer, DEFAULT_OUT.name), _request(writer), _response(writer)):
            writer.write_record(record)
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    write_warc(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
