"""Claims across articles, independent origins and relations.

Unit cases use invented articles and the lexical fallback (no embedder), so they pin the
rules themselves; the seed and example cases run the whole pipeline with the sentence
encoder, as `storytrace analyze` does, against what a reader finds (labelled by reading;
the expectations of issue 4 and of examples/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, SHARED
from storytrace.annotate import annotate
from storytrace.clean import clean
from storytrace.cli import main
from storytrace.link.claims import link_claims
from storytrace.link.entities import link_entities
from storytrace.model import AnnotatedArticle, Origin, RawDocument
from storytrace.settings import DEFAULT_SETTINGS


def article(name: str, text: str, published: str) -> AnnotatedArticle:
    raw = RawDocument(Origin(name, "jsonl"), text=text, published=published)
    return annotate(clean(raw, DEFAULT_SETTINGS), DEFAULT_SETTINGS)


BODY = (
    "Die Fähre zwischen Kiel und der Insel fällt seit Montag aus. Die Reederei prüft "
    "den Schaden an der Rampe, die Gemeinde sucht einen Ersatz für die Pendler."
)


def _link(*articles: AnnotatedArticle) -> tuple[list[Any], list[Any]]:
    entities, entity_of = link_entities(articles)
    names = {e.id: e.name for e in entities}
    keys = {e.id: e.key for e in entities}
    return link_claims(articles, entity_of, names, entity_keys=keys, embedder=None)


def test_one_statement_in_two_outlets_is_one_claim() -> None:
    quote = "„Wir reparieren die Rampe bis Freitag“, sagte Reedereichef Hannes Brodersen."
    a = article("a.jsonl", f"{BODY} {quote}", "2025-05-05")
    b = article("b.jsonl", f"{quote} {BODY}", "2025-05-06")
    claims, _ = _link(a, b)
    shared = [c for c in claims if len(c.articles) == 2]
    assert len(shared) == 1
    assert shared[0].origins == ("Hannes Brodersen",)
    assert shared[0].first_seen == "2025-05-05"


def test_different_figures_are_different_claims_and_update() -> None:
    a = article(
        "a.jsonl",
        f"{BODY} Die Reederei teilte mit, dass 300 Pendler betroffen seien.",
        "2025-05-05",
    )
    b = article(
        "b.jsonl",
        f"{BODY} Die Reederei teilte mit, dass 800 Pendler betroffen seien.",
        "2025-05-07",
    )
    claims, relations = _link(a, b)
    with_figures = [c for c in claims if c.figures]
    assert len(with_figures) == 2
    updates = [r for r in relations if r.kind == "updates"]
    assert len(updates) == 1
    later = next(c for c in claims if c.id == updates[0].a)
    assert (800.0, "pendler") in later.figures
    assert "800 statt 300" in updates[0].explanation


def test_denial_contradicted_by_a_later_confirmation() -> None:
    a = article(
        "a.jsonl",
        f"{BODY} Die Reederei wies Berichte über einen Schaden an der Rampe zurück.",
        "2025-05-05",
    )
    b = article(
        "b.jsonl",
        f"{BODY} Das Hafenamt bestätigte, dass die Rampe der Reederei einen Schaden habe.",
        "2025-05-08",
    )
    _, relations = _link(a, b)
    assert [r.kind for r in relations] == ["contradicts"]


# --- the seeds ---------------------------------------------------------------------------

SEEDS = SHARED / "seeds"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is absent)")
    out = tmp_path_factory.mktemp("seeds-link")
    assert main(["analyze", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    data: dict[str, Any] = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return data


def _seed_ids(dossier: dict[str, Any]) -> dict[str, str]:
    return {Path(a["source"]).name[:3]: a["id"] for a in dossier["articles"]}


def _claims_with(dossier: dict[str, Any], value: float) -> list[dict[str, Any]]:
    return [c for c in dossier["claims"] if any(f["value"] == value for f in c["figures"])]


@pytest.mark.shared
def test_seed_1500_is_one_claim_from_one_origin(seeds: dict[str, Any]) -> None:
    ids = _seed_ids(seeds)
    (claim,) = [c for c in _claims_with(seeds, 1500) if len(c["articles"]) > 1]
    assert set(claim["articles"]) == {ids["000"], ids["001"], ids["004"]}
    assert claim["independent_origins"] == 1
    assert claim["first_seen"] == "2024-10-18"  # DW: "am Freitag" before 21 October


@pytest.mark.shared
def test_seed_yonhap_12000_is_one_claim_from_one_origin(seeds: dict[str, Any]) -> None:
    ids = _seed_ids(seeds)
    claims = [c for c in _claims_with(seeds, 12000) if len(c["articles"]) > 1]
    assert claims, "Yonhap's 12,000 is not one claim across outlets"
    assert {ids["000"], ids["001"]} <= set(claims[0]["articles"])
    assert claims[0]["independent_origins"] == 1


def _speaker_claims(dossier: dict[str, Any], name: str) -> list[dict[str, Any]]:
    entities = {e["id"]: e["name"] for e in dossier["entities"]}
    return [
        c
        for c in dossier["claims"]
        if any(entities.get(s["entity"]) == name for s in c["speakers"])
    ]


@pytest.mark.shared
def test_seed_wood_statement_across_two_translations(seeds: dict[str, Any]) -> None:
    ids = _seed_ids(seeds)
    wood = [c for c in _speaker_claims(seeds, "Robert Wood") if len(c["articles"]) == 2]
    assert any(set(c["articles"]) == {ids["001"], ids["004"]} for c in wood), wood


@pytest.mark.shared
def test_seed_rutte_post_across_two_outlets(seeds: dict[str, Any]) -> None:
    ids = _seed_ids(seeds)
    atts = {a["id"]: a for a in seeds["attributions"]}
    for claim in _speaker_claims(seeds, "Mark Rutte"):
        texts = {atts[t]["article"]: atts[t]["content"]["text"] for t in claim["attributions"]}
        if {ids["000"], ids["004"]} <= set(texts) and all(
            "Eskalation" in texts[ids[k]] for k in ("000", "004")
        ):
            return
    pytest.fail("Rutte's post on X is not one claim across DW and the regional site")


@pytest.mark.shared
def test_seed_denials_contradicted_by_confirmations(seeds: dict[str, Any]) -> None:
    claims = {c["id"]: c for c in seeds["claims"]}
    entities = {e["id"]: e for e in seeds["entities"]}

    def names(claim_id: str) -> set[str]:
        out = set()
        for s in claims[claim_id]["speakers"]:
            e = entities.get(s["entity"])
            out |= {e["name"], *e["aliases"]} if e else {s["text"]}
        return out

    pairs = {
        (frozenset(names(r["a"])), frozenset(names(r["b"])))
        for r in seeds["relations"]
        if r["kind"] == "contradicts"
    }
    for confirmer in ("Lloyd Austin", "Mark Rutte"):
        denied = {n for a, b in pairs if confirmer in a for n in b}
        assert "Russland" in denied, (confirmer, denied)
        assert denied & {"Nordkorea", "Pjöngjang"}, (confirmer, denied)


@pytest.mark.shared
def test_seed_1500_updated_to_3000(seeds: dict[str, Any]) -> None:
    claims = {c["id"]: c for c in seeds["claims"]}
    updates = [
        (
            {f["value"] for f in claims[r["a"]]["figures"]},
            {f["value"] for f in claims[r["b"]]["figures"]},
        )
        for r in seeds["relations"]
        if r["kind"] == "updates"
    ]
    assert any(3000 in new and 1500 in old for new, old in updates), updates


@pytest.mark.shared
def test_seed_dossier_is_one_story(seeds: dict[str, Any]) -> None:
    assert len(seeds["stories"]) == 1
    assert len(seeds["stories"][0]["articles"]) == 5


# --- the examples ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("examples-link")
    assert main(["analyze", str(EXAMPLES), "--out", str(out), "--quiet"]) == 0
    data: dict[str, Any] = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return data


def test_example_wire_figure_is_one_claim_with_one_origin(examples: dict[str, Any]) -> None:
    """F3 (examples/README.md): at least 20,000 litres, dpa copy in three outlets."""
    outlets = {a["id"]: a["outlet"] for a in examples["articles"]}
    (claim,) = [c for c in _claims_with(examples, 20000) if len(c["articles"]) >= 3]
    assert {outlets[a] for a in claim["articles"]} >= {
        "Tagesfunk24",
        "Mittelland Rundschau",
        "Bergland Nachrichten",
    }
    assert claim["independent_origins"] == 1


def test_example_first_estimate_is_updated(examples: dict[str, Any]) -> None:
    """F3 updates F1: 5,000 litres (Friday) → at least 20,000 (Saturday)."""
    claims = {c["id"]: c for c in examples["claims"]}
    assert any(
        r["kind"] == "updates"
        and 20000 in {f["value"] for f in claims[r["a"]]["figures"]}
        and 5000 in {f["value"] for f in claims[r["b"]]["figures"]}
        for r in examples["relations"]
    )


def test_example_translated_quote_is_one_claim(examples: dict[str, Any]) -> None:
    """Ashdown's English statement, translated twice into German (A7, A8)."""
    ashdown = _speaker_claims(examples, "Graham Ashdown")
    assert any(len(c["articles"]) >= 2 for c in ashdown), [c["articles"] for c in ashdown]


# --- relations against the examples' labelled list ----------------------------------------

#: examples/README.md, "Relations a dossier should find" (kind, from rows, to rows).
EXPECTED_RELATIONS = [
    ("contradicts", ["S8", "S9"], ["S1", "S4", "S7"]),
    ("confirms", ["S8"], ["S2", "S3", "S5", "S6"]),
    ("updates", ["F3"], ["F1"]),
    ("updates", ["F5"], ["F3"]),
    ("updates", ["F7"], ["F3", "F5"]),
    ("contradicts", ["F8"], ["F7"]),
    ("updates", ["F4"], ["F2"]),
    ("updates", ["F6"], ["F4"]),
    ("updates", ["F9"], ["F4", "F6"]),
]


def _row_claims(examples: dict[str, Any]) -> dict[str, set[str]]:
    """Claim id → the README rows (S1, F3, …) whose evidence its statements carry."""
    from test_examples_files import _backticked, _readme_tables, inventory
    from test_examples_pipeline import _dossier_key, _source_key

    keyed = {_dossier_key(a["source"]): a["id"] for a in examples["articles"]}
    article_of = {k: keyed[_source_key(r)] for k, r in inventory().items()}
    claim_of = {t: c["id"] for c in examples["claims"] for t in c["attributions"]}
    labels: dict[str, set[str]] = {}
    for table in _readme_tables():
        if not table or not {"#", "evidence", "article"} <= table[0].keys():
            continue
        for row in table:
            evidence = " ".join(str(_backticked(row["evidence"])).split())
            for att in examples["attributions"]:
                if att["article"] != article_of[row["article"]]:
                    continue
                sentence = " ".join(att["sentence"]["text"].split())
                if evidence in sentence:
                    labels.setdefault(claim_of[att["id"]], set()).add(row["#"])
    return labels


def test_example_relations_precision_and_recall(examples: dict[str, Any]) -> None:
    """Relations found between claims of labelled rows, against the README's list.

    Measured 2026-12-01: 5 of 19 labelled relations found (recall 0.26); of the relations found
    between labelled claims, 0.71 are in the list (precision; 0.80 before the extractor's
    sources changed, see docs/claims.md). Floors just below that.
    """
    labels = _row_claims(examples)
    expected = {(k, a, b) for k, froms, tos in EXPECTED_RELATIONS for a in froms for b in tos}

    def correct(kind: str, a: str, b: str) -> bool:
        # a contradiction holds both ways
        return (kind, a, b) in expected or (kind == "contradicts" and (kind, b, a) in expected)

    found = {
        (r["kind"], a, b)
        for r in examples["relations"]
        for a in labels.get(r["a"], ())
        for b in labels.get(r["b"], ())
        if a != b
    }
    hits = {
        e
        for e in expected
        if any(correct(*f) and {f[1], f[2]} == {e[1], e[2]} and f[0] == e[0] for f in found)
    }
    recall = len(hits) / len(expected)
    precision = sum(correct(*f) for f in found) / max(1, len(found))
    missed = sorted(expected - hits)
    print(f"relations: recall {recall:.2f}, precision {precision:.2f}; missed {missed}")
    assert recall >= 0.2
    assert precision >= 0.7


def test_a_quote_inside_reported_content_is_not_a_second_claim() -> None:
    quote = (
        "Reedereichef Hannes Brodersen sagte am Dienstag, die Reparatur der Rampe "
        "sei „eine Frage von wenigen Tagen“ und werde bald beginnen."
    )
    a = article("a.jsonl", f"{BODY} {quote}", "2025-05-06")
    assert any(t.nested for t in a.attributions)  # the extractor reports the inner quote
    claims, _ = _link(a, article("b.jsonl", f"{quote} {BODY}", "2025-05-07"))
    shared = [c for c in claims if len(c.articles) == 2]
    assert len(claims) == 1 and len(shared) == 1
