"""Linking benchmark of the whole link stage (entities, reuse, stories, claims with the
sentence encoder, relations): a collection linked at once, and the same collection linked
as a saved state plus 1 % new articles.

    python benchmarks/bench_link_incremental.py [--sizes 1000,10000,100000] [--add 0.01]
        [--collection mixed|reprints] [--json FILE]

The collection grows from the 1,028 real articles of ../shared/data/10kgnad/test.csv
(used in place), annotated once. Generated articles are made at the level of annotated
articles, so that 100,000 of them need no annotation run: every change keeps the length
of each word, so the annotations' spans stay where they were.

- *mixed* (default; the shape of bench_link.py): a quarter of the size, at most all 1,028,
  real articles; 30 % variants of an earlier article (a reprint under another outlet, or a
  reprint with a few words swapped), published 0–3 days after it; the rest *pseudo*
  articles: a real article with every content word replaced by another word of the same
  length (the same replacement throughout the article) and every number by another of as
  many digits. Pseudo articles have the shape and the annotations of news but share no
  copy, speaker or figure with anything. Publication days are spread over two years.
- *reprints*: the real articles, then round after round of reprints of them: the case that
  makes claim blocks biggest.

Each size and run (at once; all but the last ``--add`` share, saved, loaded and extended)
is a fresh subprocess, so that its peak memory is its own; both must give the same claims
and relations. The script prints progress bars, per size the time of each step, statement
pairs compared, state size and peak memory, and ends with a summary table and the growth of
time with size.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from storytrace.annotate import annotate
from storytrace.clean import clean
from storytrace.link import LinkState, default_embedder, link_all
from storytrace.link.shingles import lexicon
from storytrace.model import AnnotatedArticle, PartialDate
from storytrace.progress import progress_bar
from storytrace.settings import DEFAULT_SETTINGS
from storytrace.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import DEFAULT_CSV, peak_rss_mb, read_10kgnad

_PIECES = re.compile(r"([^\W\d_]+|\d+)")
_FIRST_DAY = date(2015, 1, 1)


def annotated_corpus(path: Path, console: Console) -> list[AnnotatedArticle]:
    raws = read_10kgnad(path, None)
    out = []
    with progress_bar(console, "annotate", "articles") as bar:
        task = bar.add_task("annotate", total=len(raws))
        for raw in raws:
            out.append(annotate(clean(raw, DEFAULT_SETTINGS), DEFAULT_SETTINGS))
            bar.advance(task)
    return out


def _dated(
    a: AnnotatedArticle, aid: str, outlet: str, day: date, text: str | None = None
) -> AnnotatedArticle:
    art = replace(
        a.article,
        id=aid,
        outlet=outlet,
        text=a.article.text if text is None else text,
        published=PartialDate(day.isoformat(), "day", "metadata"),
    )
    return replace(a, article=art)


class Mixer:
    """Generated articles over annotated real ones; every change keeps word lengths."""

    def __init__(self, originals: list[AnnotatedArticle], seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.originals = originals
        self.stop = lexicon("de").stopwords
        by_len: dict[int, set[str]] = {}
        for a in originals:
            for w in re.findall(r"[^\W\d_]{2,}", a.article.text):
                if w.casefold() not in self.stop and len(w.lower()) == len(w):
                    by_len.setdefault(len(w), set()).add(w.lower())
        self.by_len = {n: sorted(ws) for n, ws in by_len.items()}

    def _word(self, piece: str, mapping: dict[str, str]) -> str:
        key = piece.casefold()
        if key not in mapping:
            mapping[key] = self.rng.choice(self.by_len[len(piece)])
        word = mapping[key]
        if piece.isupper() and len(piece) > 1:
            cased = word.upper()
        elif piece[0].isupper():
            cased = word.capitalize()
        else:
            cased = word
        return cased if len(cased) == len(piece) else piece

    def cipher(self, text: str, mapping: dict[str, str]) -> str:
        out = []
        for piece in _PIECES.split(text):
            if piece.isdigit():
                key = "#" + piece
                if key not in mapping:
                    low = 10 ** (len(piece) - 1) if len(piece) > 1 else 0
                    mapping[key] = str(self.rng.randrange(low, 10 ** len(piece)))
                out.append(mapping[key])
            elif (
                piece.isalpha() and piece.casefold() not in self.stop and len(piece) in self.by_len
            ):
                out.append(self._word(piece, mapping))
            else:
                out.append(piece)
        return "".join(out)

    def edit(self, text: str) -> str:
        """A few words swapped for others of their length, as a subeditor would."""
        pieces = _PIECES.split(text)
        words = [
            i for i, p in enumerate(pieces) if p.isalpha() and len(p) in self.by_len and len(p) > 3
        ]
        for i in self.rng.sample(words, min(len(words), max(1, len(words) // 40))):
            pieces[i] = self._word(pieces[i], {})
        return "".join(pieces)

    def day(self) -> date:
        return _FIRST_DAY + timedelta(days=self.rng.randrange(730))


def mixed_collection(
    originals: list[AnnotatedArticle], size: int, seed: int = 7
) -> list[AnnotatedArticle]:
    mixer = Mixer(originals, seed)
    rng = mixer.rng
    out: list[AnnotatedArticle] = []
    days: list[date] = []
    n_real = min(len(originals), size // 4)
    for i in range(n_real):
        days.append(mixer.day())
        out.append(_dated(originals[i], f"real{i}", "Real", days[-1]))
    n_variants = int(size * 0.3)
    plan = ["pseudo"] * (size - n_real - n_variants) + ["variant"] * n_variants
    rng.shuffle(plan)
    for n, step in enumerate(plan):
        if step == "pseudo":
            base = rng.choice(originals)
            mapping: dict[str, str] = {}
            title = base.article.title
            art = replace(
                base.article,
                title=mixer.cipher(title, mapping) if title else title,
            )
            days.append(mixer.day())
            text = mixer.cipher(base.article.text, mapping)
            out.append(
                _dated(replace(base, article=art), f"p{n}", f"Pseudo {n % 97}", days[-1], text)
            )
            continue
        k = rng.randrange(len(out))
        src = out[k]
        days.append(days[k] + timedelta(days=rng.randint(0, 3)))
        text = src.article.text if rng.random() < 0.5 else mixer.edit(src.article.text)
        out.append(_dated(src, f"v{n}", f"Reprint {n % 89}", days[-1], text))
    return out


def reprint_collection(originals: list[AnnotatedArticle], size: int) -> list[AnnotatedArticle]:
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


def _shape(linked: Any) -> str:
    shape = (
        sorted((c.id, c.origins) for c in linked.claims),
        sorted((r.kind, r.a, r.b) for r in linked.relations),
    )
    return hashlib.sha1(json.dumps(shape).encode()).hexdigest()


def _collection(originals: list[AnnotatedArticle], kind: str, size: int) -> list[AnnotatedArticle]:
    if kind == "reprints":
        return reprint_collection(originals, size)
    return mixed_collection(originals, size)


def _store_path(args: argparse.Namespace) -> Path:
    # one store per size: "once" writes its own, "first" writes the one "add" reads
    name = "once" if args.worker == "once" else "add"
    return Path(args.out).with_name(f"{args.size}-{name}.sqlite")


def worker(args: argparse.Namespace) -> int:
    """One run in its own process: ``once``, or ``first`` then ``add`` (linking all but
    the last share and saving the state, then loading it and adding the rest); writes its
    figures as JSON."""
    with open(args.originals, "rb") as fh:
        originals = pickle.load(fh)
    articles = _collection(originals, args.collection, args.size)
    console = Console(stderr=True)
    embedder = default_embedder()
    out: dict[str, Any] = {"articles": len(articles), "run": args.worker}
    timings: dict[str, float] = {}
    if args.worker == "once":
        console.print(f"linking {len(articles):,} articles at once")
        t = time.perf_counter()
        state = LinkState.new(embedder)
        with progress_bar(console, "index", "articles") as bar:
            task = bar.add_task("index", total=len(articles))
            linked = link_all(
                articles,
                state=state,
                timings=timings,
                jobs=args.jobs,
                progress=lambda n: bar.advance(task, n),
            )
        out["seconds"] = time.perf_counter() - t
        out["pairs"] = state.claims.compared
        out["link_peak_mb"] = peak_rss_mb()  # before the state is written out
        t = time.perf_counter()
        with open_store(_store_path(args)) as store:
            out["state_mb"] = store.write_link_state(state.write, len(state)) / 1e6
        out["save_s"] = time.perf_counter() - t
    elif args.worker == "first":
        # the run before "add", in a process of its own as two runs of analyze would be
        cut = len(articles) - max(1, round(len(articles) * args.add))
        console.print(f"linking {cut:,} articles, to add {len(articles) - cut:,} next")
        first = LinkState.new(embedder)
        with progress_bar(console, "index", "articles") as bar:
            task = bar.add_task("index", total=cut)
            link_all(
                articles[:cut], state=first, jobs=args.jobs, progress=lambda n: bar.advance(task, n)
            )
        t = time.perf_counter()
        with open_store(_store_path(args)) as store:
            out["state_mb"] = store.write_link_state(first.write, len(first)) / 1e6
        out["save_s"] = time.perf_counter() - t
        out["peak_rss_mb"] = peak_rss_mb()
        Path(args.out).write_text(json.dumps(out, indent=2), encoding="utf-8")
        return 0
    else:
        console.print(f"adding {round(len(articles) * args.add):,} articles to the saved state")
        store = open_store(_store_path(args))
        t = time.perf_counter()
        stream = store.link_state_reader()
        if stream is None:
            raise SystemExit("no saved state: run the 'first' worker before 'add'")
        second = LinkState.read(stream, embedder)
        out["load_s"] = time.perf_counter() - t
        out["load_peak_mb"] = peak_rss_mb()
        store.close()
        t = time.perf_counter()
        linked = link_all(articles, state=second, timings=timings, jobs=args.jobs)
        out["seconds"] = time.perf_counter() - t
        out["pairs"] = second.claims.compared
        out["added"] = linked.added
    out.update(
        statements=sum(len(a.attributions) for a in articles),
        claims=len(linked.claims),
        relations=len(linked.relations),
        stories=len(linked.stories),
        reuse=len(linked.reuse),
        shape=_shape(linked),
        steps=timings,
        peak_rss_mb=peak_rss_mb(),
    )
    Path(args.out).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--add", type=float, default=0.01, help="share added by the 2nd run")
    parser.add_argument("--collection", choices=("mixed", "reprints"), default="mixed")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes per run")
    parser.add_argument(
        "--runs", default="once,add", help="once (at once), add (saved state + the rest) or both"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--worker", choices=("once", "first", "add"), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--originals", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    console = Console(stderr=True)
    if not args.csv.is_file():
        console.print(f"{args.csv}: not found (../shared/data/10kgnad is needed)")
        return 2
    sizes = [int(x) for x in args.sizes.split(",")]
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        originals = Path(tmp) / "originals.pkl"
        with originals.open("wb") as fh:
            pickle.dump(annotated_corpus(args.csv, console), fh)
        runs = [(size, run) for size in sizes for run in args.runs.split(",")]
        with progress_bar(console, "link", "runs") as bar:
            task = bar.add_task("link", total=len(runs))
            for size, run in runs:
                got: dict[str, Any] = {}
                for step in ("first", "add") if run == "add" else (run,):
                    out = Path(tmp) / f"{size}-{step}.json"
                    cmd = [sys.executable, __file__, "--worker", step, "--size", str(size)]
                    cmd += ["--originals", str(originals), "--out", str(out)]
                    cmd += ["--collection", args.collection, "--add", str(args.add)]
                    cmd += ["--jobs", str(args.jobs)]
                    subprocess.run(cmd, check=True)
                    fig = json.loads(out.read_text(encoding="utf-8"))
                    if step == "first":
                        got.update(
                            first_peak_mb=fig["peak_rss_mb"],
                            first_save_s=fig["save_s"],
                            first_state_mb=fig["state_mb"],
                        )
                    else:
                        got.update(fig)
                results.append(got)
                bar.advance(task)
    table = Table(title=f"Whole link stage, {args.collection} collection")
    table.caption = (
        "add: a second process loads the state the first saved (all but the last share) "
        "and adds the rest; its peak includes the load"
    )
    columns: tuple[str, ...] = (
        "articles",
        "statements",
        "at once s",
        "pairs",
        f"+{args.add * 100:g} % s",
    )
    columns += ("pairs", "save / load s", "state MB", "same", "peak MiB: link / save / add")
    for col in columns:
        table.add_column(col, justify="right")
    by = {(r["articles"], r["run"]): r for r in results}
    summary = []
    for size in sorted({r["articles"] for r in results}):
        once, add = by.get((size, "once")), by.get((size, "add"))
        same = add is not None and once is not None and once["shape"] == add["shape"]
        summary.append({"articles": size, "once": once, "add": add, "same": same})
        o, a = once or {}, add or {}

        def cell(d: dict[str, Any], key: str, form: str) -> str:
            return format(d[key], form) if key in d else "–"

        table.add_row(
            f"{size:,}",
            cell(o, "statements", ",") if o else cell(a, "statements", ","),
            cell(o, "seconds", ".1f"),
            cell(o, "pairs", ","),
            cell(a, "seconds", ".1f"),
            cell(a, "pairs", ","),
            (cell(o, "save_s", ".1f") if o else cell(a, "first_save_s", ".1f"))
            + " / "
            + cell(a, "load_s", ".1f"),
            cell(o, "state_mb", ".1f") if o else cell(a, "first_state_mb", ".1f"),
            ("yes" if same else "NO") if once and add else "–",
            f"{cell(o, 'link_peak_mb', ',.0f')} / {cell(o, 'peak_rss_mb', ',.0f')} / "
            + cell(a, "peak_rss_mb", ",.0f"),
        )
    console.print(table)
    steps = Table(title="Time per step, at once (s)")
    timed = [s for s in summary if s["once"] is not None]
    names = sorted({k for s in timed for k in s["once"]["steps"]})
    steps.add_column("articles", justify="right")
    for name in names:
        steps.add_column(name, justify="right")
    for s in timed:
        steps.add_row(f"{s['articles']:,}", *(f"{s['once']['steps'].get(n, 0):.1f}" for n in names))
    console.print(steps)
    for s in summary:
        if s["add"] is not None:
            add_steps = ", ".join(f"{k} {v:.1f}" for k, v in s["add"]["steps"].items())
            console.print(f"+{args.add * 100:g} % at {s['articles']:,}, per step (s): {add_steps}")
    for prev, cur in itertools.pairwise(timed):
        ratio = cur["once"]["seconds"] / max(prev["once"]["seconds"], 1e-9)
        grow = cur["articles"] / prev["articles"]
        console.print(
            f"{prev['articles']:,} → {cur['articles']:,} articles (×{grow:g}): time ×{ratio:.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0 if all(s["same"] or s["add"] is None or s["once"] is None for s in summary) else 1


if __name__ == "__main__":
    raise SystemExit(main())
