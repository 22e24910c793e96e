"""What the link stage keeps between runs, so that adding articles to a store links only
what is new: the reuse index, the story index and the claim index, plus the fingerprint of
every article they hold.

The state is valid for a collection when every article it holds is still there with the
same fingerprint; new articles are then added to it. An article that changed or left the
store makes it stale (none of the three indexes can take an article back out), and the
caller rebuilds from scratch; :func:`restore` says why.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO

from storytrace import __version__
from storytrace.errors import ConfigError
from storytrace.link.claims import ClaimIndex, Embedder
from storytrace.link.frames import FrameReader, FrameWriter
from storytrace.link.reuse import ReuseIndex
from storytrace.link.stories import StoryIndex

__all__ = ["LinkState", "restore"]

_FORMAT = "storytrace-link-state"
_VERSION = 2  # 2: a stream of frames (storytrace.link.frames)


@dataclass(slots=True)
class LinkState:
    reuse: ReuseIndex
    stories: StoryIndex
    claims: ClaimIndex
    #: Article id → fingerprint (the store's) of every article the indexes hold.
    fingerprints: dict[str, str] = field(default_factory=dict)

    @classmethod
    def new(cls, embedder: Embedder | None = None) -> LinkState:
        return cls(ReuseIndex(), StoryIndex(), ClaimIndex(embedder))

    def __len__(self) -> int:
        return len(self.fingerprints)

    def stale(self, fingerprints: Mapping[str, str]) -> str | None:
        """Why this state cannot be extended to the collection ``fingerprints``, or None."""
        gone = [a for a in self.fingerprints if a not in fingerprints]
        changed = [
            a for a, fp in self.fingerprints.items() if a in fingerprints and fingerprints[a] != fp
        ]
        if not gone and not changed:
            return None
        parts = []
        if changed:
            parts.append(f"{len(changed)} article(s) changed since the last run")
        if gone:
            parts.append(f"{len(gone)} article(s) left the store")
        return " and ".join(parts)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.write(buf)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, embedder: Embedder | None = None) -> LinkState:
        return cls.read(io.BytesIO(data), embedder)

    def write(self, fh: IO[bytes]) -> None:
        """Write the state to a binary stream, index by index (``storytrace.link.frames``):
        at no point is the whole of it in memory a second time."""
        out = FrameWriter(fh)
        out.json("link", {"format": _FORMAT, "version": _VERSION, "storytrace": __version__})
        out.rows("link.fingerprints", self.fingerprints.items(), len(self.fingerprints))
        self.reuse.write(out)
        self.stories.write(out)
        self.claims.write(out)

    @classmethod
    def read(cls, fh: IO[bytes], embedder: Embedder | None = None) -> LinkState:
        inp = FrameReader(fh, "link state")
        header = inp.json("link")
        if not isinstance(header, dict):
            raise ConfigError("not a link state")
        if header.get("format") != _FORMAT or header.get("version") != _VERSION:
            raise ConfigError(
                f"link state format {header.get('format')} v{header.get('version')} is not "
                f"{_FORMAT} v{_VERSION}"
            )
        if header.get("storytrace") != __version__:
            # thresholds and rules may differ between versions: decisions made by another
            # version are not this version's
            raise ConfigError(
                f"the link state was written by storytrace {header.get('storytrace')}, "
                f"this is {__version__}"
            )
        fingerprints = dict(inp.rows("link.fingerprints"))
        return cls(
            ReuseIndex.read(inp),
            StoryIndex.read(inp),
            ClaimIndex.read(inp, embedder),
            fingerprints,
        )


def restore(
    data: bytes | IO[bytes] | None,
    fingerprints: Mapping[str, str],
    embedder: Embedder | None = None,
) -> tuple[LinkState, str | None]:
    """The saved state (bytes, or a binary stream such as ``store.link_state_reader()``)
    if it can be extended to the collection, else a new one and the reason why the old one
    was not used (None when there was none)."""
    if data is None:
        return LinkState.new(embedder), None
    try:
        state = LinkState.read(io.BytesIO(data) if isinstance(data, bytes) else data, embedder)
    except ConfigError as exc:
        return LinkState.new(embedder), str(exc)
    reason = state.stale(fingerprints)
    if reason is not None:
        return LinkState.new(embedder), reason
    return state, None
