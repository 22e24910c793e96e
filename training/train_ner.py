"""Train the shipped German NER model (CRF) from ../shared/data and score it.

    .venv/bin/python training/train_ner.py [--data ../shared/data] [--compare] [--out PATH]

Data (all CC BY 4.0; see docs/entities.md for attribution):

* GermEval 2014 NER: the official train split is not available here, so its dev (2,200) and
  test (5,100) sentences are pooled and shuffled with ``random.Random(SEED)`` into
  70 % train, 10 % dev (model selection) and 20 % held-out (reported, never tuned on).
  ``germeval_split`` below is the single definition; the quality test imports it.
* SmartData v1 (train + test, 2,436 documents): character-offset mentions, tokenised here with
  the pipeline's own sentence splitter so the model sees the words it will see at run time.
* MobIE (train, traffic reports): CoNLL format.

Labels are GermEval's outer level mapped to PER, ORG, LOC, OTH; ``deriv`` and ``part`` labels
("russischen", "NATO-Generalsekretär") are O, as the entity layer handles them by rule.

``--compare`` trains one model per corpus mix and per regularisation setting on the train part,
scores each on the dev part, and keeps the best; without it the recorded best setting is used.
The final model is trained on train + dev and scored once on held-out, against the
rules-only baseline (``storytrace.annotate.ner.rules``). Prints progress and ends with a summary;
writes the model and a JSON with the scores beside it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from storytrace.annotate.ner.crf import MODEL_NAME, NerSpan, bio_to_spans
from storytrace.annotate.ner.features import FEATURE_VERSION, FeatureExtractor
from storytrace.annotate.ner.lexicon import lexicon
from storytrace.annotate.ner.rules import rule_spans
from storytrace.annotate.ner.tokens import words as sentence_words
from storytrace.annotate.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "storytrace" / "resources" / "models" / MODEL_NAME

SEED = 2014
SCORED = ("PER", "ORG", "LOC")
#: Chosen by ``--compare`` on the dev part (see docs/entities.md); used without it.
BEST = {"corpora": "germeval", "c1": 0.02, "c2": 0.05}

Sentence = tuple[list[str], list[str]]  # words, BIO labels


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- corpora --------------------------------------------------------------------------------


def _germeval_label(tag: str) -> str:
    if tag == "O" or tag.endswith(("deriv", "part")):
        return "O"
    return tag


def read_germeval(path: Path) -> list[Sentence]:
    out: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                out.append((words, _repair_bio(labels)))
            words, labels = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        labels.append(_germeval_label(cols[2]))
    if words:
        out.append((words, _repair_bio(labels)))
    return out


def _repair_bio(labels: list[str]) -> list[str]:
    """Dropping ``part`` labels can leave an I- without its B-: make it a B-."""
    out = []
    prev = "O"
    for label in labels:
        if label.startswith("I-") and prev[2:] != label[2:]:
            label = "B-" + label[2:]
        out.append(label)
        prev = label
    return out


def germeval_split(data: Path) -> tuple[list[Sentence], list[Sentence], list[Sentence]]:
    """GermEval 2014 dev + test pooled, shuffled with SEED: 70 % train, 10 % dev, 20 % held-out."""
    folder = data / "germeval2014"
    pooled = read_germeval(folder / "NER-de-dev.tsv") + read_germeval(folder / "NER-de-test.tsv")
    order = list(range(len(pooled)))
    random.Random(SEED).shuffle(order)
    n = len(order)
    a, b = int(n * 0.7), int(n * 0.8)
    pick = [pooled[i] for i in order]
    return pick[:a], pick[a:b], pick[b:]


_SMARTDATA_TYPES = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
}


def _json_objects(path: Path) -> Iterator[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = fh.read()
    dec = json.JSONDecoder()
    i = 0
    while i < len(data):
        while i < len(data) and data[i].isspace():
            i += 1
        if i >= len(data):
            break
        obj, i = dec.raw_decode(data, i)
        yield obj


def read_smartdata(data: Path) -> list[Sentence]:
    out: list[Sentence] = []
    for name in ("train.json.gz", "test.json.gz"):
        for doc in _json_objects(data / "smartdata" / "v1" / name):
            text = doc["text"]["string"]  # type: ignore[index]
            mentions = []
            for m in (doc.get("conceptMentions") or {}).get("array", []):  # type: ignore[union-attr]
                label = _SMARTDATA_TYPES.get(m["type"])
                if label:
                    mentions.append((m["span"]["start"], m["span"]["end"], label))
            out.extend(_label_text(text, mentions))
    return out


def _label_text(text: str, mentions: list[tuple[int, int, str]]) -> Iterator[Sentence]:
    for sent in split_sentences(text, "de"):
        ws = sentence_words(text, sent)
        labels = ["O"] * len(ws)
        for start, end, label in mentions:
            inside = [k for k, w in enumerate(ws) if w.start >= start and w.end <= end]
            for j, k in enumerate(inside):
                labels[k] = ("B-" if j == 0 else "I-") + label
        yield [w.text for w in ws], labels


_MOBIE_TYPES = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
}


def read_mobie(data: Path) -> list[Sentence]:
    out: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    for line in (data / "mobie" / "train.conll2003").read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if words:
                out.append((words, _repair_bio(labels)))
            words, labels = [], []
            continue
        cols = line.split()
        tag = cols[-1]
        kind = _MOBIE_TYPES.get(tag[2:], "") if tag != "O" else ""
        words.append(cols[0].lstrip("#") or cols[0])
        labels.append(tag[:2] + kind if kind else "O")
    if words:
        out.append((words, _repair_bio(labels)))
    return out


# -- scoring --------------------------------------------------------------------------------


@dataclass
class Score:
    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]

    @staticmethod
    def empty() -> Score:
        return Score(Counter(), Counter(), Counter())

    def add(self, gold: list[NerSpan], pred: list[NerSpan]) -> None:
        g = {(s.start, s.end, s.label) for s in gold if s.label in SCORED}
        p = {(s.start, s.end, s.label) for s in pred if s.label in SCORED}
        for _, _, label in g & p:
            self.tp[label] += 1
        for _, _, label in p - g:
            self.fp[label] += 1
        for _, _, label in g - p:
            self.fn[label] += 1

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        labels = [label] if label else list(SCORED)
        tp = sum(self.tp[x] for x in labels)
        fp = sum(self.fp[x] for x in labels)
        fn = sum(self.fn[x] for x in labels)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def table(self) -> dict[str, dict[str, float]]:
        out = {}
        for label in (*SCORED, None):
            p, r, f = self.prf(label)
            out[label or "micro"] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}
        return out


def score(
    sentences: Iterable[Sentence], predict: Callable[[list[str]], list[NerSpan]]
) -> tuple[Score, float]:
    result = Score.empty()
    n = 0
    t0 = time.perf_counter()
    for words, labels in sentences:
        result.add(bio_to_spans(labels), predict(words))
        n += 1
    ms = (time.perf_counter() - t0) * 1000 / max(n, 1)
    return result, ms


# -- training -------------------------------------------------------------------------------


class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """Prints one progress line every 25 iterations."""

    def __init__(self, label: str, max_iterations: int) -> None:
        super().__init__(verbose=True)  # the hooks below only run when verbose
        self._label = label
        self._max = max_iterations
        self._t0 = time.perf_counter()

    def on_start(self, log_text: str) -> None:
        pass

    def on_featgen_progress(self, log_text: str, percent: float) -> None:
        pass

    def on_featgen_end(self, log_text: str) -> None:
        pass

    def on_prepared(self, log_text: str) -> None:
        pass

    def on_prepare_error(self, log_text: str) -> None:
        log(log_text)

    def on_optimization_end(self, log_text: str) -> None:
        pass

    def on_end(self, log_text: str) -> None:
        pass

    def on_iteration(self, log_text: str, info: dict[str, float]) -> None:
        it = int(info.get("num", 0))
        if it % 25 == 0 or it == 1:
            loss = info.get("loss", float("nan"))
            secs = time.perf_counter() - self._t0
            log(
                f"  [{self._label}] iteration {it}/{self._max}  loss {loss:,.0f}  "
                f"active features {int(info.get('active_features', 0)):,}  {secs:.0f}s"
            )


def train(
    sentences: list[Sentence], path: Path, c1: float, c2: float, label: str, iterations: int
) -> float:
    extract = FeatureExtractor(lexicon("de"), limit=10**7)
    trainer = _Trainer(label, iterations)
    t0 = time.perf_counter()
    for k, (words, labels) in enumerate(sentences):
        trainer.append(extract(words), labels)
        if (k + 1) % 5000 == 0:
            log(f"  [{label}] features for {k + 1:,}/{len(sentences):,} sentences")
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 1,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return time.perf_counter() - t0


def crf_predictor(path: Path) -> Callable[[list[str]], list[NerSpan]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    extract = FeatureExtractor(lexicon("de"))

    def predict(words: list[str]) -> list[NerSpan]:
        return bio_to_spans(list(tagger.tag(extract(words))))

    return predict


def rules_predictor() -> Callable[[list[str]], list[NerSpan]]:
    lex = lexicon("de")
    return lambda words: rule_spans(lex, words)


def combined_predictor(path: Path) -> Callable[[list[str]], list[NerSpan]]:
    """Model + gazetteer as ``find_mentions`` merges them: a listed name wins unless a model
    name strictly contains it."""
    model = crf_predictor(path)
    lex = lexicon("de")
    labels = {"country": "LOC", "seat": "LOC", "place": "LOC", "organization": "ORG"}
    labels |= {"media": "ORG", "metonym": "ORG"}

    def predict(words: list[str]) -> list[NerSpan]:
        names = model(words)
        out: list[NerSpan] = []
        taken = [False] * len(words)
        for m in lex.match_gazetteer(words):
            label = labels.get(m.entry.category)
            inside = any(
                s.start <= m.start and m.end <= s.end and s.end - s.start > m.end - m.start
                for s in names
            )
            if label and not inside:
                out.append(NerSpan(m.start, m.end, label))  # type: ignore[arg-type]
                taken[m.start : m.end] = [True] * (m.end - m.start)
        out += [s for s in names if not any(taken[s.start : s.end])]
        return out

    return predict


def _fmt(s: Score) -> str:
    parts = []
    for label in (*SCORED, None):
        p, r, f = s.prf(label)
        parts.append(f"{label or 'micro'} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return " | ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--compare", action="store_true", help="select corpora and c1/c2 on dev")
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args(argv)
    if not (args.data / "germeval2014").is_dir():
        log(f"{args.data}/germeval2014 is absent: pass --data pointing at ../shared/data")
        return 2
    t_start = time.perf_counter()
    log("reading corpora …")
    train_part, dev_part, heldout = germeval_split(args.data)
    extra = {"smartdata": read_smartdata(args.data), "mobie": read_mobie(args.data)}
    log(
        f"  GermEval 2014: {len(train_part):,} train, {len(dev_part):,} dev, "
        f"{len(heldout):,} held-out sentences (seed {SEED})"
    )
    for name, sents in extra.items():
        log(f"  {name}: {len(sents):,} sentences")

    def mix(name: str, base: list[Sentence]) -> list[Sentence]:
        out = list(base)
        for part in name.split("+")[1:]:
            out += extra[part]
        return out

    best = dict(BEST)
    comparison = []
    if args.compare:
        tmp = args.out.with_suffix(".tmp.crfsuite")
        grid = [
            ("germeval", 0.05, 0.01),
            ("germeval", 0.1, 0.01),
            ("germeval", 0.02, 0.05),
            ("germeval+smartdata", 0.05, 0.01),
            ("germeval+mobie", 0.05, 0.01),
        ]
        best_f = -1.0
        for k, (corpora, c1, c2) in enumerate(grid, 1):
            label = f"compare {k}/{len(grid)} {corpora} c1={c1} c2={c2}"
            log(label)
            train(mix(corpora, train_part), tmp, c1, c2, label, args.iterations)
            result, _ = score(dev_part, crf_predictor(tmp))
            f = result.prf()[2]
            log(f"  dev: {_fmt(result)}")
            comparison.append({"corpora": corpora, "c1": c1, "c2": c2, "dev": result.table()})
            if f > best_f:
                best_f, best = f, {"corpora": corpora, "c1": c1, "c2": c2}
        tmp.unlink(missing_ok=True)
        log(f"best on dev: {best}")

    final_train = mix(str(best["corpora"]), train_part + dev_part)
    log(f"training final model on {len(final_train):,} sentences: {best}")
    seconds = train(
        final_train, args.out, float(best["c1"]), float(best["c2"]), "final", args.iterations
    )
    log("scoring on held-out …")
    model_score, model_ms = score(heldout, crf_predictor(args.out))
    rules_score, rules_ms = score(heldout, rules_predictor())
    both_score, both_ms = score(heldout, combined_predictor(args.out))
    size_mb = args.out.stat().st_size / 1e6
    meta = {
        "feature_version": FEATURE_VERSION,
        "seed": SEED,
        "split": "GermEval 2014 dev+test pooled, shuffled, 70/10/20 train/dev/held-out",
        "config": best,
        "iterations": args.iterations,
        "train_sentences": len(final_train),
        "heldout_sentences": len(heldout),
        "heldout_model": model_score.table(),
        "heldout_rules": rules_score.table(),
        "heldout_model_plus_gazetteer": both_score.table(),
        "ms_per_sentence_model": round(model_ms, 3),
        "ms_per_sentence_rules": round(rules_ms, 3),
        "train_seconds": round(seconds, 1),
        "size_mb": round(size_mb, 2),
        "comparison": comparison,
    }
    args.out.with_suffix(".json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print("\nsummary")
    print(f"  model       {args.out} ({size_mb:.1f} MB), trained in {seconds:.0f}s on {best}")
    print(f"  held-out    {len(heldout):,} GermEval 2014 sentences (seed {SEED})")
    print(f"  CRF model   {_fmt(model_score)}   {model_ms:.2f} ms/sentence")
    print(f"  rules only  {_fmt(rules_score)}   {rules_ms:.2f} ms/sentence")
    print(f"  model+gaz   {_fmt(both_score)}   {both_ms:.2f} ms/sentence")
    print(f"  total time  {time.perf_counter() - t_start:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
