"""Throughput benchmark: the pipeline on 10kGNAD's 1,028 real German articles.

    python benchmarks/bench_pipeline.py [--csv ../shared/data/10kgnad/test.csv] [--limit N]

Prints articles/second per stage (ingest, clean, annotate, store, report) and overall, and the
peak resident memory of the process. Stages are timed separately over the same articles in one
run, so their rates are comparable; "overall" is the sum of the stage times.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storytrace.annotate import annotate
from storytrace.clean import clean
from storytrace.model import AnnotatedArticle, CleanArticle, Origin, RawDocument
from storytrace.report import build_dossier, render_html, render_json
from storytrace.settings import DEFAULT_SETTINGS
from storytrace.store import open_store

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "10kgnad" / "test.csv"


def read_10kgnad(path: Path, limit: int | None) -> list[RawDocument]:
    """The corpus is `label;'text'` per line with single-quote quoting."""
    docs = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter=";", quotechar="'")):
            if limit is not None and i >= limit:
                break
            if len(row) < 2:
                continue
            docs.append(
                RawDocument(
                    origin=Origin(str(path), "csv", f"row {i + 1}"),
                    text=row[1],
                    encoding="utf-8",
                )
            )
    return docs


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"{args.csv}: not found; pass --csv (needs ../shared/data/10kgnad)", file=sys.stderr)
        return 2
    console = Console(stderr=True)
    settings = DEFAULT_SETTINGS
    timings: dict[str, float] = {}

    t0 = time.perf_counter()
    raws = read_10kgnad(args.csv, args.limit)
    timings["ingest"] = time.perf_counter() - t0
    n = len(raws)

    cleaned: list[CleanArticle] = []
    annotated: list[AnnotatedArticle] = []
    skipped = 0
    columns = (
        TextColumn("{task.description:<9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("clean", total=n, rate="")
        t0 = time.perf_counter()
        for i, raw in enumerate(raws, 1):
            try:
                cleaned.append(clean(raw, settings))
            except Exception:
                skipped += 1
            if i % 25 == 0 or i == n:
                progress.update(
                    task, completed=i, rate=f"{i / (time.perf_counter() - t0):.0f} art/s"
                )
        timings["clean"] = time.perf_counter() - t0

        task = progress.add_task("annotate", total=len(cleaned), rate="")
        t0 = time.perf_counter()
        for i, art in enumerate(cleaned, 1):
            annotated.append(annotate(art, settings))
            if i % 25 == 0 or i == len(cleaned):
                progress.update(
                    task, completed=i, rate=f"{i / (time.perf_counter() - t0):.0f} art/s"
                )
        timings["annotate"] = time.perf_counter() - t0

        with tempfile.TemporaryDirectory() as tmp:
            task = progress.add_task("store", total=len(annotated), rate="")
            t0 = time.perf_counter()
            with open_store(Path(tmp) / "bench.sqlite") as store:
                for i, a in enumerate(annotated, 1):
                    store.put_article(a)
                    store.add_source(a.article.id, a.article.origin)
                    if i % 25 == 0 or i == len(annotated):
                        rate = f"{i / (time.perf_counter() - t0):.0f} art/s"
                        progress.update(task, completed=i, rate=rate)
                timings["store"] = time.perf_counter() - t0
                t0 = time.perf_counter()
                loaded = store.get_articles()
                timings["store (read back)"] = time.perf_counter() - t0

        task = progress.add_task("report", total=1, rate="")
        t0 = time.perf_counter()
        dossier = build_dossier(loaded)
        render_json(dossier)
        render_html(dossier)
        timings["report"] = time.perf_counter() - t0
        progress.update(task, completed=1, rate=f"{len(loaded) / timings['report']:.0f} art/s")

    table = Table(title=f"storytrace pipeline on {n} articles ({args.csv.name})")
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    table.add_column("articles/s", justify="right")
    for stage, seconds in timings.items():
        table.add_row(stage, f"{seconds:.2f}", f"{n / seconds:.0f}" if seconds else "-")
    total = sum(timings.values())
    table.add_row("overall", f"{total:.2f}", f"{n / total:.1f}", style="bold")
    Console().print(table)
    peak = peak_rss_mb()
    print(f"articles: {n}, cleaned: {len(cleaned)}, skipped by clean: {skipped}")
    print(f"peak memory (max RSS): {peak:.0f} MB")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "articles": n,
                    "seconds": timings,
                    "per_second": {k: n / v for k, v in timings.items() if v},
                    "overall_per_second": n / total,
                    "peak_rss_mb": peak,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
