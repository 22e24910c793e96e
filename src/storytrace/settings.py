"""Settings: defaults in the shipped ``settings.toml``, optionally overridden by a user file.

Validated once at start-up; stages receive the frozen ``Settings`` record and never read
files or environment variables themselves.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

from storytrace.errors import ConfigError


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_document_bytes: int
    max_file_bytes: int
    min_encoding_confidence: float
    min_text_chars: int


@dataclass(frozen=True, slots=True)
class CleanSettings:
    languages: tuple[str, ...]
    teaser_max_words: int


@dataclass(frozen=True, slots=True)
class AnnotateSettings:
    max_sentence_chars: int


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestSettings
    clean: CleanSettings
    annotate: AnnotateSettings


_SECTIONS: dict[str, type] = {
    "ingest": IngestSettings,
    "clean": CleanSettings,
    "annotate": AnnotateSettings,
}


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    merged = {k: dict(v) for k, v in base.items()}
    for section, values in override.items():
        if section not in merged:
            raise ConfigError(f"{where}: unknown section [{section}]; known: {', '.join(merged)}")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: [{section}] must be a table")
        for key, value in values.items():
            if key not in merged[section]:
                known = ", ".join(merged[section])
                raise ConfigError(f"{where}: unknown setting {section}.{key}; known: {known}")
            if type(value) is not type(merged[section][key]) and not (
                isinstance(value, int) and isinstance(merged[section][key], float)
            ):
                raise ConfigError(
                    f"{where}: {section}.{key} must be {type(merged[section][key]).__name__}, "
                    f"got {value!r}"
                )
            merged[section][key] = value
    return merged


def load_settings(path: Path | None = None) -> Settings:
    """Defaults, overridden by ``path`` if given. Raises ``ConfigError`` with the reason."""
    text = resources.files("storytrace").joinpath("settings.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    if path is not None:
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read settings file ({exc.strerror})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        data = _merge(data, user, str(path))
    built: dict[str, Any] = {}
    for name, cls in _SECTIONS.items():
        section = data[name]
        kwargs = {}
        for f in fields(cls):
            value = section[f.name]
            kwargs[f.name] = tuple(value) if isinstance(value, list) else value
        built[name] = cls(**kwargs)
    settings = Settings(**built)
    if settings.ingest.max_document_bytes <= 0 or settings.ingest.max_file_bytes <= 0:
        raise ConfigError("ingest size limits must be positive")
    return settings


DEFAULT_SETTINGS = load_settings()
