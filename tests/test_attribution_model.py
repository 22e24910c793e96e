"""The trained German attribution role tagger: loading, tagging, refining, training.

All sentences and the training fixture are invented for these tests.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pycrfsuite
import pytest

from storytrace.annotate import attribution_model as am
from storytrace.annotate import attributions
from storytrace.annotate.attributions import find_attributions
from storytrace.annotate.entities import find_mentions
from storytrace.annotate.sentences import split_sentences
from storytrace.errors import ResourceError
from storytrace.model import Attribution, Span

REPO = Path(__file__).resolve().parents[1]


def roles(sentence: str, cue: list[int]) -> list[tuple[str, str]]:
    words = sentence.split()
    return list(zip(words, am.tag_roles(words, cue), strict=True))


def test_model_ships_with_licence_and_matching_features() -> None:
    path = am.model_path()
    assert path.is_file()
    assert path.stat().st_size < 5_000_000
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["feature_version"] == am.FEATURE_VERSION
    assert "spkatt-parl" in meta["data"]
    assert "CC BY-SA 4.0" in path.with_suffix(".LICENSE").read_text(encoding="utf-8")


def test_tags_source_cue_and_message_of_an_indirect_statement() -> None:
    tagged = roles(
        "Die Bürgermeisterin kündigte an , dass das Freibad im Sommer schließen werde .", [2, 3]
    )
    assert [w for w, r in tagged if r == "S"] == ["Die", "Bürgermeisterin"]
    assert [w for w, r in tagged if r == "C"] == ["kündigte", "an"]
    message = [w for w, r in tagged if r == "M"]
    assert message == ["dass", "das", "Freibad", "im", "Sommer", "schließen", "werde"]


def test_tags_a_pronoun_source_before_a_split_cue() -> None:
    tagged = roles("Sie hat den Plan als Fehler bezeichnet .", [1, 6])
    assert [w for w, r in tagged if r == "S"] == ["Sie"]
    assert "Plan" in [w for w, r in tagged if r == "M"]


def _bare(text: str, cue: str, content: str, source: str = "") -> Attribution:
    def span(part: str) -> tuple[Span, ...]:
        if not part:
            return ()
        start = text.index(part)
        return (Span(start, start + len(part)),)

    return Attribution(
        sentence=0,
        cue=span(cue),
        source=span(source),
        content=span(content),
        form="Indirect",
        mode="indirect",
        stance="assert",
        rule="test",
    )


TEXT = "Die Bürgermeisterin kündigte an, dass das Freibad im Sommer schließen werde."


def test_refine_fills_a_missing_source_and_keeps_everything_else() -> None:
    sentences = split_sentences(TEXT, "de")
    bare = _bare(TEXT, "kündigte", "dass das Freibad im Sommer schließen werde")
    (refined,) = am.refine(TEXT, sentences, "de", [bare])
    assert " ".join(s.of(TEXT) for s in refined.source) == "Die Bürgermeisterin"
    assert (refined.cue, refined.content, refined.form) == (bare.cue, bare.content, bare.form)


def test_refine_leaves_sources_other_languages_and_rules_only_alone() -> None:
    sentences = split_sentences(TEXT, "de")
    with_source = _bare(TEXT, "kündigte", "dass das Freibad", source="Bürgermeisterin")
    assert am.refine(TEXT, sentences, "de", [with_source]) == (with_source,)
    bare = _bare(TEXT, "kündigte", "dass das Freibad im Sommer schließen werde")
    assert am.refine(TEXT, sentences, "en", [bare]) == (bare,)
    with am.rules_only():
        assert am.refine(TEXT, sentences, "de", [bare]) == (bare,)


def test_find_attributions_ends_with_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Auch die Anwohner bemängelten, der Lärm sei unerträglich."
    sentences = split_sentences(text, "de")
    mentions = find_mentions(text, sentences, "de")
    with am.rules_only():
        rules = find_attributions(text, sentences, "de", mentions)
    assert rules
    both = find_attributions(text, sentences, "de", mentions)
    assert both == am.refine(text, sentences, "de", rules)
    # the model tags "Auch die Anwohner"; the focus particle is not part of the source
    assert [s.of(text) for s in both[0].source] == ["die Anwohner"]
    # the hook is the last step: whatever refine returns is the result
    monkeypatch.setattr(attributions, "refine", lambda *_args: ())
    assert find_attributions(text, sentences, "de", mentions) == ()


def test_refine_fills_no_source_for_a_passive_cue_or_a_prepositional_phrase() -> None:
    text = "Dem Bürgermeister wird vorgeworfen, die Stadtkasse geplündert zu haben."
    sentences = split_sentences(text, "de")
    bare = _bare(text, "wird vorgeworfen", "die Stadtkasse geplündert zu haben")
    assert am.refine(text, sentences, "de", [bare]) == (bare,)
    words = ["Mit", "den", "Worten"]
    assert am._subject([0, 1, 2], words) == []
    assert am._subject([0, 1, 2], ["Auch", "die", "Anwohner"]) == [1, 2]


def test_missing_model_is_refused_with_the_remedy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(am, "model_path", lambda: tmp_path / "absent.crfsuite")
    am._tagger.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"train_attribution_model\.py"):
            am.tag_roles(["Er", "sagte", "nichts", "."], [1])
    finally:
        am._tagger.cache_clear()


# -- the training script on an invented fixture ---------------------------------------------


def _train_module() -> ModuleType:
    sys.path.insert(0, str(REPO / "training"))
    try:
        import train_attribution_model
    finally:
        sys.path.pop(0)
    return train_attribution_model


SPEECHES = [
    (["Die", "Ministerin", "hat", "gesagt", ",", "die", "Renten", "steigen", "."], 0, 3, 5),
    (["Der", "Kollege", "behauptet", ",", "das", "Gesetz", "sei", "teuer", "."], 0, 2, 4),
    (["Frau", "Meier", "erklärte", ",", "der", "Haushalt", "reiche", "nicht", "."], 0, 2, 4),
    (["Die", "Opposition", "fordert", ",", "die", "Steuern", "zu", "senken", "."], 0, 2, 4),
    (["Herr", "Schulz", "meinte", ",", "die", "Schulen", "seien", "marode", "."], 0, 2, 4),
]


def _fixture(folder: Path) -> None:
    folder.mkdir()
    for k, (words, src, cue, msg) in enumerate(SPEECHES):
        n = len(words)
        doc = {
            "Sentences": [
                {"SentenceId": 0, "Tokens": ["Vielen", "Dank", "!"]},
                {"SentenceId": 1, "Tokens": words},
            ],
            "Annotations": [
                {
                    "Source": [f"1:{i}" for i in range(src, cue) if words[i] not in ("hat",)],
                    "Cue": [f"1:{cue}"],
                    "Message": [f"1:{i}" for i in range(msg, n - 1)],
                    "Addr": [],
                    "Evidence": [],
                    "Medium": [],
                    "Topic": [],
                    "PTC": [],
                }
            ],
        }
        (folder / f"rede_{k}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


def test_training_script_runs_on_an_invented_fixture(tmp_path: Path) -> None:
    data = tmp_path / "parl"
    _fixture(data)
    out = tmp_path / "model" / "attribution-de.crfsuite"
    assert _train_module().main(["--data", str(data), "--out", str(out)]) == 0
    summary = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert summary["sequences"] == len(SPEECHES)
    assert summary["heldout_speeches"] == 1
    assert summary["feature_version"] == am.FEATURE_VERSION
    assert out.with_suffix(".LICENSE").is_file()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    words = ["Der", "Kollege", "behauptet", ",", "das", "Gesetz", "sei", "teuer", "."]
    labels = tagger.tag(am.role_features(words, am.sentence_features(words), [2]))
    assert labels[2] == "C"
    assert labels[1] == "S"


def test_training_script_refuses_an_empty_folder(tmp_path: Path) -> None:
    assert _train_module().main(["--data", str(tmp_path), "--out", str(tmp_path / "m")]) == 2
