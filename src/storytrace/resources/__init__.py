"""Language knowledge as data: ``resources/<lang>/<name>.toml`` (or ``.txt``).

Adding a language means adding a folder; asking for one that has no folder raises a
``ResourceError`` that names the supported ones. ``common/`` holds language-independent data
(wire agencies, outlet domains).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources as _res
from typing import Any

from storytrace.errors import ResourceError

_ROOT = _res.files("storytrace.resources")


def supported_languages() -> tuple[str, ...]:
    return tuple(
        sorted(
            p.name
            for p in _ROOT.iterdir()
            if p.is_dir() and len(p.name) == 2 and not p.name.startswith("_")
        )
    )


@cache
def load_toml(lang: str, name: str) -> dict[str, Any]:
    """Load ``resources/<lang>/<name>.toml``; ``lang`` may be ``"common"``."""
    folder = _ROOT.joinpath(lang)
    if lang != "common" and lang not in supported_languages():
        raise ResourceError(
            f"no resources for language {lang!r}; supported: {', '.join(supported_languages())}"
        )
    path = folder.joinpath(f"{name}.toml")
    if not path.is_file():
        raise ResourceError(f"resource {lang}/{name}.toml is missing")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"resource {lang}/{name}.toml is not valid TOML: {exc}") from exc


@cache
def load_lines(lang: str, name: str) -> tuple[str, ...]:
    """Load ``resources/<lang>/<name>.txt``: one entry per line; lines starting with ``#`` are
    comments (a ``#`` inside an entry, as in a hashtag, is kept)."""
    if lang != "common" and lang not in supported_languages():
        raise ResourceError(
            f"no resources for language {lang!r}; supported: {', '.join(supported_languages())}"
        )
    path = _ROOT.joinpath(lang).joinpath(f"{name}.txt")
    if not path.is_file():
        raise ResourceError(f"resource {lang}/{name}.txt is missing")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)
