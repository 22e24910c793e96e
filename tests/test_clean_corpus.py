"""Quality gates for the clean stage on real news in ../shared/data (skipped where absent).

- 10kgnad (1,028 German derStandard articles): every article German, no English pattern
  fires, and nothing but closing agency credits is removed (the texts are already clean).
- PolNeAR (840 English US political news articles): every article English, no German
  pattern fires, and every agency credit found agrees with the corpus's own ``wire``
  column (precision 1.0 at the time of writing; recall is gated at 0.85).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from storytrace.clean import clean
from storytrace.model import CleanArticle, Origin, RawDocument
from storytrace.settings import Settings

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def _gnad(shared_data: Path) -> list[RawDocument]:
    path = shared_data / "10kgnad" / "test.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    docs = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            _label, text = line.rstrip("\n").split(";", 1)
            docs.append(
                RawDocument(Origin(str(path), "csv", f"line {number}"), text=text.strip("'"))
            )
    return docs


@pytest.fixture(scope="module")
def gnad(shared_data: Path, settings: Settings) -> list[CleanArticle]:
    return [clean(raw, settings) for raw in _gnad(shared_data)]


@pytest.fixture(scope="module")
def polnear(shared_data: Path, settings: Settings) -> list[tuple[str, CleanArticle]]:
    folder = shared_data / "polnear" / "train" / "text"
    if not folder.exists():
        pytest.skip(f"{folder} is absent")
    out = []
    for path in sorted(folder.glob("*.txt")):
        raw = RawDocument(Origin(str(path), "text"), text=path.read_text(encoding="utf-8"))
        out.append((path.stem, clean(raw, settings)))
    return out


def test_gnad_is_german_and_left_alone(gnad: list[CleanArticle]) -> None:
    assert len(gnad) == 1028
    assert Counter(a.language for a in gnad) == {"de": 1028}
    patterns = Counter(r.pattern for a in gnad for r in a.removed)
    assert set(patterns) <= {"agency_credit_suffix"}, patterns
    assert all(a.title is None for a in gnad)


def test_polnear_is_english_without_german_patterns(
    polnear: list[tuple[str, CleanArticle]],
) -> None:
    assert Counter(a.language for _, a in polnear) == {"en": len(polnear)}
    german = [r.pattern for _, a in polnear for r in a.removed if r.pattern.startswith("de_")]
    assert german == []


def test_polnear_agency_credits_agree_with_the_wire_column(
    shared_data: Path, polnear: list[tuple[str, CleanArticle]]
) -> None:
    meta_path = shared_data / "polnear" / "metadata.tsv"
    with meta_path.open(encoding="utf-8") as f:
        wire = {row["filename"]: row["wire"].lower() for row in csv.DictReader(f, delimiter="\t")}
    found = wrong = expected = 0
    for name, article in polnear:
        truth = wire.get(name, "none")
        agencies = [a.agency for a in article.agencies]
        if truth not in ("", "none", "na"):
            expected += 1
            found += truth in agencies
        wrong += sum(agency != truth for agency in agencies)
    assert wrong == 0
    assert found / expected >= 0.85
