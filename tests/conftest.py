"""Shared fixtures. Tests that need ``../shared`` skip with a reason where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
EXAMPLES = REPO / "examples" / "articles"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: these tests need ../shared beside the checkout (as in CI)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(SEEDS)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return _need(DATA)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def settings():  # type: ignore[no-untyped-def]
    from storytrace.settings import DEFAULT_SETTINGS

    return DEFAULT_SETTINGS
