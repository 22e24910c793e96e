"""Shared scoring pieces: counts, precision/recall/F1, overlap, one-to-one assignment.

Both harnesses (SpkAtt, PolNeAR) compare a system's attributions with gold ones the same
way: score every (gold, system) pair by how much their messages overlap, pick the
one-to-one assignment with the largest total score (SciPy's algorithm, written out here so
that the package needs no SciPy and gives the same pairs), then count the units (tokens
or characters) of each role of each pair as true positives, false positives and false
negatives. Annotations left unpaired count all their units as false positives (system)
or false negatives (gold).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1; ``None`` where nothing was there to measure."""

    precision: float | None
    recall: float | None
    f1: float | None

    @classmethod
    def of(cls, precision: float | None, recall: float | None) -> PRF:
        return cls(precision, recall, f1(precision, recall))

    def to_json(self) -> dict[str, float | None]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of some unit."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def prf(self) -> PRF:
        return PRF.of(self.precision, self.recall)

    def to_json(self) -> dict[str, int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn}


def count(system: Collection[Any], gold: Collection[Any]) -> Counts:
    """Counts of one role of one pair: units in both, only in system, only in gold."""
    both = len(set(system) & set(gold))
    return Counts(both, len(system) - both, len(gold) - both)


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean. Undefined on one side means that side had nothing at all (no system
    units, or no gold units), so the other side is necessarily 0 and so is F1; undefined
    on both sides means there was nothing to score."""
    if precision is None and recall is None:
        return None
    if precision is None or recall is None or precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def overlap_f1(a: Collection[Any], b: Collection[Any]) -> float:
    """Dice coefficient of two sets of units (the F1 of one against the other); 0 if either
    is empty."""
    if not a or not b:
        return 0.0
    both = len(set(a) & set(b))
    return 2 * both / (len(a) + len(b))


def assign(scores: Sequence[Sequence[float]], *, keep_zero: bool = False) -> list[tuple[int, int]]:
    """One-to-one assignment of rows to columns with the largest total score.

    ``scores[i][j]`` is the score of pairing row ``i`` (a gold annotation) with column
    ``j`` (a system annotation). Returns ``(row, column)`` pairs sorted by row. As
    ``scipy.optimize.linear_sum_assignment(scores, maximize=True)`` does (and with the same
    choice among equal solutions), it pairs ``min(rows, columns)`` of them; with
    ``keep_zero=False`` pairs whose score is not positive are left out, so that a row or
    column with no overlap at all stays unmatched.
    """
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    if any(len(r) != cols for r in scores):
        raise ValueError("assign() needs a rectangular score matrix")
    transposed = cols < rows
    matrix = [list(col) for col in zip(*scores, strict=True)] if transposed else scores
    # Minimising the negated score maximises the score.
    col_of_row = _shortest_augmenting_path([[-value for value in row] for row in matrix])
    pairs = [(j, i) if transposed else (i, j) for i, j in enumerate(col_of_row)]
    return sorted(p for p in pairs if keep_zero or scores[p[0]][p[1]] > 0)


def _shortest_augmenting_path(cost: Sequence[Sequence[float]]) -> list[int]:
    """Minimum-cost assignment of every row of an n×m matrix (n <= m) to its own column.

    The Jonker-Volgenant style shortest augmenting path algorithm of Crouse (2016), step
    for step as SciPy implements it (``rectangular_lsap.cpp``, including the order in
    which it scans columns and breaks ties), so that equal-score alternatives come out as
    they do in the shared tasks' scorers, which call SciPy.
    """
    n = len(cost)
    m = len(cost[0])
    inf = float("inf")
    u = [0.0] * n
    v = [0.0] * m
    path = [-1] * m
    col4row = [-1] * n
    row4col = [-1] * m
    for current in range(n):
        # find the shortest augmenting path from row `current`
        shortest = [inf] * m
        in_rows = [False] * n
        in_cols = [False] * m
        remaining = list(range(m - 1, -1, -1))  # reversed: a constant matrix gives identity
        min_val = 0.0
        i = current
        sink = -1
        while sink == -1:
            index = -1
            lowest = inf
            in_rows[i] = True
            for it, j in enumerate(remaining):
                reduced = min_val + cost[i][j] - u[i] - v[j]
                if reduced < shortest[j]:
                    path[j] = i
                    shortest[j] = reduced
                # among equally short paths prefer one that ends in a free column
                if shortest[j] < lowest or (shortest[j] == lowest and row4col[j] == -1):
                    lowest = shortest[j]
                    index = it
            min_val = lowest
            if min_val == inf:
                raise ValueError("assign(): infeasible score matrix")
            j = remaining[index]
            if row4col[j] == -1:
                sink = j
            else:
                i = row4col[j]
            in_cols[j] = True
            remaining[index] = remaining[-1]
            remaining.pop()
        # update the dual variables
        u[current] += min_val
        for r in range(n):
            if in_rows[r] and r != current:
                u[r] += min_val - shortest[col4row[r]]
        for c in range(m):
            if in_cols[c]:
                v[c] -= min_val - shortest[c]
        # augment the previous solution along the path
        j = sink
        while True:
            i = path[j]
            row4col[j] = i
            col4row[i], j = j, col4row[i]
            if i == current:
                break
    return col4row


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
