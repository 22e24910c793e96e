"""Exceptions the library raises. Each message names the input and says how to fix it."""

from __future__ import annotations


class StorytraceError(Exception):
    """Base class: anything the CLI may show the user as one line, without a traceback."""


class InputError(StorytraceError):
    """An input (file, line, record) cannot be used. ``kind`` matches ``Skipped.kind``."""

    def __init__(self, source: str, problem: str, kind: str = "error", locator: str | None = None):
        self.source = source
        self.problem = problem
        self.kind = kind
        self.locator = locator
        where = f"{source} ({locator})" if locator else source
        super().__init__(f"{where}: {problem}")


class ResourceError(StorytraceError):
    """A language resource is missing or malformed."""


class StoreError(StorytraceError):
    """The store cannot be opened or written (wrong file, newer schema, disk full)."""


class ConfigError(StorytraceError):
    """A setting has a value the pipeline cannot work with."""
