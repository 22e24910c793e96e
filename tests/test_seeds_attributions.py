"""Attributions on the five seed articles (../shared/seeds): what a careful reader finds.

The expectations were written by reading the articles: who speaks (matched against the
speaker as written or the entity it resolves to, name and aliases), with which stance and
mode, about what (a few words of the content), with which figures and dates. The article
text stays in ../shared; only short fragments appear here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED
from storytrace.cli import main

SEEDS = SHARED / "seeds"

pytestmark = pytest.mark.shared

# (seed prefix, speaker needle, stance, mode or None, content fragment, figure values)
EXPECTED: list[tuple[str, str, str, str | None, str, tuple[float, ...]]] = [
    # DW
    ("000", "Rutte", "warn", "reported", "Truppeneinsatz", ()),
    ("000", "Rutte", "warn", None, "erhebliche Eskalation", ()),
    ("000", "Südkorea", "assert", "indirect", "1500 Soldaten", (1500,)),
    ("000", "Yonhap", "assert", "indirect", "vier Brigaden mit 12.000 Soldaten", (4,)),
    ("000", "Selenskyj", "assert", "direct", "10.000 Soldaten", (10000,)),
    ("000", "Russland", "deny", "reported", "dementiert", ()),
    ("000", "Moskau", "deny", None, "Raketen", ()),
    # AFP-based
    ("001", "Wood", "warn", "direct", "Sollte dies zutreffen", ()),
    ("001", "Geheimdienst", "assert", "indirect", "1.500 nordkoreanische Soldaten", (1500,)),
    ("001", "Nordkorea", "deny", "direct", "unbegründete Gerüchte", ()),
    ("001", "NATO", "unconfirmed", None, "bestätigten die Berichte", ()),
    ("001", "Yonhap", "assert", "indirect", "12.000 Soldaten", (4,)),
    # APA
    ("002", "Austin", "confirm", "indirect", "Beweise", ()),
    ("002", "Abgeordnete", "assert", "indirect", "3.000 Soldaten", (3000,)),
    ("002", "Abgeordneten", "assert", None, "10.000 Soldaten", (10000,)),
    ("002", "Pistorius", "assert", "indirect", "Eskalation", ()),
    ("002", "Selenskyj", "assert", "direct", "zwei Brigaden mit jeweils 6.000 Mann", (2,)),
    ("002", "USA", "assert", "according_to", "in Russland", ()),
    # Reuters
    ("003", "Rutte", "confirm", "according_to", "bestätigen", ()),
    ("003", "Rutte", "assert", "indirect", "600.000 russische Soldaten", (600000,)),
    ("003", "Russland", "deny", "reported", "Falschmeldungen", ()),
    ("003", "Nordkorea", "deny", "reported", "Gerüchten", ()),
    # regional
    ("004", "Wood", "warn", "direct", "Wenn es stimmt", ()),
    ("004", "Rutte", "warn", "reported", "Beteiligung", ()),
    ("004", "Patel", "unconfirmed", "according_to", "nicht bestätigen", ()),
    ("004", "Geheimdienst", "assert", "indirect", "1500 nordkoreanische Soldaten", (1500,)),
    ("004", "Geheimdienst", "assert", "according_to", "12.000 Soldaten", (12000,)),
    ("004", "Kreml", "deny", "reported", "zurückgewiesen", ()),
]


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is absent)")
    out = tmp_path_factory.mktemp("seeds")
    assert main(["analyze", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    data: dict[str, Any] = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return data


def _article(dossier: dict[str, Any], prefix: str) -> dict[str, Any]:
    return next(a for a in dossier["articles"] if Path(a["source"]).name.startswith(prefix))


def _speaks(att: dict[str, Any], needle: str, entities: dict[str, dict[str, Any]]) -> bool:
    sp = att["speaker"]
    if sp is None:
        return False
    names = [sp["text"]]
    if sp["entity"] in entities:
        e = entities[sp["entity"]]
        names += [e["name"], *e["aliases"]]
    return any(needle.casefold() in n.casefold() for n in names)


@pytest.mark.parametrize(("seed", "who", "stance", "mode", "fragment", "figures"), EXPECTED)
def test_seed_attribution(
    dossier: dict[str, Any],
    seed: str,
    who: str,
    stance: str,
    mode: str | None,
    fragment: str,
    figures: tuple[float, ...],
) -> None:
    article = _article(dossier, seed)
    entities = {e["id"]: e for e in dossier["entities"]}
    candidates = [
        a
        for a in dossier["attributions"]
        if a["article"] == article["id"] and fragment in a["content"]["text"]
    ]
    assert candidates, f"no attribution with {fragment!r} in seed {seed}"
    found = [a for a in candidates if _speaks(a, who, entities)]
    assert found, f"{fragment!r}: speakers {[a['speaker'] for a in candidates]}, not {who!r}"
    att = found[0]
    assert att["stance"] == stance, f"{fragment!r}: stance {att['stance']}"
    if mode is not None:
        assert att["mode"] == mode
    values = {q["value"] for q in att["quantities"]}
    assert set(figures) <= values, f"{fragment!r}: figures {values}"


def test_distributive_figure_keeps_its_parts(dossier: dict[str, Any]) -> None:
    article = _article(dossier, "002")
    texts = [
        q["text"]
        for a in dossier["attributions"]
        if a["article"] == article["id"]
        for q in a["quantities"]
    ]
    assert any("zwei Brigaden mit jeweils 6.000 Mann" in t for t in texts), texts


def test_dw_friday_resolves_to_18_october(dossier: dict[str, Any]) -> None:
    article = _article(dossier, "000")
    dated = [
        a["said_on"]
        for a in dossier["attributions"]
        if a["article"] == article["id"] and a["said_on"] and a["said_on"]["text"] == "am Freitag"
    ]
    assert dated and all(d["date"] == "2024-10-18" for d in dated)


def test_month_precision_leaves_weekdays_unresolved(dossier: dict[str, Any]) -> None:
    article = _article(dossier, "001")  # published 2024-10: "am Freitag" names no one day
    dated = [
        a["said_on"]
        for a in dossier["attributions"]
        if a["article"] == article["id"] and a["said_on"]
    ]
    assert dated and all(d["date"] is None for d in dated)


def test_speakers_are_linked_to_entities(dossier: dict[str, Any]) -> None:
    with_speaker = [a for a in dossier["attributions"] if a["speaker"]]
    linked = [a for a in with_speaker if a["speaker"]["entity"]]
    assert len(linked) / len(with_speaker) >= 0.8
    names = {e["name"] for e in dossier["entities"] if e["type"] == "person"}
    for person in ("Mark Rutte", "Robert Wood", "Lloyd Austin", "Wolodymyr Selenskyj"):
        assert person in names
