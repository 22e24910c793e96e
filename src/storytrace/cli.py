"""Command line: a thin layer over ``storytrace.pipeline`` and ``storytrace.report``.

It parses arguments, shows progress, prints one line per problem and a closing summary,
and maps outcomes to exit codes. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from storytrace import __version__
from storytrace.errors import StorytraceError
from storytrace.ingest import InputItem
from storytrace.model import RunSummary, Skipped

if TYPE_CHECKING:
    from storytrace.evaluate import EvalRun
    from storytrace.evaluate.matching import PRF

EXIT_OK = 0
EXIT_SOME_SKIPPED = 1
EXIT_USAGE = 2
EXIT_NOTHING_DONE = 3
EXIT_ERROR = 4

EXIT_CODES_HELP = f"""\
exit status:
  {EXIT_OK}  all inputs were processed
  {EXIT_SOME_SKIPPED}  some inputs were skipped (each named on stderr); the rest was
      processed and stored
  {EXIT_USAGE}  the command line was wrong
  {EXIT_NOTHING_DONE}  nothing could be done: no input yielded an article
  {EXIT_ERROR}  the store, the settings or the output directory could not be used
"""

DEFAULT_DB_NAME = "storytrace.sqlite"


class _Reporter:
    """Progress bar, per-problem lines and JSON log lines on stderr."""

    def __init__(self, stream: IO[str], *, quiet: bool, log_json: bool) -> None:
        self.stream = stream
        self.quiet = quiet
        self.log_json = log_json
        self.articles = 0
        self._progress: Any = None
        self._task: Any = None

    def _emit(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream)

    def start(self, total_inputs: int) -> None:
        if self.quiet or total_inputs == 0:
            return
        from rich.progress import TextColumn

        from storytrace.progress import progress_bar

        self._progress = progress_bar(
            self.stream,
            "[bold]analyze",
            "inputs",
            TextColumn("{task.fields[articles]} articles"),
        )
        self._progress.start()
        self._task = self._progress.add_task("analyze", total=total_inputs, articles=0)

    def input_done(self, item: InputItem | Skipped) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, articles=self.articles)

    def article_done(self, article_id: str, status: str) -> None:
        self.articles += 1
        if self._progress is not None:
            self._progress.update(self._task, articles=self.articles)

    def skipped(self, item: Skipped) -> None:
        if self.log_json:
            record = {
                "event": "skipped",
                "source": item.source,
                "locator": item.locator,
                "kind": item.kind,
                "problem": item.problem,
            }
            self._emit(json.dumps(record, ensure_ascii=False))
        else:
            self._emit(f"skipped: {item.label()}: {item.problem}")

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def info(self, line: str) -> None:
        if not self.quiet:
            self._emit(line)


def _summary_lines(summary: RunSummary) -> list[str]:
    lines = [
        f"processed {summary.processed} article(s) "
        f"({summary.new} new, {summary.unchanged} unchanged, {summary.updated} updated) "
        f"in {summary.seconds:.1f} s"
    ]
    if summary.skipped:
        kinds = Counter(s.kind for s in summary.skipped)
        detail = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
        lines.append(f"skipped {len(summary.skipped)} input item(s): {detail}")
    else:
        lines.append("skipped nothing")
    return lines


def _exit_status(summary: RunSummary) -> int:
    if summary.processed == 0:
        return EXIT_NOTHING_DONE
    return EXIT_SOME_SKIPPED if summary.skipped else EXIT_OK


def _write(dossier: dict[str, Any], out_dir: Path) -> list[Path]:
    from storytrace.report import write_dossier

    try:
        return write_dossier(dossier, out_dir)
    except OSError as exc:
        raise StorytraceError(f"{out_dir}: cannot write the dossier ({exc.strerror})") from exc


def cmd_analyze(args: argparse.Namespace) -> int:
    from storytrace.pipeline import analyze
    from storytrace.report import store_dossier
    from storytrace.settings import load_settings
    from storytrace.store import open_store

    reporter = _Reporter(sys.stderr, quiet=args.quiet, log_json=args.log_json)
    settings = load_settings(args.config)
    out_dir: Path = args.out
    db_path: Path = args.db if args.db is not None else out_dir / DEFAULT_DB_NAME
    if args.db is None:
        reporter.info(f"store: {db_path} (default: inside --out; choose another with --db)")
    else:
        reporter.info(f"store: {db_path}")
    with open_store(db_path) as store:
        try:
            summary = analyze(
                args.paths,
                settings,
                store,
                stdin=sys.stdin.buffer if "-" in args.paths else None,
                observer=reporter,
                jobs=args.jobs,
            )
        finally:
            reporter.stop()
        ids = list(summary.article_ids) if args.only_inputs else None
        dossier, linking = store_dossier(store, ids=ids, skipped=summary.skipped, jobs=args.jobs)
    written: list[Path] = []
    if dossier is not None:
        written = _write(dossier, out_dir)
    for line in _summary_lines(summary):
        reporter.info(line)
    if written:
        scope = "this run's inputs" if args.only_inputs else "all articles in the store"
        count = len(dossier["articles"]) if dossier is not None else 0
        reporter.info(f"{linking}")
        reporter.info(f"dossier ({count} articles, {scope}): " + ", ".join(str(p) for p in written))
    else:
        reporter.info("no dossier written: the store holds no article")
    if args.log_json:
        record = {
            "event": "summary",
            "processed": summary.processed,
            "new": summary.new,
            "unchanged": summary.unchanged,
            "updated": summary.updated,
            "skipped": len(summary.skipped),
            "store": str(db_path),
            "outputs": [str(p) for p in written],
        }
        reporter._emit(json.dumps(record, ensure_ascii=False))
    return _exit_status(summary)


def cmd_report(args: argparse.Namespace) -> int:
    from storytrace.report import store_dossier
    from storytrace.store import open_store

    if not args.db.exists():
        raise StorytraceError(f"{args.db}: no such store; run 'storytrace analyze' first")
    with open_store(args.db) as store:
        dossier, linking = store_dossier(store)
    if dossier is None:
        print(f"{args.db}: {linking}; nothing to report", file=sys.stderr)
        return EXIT_NOTHING_DONE
    written = _write(dossier, args.out)
    if not args.quiet:
        print(linking, file=sys.stderr)
        print(
            f"dossier ({len(dossier['articles'])} articles): " + ", ".join(str(p) for p in written),
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from storytrace.serve import make_server

    server = make_server(args.db, host=args.host, port=args.port)
    try:
        if not args.quiet:
            print(f"serving {args.db} at {server.url} (Ctrl-C to stop)", file=sys.stderr)
            if not server.loopback_only:
                print(
                    f"note: listening on {args.host}: anyone who can reach it can read the "
                    "dossier (read-only)",
                    file=sys.stderr,
                )
        server.serve_forever()
    except KeyboardInterrupt:
        if not args.quiet:
            print("stopped", file=sys.stderr)
    finally:
        server.server_close()
    return EXIT_OK


EVAL_EXIT_CODES_HELP = f"""\
exit status:
  {EXIT_OK}  every input file got a prediction (and was scored, with --gold)
  {EXIT_SOME_SKIPPED}  some files were skipped (each named on stderr); the rest was
      predicted and scored
  {EXIT_USAGE}  the command line was wrong
  {EXIT_NOTHING_DONE}  nothing could be done: no input file could be used
  {EXIT_ERROR}  a directory could not be used, or the extractor is not available
"""


class _EvalReporter:
    """Progress bar and per-problem lines on stderr for ``storytrace eval``."""

    def __init__(self, stream: IO[str], label: str, *, quiet: bool) -> None:
        self.stream = stream
        self.label = label
        self.quiet = quiet
        self.problems = 0
        self._progress: Any = None
        self._task: Any = None

    def _emit(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream)

    def started(self, total: int) -> None:
        if self.quiet or total == 0:
            return
        from rich.progress import TextColumn

        from storytrace.progress import progress_bar

        self._progress = progress_bar(
            self.stream,
            f"[bold]{self.label}",
            "files",
            TextColumn("{task.fields[skipped]} skipped"),
        )
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=total, skipped=0)

    def file_done(self, name: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, skipped=self.problems)

    def skipped(self, item: Skipped) -> None:
        self.problems += 1
        self._emit(f"skipped: {item.label()}: {item.problem}")

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def info(self, line: str) -> None:
        if not self.quiet:
            self._emit(line)


def _score_table(title: str, rows: list[tuple[str, PRF]]) -> str:
    """Rows of (label, PRF) as a fixed-width table."""

    def cell(value: float | None) -> str:
        return f"{value:6.3f}" if value is not None else "   n/a"

    width = max(len(label) for label, _ in rows)
    lines = [title, f"{'':{width}}      P      R     F1"]
    for label, prf in rows:
        lines.append(f"{label:{width}}  {cell(prf.precision)} {cell(prf.recall)} {cell(prf.f1)}")
    return "\n".join(lines)


def _finish_eval(run: EvalRun[Any], reporter: _EvalReporter, title: str) -> int:
    """Summary on stderr, scores on stdout, exit status."""
    if run.inputs == 0:
        reporter.info("no input file found; nothing to do")
        return EXIT_NOTHING_DONE
    rate = len(run.processed) / run.extract_seconds if run.extract_seconds > 0 else 0.0
    reporter.info(
        f"predicted {len(run.processed)} of {run.inputs} file(s) in {run.seconds:.1f} s "
        f"(extraction {run.extract_seconds:.1f} s, {rate:.1f} files/s)"
    )
    reporter.info(f"skipped {len(run.skipped)} file(s)" if run.skipped else "skipped nothing")
    if run.unscored:
        reporter.info(f"not scored, no gold file: {len(run.unscored)} file(s)")
    if run.scores_path is not None:
        reporter.info(f"scores: {run.scores_path}")
    if run.scores is not None:
        print(_score_table(f"{title}, {run.scores.documents} document(s)", run.scores.rows()))
    if not run.processed:
        return EXIT_NOTHING_DONE
    return EXIT_SOME_SKIPPED if run.skipped else EXIT_OK


def cmd_eval_spkatt(args: argparse.Namespace) -> int:
    from storytrace.evaluate.spkatt import evaluate_spkatt

    reporter = _EvalReporter(sys.stderr, "eval spkatt", quiet=args.quiet)
    try:
        run = evaluate_spkatt(args.in_dir, args.out, args.gold, observer=reporter)
    finally:
        reporter.stop()
    return _finish_eval(run, reporter, "GermEval 2023 SpkAtt task 2 (macro)")


def cmd_eval_polnear(args: argparse.Namespace) -> int:
    from storytrace.evaluate.polnear import evaluate_polnear
    from storytrace.settings import load_settings

    settings = load_settings(args.config)
    reporter = _EvalReporter(sys.stderr, "eval polnear", quiet=args.quiet)
    try:
        run = evaluate_polnear(
            args.text_dir,
            args.out,
            args.gold,
            observer=reporter,
            max_sentence_chars=settings.annotate.max_sentence_chars,
        )
    finally:
        reporter.stop()
    return _finish_eval(run, reporter, "PolNeAR, characters (micro)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storytrace",
        description="Sourced dossiers from news coverage of a developing story.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"storytrace {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    an = sub.add_parser(
        "analyze",
        help="ingest, clean and annotate articles, store them, write the dossier",
        description=(
            "Read articles from files, directories (recursively) and '-' (stdin): plain text, "
            "HTML, JSON Lines, WARC(.gz), RSS/Atom, CSV. Clean, annotate and store them, then "
            "write DIR/dossier.json, DIR/dossier.html and DIR/dossier.md for all articles in "
            "the store. Re-running on the same input changes nothing in the store."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    an.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or - for stdin")
    an.add_argument("--out", type=Path, required=True, metavar="DIR", help="output directory")
    an.add_argument(
        "--db",
        type=Path,
        metavar="FILE",
        help=f"SQLite store (default: DIR/{DEFAULT_DB_NAME}); later runs add to it",
    )
    an.add_argument("--config", type=Path, metavar="FILE", help="TOML file overriding settings")
    an.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes for clean+annotate and for preparing articles for linking",
    )
    an.add_argument(
        "--only-inputs",
        action="store_true",
        help="dossier of this run's articles only (default: every article in the store)",
    )
    an.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    an.add_argument(
        "--log-json",
        action="store_true",
        help="one JSON line per skipped item (and a closing summary line) on stderr",
    )
    an.set_defaults(func=cmd_analyze)

    rep = sub.add_parser(
        "report",
        help="write the dossier for everything in a store",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rep.add_argument("--db", type=Path, required=True, metavar="FILE", help="SQLite store")
    rep.add_argument("--out", type=Path, required=True, metavar="DIR", help="output directory")
    rep.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    rep.set_defaults(func=cmd_report)

    srv = sub.add_parser(
        "serve",
        help="a local, read-only web app over a store: the dossier's views, search, JSON API",
        description=(
            "Serve the dossier of a store as a web app: the views of dossier.html, search "
            "(names, text, figures) and a read-only JSON API described at /openapi.json. "
            "Reloads when the store changes. See docs/viewer.md."
        ),
        epilog="exit status: 0 after Ctrl-C, 4 if the store or the address cannot be used",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    srv.add_argument("--db", type=Path, required=True, metavar="FILE", help="SQLite store")
    srv.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to listen on (default 127.0.0.1, this machine only)",
    )
    srv.add_argument(
        "--port", type=int, default=8765, metavar="N", help="port (default 8765; 0 picks one)"
    )
    srv.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    srv.set_defaults(func=cmd_serve)

    ev = sub.add_parser(
        "eval",
        help="run the attribution extractor on a gold-standard corpus and score it",
        description=(
            "Predict attributions for the files of a corpus, write them in the corpus's "
            "own format, and with --gold score them. See docs/evaluation.md."
        ),
        epilog=EVAL_EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ev.set_defaults(func=lambda _args: _eval_usage(ev))
    tasks = ev.add_subparsers(dest="task", metavar="TASK")
    spk = tasks.add_parser(
        "spkatt",
        help="GermEval 2023 SpkAtt task 2 (German news, tokenised JSON)",
        description=(
            "Read IN_DIR/*.json (SpkAtt task-2 files; their Annotations are ignored), run "
            "the German extractor on their tokens, write OUT_DIR/<same name>.json with the "
            "predicted Annotations. With --gold, score as the shared task does and write "
            "OUT_DIR/scores.json."
        ),
        epilog=EVAL_EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    spk.add_argument("in_dir", type=Path, metavar="IN_DIR", help="folder of task-2 .json files")
    pol = tasks.add_parser(
        "polnear",
        help="PolNeAR (English news, raw text, brat stand-off)",
        description=(
            "Read TEXT_DIR/*.txt, split sentences and run the English extractor, write "
            "OUT_DIR/<stem>.ann (brat). With --gold (PolNeAR's attributions/ folder), score "
            "characters per role and write OUT_DIR/scores.json."
        ),
        epilog=EVAL_EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pol.add_argument("text_dir", type=Path, metavar="TEXT_DIR", help="folder of .txt files")
    for task, gold_help, func in (
        (spk, "folder of gold .json files with the same names", cmd_eval_spkatt),
        (pol, "folder of gold .ann files (<stem>.ann or <stem>_<annotator>.ann)", cmd_eval_polnear),
    ):
        task.add_argument(
            "--out", type=Path, required=True, metavar="DIR", help="where predictions go"
        )
        task.add_argument("--gold", type=Path, metavar="DIR", help=gold_help)
        task.add_argument(
            "--quiet", "-q", action="store_true", help="no progress bar and no summary"
        )
        task.set_defaults(func=func)
    pol.add_argument("--config", type=Path, metavar="FILE", help="TOML file overriding settings")
    return parser


def _eval_usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if getattr(args, "jobs", 1) < 1:
        parser.error("--jobs must be at least 1")
    try:
        return int(args.func(args))
    except StorytraceError as exc:
        print(f"storytrace: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("storytrace: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"storytrace: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
