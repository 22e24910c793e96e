"""Disjoint sets over string ids (syndication groups, claims, contested propositions)."""

from __future__ import annotations

__all__ = ["UnionFind"]


class UnionFind:
    """Union by smallest id (so a group's root is its smallest member), path halving.
    ``parent`` is plain data, so an index can serialise it."""

    def __init__(self, parent: dict[str, str] | None = None) -> None:
        self.parent = parent if parent is not None else {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
