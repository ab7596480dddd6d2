"""Reading articles from disk: plain text, Markdown and HTML pages.

Every span in an attribution file counts code points into ``document.text``, and that text is
the article *exactly as this module reads it*: decoded, line endings turned into ``\\n``,
nothing else changed (see shared/spec/attribution-format.md, "Offsets"). So this module is the
single place that decides how bytes become text; everything else takes ``Article.text`` as is.
"""

from __future__ import annotations

import codecs
import html
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from quoteapp.formats.errors import FormatError

__all__ = [
    "MAX_ARTICLE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Article",
    "decode_article_bytes",
    "markdown_title",
    "read_article",
]

_MIB = 1024 * 1024
MAX_ARTICLE_BYTES = 20 * _MIB
"""Larger files are refused: no news article is that big, and the GUI would choke on one."""

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES

# Checked longest first, so that the UTF-32 LE mark (FF FE 00 00) wins over UTF-16 LE (FF FE).
# The codec named here is the one that reads the mark itself, so `data.decode(encoding)` works.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Formats people drop on the app by mistake; naming them beats "contains NUL bytes".
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
    (b"MZ\x90\x00", "a program"),
)

# C0 and C1 control characters other than tab, line feed, vertical tab, form feed, carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.02
_LINE_END = re.compile(r"\r\n?")

# A charset named in the page itself: <meta charset=...>, <meta http-equiv ... content="...; charset=...">,
# or an XML declaration. Only the first few kB are scanned, as browsers do.
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_PRESCAN_BYTES = 4096
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Article:
    """One article as the app reads it; `text` is what every offset counts into."""

    id: str
    """The file name without its extension (the `document.id` of the attribution file)."""
    path: Path
    text: str
    title: str | None
    encoding: str
    """A Python codec name: `data.decode(encoding)` gives the text before line endings are turned into \\n
    (for HTML: the page before extraction)."""


def read_article(path: str | Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read a .txt/.md/.html article (unknown suffixes are tried as text); FormatError says why not."""
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        text, encoding, title = _read_html(data, str(path))
    elif suffix in MARKDOWN_SUFFIXES:
        text, encoding = decode_article_bytes(data, str(path))
        title = markdown_title(text)
    elif suffix in TEXT_SUFFIXES:
        text, encoding = decode_article_bytes(data, str(path))
        title = None
    else:
        try:
            text, encoding = decode_article_bytes(data, str(path))
        except FormatError as exc:
            kind = f"'{path.suffix}' files are" if path.suffix else "a file without an extension is"
            raise FormatError(
                f"{exc} {kind} not a supported article type (open {', '.join(SUPPORTED_SUFFIXES)})."
            ) from exc
        title = None
    return Article(id=path.stem, path=path, text=text, title=title, encoding=encoding)


def decode_article_bytes(data: bytes, name: str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode an article's bytes to (text, encoding), line endings turned into \\n and nothing else changed.

    Order: byte-order mark, UTF-16 without a mark (told by its NUL bytes), strict UTF-8, the
    charset the file `declared` (HTML), then charset-normalizer's candidates, where Windows-1252
    goes first unless charset-normalizer reads the bytes as another script (Cyrillic, Greek, CJK...).
    Binary and empty data raise FormatError naming `name`.
    """
    if not data:
        raise FormatError(f"Cannot open {name}: the file is empty.")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise FormatError(f"Cannot open {name}: it is {kind}, not a text article.")

    text, encoding = _decode(data, name, declared)
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise FormatError(f"Cannot open {name}: it looks like a binary file, not text ({controls} control characters).")
    if not text.strip():
        raise FormatError(f"Cannot open {name}: the file contains only white space.")
    return _LINE_END.sub("\n", text), encoding


def markdown_title(text: str) -> str | None:
    """The first ATX heading ("# Title") outside code fences, without its #s; None when there is none."""
    fence: str | None = None
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1).startswith(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        heading = _ATX_HEADING.match(line)
        if heading:
            return heading.group(1).strip()
    return None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or a FormatError a user can act on (missing, folder, not a file, no permission, too big).

    Only a regular file is read: a FIFO, a device or a socket would block the read forever or never
    end. The file is opened without blocking and checked by fstat, so it cannot be swapped in between.
    """
    try:
        if path.is_dir():
            raise FormatError(f"Cannot open {path}: it is a folder, not an article file.")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise FormatError(f"Cannot open {path}: it is {_file_kind(info.st_mode)}, not a regular file.")
            if info.st_size > max_bytes:
                raise FormatError(_too_big(path, info.st_size, max_bytes))
            # Read one byte past the limit: a file can grow after stat(), and some report size 0.
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise FormatError(f"Cannot open {path}: the file does not exist.") from exc
    except PermissionError as exc:
        raise FormatError(f"Cannot open {path}: permission denied (the file is not readable).") from exc
    except IsADirectoryError as exc:
        raise FormatError(f"Cannot open {path}: it is a folder, not an article file.") from exc
    except OSError as exc:
        raise FormatError(f"Cannot open {path}: {exc.strerror or exc}.") from exc
    if len(data) > max_bytes:
        raise FormatError(_too_big(path, len(data), max_bytes))
    return data


def _file_kind(mode: int) -> str:
    """What a non-regular file is, in a user's words."""
    kinds = (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _too_big(path: Path, size: int, max_bytes: int) -> str:
    return (
        f"Cannot open {path}: it is {_megabytes(size)} ({size:,} bytes), more than the limit of "
        f"{_megabytes(max_bytes)} for one article."
    )


def _megabytes(count: int) -> str:
    value = count / _MIB
    return f"{value:.1f} MB" if value >= 0.1 else f"{value:.3g} MB"


def _decode(data: bytes, name: str, declared: str | None) -> tuple[str, str]:
    """(text, codec) before line endings are touched; see decode_article_bytes for the order."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding

    if b"\x00" in data:
        encoding = _utf16_by_nul_pattern(data)
        if encoding is None:
            raise FormatError(f"Cannot open {name}: it contains NUL bytes, so it is a binary file, not text.")
        return _strict(data, encoding, name), encoding

    for encoding in _candidate_encodings(data, declared):
        try:
            return data.decode(encoding), codecs.lookup(encoding).name
        except (UnicodeDecodeError, LookupError):
            continue
    raise FormatError(f"Cannot open {name}: it is not text in any encoding the app knows (is it a binary file?).")


def _candidate_encodings(data: bytes, declared: str | None) -> Iterator[str]:
    """Encodings to try in turn; charset-normalizer only runs when UTF-8 and the declared charset fail."""
    # Strict UTF-8 before a declared charset: pages that say "iso-8859-1" but are UTF-8 are common,
    # while legacy text that happens to be valid UTF-8 is all but unknown.
    yield "utf-8"
    if declared:
        yield declared
    matches = from_bytes(data)
    best = matches.best()
    # Western default: charset-normalizer cannot tell Latin code pages apart on a short text and
    # often ranks cp1250 or a DOS code page first, turning curly quotes and € into letters.
    # So Windows-1252 goes first unless its best guess is text in another script (Cyrillic, Greek...).
    if best is None or _latin_script(str(best)) or any("cp1252" in m.could_be_from_charset for m in matches):
        yield "cp1252"
    for match in matches:
        yield match.encoding


def _latin_script(text: str) -> bool:
    """True when every letter beyond ASCII is a Latin one (punctuation, symbols and digits do not count)."""
    return all(
        not unicodedata.category(char).startswith("L") or "LATIN" in unicodedata.name(char, "")
        for char in set(text)
        if ord(char) > 0x7F
    )


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by NULs in every other byte (Latin text); None otherwise."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0) / (len(data) // 2)
    odd_nuls = data[1::2].count(0) / (len(data) // 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FormatError(f"Cannot open {name}: it is not valid {encoding.upper()} text ({exc.reason}).") from exc


def _declared_charset(data: bytes) -> str | None:
    """The charset a page names in its first kB, as a Python codec name; None if none or unknown.

    As browsers do (WHATWG), latin-1 and ASCII labels mean Windows-1252, and a UTF-16 label in
    ASCII-readable markup means UTF-8 (a real UTF-16 page has a byte-order mark).
    """
    found = _DECLARED_CHARSET.search(data[:_PRESCAN_BYTES])
    if not found:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").strip().lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def _read_html(data: bytes, name: str) -> tuple[str, str, str | None]:
    """(main text, encoding, title) of a web page: trafilatura keeps the article, drops menus and footers."""
    import trafilatura  # slow to import (lxml, justext): only when an HTML page is opened

    page, encoding = decode_article_bytes(data, name, declared=_declared_charset(data))
    document = trafilatura.bare_extraction(
        page,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
    )
    text = _paragraphs(document) if document is not None else ""
    if not text.strip():
        raise FormatError(
            f"Cannot open {name}: no article text found in the page (it may be empty, only navigation, "
            "or built by JavaScript). Save the article as .txt instead."
        )
    title = (getattr(document, "title", None) or "").strip() or _html_title(page)
    return _LINE_END.sub("\n", text), encoding, title


def _paragraphs(document: object) -> str:
    """The extracted text with a blank line between blocks (paragraphs, headings, lists), as in .txt articles.

    trafilatura's own text puts one block a line; converting each block of the body on its own
    keeps <br> line breaks inside a paragraph as single newlines. Falls back to trafilatura's text.
    """
    plain: str = getattr(document, "text", None) or ""
    body = getattr(document, "body", None)
    try:
        from trafilatura.xml import xmltotxt
    except ImportError:  # pragma: no cover - an older or newer trafilatura without it
        return plain
    if body is None or not len(body):
        return plain
    blocks = [xmltotxt(block, include_formatting=False).strip() for block in body]
    joined = "\n\n".join(block for block in blocks if block)
    return joined or plain


def _html_title(page: str) -> str | None:
    found = _HTML_TITLE.search(page)
    if not found:
        return None
    return " ".join(html.unescape(found.group(1)).split()) or None
