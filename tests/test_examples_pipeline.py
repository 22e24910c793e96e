"""The pipeline on the bundled examples gives what ``examples/README.md`` says a reader finds.

The README's article table is the labelled reference (written when the articles were
written, not read off the tool's output): outlet, publication date, language and the wire
agencies credited for the text. Titles are checked against the article's own headline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storytrace.cli import main
from test_examples_files import ARTICLES, article_ids, inventory

#: The headline of each article as the file shows it (the HTML <h1>, the feed item title,
#: the JSONL ``title`` field, or the scraped headline line).
TITLES = {
    "A1": "Fischsterben in der Talme: Kommen die Chemikalien aus Wendelsau?",
    "A3": "»Kein Grund zur Panik«: Behörden korrigieren Menge deutlich nach oben",
    "A5": "Bündnis: Bis zu 120.000 Liter ausgelaufen – Korvath widerspricht",
}


def _source_key(row: dict[str, str]) -> str:
    name, _, index = row["file"].partition("#")
    return f"{name}#{index}" if index else name


def _dossier_key(source: str) -> str:
    path, _, locator = source.partition(" (")
    rel = Path(path).resolve().relative_to(ARTICLES).as_posix()
    if not locator:
        return rel
    number = locator.rstrip(")").split()[-1]
    return rel if locator.startswith("record") else f"{rel}#{number}"


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    out = tmp_path_factory.mktemp("examples")
    code = main(["analyze", str(ARTICLES), "--out", str(out), "--quiet"])
    assert code == 0, "every example file must be an article: the README command exits 0"
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return {_dossier_key(a["source"]): a for a in data["articles"]}


def test_every_example_article_comes_out(dossier: dict[str, dict[str, object]]) -> None:
    assert sorted(dossier) == sorted(_source_key(r) for r in inventory().values())


@pytest.mark.parametrize("article_id", article_ids())
def test_metadata_matches_the_reference(
    article_id: str, dossier: dict[str, dict[str, object]]
) -> None:
    row = inventory()[article_id]
    got = dossier[_source_key(row)]
    assert got["outlet"] == row["outlet"]
    assert got["language"] == row["language"]
    assert got["published"] == (None if row["published"] == "null" else row["published"])
    want = [] if row["agencies"] == "none" else [a.strip() for a in row["agencies"].split(",")]
    assert sorted(got["agencies"]) == sorted(want)  # type: ignore[arg-type]


@pytest.mark.parametrize("article_id", sorted(TITLES))
def test_scraped_headline_is_the_title(
    article_id: str, dossier: dict[str, dict[str, object]]
) -> None:
    assert dossier[_source_key(inventory()[article_id])]["title"] == TITLES[article_id]
