"""The frame stream the link state is written in (``storytrace.link.frames``)."""

from __future__ import annotations

import io

import numpy as np
import pytest

from storytrace.errors import ConfigError
from storytrace.link import frames
from storytrace.link.frames import FrameReader, FrameWriter


def _stream(monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setattr(frames, "CHUNK", 3)  # several chunks from a few rows
    buf = io.BytesIO()
    out = FrameWriter(buf)
    out.json("head", {"format": "x", "n": 2})
    out.rows("items", ([k, f"wert {k} äö"] for k in range(7)), 7)
    out.rows("none", [], 0)
    out.array("ints", np.arange(5, dtype=np.int32))
    out.array("empty", np.empty((0, 4), np.float32))
    return buf.getvalue()


def test_frames_round_trip_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    inp = FrameReader(io.BytesIO(_stream(monkeypatch)), "test stream")
    assert inp.json("head") == {"format": "x", "n": 2}
    assert list(inp.rows("items")) == [[k, f"wert {k} äö"] for k in range(7)]
    assert list(inp.rows("none")) == []
    ints = inp.array("ints")
    assert ints.dtype == np.int32 and ints.tolist() == [0, 1, 2, 3, 4]
    assert inp.array("empty").shape == (0, 4)


def test_a_frame_of_another_name_or_kind_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _stream(monkeypatch)
    with pytest.raises(ConfigError, match="expected json frame 'tail'"):
        FrameReader(io.BytesIO(data), "test stream").json("tail")
    with pytest.raises(ConfigError, match="expected array frame 'head'"):
        FrameReader(io.BytesIO(data), "test stream").array("head")


def test_cut_streams_and_garbage_are_refused() -> None:
    buf = io.BytesIO()
    FrameWriter(buf).json("head", list(range(100)))
    data = buf.getvalue()
    for cut in (2, 10, len(data) - 1):
        with pytest.raises(ConfigError, match="test stream is cut short"):
            FrameReader(io.BytesIO(data[:cut]), "test stream").json("head")
    with pytest.raises(ConfigError, match="not a test stream"):
        FrameReader(io.BytesIO(b"PK\x03\x04 an old zip"), "test stream").json("head")


def test_more_rows_than_announced_is_a_bug_not_a_silent_cut() -> None:
    with pytest.raises(ValueError, match="more than the 2 rows"):
        FrameWriter(io.BytesIO()).rows("items", iter(range(3)), 2)
    with pytest.raises(ValueError, match="fewer than the 4 rows"):
        FrameWriter(io.BytesIO()).rows("items", iter(range(3)), 4)
