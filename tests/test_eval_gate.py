"""Quality gate: the attribution extractor's scores on data it was not tuned on.

GermEval 2023 SpkAtt (news, task 2): the ``report`` part of the train files
(``storytrace.evaluate.splits``); PolNeAR: the dev split. The floors live in
``tests/eval_floors.json``; a regression below them fails the build.
"""

from __future__ import annotations

import json

import pytest

from conftest import DATA, REPO
from storytrace.evaluate.polnear import evaluate_polnear
from storytrace.evaluate.spkatt import evaluate_spkatt
from storytrace.evaluate.splits import files_of, part_of

FLOORS = json.loads((REPO / "tests" / "eval_floors.json").read_text(encoding="utf-8"))
SPKATT = DATA / "spkatt-news" / "train"
POLNEAR = DATA / "polnear" / "dev"

pytestmark = pytest.mark.shared


def test_split_is_stable_and_about_one_fifth() -> None:
    assert part_of("10022 - Der Astronaut.json") == part_of("10022 - Der Astronaut.json")
    parts = [part_of(f"doc-{i}.json") for i in range(1000)]
    assert 150 < parts.count("report") < 250


@pytest.fixture(scope="module")
def spkatt_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    if not SPKATT.is_dir():
        pytest.skip(f"SpkAtt data not found at {SPKATT} (../shared is absent)")
    inputs = tmp_path_factory.mktemp("spkatt-in")
    for path in files_of(SPKATT, "report"):
        (inputs / path.name).symlink_to(path)
    run = evaluate_spkatt(inputs, tmp_path_factory.mktemp("spkatt-out"), inputs)
    assert run.scores is not None and not run.skipped
    data = run.scores.to_json()
    return {
        "full_joint_f1": data["full"]["joint"]["f1"],
        "simplified_joint_f1": data["simplified"]["joint"]["f1"],
        "full_messages_f1": data["full"]["messages"]["f1"],
    }


@pytest.mark.parametrize("metric", sorted(FLOORS["spkatt_report"]))
def test_spkatt_floor(spkatt_scores: dict[str, float], metric: str) -> None:
    floor = FLOORS["spkatt_report"][metric]
    assert spkatt_scores[metric] >= floor, f"SpkAtt {metric} {spkatt_scores[metric]:.3f} < {floor}"


@pytest.fixture(scope="module")
def polnear_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    if not POLNEAR.is_dir():
        pytest.skip(f"PolNeAR dev not found at {POLNEAR} (../shared is absent)")
    run = evaluate_polnear(
        POLNEAR / "text", tmp_path_factory.mktemp("polnear-out"), POLNEAR / "attributions"
    )
    assert run.scores is not None and not run.skipped
    data = run.scores.to_json()
    return {"overall_f1": data["overall"]["f1"], "content_f1": data["per_role"]["Content"]["f1"]}


@pytest.mark.parametrize("metric", sorted(FLOORS["polnear_dev"]))
def test_polnear_floor(polnear_scores: dict[str, float], metric: str) -> None:
    floor = FLOORS["polnear_dev"][metric]
    assert polnear_scores[metric] >= floor, (
        f"PolNeAR {metric} {polnear_scores[metric]:.3f} < {floor}"
    )
