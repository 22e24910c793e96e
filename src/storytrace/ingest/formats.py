"""Which reader handles a file: extension tables, file signatures and content sniffing.

These tables describe file formats, not languages, so they live beside the readers rather
than under ``resources/``. Each entry is named and says why it is there.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal, NamedTuple

#: The readers, one module each. ``"auto"`` only appears for standard input, whose format
#: is sniffed from its bytes when it is read.
Format = Literal["text", "html", "jsonl", "warc", "feed", "csv"]
InputFormat = Literal["text", "html", "jsonl", "warc", "feed", "csv", "auto"]

#: How many leading bytes the sniffers look at.
HEAD_BYTES = 8192

#: Extensions a reader is registered for. Compound suffixes (``.warc.gz``) are matched
#: before simple ones; ``.xml`` is only a candidate feed and is confirmed by sniffing.
EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",  # a JSON array (or one object) of articles; see ingest.jsonl
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc": "warc",  # the older Internet Archive format; warcio reads it as WARC
    ".arc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".csv": "csv",
    ".tsv": "csv",
}

#: Extensions that are clearly not articles. Inside a directory they are skipped with one
#: line each; the value says what the file is and, where there is one, how to get text out.
FOREIGN_EXTENSIONS: dict[str, str] = {
    **dict.fromkeys(
        (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff"),
        "an image",
    ),
    ".pdf": "a PDF document (extract its text first, e.g. with pdftotext, and pass the .txt)",
    **dict.fromkeys(
        (".doc", ".docx", ".odt", ".rtf", ".epub", ".pages"),
        "a word-processor document (save it as .txt or .html and pass that)",
    ),
    **dict.fromkeys((".xls", ".xlsx", ".ods"), "a spreadsheet (export it as .csv)"),
    **dict.fromkeys((".ppt", ".pptx", ".odp", ".key"), "a presentation"),
    **dict.fromkeys(
        (".zip", ".tar", ".tgz", ".7z", ".rar", ".bz2", ".xz", ".zst"),
        "an archive (unpack it and pass the folder)",
    ),
    ".gz": "compressed data (decompress it first; name WARC files .warc.gz)",
    **dict.fromkeys(
        (".py", ".pyc", ".js", ".mjs", ".ts", ".css", ".scss", ".sh", ".c", ".h", ".cpp"),
        "source code",
    ),
    **dict.fromkeys((".java", ".rb", ".go", ".rs", ".php", ".pl", ".r", ".ipynb"), "source code"),
    **dict.fromkeys(
        (".db", ".sqlite", ".sqlite3", ".parquet", ".feather", ".pkl", ".pickle", ".npy", ".bin"),
        "a database or binary data file",
    ),
    **dict.fromkeys((".exe", ".dll", ".so", ".dylib", ".o", ".class", ".jar"), "a program"),
    **dict.fromkeys(
        (".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".flac", ".avi", ".mov", ".mkv", ".webm"),
        "audio or video",
    ),
    **dict.fromkeys((".woff", ".woff2", ".ttf", ".otf", ".eot"), "a font"),
    **dict.fromkeys(
        (".ini", ".cfg", ".toml", ".yaml", ".yml", ".lock", ".log", ".pem"),
        "a configuration or log file",
    ),
}


class Signature(NamedTuple):
    """Leading bytes ("magic number") that identify a binary file type."""

    name: str
    magic: bytes
    description: str
    #: How to turn such a file into something storytrace reads, where there is a way.
    hint: str = ""


#: Binary formats people drop into article folders by mistake. Checked at offset 0.
SIGNATURES: tuple[Signature, ...] = (
    Signature("pdf", b"%PDF-", "a PDF document", "extract its text first, e.g. with pdftotext"),
    Signature("png", b"\x89PNG\r\n\x1a\n", "a PNG image"),
    Signature("jpeg", b"\xff\xd8\xff", "a JPEG image"),
    Signature("gif87", b"GIF87a", "a GIF image"),
    Signature("gif89", b"GIF89a", "a GIF image"),
    # DOCX, XLSX, ODT and EPUB are ZIP containers too, so the description stays generic.
    Signature(
        "zip",
        b"PK\x03\x04",
        "a ZIP archive (or DOCX/XLSX/ODT/EPUB document)",
        "unpack archives and pass the folder; save documents as .txt or .html",
    ),
    Signature(
        "gzip",
        b"\x1f\x8b",
        "gzip-compressed data",
        "decompress it with gunzip, or name it .warc.gz if it is a WARC file",
    ),
    Signature("bzip2", b"BZh", "bzip2-compressed data"),
    Signature("xz", b"\xfd7zXZ\x00", "xz-compressed data"),
    Signature("7z", b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    Signature("sqlite", b"SQLite format 3\x00", "an SQLite database"),
    Signature("ole2", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    Signature("elf", b"\x7fELF", "a Linux program"),
    Signature("riff", b"RIFF", "a RIFF media file (WebP image, WAV audio or AVI video)"),
    Signature("ogg", b"OggS", "an Ogg audio/video file"),
    Signature("wasm", b"\x00asm", "a WebAssembly module"),
)

#: Byte-order marks, longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

#: The first element of an XML or HTML document, after the XML declaration, comments,
#: processing instructions and the DOCTYPE. Used to tell feeds from other XML and HTML.
#: The preamble is an atomic group: without it a failing match backtracks through every way
#: of grouping spaces and comments, which takes hours on an 8 KiB head.
XML_ROOT = re.compile(
    r"""\A(?>(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*)<(?P<root>[A-Za-z_][\w:.-]*)""",
    re.DOTALL | re.IGNORECASE,
)

#: Root elements of the feed dialects feedparser reads: RSS 0.9x/2.0, Atom, RSS 1.0 (RDF).
FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})

#: Markup that only HTML documents start with (doctype or one of the top-level elements).
HTML_START = re.compile(
    r"\A(?>\s*(?:<!--.*?-->\s*)*)<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)

#: A JSON object or an array of objects at the start of the data: JSON Lines or a JSON
#: array. Plain text that merely starts with a bracket ("[Update] …") does not match.
JSON_START = re.compile(r'\A\s*(?:\{\s*"|\[\s*(?:\{|\]))')

#: A WARC record starts with its version line ("WARC/1.0", "WARC/1.1").
WARC_START = re.compile(rb"\AWARC/\d")


def suffix_of(name: str) -> str:
    """Lower-cased extension, including the compound ones we know (``.warc.gz``)."""
    lower = name.lower()
    for compound in (".warc.gz", ".arc.gz"):
        if lower.endswith(compound):
            return compound
    dot = lower.rfind(".")
    if dot <= 0:  # no extension, or a dotfile such as ".env"
        return ""
    return lower[dot:]


#: Extensions of leftovers that copy the name of a real file ("article.txt.bak").
LEFTOVER_EXTENSIONS: dict[str, str] = {
    ".bak": "a backup copy",
    ".orig": "a backup copy",
    ".tmp": "a temporary file",
    ".part": "an incomplete download",
    ".crdownload": "an incomplete download",
    ".swp": "an editor swap file",
}


def foreign_reason(name: str) -> str | None:
    """What a file is, if its name says it is clearly not an article."""
    if name.endswith("~"):
        return "an editor backup file"
    suffix = suffix_of(name)
    return FOREIGN_EXTENSIONS.get(suffix) or LEFTOVER_EXTENSIONS.get(suffix)


def binary_signature(head: bytes) -> Signature | None:
    """The binary file type ``head`` starts with, if any."""
    for sig in SIGNATURES:
        if head.startswith(sig.magic):
            return sig
    return None


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """``(encoding, length of the mark)`` if ``data`` starts with a byte-order mark."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if ``head`` looks like BOM-less UTF-16 text.

    Latin-script UTF-16 has a NUL in every other byte, all on the same side; binary data
    has NULs scattered everywhere. We only say UTF-16 when the bytes also decode as such.
    """
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls >= 0.3 * half and even_nuls <= 0.02 * half:
        encoding = "utf-16-le"
    elif even_nuls >= 0.3 * half and odd_nuls <= 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        # Incremental, because the sample may end in the middle of a surrogate pair.
        text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    return encoding if control_ratio(text) < 0.05 else None


def control_ratio(text: str) -> float:
    """Share of control characters other than tab, newline, form feed and carriage return."""
    if not text:
        return 0.0
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\x7f")
    return controls / len(text)


#: Above this share of control characters in the first bytes, data is not text. Real
#: text has next to none; a few stray ones (form feeds, ESC from a terminal) are tolerated.
MAX_CONTROL_RATIO = 0.1


def binary_problem(head: bytes) -> tuple[str, str] | None:
    """``(what the data is, how to fix it)`` if ``head`` is not text, else None.

    Text with a byte-order mark or BOM-less UTF-16 is text, NULs notwithstanding.
    """
    if bom_encoding(head) is not None:
        return None
    sig = binary_signature(head)
    if sig is not None:
        return sig.description, sig.hint
    if b"\x00" in head:
        if utf16_without_bom(head) is not None:
            return None
        return "binary data (it holds NUL bytes)", ""
    if control_ratio(head.decode("latin-1")) > MAX_CONTROL_RATIO:
        return "binary data (it is mostly control characters)", ""
    return None


def head_text(head: bytes) -> str:
    """A lossy decoding of leading bytes, good enough to look at markup."""
    bom = bom_encoding(head)
    if bom is not None:
        return head[bom[1] :].decode(bom[0], errors="replace")
    utf16 = utf16_without_bom(head)
    if utf16 is not None:
        return head.decode(utf16, errors="replace")
    # Markup is ASCII in every encoding we sniff; latin-1 never fails.
    return head.decode("latin-1")


def xml_root(head: bytes) -> str | None:
    """Lower-cased name of the first element, or None if ``head`` does not start with markup."""
    match = XML_ROOT.match(head_text(head))
    return match.group("root").lower() if match else None


def is_feed(head: bytes) -> bool:
    root = xml_root(head)
    return root is not None and root in FEED_ROOTS


class Sniffed(NamedTuple):
    """What the leading bytes look like: a format, or a reason why none fits."""

    format: Format | None
    problem: str | None = None


def sniff(head: bytes) -> Sniffed:
    """Guess nothing: name the format only when the bytes announce it.

    gzip data is taken for a WARC file (the common compressed input); the WARC reader
    refuses it with a clear message if it is not one.
    """
    if WARC_START.match(head) or head.startswith(b"\x1f\x8b"):
        return Sniffed("warc")
    binary = binary_problem(head)
    if binary is not None:
        return Sniffed(None, f"the content is {binary[0]}, not text")
    text = head_text(head)
    if HTML_START.match(text):
        return Sniffed("html")
    root = xml_root(head)
    if root is not None and text.lstrip().startswith("<"):
        if root in FEED_ROOTS:
            return Sniffed("feed")
        if root == "html":
            return Sniffed("html")
        return Sniffed(None, f"the content is XML with root element <{root}>, not an RSS/Atom feed")
    if JSON_START.match(text):
        return Sniffed("jsonl")
    return Sniffed("text")
