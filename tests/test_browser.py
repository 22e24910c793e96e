"""End to end in headless Chromium: the static dossier (file://) and the served app.

Like a person would: open the page, click the tabs, filter the board by stance, hover and
click a mark on the figure timeline, follow a statement to its evidence in the article view
and check what is shown. A screenshot of each view goes to ``test-artifacts/``.

Needs Debian's ``/usr/bin/chromium`` (``.ci/run`` installs it) and Playwright's Python
package (the ``dev`` extra), which drives that binary: no browser is downloaded. Skips with
the reason when either is missing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from storytrace.report import build_dossier, render_html
from storytrace.serve import DossierApp, make_server
from test_html_report import HOSTILE_ID, synthetic_dossier

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright's Python package is missing: pip install -e .[dev]"
)
if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: apt-get install chromium chromium-driver (.ci/run does)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def context() -> Iterator[Any]:
    """A browser with a fresh profile (its own --user-data-dir), removed afterwards."""
    profile = tempfile.mkdtemp(prefix="storytrace-chromium-")
    with playwright_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        ctx.set_default_timeout(15_000)
        try:
            yield ctx
        finally:
            ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    """A tab that records page errors and every request it makes."""
    tab = context.new_page()
    tab.errors = []
    tab.requests = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("request", lambda r: tab.requests.append(r.url))
    yield tab
    tab.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def open_view(page: Any, hash_: str) -> None:
    page.evaluate("h => { location.hash = h; }", hash_)
    view = hash_.split("/")[1].split("?")[0]
    page.wait_for_function("v => document.body.dataset.view === v", arg=view)


@pytest.fixture(scope="module")
def static_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("static") / "dossier.html"
    path.write_text(render_html(synthetic_dossier(24, hostile=True)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    server = make_server(app=DossierApp(synthetic_dossier(24, hostile=True)), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


def _walk_views(page: Any, prefix: str) -> None:
    """The checks both forms share: every view, what it shows, and one screenshot each."""
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("nav.tabs a[aria-current]").inner_text() == "Overview"
    assert "25 articles" in page.locator("#summary-line").inner_text()
    assert page.locator(".tile").count() >= 5
    assert "Fähre Lindwerder" in page.locator("#ov-stories").inner_text()
    shot(page, f"{prefix}-overview")

    # claim board: claims first, then the statements filtered by stance
    page.click("nav.tabs a[data-view='board']")
    page.wait_for_selector(".claim")
    assert page.locator(".claim").count() == 5
    page.select_option("#f-stance", "deny")
    assert page.locator(".claim").count() == 1
    assert "Vor Mai fährt die Fähre nicht." in page.locator(".claim h3").inner_text()
    page.select_option("#f-sort", "corroboration")
    shot(page, f"{prefix}-claims")
    page.click("text=Statements (")
    page.wait_for_selector("tr.stmt")
    page.select_option("#f-stance", "deny")
    rows = page.locator("tr.stmt")
    assert rows.count() == 25
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.stance)")) == {"deny"}
    assert "Showing 25 of" in page.locator("#board-count").inner_text()
    assert "#/board?" in page.url and "stance=deny" in page.url
    page.select_option("#f-stance", "unconfirmed")
    assert page.locator("tr.stmt").count() == 24
    page.select_option("#f-speaker", "e:e-min")
    page.select_option("#f-stance", "confirm")
    assert page.locator("tr.stmt").count() == 6
    shot(page, f"{prefix}-board")

    # one click from a statement to its evidence
    first = page.locator("tr.stmt a.evidence").first
    first.click()
    page.wait_for_selector("#evidence")
    target = page.locator(".hl-target").first.inner_text()
    assert "Verkehrsministerium bestätigte" in target
    assert page.locator(".stmt-card").count() == 1
    assert "confirms" in page.locator(".stmt-card").inner_text()

    # figure timeline: hover shows the sentence, click keeps it
    page.click("nav.tabs a[data-view='timeline']")
    page.wait_for_selector(".fig-mark")
    panel = page.locator(".unit-panel[data-unit='fahrgaste']")
    marks = panel.locator(".fig-mark")
    assert marks.count() == 24
    values = sorted({float(v) for v in marks.evaluate_all("ms => ms.map(m => m.dataset.value)")})
    assert values == [150, 300, 1000, 1200]
    labels = panel.locator(".mark-label").all_text_contents()
    assert labels and all(label.startswith("Greta Ohlsen") for label in labels)
    mark = marks.nth(3).locator("circle")  # the mark's box also holds its date range bar
    mark.hover()
    tip = panel.locator(".tip")
    tip.wait_for(state="visible")
    assert "Fahrgäste seien betroffen" in tip.inner_text()
    mark.click()
    detail = panel.locator(".detail")
    assert detail.is_visible()
    assert "Fahrgäste seien betroffen" in detail.locator("q.sentence").inner_text()
    assert detail.locator("q.sentence mark").inner_text().endswith("Fahrgäste")
    shot(page, f"{prefix}-timeline")

    # status over time: denials, cannot-confirm and confirmations by whom and when
    page.click("nav.tabs a[data-view='status']")
    page.wait_for_selector(".status-mark")
    stances = set(page.locator(".status-mark").evaluate_all("ms => ms.map(m => m.dataset.stance)"))
    assert stances == {"deny", "unconfirmed", "confirm"}
    assert page.locator("#contested .result").count() >= 1
    page.locator(".status-mark.stance-confirm circle").first.click()
    assert "bestätigte" in page.locator(".status-panel .detail").inner_text()
    shot(page, f"{prefix}-status")

    # sources graph: click a box to list its statements; reprinted copy listed
    page.click("nav.tabs a[data-view='sources']")
    page.wait_for_selector("svg.graph .node")
    assert page.locator("svg.graph .node-outlet").count() == 5  # 4 outlets + the hostile one
    page.locator("svg.graph .node", has_text="dpa").first.click()
    assert page.locator("#graph .detail li").count() > 0
    assert "Same copy in 3 articles" in page.locator("#reuse").inner_text()
    shot(page, f"{prefix}-sources")

    # article view: highlights of every kind, with a legend, boilerplate folded away
    page.locator("#reuse a", has_text="compare").first.click()
    page.wait_for_selector("#article-text .hl-speaker")
    for layer in ("speaker", "cue", "quote", "content", "figure", "date", "reused"):
        assert page.locator(f"#article-text .hl-{layer}").count() >= 1, layer
        assert page.locator(f"#legend .hl-{layer}").count() == 1, layer
    speakers = page.locator("#article-text .hl-speaker").all_inner_texts()
    assert "Greta Ohlsen" in speakers  # right span even after a character outside the BMP
    assert page.locator("#article-text .hl-figure").first.inner_text().endswith("Fahrgäste")
    colours = page.evaluate(
        """() => ['speaker', 'cue', 'figure', 'date'].map(l => {
            const el = document.querySelector('#article-text .hl-' + l);
            const s = getComputedStyle(el);
            return [s.color, s.borderBottomStyle, s.textDecorationStyle, s.borderTopStyle].join();
        })"""
    )
    assert len(set(colours)) == 4, colours
    removed = page.locator("details#removed")
    assert removed.get_attribute("open") is None
    assert "cookie_banner" in removed.locator("summary").inner_text()
    removed.locator("summary").click()
    assert "Cookies zulassen" in removed.inner_text()
    page.locator("#article-text .hl-speaker", has_text="Greta Ohlsen").first.click()
    assert "Greta Ohlsen" in page.locator("#stmt-panel").inner_text()
    shot(page, f"{prefix}-article")

    assert page.errors == []


def test_static_dossier_from_disk(page: Any, static_file: Path) -> None:
    page.goto(static_file.as_uri())
    _walk_views(page, "static")
    # search runs in the page: names, text and figures
    page.fill("#search-q", "1.200")
    page.press("#search-q", "Enter")
    page.wait_for_selector("#search-count")
    assert page.locator("#res-figures tbody tr").count() == 6
    shot(page, "static-search")
    assert {url.split(":", 1)[0] for url in page.requests} <= {"file", "data"}
    assert [u for u in page.requests if u.startswith("file:")] == [static_file.as_uri()]


def test_served_app(page: Any, served: str) -> None:
    page.goto(served)
    _walk_views(page, "served")
    open_view(page, "#/search?q=ohlsen&kind=entity")
    page.wait_for_selector("#search-count")
    assert "Greta Ohlsen" in page.locator("#res-entities").inner_text()
    shot(page, "served-search")
    assert all(url.startswith((served, "data:")) for url in page.requests), page.requests
    assert any("/api/search?" in url for url in page.requests)


XSS_PROBE = """() => ({
    xss: window.__xss === undefined ? null : String(window.__xss),
    scripts: document.scripts.length,
    imgs: document.querySelectorAll('img').length,
    handlers: [...document.querySelectorAll('*')].flatMap(
        el => [...el.attributes].filter(a => a.name.startsWith('on')).map(a => a.name)),
    hrefs: [...document.querySelectorAll('[href]')].map(el => el.getAttribute('href'))
        .filter(h => !h.startsWith('#')),
})"""


@pytest.mark.parametrize("form", ["static", "served"])
def test_hostile_article_renders_as_text(
    page: Any, form: str, static_file: Path, served: str
) -> None:
    page.goto(static_file.as_uri() if form == "static" else served)
    page.wait_for_selector("body[data-ready='1']")
    for view in ("#/overview", "#/board?mode=statements", "#/status", "#/sources"):
        open_view(page, view)
    open_view(page, "#/search?q=xss")
    page.wait_for_selector("#search-count")
    open_view(page, f"#/article/{HOSTILE_ID}")
    page.locator("details#removed summary").click()
    page.locator("#article-text .in-stmt").first.click()
    text = page.locator("#article-text").inner_text()
    assert "</script><script>window.__xss=1</script>" in text
    assert '<a href="javascript:alert(2)">klick</a>' in text
    assert "<script>window.__xss=3</script> sei harmlos" in text
    assert '<script>window.__xss="title"</script>' in page.locator("#article-title").inner_text()
    assert "javascript:window.__xss=5" in page.locator("dl.meta").inner_text()
    assert "<script>window.__xss=7</script>" in page.locator("details#removed").inner_text()
    assert "<svg onload" in page.locator("#stmt-panel").inner_text()
    probe = page.evaluate(XSS_PROBE)
    assert probe["xss"] is None
    assert probe["scripts"] == (2 if form == "static" else 1)
    assert probe["imgs"] == 0 and probe["handlers"] == [] and probe["hrefs"] == ["data:,"]
    shot(page, f"{form}-xss-article")
    assert page.errors == []


def test_not_computed_notes_when_the_link_stage_is_empty(page: Any, tmp_path: Path) -> None:
    path = tmp_path / "dossier.html"
    path.write_text(render_html(synthetic_dossier(6, findings=False)), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    assert "not computed yet" in page.locator("#ov-stories").inner_text()
    open_view(page, "#/board")
    assert "Claims: not computed yet" in page.locator("#view").inner_text()
    assert page.locator("tr.stmt").count() == 19
    open_view(page, "#/status")
    assert "not computed yet" in page.locator("#contested").inner_text()
    assert page.locator(".status-mark").count() == 13
    open_view(page, "#/sources")
    assert "not computed yet" in page.locator("#reuse").inner_text()
    open_view(page, "#/timeline")
    assert page.locator(".fig-mark").count() == 6
    shot(page, "static-not-computed-board")
    assert page.errors == []


def test_300_articles_open_fast(page: Any, tmp_path: Path) -> None:
    """The page must open fast with hundreds of articles: measured, with the numbers printed."""
    dossier = synthetic_dossier(300)
    path = tmp_path / "dossier.html"
    path.write_text(render_html(dossier), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    ready = page.evaluate("performance.now()")
    timings = {"ready_ms": round(ready)}
    for view in ("board", "timeline", "status", "sources"):
        open_view(page, f"#/{view}")
        timings[f"{view}_ms"] = round(page.evaluate("window.storytraceViewer.renderMs"))
    open_view(page, f"#/article/{dossier['articles'][150]['id']}")
    timings["article_ms"] = round(page.evaluate("window.storytraceViewer.renderMs"))
    size = path.stat().st_size
    line = f"300 articles, {size / 1e6:.2f} MB page: " + ", ".join(
        f"{k} {v}" for k, v in timings.items()
    )
    print("\n" + line)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "static-300-articles.json").write_text(
        json.dumps({"bytes": size, **timings}, indent=1), encoding="utf-8"
    )
    assert timings["ready_ms"] < 3000, line
    assert max(v for k, v in timings.items() if k != "ready_ms") < 1500, line
    assert page.errors == []


@pytest.mark.shared
def test_seed_dossier_shows_the_story(page: Any, seeds_dir: Path, tmp_path: Path) -> None:
    """The seeds through the pipeline into the page: 1,500 → 3,000 → 10,000–12,000 soldiers."""
    from storytrace.pipeline import analyze
    from storytrace.settings import DEFAULT_SETTINGS
    from storytrace.store import open_store

    with open_store(tmp_path / "store.sqlite") as store:
        analyze([str(seeds_dir)], DEFAULT_SETTINGS, store)
        dossier = build_dossier(store.get_articles(), sources=store.sources())
    path = tmp_path / "dossier.html"
    path.write_text(render_html(dossier), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    shot(page, "seeds-overview")
    open_view(page, "#/timeline")
    panel = page.locator(".unit-panel[data-unit='soldaten']")
    values = {
        float(v)
        for v in panel.locator(".fig-mark").evaluate_all("ms => ms.map(m => m.dataset.value)")
    }
    assert {1500, 3000, 10000, 12000} <= values, values
    labels = panel.locator(".fig-mark").evaluate_all(
        "ms => ms.map(m => m.getAttribute('aria-label'))"
    )
    assert all(" — " in label for label in labels), labels  # "figure — speaker, date, outlet"
    assert panel.locator(".mark-label").count() >= 4
    panel.locator(".fig-mark[data-value='1500'] circle").first.click()
    detail = panel.locator(".detail").inner_text()
    assert detail.startswith("1,500 Soldaten") and "1.500" in detail, detail
    assert "null" not in detail
    shot(page, "seeds-timeline")
    for view in ("board", "status", "sources"):
        open_view(page, f"#/{view}")
        shot(page, f"seeds-{view}")
    open_view(page, "#/board?mode=statements&stance=deny")
    assert page.locator("tr.stmt").count() >= 3
    page.locator("tr.stmt a.evidence").first.click()
    page.wait_for_selector("#evidence")
    assert page.locator("#article-text .hl-speaker").count() > 0
    shot(page, "seeds-article")
    assert page.errors == []
