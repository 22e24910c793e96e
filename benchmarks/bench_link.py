"""Linking benchmark: text reuse and story clustering on 1k, 10k and 100k articles.

    python benchmarks/bench_link.py [--sizes 1000,10000,100000] [--jobs 2] [--json FILE]

Article sets are built from the 1,028 real German articles of 10kGNAD (../shared/data/10kgnad,
used in place) and generated articles whose provenance is known, so that true reuse exists
and can be scored:

- *real*: a 10kGNAD article, its sentences grouped into paragraphs;
- *pseudo*: a distinct article made from a real one: every content word and number replaced
  by a random one (the same replacement throughout the article), sentences shuffled; it has
  the shape of news text but shares no copy with anything;
- *shuffle*, *edit*, *numbers*: a reprint of an earlier article with its sentences shuffled
  within paragraphs, with light edits (a word swapped, inserted or dropped, a speech verb
  changed, straight quotes made typographic), or with numbers reformatted (1.500 → 1500,
  zwölf → 12);
- *partial*: a new pseudo article into which one or two paragraphs of an earlier article are
  copied, lightly edited.

Ground truth: every paragraph knows the paragraph it was copied from; two articles share
reuse when they hold copies (at least 150 characters each) of the same original paragraph.
Stories: a reprint belongs to its source's story, everything else founds its own.

Each size runs in a fresh subprocess, so that its peak memory is its own. Per size the
script prints progress bars (count and rate), then time per stage, articles per second,
peak resident memory, and precision/recall of reuse (pairs and characters) and stories
(pairs of articles), and ends with a summary table and the growth of time with size.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from storytrace.link.reuse import ReuseIndex, shingle_article
from storytrace.link.shingles import Shingled, lexicon, tokens
from storytrace.link.stories import ArticleTerms, StoryIndex, article_terms
from storytrace.model import CleanArticle, Origin, PartialDate, Reuse
from storytrace.progress import progress_bar

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "10kgnad" / "test.csv"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
#: Copies shorter than this are neither required nor penalised (a detector may or may not
#: see a one-sentence paragraph as copy).
MIN_TRUE_CHARS = 150
BATCH = 5_000

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")
_PIECES = re.compile(r"([^\W\d_]+|\d+)")
_SPEECH = {"sagte": "erklärte", "erklärte": "sagte", "mitteilte": "berichtete", "sagt": "meint"}
_NUMBER_WORDS = {
    "2": "zwei",
    "3": "drei",
    "4": "vier",
    "5": "fünf",
    "6": "sechs",
    "7": "sieben",
    "8": "acht",
    "9": "neun",
    "10": "zehn",
    "12": "zwölf",
}


# --- generation -----------------------------------------------------------------------------


@dataclass
class Doc:
    """A generated article: paragraphs, and for each the original it was copied from."""

    paragraphs: list[str]
    origins: list[tuple[int, int]]  # (root document, paragraph) per paragraph
    story: int
    day: int
    kind: str


@dataclass
class Generator:
    corpus: list[list[str]]  # real articles as paragraphs
    vocab: list[str]
    rng: random.Random
    docs: list[Doc] = field(default_factory=list)

    def real(self, i: int) -> Doc:
        me = len(self.docs)
        paras = self.corpus[i]
        return Doc(list(paras), [(me, p) for p in range(len(paras))], me, self._day(), "real")

    def pseudo(self) -> Doc:
        me = len(self.docs)
        base = self.rng.choice(self.corpus)
        mapping: dict[str, str] = {}
        paras = []
        for para in base:
            sentences = _SENTENCE_END.split(para)
            self.rng.shuffle(sentences)
            paras.append(" ".join(self._cipher(s, mapping) for s in sentences))
        self.rng.shuffle(paras)
        return Doc(paras, [(me, p) for p in range(len(paras))], me, self._day(), "pseudo")

    def variant(self, kind: str) -> Doc:
        src = self.docs[self.rng.randrange(len(self.docs))]
        day = src.day + self.rng.randint(0, 3)
        if kind == "partial":
            host = self.pseudo()
            take = sorted(self.rng.sample(range(len(src.paragraphs)), min(2, len(src.paragraphs))))
            take = take[: self.rng.randint(1, len(take))] if take else []
            paras, origins = list(host.paragraphs), list(host.origins)
            for p in take:
                at = self.rng.randint(0, len(paras))
                paras.insert(at, self._edit(src.paragraphs[p]))
                origins.insert(at, src.origins[p])
            return Doc(paras, origins, host.story, host.day, kind)
        if kind == "shuffle":
            paras = []
            for para in src.paragraphs:
                sentences = _SENTENCE_END.split(para)
                self.rng.shuffle(sentences)
                paras.append(" ".join(sentences))
        elif kind == "edit":
            paras = [self._edit(p) for p in src.paragraphs]
        else:
            paras = [self._numbers(p) for p in src.paragraphs]
        return Doc(paras, list(src.origins), src.story, day, kind)

    def _day(self) -> int:
        return date(2015, 1, 1).toordinal() + self.rng.randrange(730)

    def _cipher(self, text: str, mapping: dict[str, str]) -> str:
        out = []
        stop = lexicon("de").stopwords
        for piece in _PIECES.split(text):
            if not piece:
                continue
            if piece.isdigit():
                key = "#" + piece
                if key not in mapping:
                    mapping[key] = str(self.rng.randrange(10 ** (len(piece) - 1), 10 ** len(piece)))
                out.append(mapping[key])
            elif piece.isalpha() and piece.casefold() not in stop:
                key = piece.casefold()
                if key not in mapping:
                    mapping[key] = self.rng.choice(self.vocab)
                word = mapping[key]
                out.append(word.capitalize() if piece[0].isupper() else word)
            else:
                out.append(piece)
        return "".join(out)

    def _edit(self, para: str) -> str:
        words = para.split(" ")
        for _ in range(max(1, len(words) // 25)):
            i = self.rng.randrange(len(words))
            op = self.rng.randrange(5)
            if op == 0:
                words[i] = self.rng.choice(self.vocab)
            elif op == 1:
                words.insert(i, self.rng.choice(self.vocab))
            elif op == 2 and len(words) > 10:
                del words[i]
            elif op == 3:
                words = [_SPEECH.get(w, w) for w in words]
            else:
                words = [w.replace('"', "„", 1) if w.startswith('"') else w for w in words]
        return self._numbers(" ".join(words)) if self.rng.random() < 0.3 else " ".join(words)

    def _numbers(self, para: str) -> str:
        def fmt(m: re.Match[str]) -> str:
            digits = m.group().replace(".", "")
            if digits in _NUMBER_WORDS:
                return _NUMBER_WORDS[digits]
            if len(digits) > 3 and "." not in m.group():
                return f"{int(digits):,}".replace(",", ".")
            return digits

        return re.sub(r"\d{1,3}(?:\.\d{3})+|\d+", fmt, para)


def read_corpus(path: Path) -> list[list[str]]:
    """10kGNAD is `label;'text'` per line; sentences are grouped into paragraphs of three."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) < 2:
                continue
            sentences = _SENTENCE_END.split(row[1].strip())
            out.append([" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)])
    return out


def generate(corpus: list[list[str]], size: int, seed: int = 7) -> list[Doc]:
    rng = random.Random(seed)
    stop = lexicon("de").stopwords
    vocab = sorted(
        {
            w
            for doc in corpus
            for para in doc
            for w in re.findall(r"[^\W\d_]{4,}", para)
            if w.casefold() not in stop
        }
    )
    gen = Generator(corpus, vocab, rng)
    n_real = min(len(corpus), size // 4)
    n_variants = int(size * 0.3)
    for i in range(n_real):
        gen.docs.append(gen.real(i))
    kinds = ("shuffle", "edit", "numbers", "partial")
    plan = ["pseudo"] * (size - n_real - n_variants) + ["variant"] * n_variants
    rng.shuffle(plan)
    for step in plan:
        doc = gen.pseudo() if step == "pseudo" else gen.variant(rng.choice(kinds))
        gen.docs.append(doc)
    return gen.docs


def write_set(docs: list[Doc], folder: Path) -> None:
    """Articles (id, day, text) and ground truth, one JSON line per article, publication
    order: what the linking step reads back in batches."""
    docs = sorted(docs, key=lambda d: d.day)
    with (
        (folder / "articles.jsonl").open("w", encoding="utf-8") as fa,
        (folder / "truth.jsonl").open("w", encoding="utf-8") as ft,
    ):
        for i, d in enumerate(docs):
            text = "\n\n".join(d.paragraphs)
            fa.write(json.dumps({"id": f"b{i:06d}", "day": d.day, "text": text}) + "\n")
            truth = {
                "origins": d.origins,
                "lengths": [len(p) for p in d.paragraphs],
                "story": d.story,
                "kind": d.kind,
            }
            ft.write(json.dumps(truth) + "\n")


@dataclass(frozen=True)
class Truth:
    origins: list[tuple[int, int]]
    lengths: list[int]
    story: int
    kind: str

    def spans(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for n in self.lengths:
            out.append((pos, pos + n))
            pos += n + 2
        return out


def read_truth(folder: Path) -> list[Truth]:
    out = []
    with (folder / "truth.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append(Truth([tuple(o) for o in d["origins"]], d["lengths"], d["story"], d["kind"]))
    return out


def read_articles(folder: Path) -> Iterator[CleanArticle]:
    with (folder / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            yield CleanArticle(
                id=d["id"],
                origin=Origin(f"bench/{d['id']}", "text"),
                text=d["text"],
                title=None,
                outlet=None,
                published=PartialDate(date.fromordinal(d["day"]).isoformat(), "day", "metadata"),
                language="de",
                agencies=(),
                removed=(),
            )


# --- ground truth and scores ----------------------------------------------------------------


def true_pairs(docs: list[Truth]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(pairs that must be found, pairs that may be found)."""
    holders: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for i, d in enumerate(docs):
        for origin, length in zip(d.origins, d.lengths, strict=True):
            holders[origin].append((i, length))
    must: set[tuple[int, int]] = set()
    may: set[tuple[int, int]] = set()
    for group in holders.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                (i, li), (j, lj) = group[x], group[y]
                if i == j:
                    continue
                key = (min(i, j), max(i, j))
                (must if min(li, lj) >= MIN_TRUE_CHARS else may).add(key)
    return must, may - must


def _overlap(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> int:
    total = 0
    for s, e in spans:
        for os_, oe in others:
            total += max(0, min(e, oe) - max(s, os_))
    return total


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def score_reuse(docs: list[Truth], found: list[Reuse]) -> dict[str, float]:
    """Pair precision/recall, and character precision/recall on both sides of each pair
    (true characters: the paragraphs of one article copied from the same originals as
    paragraphs of the other)."""
    must, may = true_pairs(docs)
    predicted = {(int(r.a[1:]), int(r.b[1:])): r for r in found}
    tp = sum(1 for k in predicted if k in must)
    fp = sum(1 for k in predicted if k not in must and k not in may)
    fn = len(must) - tp
    ctp = cpred = ctrue = 0
    for i, j in must | set(predicted):
        if (i, j) in may:
            continue
        r = predicted.get((i, j))
        for me, other, side in ((i, j, "a"), (j, i, "b")):
            shared = set(docs[other].origins)
            d = docs[me]
            true = _merge(
                [
                    span
                    for span, o, n in zip(d.spans(), d.origins, d.lengths, strict=True)
                    if o in shared and n >= MIN_TRUE_CHARS
                ]
            )
            pred = (
                []
                if r is None
                else _merge([(getattr(p, side).start, getattr(p, side).end) for p in r.passages])
            )
            ctrue += sum(e - s for s, e in true)
            cpred += sum(e - s for s, e in pred)
            ctp += _overlap(pred, true)
    return {
        "true_pairs": len(must),
        "found_pairs": len(predicted),
        "pair_p": tp / max(1, tp + fp),
        "pair_r": tp / max(1, tp + fn),
        "char_p": ctp / max(1, cpred),
        "char_r": ctp / max(1, ctrue),
    }


def score_stories(docs: list[Truth], story_of: dict[str, str]) -> dict[str, Any]:
    """Pairwise precision/recall of the article pairs put in one story."""
    joint: dict[tuple[str, int], int] = defaultdict(int)
    pred: dict[str, int] = defaultdict(int)
    true: dict[int, int] = defaultdict(int)
    for i, d in enumerate(docs):
        s = story_of[f"b{i:06d}"]
        joint[(s, d.story)] += 1
        pred[s] += 1
        true[d.story] += 1

    def pairs(counts: dict[Any, int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    tp, pp, tt = pairs(joint), pairs(pred), pairs(true)
    return {
        "stories": len(pred),
        "true_stories": len(true),
        "largest_story": max(pred.values(), default=0),
        "story_p": tp / max(1, pp),
        "story_r": tp / max(1, tt),
    }


# --- linking one set ------------------------------------------------------------------------


def _progress(console: Console) -> Progress:
    return progress_bar(console, "{task.description:<14}", "articles")


def _work(article: CleanArticle) -> tuple[Shingled, ArticleTerms]:
    """The per-article part of linking: pure, so it runs in worker processes. One
    tokenisation serves both shingles and story terms."""
    toks = tokens(article.text, article.language)
    return shingle_article(article, toks=toks), article_terms(article, toks)


def _batches(items: Iterator[CleanArticle], n: int) -> Iterator[list[CleanArticle]]:
    batch: list[CleanArticle] = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def _submit(
    pool: ProcessPoolExecutor | None, batch: list[CleanArticle]
) -> tuple[list[CleanArticle], Iterator[tuple[Shingled, ArticleTerms]]]:
    if pool is None:
        return batch, iter([_work(a) for a in batch])
    return batch, pool.map(_work, batch, chunksize=100)


def link_set(folder: Path, jobs: int, console: Console) -> dict[str, Any]:
    """Stream the articles in batches: per-article work in ``jobs`` processes (one batch
    ahead), then each batch is added to the reuse index and the story index. Nothing but
    the indexes (and the reuse found) is kept, so the peak memory is the indexes' own."""
    truth = read_truth(folder)
    total = len(truth)
    reuse_index = ReuseIndex()
    story_index = StoryIndex()
    found: list[Reuse] = []
    story_of: dict[str, str] = {}
    times = {"per_article": 0.0, "reuse": 0.0, "stories": 0.0}
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    if pool is not None:  # start the workers now, while this process is still small
        list(pool.map(abs, range(jobs)))
    started = time.perf_counter()
    with _progress(console) as progress:
        t_art = progress.add_task("per-article", total=total)
        t_reuse = progress.add_task("reuse", total=total)
        t_story = progress.add_task("stories", total=total)
        # double buffering: the workers shingle batch k+1 while this process indexes batch k
        batches = _batches(read_articles(folder), BATCH)
        pending = _submit(pool, next(batches, []))
        while pending[0]:
            batch, results = pending
            t = time.perf_counter()
            work = list(results)
            times["per_article"] += time.perf_counter() - t  # time spent waiting for workers
            pending = _submit(pool, next(batches, []))
            progress.advance(t_art, len(batch))
            t = time.perf_counter()
            new = reuse_index.add_shingled([(a.id, w[0]) for a, w in zip(batch, work, strict=True)])
            times["reuse"] += time.perf_counter() - t
            found.extend(new)
            progress.advance(t_reuse, len(batch))
            t = time.perf_counter()
            story_of.update(story_index.add_terms([w[1] for w in work], new))
            times["stories"] += time.perf_counter() - t
            progress.advance(t_story, len(batch))
    wall = time.perf_counter() - started
    if pool is not None:
        pool.shutdown()
    link = sum(times.values())
    result: dict[str, Any] = {
        "size": total,
        **{f"{k}_s": v for k, v in times.items()},
        "link_s": link,
        "wall_s": wall,
        "articles_per_s": total / wall,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "postings": reuse_index.postings,
        "index_mb": len(reuse_index.to_bytes()) / 1e6 if total <= 20_000 else None,
    }
    result |= score_reuse(truth, found)
    result |= score_stories(truth, story_of)
    kinds: dict[str, int] = defaultdict(int)
    for d in truth:
        kinds[d.kind] += 1
    result["kinds"] = dict(kinds)
    return result


def _show(console: Console, r: dict[str, Any]) -> None:
    console.print(
        f"  per-article {r['per_article_s']:.1f} s · reuse {r['reuse_s']:.1f} s · stories "
        f"{r['stories_s']:.1f} s · wall {r['wall_s']:.1f} s = {r['articles_per_s']:,.0f} "
        f"articles/s · peak {r['peak_mb']:,.0f} MB (workers {r['worker_peak_mb']:,.0f} MB)"
    )
    console.print(
        f"  reuse: {r['found_pairs']:,} pairs found, {r['true_pairs']:,} true; pairs "
        f"P {r['pair_p']:.3f} R {r['pair_r']:.3f}; characters P {r['char_p']:.3f} "
        f"R {r['char_r']:.3f} · stories: {r['stories']:,} found, {r['true_stories']:,} true, "
        f"largest {r['largest_story']}; pairs P {r['story_p']:.3f} R {r['story_r']:.3f}"
    )


def summary(console: Console, results: list[dict[str, Any]]) -> None:
    table = Table(title="Linking benchmark (reuse + stories)")
    columns = (
        "articles",
        "per-article s",
        "reuse s",
        "stories s",
        "wall s",
        "art./s",
        "time ×",
        "peak MB",
        "reuse pairs P/R",
        "reuse chars P/R",
        "stories P/R",
    )
    for col in columns:
        table.add_column(col, justify="right")
    prev = None
    for r in results:
        growth = "" if prev is None else f"{r['wall_s'] / prev['wall_s']:.1f}"
        table.add_row(
            f"{r['size']:,}",
            f"{r['per_article_s']:.1f}",
            f"{r['reuse_s']:.1f}",
            f"{r['stories_s']:.1f}",
            f"{r['wall_s']:.1f}",
            f"{r['articles_per_s']:,.0f}",
            growth,
            f"{r['peak_mb'] + r['worker_peak_mb'] * r['jobs']:,.0f}",
            f"{r['pair_p']:.3f}/{r['pair_r']:.3f}",
            f"{r['char_p']:.3f}/{r['char_r']:.3f}",
            f"{r['story_p']:.3f}/{r['story_r']:.3f}",
        )
        prev = r
    console.print(table)
    console.print(
        "peak MB: the linking process plus each worker's peak (an upper bound on the total); "
        "time ×: growth of wall time against the previous size"
    )


def _run(args: list[str]) -> str:
    proc = subprocess.run(
        [sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: exit {proc.returncode}")
    return proc.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="comma-separated article counts (CI: --sizes 1000)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for per-article work")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    # internal: each step runs in its own process, so that its peak memory is its own
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--link", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    console = Console(stderr=True, width=None if sys.stderr.isatty() else 150)
    if not args.csv.exists():
        console.print(f"{args.csv}: not found; pass --csv (needs ../shared/data/10kgnad)")
        return 2
    if args.generate is not None:
        t = time.perf_counter()
        write_set(generate(read_corpus(args.csv), args.generate), args.out)
        print(json.dumps({"generate_s": time.perf_counter() - t}))
        return 0
    if args.link is not None:
        result = link_set(args.link, args.jobs, console)
        _show(console, result)
        print(json.dumps(result))
        return 0
    results = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        with tempfile.TemporaryDirectory(prefix="storytrace-bench-") as tmp:
            gen = json.loads(_run(["--generate", str(size), "--out", tmp, "--csv", str(args.csv)]))
            chars = (Path(tmp) / "articles.jsonl").stat().st_size
            console.print(
                f"[bold]{size:,} articles[/bold] generated in {gen['generate_s']:.1f} s "
                f"({chars / 1e6:.0f} MB of JSON lines); linking with {args.jobs} worker(s)"
            )
            out = _run(["--link", tmp, "--jobs", str(args.jobs), "--csv", str(args.csv)])
            result = json.loads(out.strip().splitlines()[-1]) | gen | {"jobs": args.jobs}
            results.append(result)
    summary(console, results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
