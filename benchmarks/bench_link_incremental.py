"""Incremental linking benchmark: the whole link stage (entities, reuse, stories, claims,
relations), at once and as a second run that adds 1 % to a saved link state.

    python benchmarks/bench_link_incremental.py [--sizes 1000,5000,10000] [--add 0.01]

The collection is the 1,028 real articles of ../shared/data/10kgnad/test.csv, annotated
once, plus reprints of them under other outlets (same text, new id): syndicated wire copy,
the case that makes claim blocks big, since every reprint repeats its original's statements
from the same origins. For each size it links the collection at once from an empty state,
then links all but the last ``--add`` share, saves the state to bytes (as the store keeps
it), loads it and adds the rest, and checks that both give the same claims and relations.
It prints times, statement pairs compared, state size and peak memory.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from storytrace.annotate import annotate
from storytrace.clean import clean
from storytrace.link import LinkState, default_embedder, link_all
from storytrace.model import AnnotatedArticle
from storytrace.progress import progress_bar
from storytrace.settings import DEFAULT_SETTINGS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import DEFAULT_CSV, peak_rss_mb, read_10kgnad


def annotated_corpus(path: Path, console: Console) -> list[AnnotatedArticle]:
    raws = read_10kgnad(path, None)
    out = []
    with progress_bar(console, "annotate", "articles") as bar:
        task = bar.add_task("annotate", total=len(raws))
        for raw in raws:
            out.append(annotate(clean(raw, DEFAULT_SETTINGS), DEFAULT_SETTINGS))
            bar.advance(task)
    return out


def collection(originals: list[AnnotatedArticle], size: int) -> list[AnnotatedArticle]:
    """``size`` articles: the originals, then round after round of reprints."""
    out = list(originals[:size])
    round_ = 1
    while len(out) < size:
        for a in originals:
            if len(out) == size:
                break
            art = replace(a.article, id=f"{a.article.id}-r{round_}", outlet=f"Reprint {round_}")
            out.append(replace(a, article=art))
        round_ += 1
    return out


def _shape(linked: Any) -> tuple[Any, Any]:
    return (
        sorted((c.id, c.origins) for c in linked.claims),
        sorted((r.kind, r.a, r.b) for r in linked.relations),
    )


def measure(articles: list[AnnotatedArticle], share: float) -> dict[str, Any]:
    embedder = default_embedder()
    t = time.perf_counter()
    state = LinkState.new(embedder)
    at_once = link_all(articles, state=state)
    full_s = time.perf_counter() - t
    full_pairs = state.claims.compared
    cut = len(articles) - max(1, round(len(articles) * share))
    first = LinkState.new(embedder)
    link_all(articles[:cut], state=first)
    t = time.perf_counter()
    blob = first.to_bytes()
    save_s = time.perf_counter() - t
    t = time.perf_counter()
    second = LinkState.from_bytes(blob, embedder)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    added = link_all(articles, state=second)
    add_s = time.perf_counter() - t
    return {
        "articles": len(articles),
        "statements": len(state.claims),
        "claims": len(at_once.claims),
        "relations": len(at_once.relations),
        "full_s": full_s,
        "full_pairs": full_pairs,
        "added": added.added,
        "add_s": add_s,
        "add_pairs": second.claims.compared,
        "load_s": load_s,
        "save_s": save_s,
        "state_mb": len(blob) / 1e6,
        "same": _shape(at_once) == _shape(added),
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--add", type=float, default=0.01, help="share added by the 2nd run")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    console = Console(stderr=True)
    if not args.csv.is_file():
        console.print(f"{args.csv}: not found (../shared/data/10kgnad is needed)")
        return 2
    originals = annotated_corpus(args.csv, console)
    sizes = [int(x) for x in args.sizes.split(",")]
    results = []
    with progress_bar(console, "link", "sizes") as bar:
        task = bar.add_task("link", total=len(sizes))
        for size in sizes:
            results.append(measure(collection(originals, size), args.add))
            bar.advance(task)
    table = Table(title="Incremental linking (entities, reuse, stories, claims, relations)")
    for col in (
        "articles",
        "statements",
        "at once s",
        "pairs",
        "+1 % s",
        "pairs",
        "load s",
        "state MB",
        "same",
        "peak MB",
    ):
        table.add_column(col, justify="right")
    for r in results:
        table.add_row(
            f"{r['articles']:,}",
            f"{r['statements']:,}",
            f"{r['full_s']:.1f}",
            f"{r['full_pairs']:,}",
            f"{r['add_s']:.1f}",
            f"{r['add_pairs']:,}",
            f"{r['load_s']:.2f}",
            f"{r['state_mb']:.1f}",
            "yes" if r["same"] else "NO",
            f"{r['peak_rss_mb']:,.0f}",
        )
    console.print(table)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if all(r["same"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
