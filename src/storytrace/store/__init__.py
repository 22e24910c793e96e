"""The store: the only package that knows SQL.

``open_store`` returns a ``Store``; today that is SQLite (one file, no server). A PostgreSQL
backend would be a second module implementing the same ``Store`` protocol, chosen by the
location's scheme.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Literal, Protocol

from storytrace.model import AnnotatedArticle, Origin
from storytrace.store.sqlite import SQLiteStore

PutResult = Literal["new", "unchanged", "updated"]

__all__ = ["PutResult", "SQLiteStore", "Store", "open_store"]


class Store(Protocol):
    path: Path

    def put_article(self, annotated: AnnotatedArticle) -> PutResult: ...
    def add_source(self, article_id: str, origin: Origin) -> bool: ...
    def article_ids(self) -> list[str]: ...
    def get_articles(self, ids: list[str] | None = None) -> list[AnnotatedArticle]: ...
    def sources(self, ids: list[str] | None = None) -> dict[str, list[str]]: ...
    def fingerprints(self) -> dict[str, str]: ...
    def link_state_reader(self, name: str = "link") -> IO[bytes] | None: ...
    def write_link_state(
        self, write: Callable[[IO[bytes]], None], articles: int, name: str = "link"
    ) -> int: ...
    def get_link_state(self, name: str = "link") -> bytes | None: ...
    def put_link_state(self, data: bytes, articles: int, name: str = "link") -> None: ...
    def close(self) -> None: ...


def open_store(location: str | Path) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``location``."""
    text = str(location)
    if "://" in text and not text.startswith("sqlite://"):
        scheme = text.split("://", 1)[0]
        raise_for = f"store backend {scheme!r} is not available; use a file path for SQLite"
        from storytrace.errors import StoreError

        raise StoreError(raise_for)
    return SQLiteStore(Path(text.removeprefix("sqlite://")))
