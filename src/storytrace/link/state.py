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
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from storytrace import __version__
from storytrace.errors import ConfigError
from storytrace.link.claims import ClaimIndex, Embedder
from storytrace.link.reuse import ReuseIndex
from storytrace.link.stories import StoryIndex

__all__ = ["LinkState", "restore"]

_FORMAT = "storytrace-link-state"
_VERSION = 1


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
        header = {
            "format": _FORMAT,
            "version": _VERSION,
            "storytrace": __version__,
            "fingerprints": self.fingerprints,
        }
        buf = io.BytesIO()
        np.savez(
            buf,
            header=np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8),
            reuse=np.frombuffer(self.reuse.to_bytes(), dtype=np.uint8),
            stories=np.frombuffer(self.stories.to_bytes(), dtype=np.uint8),
            claims=np.frombuffer(self.claims.to_bytes(), dtype=np.uint8),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, embedder: Embedder | None = None) -> LinkState:
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as z:
                header = json.loads(bytes(z["header"]).decode("utf-8"))
                blobs = {k: bytes(z[k]) for k in ("reuse", "stories", "claims")}
        except (ValueError, OSError, KeyError) as exc:
            raise ConfigError(f"not a link state ({exc})") from exc
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
        return cls(
            ReuseIndex.from_bytes(blobs["reuse"]),
            StoryIndex.from_bytes(blobs["stories"]),
            ClaimIndex.from_bytes(blobs["claims"], embedder),
            dict(header["fingerprints"]),
        )


def restore(
    data: bytes | None, fingerprints: Mapping[str, str], embedder: Embedder | None = None
) -> tuple[LinkState, str | None]:
    """The saved state if it can be extended to the collection, else a new one and the
    reason why the old one was not used (None when there was none)."""
    if data is None:
        return LinkState.new(embedder), None
    try:
        state = LinkState.from_bytes(data, embedder)
    except ConfigError as exc:
        return LinkState.new(embedder), str(exc)
    reason = state.stale(fingerprints)
    if reason is not None:
        return LinkState.new(embedder), reason
    return state, None
