from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.errors import ConfigError, ResourceError
from storytrace.resources import load_lines, load_toml, supported_languages
from storytrace.settings import DEFAULT_SETTINGS, load_settings


def test_defaults_load() -> None:
    s = load_settings()
    assert s == DEFAULT_SETTINGS
    assert s.clean.languages == ("de", "en")
    assert s.ingest.max_file_bytes > s.ingest.max_document_bytes > 0


def test_override(tmp_path: Path) -> None:
    cfg = tmp_path / "my.toml"
    cfg.write_text("[ingest]\nmax_file_bytes = 1000\n")
    s = load_settings(cfg)
    assert s.ingest.max_file_bytes == 1000
    assert s.clean == DEFAULT_SETTINGS.clean


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[ingest]\nmax_file_byte = 1\n", "unknown setting ingest.max_file_byte"),
        ("[ingst]\n", "unknown section"),
        ("[ingest]\nmax_file_bytes = 'big'\n", "must be int"),
        ("[ingest\n", "not valid TOML"),
        ("[ingest]\nmax_file_bytes = -5\n", "must be positive"),
    ],
)
def test_bad_settings_are_refused(tmp_path: Path, content: str, message: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(cfg)


def test_missing_settings_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "nope.toml")


def test_resources_name_supported_languages() -> None:
    assert {"de", "en"} <= set(supported_languages())
    assert load_toml("de", "segmentation")["months"]
    with pytest.raises(ResourceError, match=r"supported: .*de.*en"):
        load_toml("xx", "segmentation")
    with pytest.raises(ResourceError, match="missing"):
        load_toml("de", "no_such_resource")
    with pytest.raises(ResourceError, match="missing"):
        load_lines("de", "no_such_list")
