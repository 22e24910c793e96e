"""Bytes to text, with the encoding detected and reported, never guessed silently.

Order of evidence: byte-order mark, then a declaration (``<meta charset>``, HTTP
``Content-Type``) where the caller has one, then strict UTF-8, then line-by-line mixed
UTF-8/cp1252, then charset-normalizer's detection with its confidence. Whatever decided
the encoding ends up in ``Decoded.note``; anything doubtful in ``Decoded.warnings``.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass

import charset_normalizer
from charset_normalizer.md import mess_ratio

from storytrace.errors import InputError
from storytrace.ingest.formats import HEAD_BYTES, binary_problem, bom_encoding, utf16_without_bom


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    #: Python codec name ("utf-8", "cp1252", "utf-16-le"), or "utf-8+cp1252" for mixed text.
    encoding: str
    #: How the encoding was decided: "bom", "utf-8", "declared (<meta charset>)",
    #: "detected cp1252 (confidence 0.91)", "mixed utf-8/cp1252 (2 of 9 lines cp1252)".
    note: str
    warnings: tuple[str, ...] = ()


#: Builds the exception for a refusal: ``(kind, problem) -> InputError``.
_Refuse = Callable[[str, str], InputError]

#: Labels that browsers (WHATWG Encoding Standard) read as windows-1252, because pages that
#: say latin-1 or ASCII are in practice cp1252 (curly quotes, dashes and € in 0x80–0x9F).
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "ascii", "cp1252"})

#: The five bytes cp1252 leaves undefined map to the C1 controls of the same value, as in
#: browsers; Python's cp1252 codec would fail on them.
_CP1252_UNDEFINED = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}

#: How many line numbers a mixed-encoding warning lists before it says "and N more".
_MAX_LISTED_LINES = 12


def decode_cp1252(data: bytes) -> str:
    """Decode as windows-1252 the way browsers do: never fails."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # rare, and str.translate is slow: only then
        return data.decode("cp1252", errors="surrogateescape").translate(_CP1252_UNDEFINED)


def canonical_encoding(label: str) -> str | None:
    """Python's name for an encoding label ("Windows-1252" → "cp1252"), or None if unknown."""
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252_ALIASES else name


def not_text_problem(data: bytes, what: str = "file") -> tuple[str, str] | None:
    """``(kind, problem)`` if ``data`` is empty or binary, else None. Looks at the head only."""
    if not data:
        return "empty", f"{what} is empty (0 bytes)"
    binary = binary_problem(data[:HEAD_BYTES])
    if binary is None:
        return None
    description, hint = binary
    problem = f"{what} is {description}, not text"
    return "binary", f"{problem}; {hint}" if hint else problem


def decode_bytes(
    data: bytes,
    source: str,
    *,
    min_confidence: float,
    declared: str | None = None,
    declared_by: str = "declared",
    locator: str | None = None,
    what: str = "file",
) -> Decoded:
    """Decode ``data``; raise ``InputError`` (kind empty/binary/encoding) if it is not text.

    ``declared`` is an encoding label the container gave (``declared_by`` says where, for
    the note). ``what`` names the thing in messages ("file", "record", "standard input").
    """

    def refuse(kind: str, problem: str) -> InputError:
        return InputError(source, problem, kind=kind, locator=locator)

    not_text = not_text_problem(data, what)
    if not_text is not None:
        raise refuse(*not_text)

    decoded = _decode(data, refuse, min_confidence, declared, declared_by, what)
    text = decoded.text.removeprefix("\ufeff")
    if not text.strip():
        raise refuse("empty", f"{what} holds only whitespace ({len(data)} bytes)")
    if text is not decoded.text:
        decoded = Decoded(text, decoded.encoding, decoded.note, decoded.warnings)
    return decoded


def _decode(
    data: bytes,
    refuse: _Refuse,
    min_confidence: float,
    declared: str | None,
    declared_by: str,
    what: str,
) -> Decoded:
    bom = bom_encoding(data)
    if bom is not None:
        encoding, length = bom
        try:
            return Decoded(data[length:].decode(encoding), encoding, "bom")
        except UnicodeDecodeError as exc:
            raise refuse(
                "encoding",
                f"{what} starts with a {encoding} byte-order mark but is not valid {encoding} "
                f"(byte {exc.start + length}: {exc.reason}); re-save it as UTF-8",
            ) from None

    warnings: list[str] = []
    if declared:
        result = _decode_declared(data, declared, declared_by, what, warnings)
        if result is not None:
            return result

    utf16 = utf16_without_bom(data[:HEAD_BYTES])
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise refuse(
                "encoding",
                f"{what} looks like {utf16} without a byte-order mark but is not valid "
                f"{utf16} (byte {exc.start}: {exc.reason}); re-save it as UTF-8",
            ) from None
        return Decoded(text, utf16, f"detected {utf16} (no byte-order mark)", tuple(warnings))

    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8", tuple(warnings))
    except UnicodeDecodeError:
        pass

    mixed = _decode_mixed(data)
    if mixed is not None:
        return Decoded(mixed.text, mixed.encoding, mixed.note, (*warnings, *mixed.warnings))

    return _detect(data, refuse, min_confidence, what, warnings)


def _decode_declared(
    data: bytes, declared: str, declared_by: str, what: str, warnings: list[str]
) -> Decoded | None:
    """Decode by the declared encoding, or return None (with a warning) to detect instead."""
    encoding = canonical_encoding(declared)
    if encoding is None:
        warnings.append(
            f"{what} declares an unknown charset {declared!r} ({declared_by}); detected instead"
        )
        return None
    # A declared UTF-16/32 without a byte-order mark is a mislabel (WHATWG reads it as UTF-8).
    if encoding.startswith(("utf-16", "utf-32")):
        encoding = "utf-8"
    note = f"declared ({declared_by})"
    if encoding == "utf-8":
        try:
            return Decoded(data.decode("utf-8"), "utf-8", note, tuple(warnings))
        except UnicodeDecodeError as exc:
            warnings.append(
                f"{what} declares utf-8 ({declared_by}) but is not valid UTF-8 "
                f"(byte {exc.start}: {exc.reason})"
            )
            return None
    if not data.isascii():
        # Scrapers often re-save pages as UTF-8 and leave the old declaration in place;
        # text in a legacy encoding is almost never valid UTF-8 by accident.
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            warnings.append(
                f"{what} declares {encoding} ({declared_by}) but its bytes are valid UTF-8; "
                "decoded as UTF-8 (the page was probably re-saved)"
            )
            return Decoded(text, "utf-8", "utf-8 (declaration overridden)", tuple(warnings))
    if encoding == "cp1252":
        return Decoded(decode_cp1252(data), "cp1252", note, tuple(warnings))
    try:
        return Decoded(data.decode(encoding), encoding, note, tuple(warnings))
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        warnings.append(
            f"{what} is not valid {encoding} as declared ({declared_by}): {bad} "
            "character(s) could not be decoded and were replaced with U+FFFD"
        )
        return Decoded(text, encoding, note, tuple(warnings))
    except (UnicodeError, LookupError):  # codecs that cannot decode at all (e.g. "idna")
        warnings.append(
            f"{what} declares {declared!r} ({declared_by}), which is not a text encoding; "
            "detected instead"
        )
        return None


def _decode_mixed(data: bytes) -> Decoded | None:
    """Mostly UTF-8 with some cp1252 lines (pasted text), decoded line by line.

    Returns None when no line holds valid non-ASCII UTF-8: then the whole file is in some
    other encoding and detection decides.
    """
    lines = data.split(b"\n")
    parts: list[str] = []
    bad: list[int] = []
    has_utf8 = False
    for number, line in enumerate(lines, start=1):
        try:
            parts.append(line.decode("utf-8"))
            has_utf8 = has_utf8 or not line.isascii()
        except UnicodeDecodeError:
            parts.append(decode_cp1252(line))
            bad.append(number)
    if not bad or not has_utf8:
        return None
    listed = ", ".join(str(n) for n in bad[:_MAX_LISTED_LINES])
    if len(bad) > _MAX_LISTED_LINES:
        listed += f" and {len(bad) - _MAX_LISTED_LINES} more"
    if len(bad) == 1:
        which = f"line {listed} is not valid UTF-8 and was"
    else:
        which = f"lines {listed} are not valid UTF-8 and were"
    warning = (
        f"mixed encodings: {which} decoded as cp1252 (text pasted from another source?); "
        "check their special characters"
    )
    note = f"mixed utf-8/cp1252 ({len(bad)} of {len(lines)} lines cp1252)"
    return Decoded("\n".join(parts), "utf-8+cp1252", note, (warning,))


def _detect(
    data: bytes, refuse: _Refuse, min_confidence: float, what: str, warnings: list[str]
) -> Decoded:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise refuse(
            "encoding",
            f"cannot tell the text encoding of the {what}: it is not UTF-8 and no other "
            "encoding fits; convert it to UTF-8 (e.g. iconv -f <encoding> -t utf-8)",
        )
    encoding = canonical_encoding(str(best.encoding)) or str(best.encoding)
    chaos = float(best.chaos)
    # On short or umlaut-only text many single-byte encodings fit equally well and
    # charset-normalizer may name any of them (cp1250, even cp1006 for "Ärger"). Our
    # sources are Western European, so cp1252 wins whenever it fits as well as the best.
    cp1252 = _cp1252_mess(data)
    if cp1252 is not None and cp1252 <= chaos + _CP1252_TOLERANCE:
        encoding, chaos = "cp1252", cp1252
    text = decode_cp1252(data) if encoding == "cp1252" else data.decode(encoding, "replace")
    confidence = max(0.0, 1.0 - chaos) * _evidence(data)
    note = f"detected {encoding} (confidence {confidence:.2f})"
    if confidence < min_confidence:
        note = f"detected {encoding} (confidence {confidence:.2f}, uncertain)"
        warnings.append(
            f"the {what}'s encoding is uncertain: detected {encoding} with confidence "
            f"{confidence:.2f}; if special characters look wrong, convert it to UTF-8"
        )
    return Decoded(text, encoding, note, tuple(warnings))


#: How much more "mess" (charset-normalizer's measure of implausible characters) cp1252
#: may show than the best candidate and still be preferred.
_CP1252_TOLERANCE = 0.02

#: Below this many non-ASCII bytes the detection has little to go on, and the reported
#: confidence is scaled down (1 byte → 0.55, 5 → 0.75, 10 or more → unchanged).
_EVIDENCE_BYTES = 10


def _cp1252_mess(data: bytes) -> float | None:
    """charset-normalizer's mess ratio of the cp1252 reading, None if cp1252 cannot decode it."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return float(mess_ratio(text, maximum_threshold=1.0))


def _evidence(data: bytes) -> float:
    non_ascii = sum(1 for byte in data[: 1 << 16] if byte >= 0x80)
    return min(1.0, 0.5 + non_ascii / (2 * _EVIDENCE_BYTES))
