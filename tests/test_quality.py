"""Static quality gate: ruff and mypy --strict must pass on the whole code base."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import REPO


def _tool(name: str) -> list[str]:
    exe = shutil.which(name, path=str(REPO / ".venv" / "bin")) or shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[dev]')")
    return [exe]


def test_ruff() -> None:
    proc = subprocess.run(
        [*_tool("ruff"), "check", "src", "tests", "benchmarks", "training"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr
