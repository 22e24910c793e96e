"""Write the dossier's three files, each atomically, after checking the dossier."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from storytrace.errors import StorytraceError
from storytrace.report.dossier import validate_dossier
from storytrace.report.html import render_html
from storytrace.report.json_out import render_json
from storytrace.report.markdown import render_markdown

#: File name → renderer, in the order the files are written and returned.
OUTPUTS: tuple[tuple[str, Callable[[Mapping[str, Any]], str]], ...] = (
    ("dossier.json", render_json),
    ("dossier.html", render_html),
    ("dossier.md", render_markdown),
)


def write_dossier(dossier: Mapping[str, Any], out_dir: Path) -> list[Path]:
    """Validate ``dossier`` and write ``dossier.json``, ``.html`` and ``.md`` into ``out_dir``.

    Creates ``out_dir`` if needed. Each file is written to a temporary file beside it and
    moved into place, so a crash never leaves a half-written dossier where a good one was.
    Renders everything before writing anything. Raises ``StorytraceError`` if the dossier is
    invalid or a file cannot be written.
    """
    validate_dossier(dossier)
    out_dir = Path(out_dir)
    rendered = [(out_dir / name, render(dossier)) for name, render in OUTPUTS]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise StorytraceError(
            f"{out_dir}: exists and is not a directory; choose another --out directory"
        ) from exc
    except OSError as exc:
        raise StorytraceError(f"{out_dir}: cannot create directory ({exc.strerror})") from exc
    for path, text in rendered:
        _write_atomic(path, text)
    return [path for path, _ in rendered]


def _write_atomic(path: Path, text: str) -> None:
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise StorytraceError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
