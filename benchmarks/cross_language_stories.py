"""Stories across languages: do English reports join the German story, and nothing else?

    python benchmarks/cross_language_stories.py [--polnear N] [--gnad N]

Mixes, in one input, the German and English example articles (examples/articles, one
invented story in two languages), the five German seed articles (../shared/seeds), German
10kGNAD articles (../shared/data/10kgnad, undated, so the time window never separates them)
and English PolNeAR articles (../shared/data/polnear, US politics 2015-16, dated), then
clusters stories with ``storytrace.link.stories`` and reports:

- whether the English examples are in the German examples' story;
- how many stories hold articles of both languages, and how many articles those are
  (10kGNAD and PolNeAR share no story labels, so every such story is printed with its label
  and titles to be judged by reading; some are genuinely one topic, such as the 2016 US
  election);
- the clustering time.

Nothing is written; figures go to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from rich.console import Console

from storytrace.clean import clean
from storytrace.ingest import iter_documents
from storytrace.link.reuse import find_reuse
from storytrace.link.stories import StoryIndex, StorySettings, _order_key, article_terms
from storytrace.model import CleanArticle, Origin, PartialDate, RawDocument
from storytrace.progress import progress_bar
from storytrace.settings import DEFAULT_SETTINGS

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "articles"


def _clean(raw: RawDocument) -> CleanArticle:
    return clean(raw, DEFAULT_SETTINGS)


def examples() -> list[CleanArticle]:
    docs = iter_documents([str(EXAMPLES)], DEFAULT_SETTINGS)
    return [_clean(d) for d in docs if isinstance(d, RawDocument)]


def seeds() -> list[CleanArticle]:
    folder = SHARED / "seeds"
    return [
        _clean(RawDocument(origin=Origin(str(p), "text"), text=p.read_text("utf-8")))
        for p in sorted(folder.glob("*.txt"))
    ]


def gnad(limit: int) -> list[CleanArticle]:
    path = SHARED / "data" / "10kgnad" / "test.csv"
    out = []
    with path.open(encoding="utf-8") as f:
        for i, row in enumerate(csv.reader(f, delimiter=";", quotechar="'")):
            if i >= limit:
                break
            if len(row) < 2:
                continue
            raw = RawDocument(origin=Origin(str(path), "csv", f"row {i + 1}"), text=row[1])
            out.append(_clean(raw))
    return out


def polnear(limit: int) -> list[CleanArticle]:
    root = SHARED / "data" / "polnear"
    meta = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    out = []
    for path in sorted((root / "train" / "text").glob("*.txt"))[:limit]:
        row = meta.get(path.stem, {})
        raw = RawDocument(
            origin=Origin(str(path), "text"),
            text=path.read_text("utf-8"),
            title=row.get("title") or None,
            published=row.get("publication_date") or None,
        )
        out.append(_clean(raw))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=int, default=840, help="PolNeAR train articles")
    parser.add_argument("--gnad", type=int, default=1028, help="10kGNAD articles")
    parser.add_argument(
        "--worst-case",
        action="store_true",
        help="date every 10kGNAD article 2016-01-15 and switch the time window off, so that "
        "only the similarity separates stories (a stress test, not a real input)",
    )
    args = parser.parse_args(argv)

    console = Console(stderr=True)
    with progress_bar(console, "{task.description:<10}", "sets") as bar:
        task = bar.add_task("reading", total=4)
        ex = examples()
        bar.advance(task)
        sd = seeds() if (SHARED / "seeds").is_dir() else []
        bar.advance(task)
        de = gnad(args.gnad)
        if args.worst_case:
            day = PartialDate("2016-01-15", "day", "metadata")
            de = [dataclasses.replace(a, published=day) for a in de]
        bar.advance(task)
        en = polnear(args.polnear)
        bar.advance(task)
    arts = sorted(ex + sd + de + en, key=_order_key)
    source = {a.id: "example" for a in ex} | {a.id: "seed" for a in sd}
    source |= {a.id: "10kGNAD" for a in de} | {a.id: "PolNeAR" for a in en}
    reuse = find_reuse(ex + sd)
    t0 = time.perf_counter()
    terms = []
    with progress_bar(console, "{task.description:<10}", "articles") as bar:
        task = bar.add_task("terms", total=len(arts))
        for a in arts:
            terms.append(article_terms(a))
            bar.advance(task)
    settings = StorySettings.load({"window_days": 10**6}) if args.worst_case else None
    index = StoryIndex(settings)
    index.add_terms(terms, reuse)  # one batch, as the pipeline adds a collection
    elapsed = time.perf_counter() - t0
    stories = index.stories()
    of = {a: s.id for s in stories for a in s.articles}
    by_id = {a.id: a for a in arts}

    german_ex = {of[a.id] for a in ex if a.language == "de"}
    english_ex = {of[a.id] for a in ex if a.language == "en"}
    print(
        f"articles: {dict(Counter(source.values()))}; languages "
        f"{dict(Counter(a.language for a in arts))}"
    )
    print(f"stories: {len(stories)}; terms + clustering {elapsed:.1f} s")
    print(
        f"German examples in {len(german_ex)} story; English examples joined it: "
        f"{english_ex <= german_ex}"
    )
    mixed = [s for s in stories if len({by_id[a].language for a in s.articles}) > 1]
    members: Counter[str] = Counter()
    for s in mixed:
        members.update(source[a] for a in s.articles)
    print(
        f"stories with both languages: {len(mixed)}, holding {sum(members.values())} articles "
        f"({dict(members)})"
    )
    for s in mixed:
        kinds = defaultdict(list)
        for a in s.articles:
            kinds[source[a]].append((by_id[a].title or by_id[a].text[:60]).replace("\n", " "))
        print(f"- {s.label}")
        for kind, titles in kinds.items():
            for title in titles[:4]:
                print(f"    {kind:8s} {title[:90]}")
            if len(titles) > 4:
                print(f"    {kind:8s} … {len(titles) - 4} more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
