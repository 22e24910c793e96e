"""The mission's own example (../shared/seeds) through the whole CLI.

Expectations are the issue's "done when": dates, titles, agencies, outlets; the detailed
removed/kept checks per seed live in test_seeds_clean.py. Seed text is not copied here: the
assertions use short fragments only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storytrace.cli import main
from storytrace.report import validate_dossier

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def dossier(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("seeds")
    assert main(["analyze", str(seeds_dir), "--out", str(out), "-q"]) == 0
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    validate_dossier(data)
    return data


def _by_file(dossier: dict, prefix: str) -> dict:  # type: ignore[type-arg]
    [article] = [a for a in dossier["articles"] if Path(a["source"]).name.startswith(prefix)]
    return article


@pytest.mark.parametrize(
    ("prefix", "published", "precision", "agencies", "outlet", "title_start"),
    [
        ("000_", "2024-10-21", "day", ["afp", "dpa", "reuters"], "DW", "Ukraine-Krieg: NATO warnt"),
        ("001_", "2024-10", "month", ["afp"], None, None),
        ("002_", None, None, [], None, "USA sehen Beweise"),
        ("003_", "2024-10", "month", ["reuters"], "Reuters", None),
        ("004_", None, None, [], None, "„Höchst besorgniserregend“"),
    ],
)
def test_seed_metadata(
    dossier: dict,  # type: ignore[type-arg]
    prefix: str,
    published: str | None,
    precision: str | None,
    agencies: list[str],
    outlet: str | None,
    title_start: str | None,
) -> None:
    a = _by_file(dossier, prefix)
    assert a["published"] == published
    assert a["published_precision"] == precision
    assert a["agencies"] == agencies
    assert a["language"] == "de"
    if outlet is not None:
        assert a["outlet"] == outlet
    if title_start is None:
        assert a["title"] is None
    else:
        assert a["title"].startswith(title_start)


def test_no_boilerplate_left_in_any_seed(dossier: dict) -> None:  # type: ignore[type-arg]
    banned = [
        "springen",
        "Cookies",
        "Ad-Blocker",
        "Bild:",
        "Copyright",
        "p.dw.com",
        "haz/sti",
        "(afp/red)",
        "date 2024-10",
        "ribbon",
        "APA/APA",
        "0,99",
    ]
    for a in dossier["articles"]:
        for fragment in banned:
            assert fragment not in a["text"], (a["source"], fragment)


def test_onlinedienst_x_ends_a_sentence(dossier: dict) -> None:  # type: ignore[type-arg]
    a = _by_file(dossier, "000_")
    sentences = [a["text"][s["start"] : s["end"]] for s in a["sentences"]]
    assert any(s.endswith("Onlinedienst X.") for s in sentences)
    assert any(s.startswith("Er habe darüber") for s in sentences)


def test_rerun_on_seeds_is_stable(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert main(["analyze", str(seeds_dir), "--out", str(out), "-q"]) == 0
    first = (out / "dossier.json").read_bytes()
    assert main(["analyze", str(seeds_dir), "--out", str(out), "-q"]) == 0
    assert (out / "dossier.json").read_bytes() == first
