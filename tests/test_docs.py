"""Documentation is tested: every command and option has help text and a docs entry."""

from __future__ import annotations

import argparse
import re

from conftest import REPO
from storytrace.cli import build_parser


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_and_option_is_documented() -> None:
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    commands = _subparsers(build_parser())
    assert {"analyze", "report"} <= set(commands)
    for name, sub in commands.items():
        assert f"`storytrace {name}" in docs, f"docs/cli.md lacks a section for {name}"
        for action in sub._actions:
            if action.help == argparse.SUPPRESS or not action.option_strings:
                continue
            assert action.help, f"{name} {action.option_strings} has no help text"
            long = next(o for o in action.option_strings if o.startswith("--"))
            if long != "--help":
                assert f"`{long}" in docs, f"docs/cli.md does not document {name} {long}"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, flags=re.S)
    assert len(blocks) >= 2
    assert "storytrace analyze examples/articles/" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip().splitlines()[-1] in ci, ".ci/run must run the README's test command"
