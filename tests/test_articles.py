"""Article readers: the text they return is what every offset in an attribution file counts into."""

from __future__ import annotations

import codecs
import json
import os
import random
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quoteapp.formats.articles import (
    MAX_ARTICLE_BYTES,
    SUPPORTED_SUFFIXES,
    Article,
    decode_article_bytes,
    read_article,
)
from quoteapp.formats.errors import FormatError

STORY = (
    "Harbour fees rise\n"
    "\n"
    "“We will not pay twice for the same water,” said Ada Brennic, a trawler owner.\n"
    "The mayor told reporters that the tariff was fair.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- plain text and its encodings -------------------------------------------------------------


def test_utf8_text_reads_unchanged_with_id_and_no_title(tmp_path: Path) -> None:
    path = write(tmp_path, "harbour-01.txt", STORY.encode("utf-8"))

    article = read_article(path)

    assert isinstance(article, Article)
    assert article.text == STORY
    assert article.id == "harbour-01"
    assert article.path == path
    assert article.title is None
    assert article.encoding == "utf-8"


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + STORY.encode("utf-8"))

    article = read_article(path)

    assert article.text == STORY
    assert not article.text.startswith("\ufeff")
    assert article.encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = STORY + "Emoji stay: 🌊⚓ and 𝔊othic.\n"
    path = write(tmp_path, "wide.txt", bom + text.encode(codec))

    article = read_article(path)

    assert article.text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, "nobom.txt", STORY.encode(codec))

    article = read_article(path)

    assert article.text == STORY
    assert article.encoding == codec


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said: “We will not pay €5 million for a café.” Résumé follows.\n",
        "“No,” she said.",
        "He said it’s “fine” — really… and the fee is €20.",
        "Plain words and one é.",
        "Le ministre a déclaré que le port resterait fermé jusqu’au printemps. « C’est inacceptable », a dit le maire.",
        "Der Bürgermeister sagte, die Gebühr sei „viel zu hoch“ – für alle Fischer.",
    ],
)
def test_cp1252_with_curly_quotes_euro_and_accents_decodes_exactly(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "legacy.txt", text.encode("cp1252"))

    article = read_article(path)

    assert article.text == text
    assert article.encoding == "cp1252"


def test_latin1_text_decodes_exactly(tmp_path: Path) -> None:
    text = "Zürich, Straße und Grüße: «Ça coûte 5 £», a déclaré la señora Núñez.\n"
    path = write(tmp_path, "latin.txt", text.encode("latin-1"))

    article = read_article(path)

    assert article.text == text
    assert article.encoding in ("cp1252", "iso8859-1")


def test_legacy_cyrillic_text_is_not_forced_into_cp1252(tmp_path: Path) -> None:
    text = "Министр сказал, что порт будет закрыт до весны, а мэр с ним не согласился."
    path = write(tmp_path, "cyrillic.txt", text.encode("cp1251"))

    article = read_article(path)

    assert article.text == text
    assert article.encoding == "cp1251"


def test_crlf_and_lone_cr_become_newlines_and_nothing_else_changes(tmp_path: Path) -> None:
    raw = "\r\n  Headline  \r\n\r\nFirst line\twith tab \rsecond line\r\n\r\n\r\nlast  "
    path = write(tmp_path, "dos.txt", raw.encode("utf-8"))

    article = read_article(path)

    assert article.text == "\n  Headline  \n\nFirst line\twith tab \nsecond line\n\n\nlast  "


def test_crlf_in_utf16_becomes_newline(tmp_path: Path) -> None:
    path = write(tmp_path, "dos16.txt", "one\r\ntwo\rthree\n".encode("utf-16"))

    assert read_article(path).text == "one\ntwo\nthree\n"


def test_emoji_and_characters_outside_the_bmp_keep_code_point_offsets(tmp_path: Path) -> None:
    text = "Crew 🚢 said 𝒜da “won 👍” the vote.\n"
    path = write(tmp_path, "emoji.txt", text.encode("utf-8"))

    article = read_article(path)

    assert article.text == text
    # Offsets are Python str indices (code points), so each emoji counts as one.
    assert article.text.index("said") == 7
    assert article.text[article.text.index("“") + 1 : article.text.index("”")] == "won 👍"


@pytest.mark.parametrize(
    ("codec", "data_prefix"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("cp1252", b"")],
)
def test_reported_encoding_decodes_the_file_again(tmp_path: Path, codec: str, data_prefix: bytes) -> None:
    text = "Fee: €5, “tidy” café.\r\nNext line."
    data = data_prefix + text.encode(codec)
    path = write(tmp_path, "again.txt", data)

    article = read_article(path)

    assert data.decode(article.encoding).replace("\r\n", "\n") == article.text


def test_decode_article_bytes_returns_text_and_encoding() -> None:
    assert decode_article_bytes("a “b”\r\nc".encode("cp1252"), "inline") == ("a “b”\nc", "cp1252")
    assert decode_article_bytes("ok ✓".encode(), "inline") == ("ok ✓", "utf-8")


_TEXT_CHARS = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.lists(st.text(_TEXT_CHARS, max_size=40), min_size=1, max_size=6),
    ending=st.sampled_from(["\n", "\r\n", "\r"]),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_any_unicode_text_round_trips(tmp_path: Path, body: list[str], ending: str, codec: str) -> None:
    text = ending.join(body)
    assume(text.strip() and not text.startswith(("%PDF-", "GIF8")))
    path = write(tmp_path, "prop.txt", text.encode(codec))

    assert read_article(path).text == "\n".join(body)


# --- markdown -----------------------------------------------------------------------------------


def test_markdown_title_is_first_atx_heading_and_text_is_unchanged(tmp_path: Path) -> None:
    text = "Intro line before the heading.\n\n# Port city votes on water ##\n\nBody with “quotes”.\n\n## Later\n"
    path = write(tmp_path, "story.md", text.encode("utf-8"))

    article = read_article(path)

    assert article.title == "Port city votes on water"
    assert article.text == text


def test_markdown_heading_inside_code_fence_is_not_the_title(tmp_path: Path) -> None:
    text = "```\n# not a title\n```\n\n## Real title\n\nBody.\n"
    path = write(tmp_path, "fenced.markdown", text.encode("utf-8"))

    assert read_article(path).title == "Real title"


def test_markdown_without_heading_has_no_title(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.md", b"#hashtag is not a heading\n\nBody text.\n")

    article = read_article(path)

    assert article.title is None
    assert article.text == "#hashtag is not a heading\n\nBody text.\n"


# --- HTML ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>Harbour row deepens | The Coast Ledger</title></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/login">Sign in to your account</a></li></ul></nav></header>
<div class="menu">Subscribe now for unlimited access</div>
<main><article>
<h1>Harbour row deepens over new water tariff</h1>
<p>The council of Veldmark voted on Tuesday to raise the price of harbour water by a third, a move that
fishing crews said would push several small boats out of business before the winter season.</p>
<p>“We cannot keep paying more for the same water,” said Ada Brennic, who runs a trawler from the north
quay. She said the crews would ask the regional court to halt the increase.</p>
<p>The mayor, Oskar Tellin, told reporters that the harbour had lost money for five years and that the new
tariff of €4 a tonne was the only way to repair the old pipes. Café owners on the quay were split.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens new bistro</a></li>
<li><a href="/b">Ten tips for a tidy garden</a></li></ul></aside>
<footer><p>© 2024 The Coast Ledger. All rights reserved. Privacy policy | Cookie settings</p></footer>
</body></html>
"""

CHROME = ["Home", "World news", "Sign in", "Subscribe now", "Most read", "Celebrity chef", "tidy garden", "Privacy"]


@pytest.mark.parametrize(("charset", "codec"), [("utf-8", "utf-8"), ("windows-1252", "cp1252")])
def test_html_keeps_article_paragraphs_and_title_and_drops_chrome(tmp_path: Path, charset: str, codec: str) -> None:
    path = write(tmp_path, "page.html", PAGE.format(charset=charset).encode(codec))

    article = read_article(path)

    assert article.id == "page"
    assert article.encoding == codec
    assert article.title in ("Harbour row deepens over new water tariff", "Harbour row deepens")
    assert "“We cannot keep paying more for the same water,” said Ada Brennic" in article.text
    assert "tariff of €4 a tonne" in article.text
    assert "Café owners on the quay were split." in article.text
    for chrome in CHROME:
        assert chrome not in article.text
    # Paragraphs are separated by a blank line, as in the .txt articles.
    paragraphs = article.text.split("\n\n")
    assert any(p.startswith("The council of Veldmark") for p in paragraphs)
    assert any(p.startswith("The mayor, Oskar Tellin") for p in paragraphs)
    assert "\r" not in article.text


def test_html_meta_charset_is_respected(tmp_path: Path) -> None:
    # Czech in Windows-1250: without the page's own meta tag the Western default would read it as cp1252.
    sentence = "Starosta řekl, že přístav zůstane zavřený až do jara a že poplatky porostou o třetinu. "
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250">'
        f"<title>Přístav</title></head><body><article><p>{sentence * 4}</p></article></body></html>"
    )
    path = write(tmp_path, "czech.html", page.encode("cp1250"))

    article = read_article(path)

    assert article.encoding == "cp1250"
    assert article.text.startswith(sentence.strip())
    assert article.title == "Přístav"


def test_html_title_comes_from_title_element_when_page_has_no_other(tmp_path: Path) -> None:
    body = "<p>" + "The quay was quiet on Sunday as the crews waited for the court. " * 6 + "</p>"
    page = f"<html><head><title>Quiet quay &amp; waiting crews</title></head><body>{body}</body></html>"
    path = write(tmp_path, "quiet.HTM", page.encode("utf-8"))

    article = read_article(path)

    assert article.title == "Quiet quay & waiting crews"
    assert article.text.startswith("The quay was quiet on Sunday")


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><script>document.write('hello')</script></body></html>",
    ],
)
def test_html_without_main_text_is_refused(tmp_path: Path, page: str) -> None:
    path = write(tmp_path, "empty-page.html", page.encode("utf-8"))

    with pytest.raises(FormatError, match=r"empty-page\.html.*no article text"):
        read_article(path)


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml", "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document"),
    ],
)
def test_known_binary_formats_are_refused_by_name(tmp_path: Path, data: bytes, kind: str) -> None:
    path = write(tmp_path, "photo.txt", data)

    with pytest.raises(FormatError, match=rf"photo\.txt.*{kind}"):
        read_article(path)


def test_random_bytes_with_nuls_are_refused(tmp_path: Path) -> None:
    data = bytearray(random.Random(7).randbytes(4096))
    data[10:13] = b"\x00\x00\x00"
    path = write(tmp_path, "noise.txt", bytes(data))

    with pytest.raises(FormatError, match=r"noise\.txt.*binary"):
        read_article(path)


def test_many_control_characters_without_nuls_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "controls.txt", bytes(range(1, 256)) * 8)

    with pytest.raises(FormatError, match=r"controls\.txt.*(binary|not text)"):
        read_article(path)


def test_a_stray_control_character_in_real_text_is_kept(tmp_path: Path) -> None:
    text = STORY * 5 + "\x1a"
    path = write(tmp_path, "dos-eof.txt", text.encode("utf-8"))

    assert read_article(path).text == text


@pytest.mark.parametrize(
    "data", [b"", b" \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
def test_empty_or_blank_file_is_refused(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "blank.txt", data)

    with pytest.raises(FormatError, match=r"blank\.txt.*(empty|white space)"):
        read_article(path)


def test_file_over_the_limit_is_refused_with_size_and_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"word " * 60_000)  # 300,000 bytes

    with pytest.raises(FormatError, match=r"big\.txt") as caught:
        read_article(path, max_bytes=200_000)

    message = str(caught.value)
    assert "0.3 MB (300,000 bytes)" in message
    assert "limit of 0.2 MB" in message


def test_file_exactly_at_the_limit_reads(tmp_path: Path) -> None:
    path = write(tmp_path, "edge.txt", b"x" * 1000)

    assert len(read_article(path, max_bytes=1000).text) == 1000


def test_five_megabyte_text_reads_within_the_default_limit(tmp_path: Path) -> None:
    paragraph = "“The pipes are older than the harbour wall,” the engineer said. Café owners agreed.\n\n"
    text = paragraph * (5 * 1024 * 1024 // len(paragraph.encode("utf-8")) + 1)
    data = text.encode("utf-8")
    assert 5 * 1024 * 1024 <= len(data) < MAX_ARTICLE_BYTES
    path = write(tmp_path, "long.txt", data)

    assert read_article(path).text == text


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"nowhere\.txt.*does not exist"):
        read_article(tmp_path / "nowhere.txt")


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "articles.txt"
    folder.mkdir()

    with pytest.raises(FormatError, match=r"articles\.txt.*folder"):
        read_article(folder)


def test_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", STORY.encode("utf-8"))
    real_open = os.open

    def deny(name: object, *args: object, **kwargs: object):  # root can read anything, so simulate EACCES
        if Path(name) == path:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)

    with pytest.raises(FormatError, match=r"locked\.txt.*permission denied"):
        read_article(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """Reading a FIFO no one writes to used to block forever; the read runs in a thread so a hang fails the test."""
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []

    def read() -> None:
        try:
            outcome.append(read_article(fifo))
        except BaseException as err:  # handed to the test thread
            outcome.append(err)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # unblock the reader so that the thread ends
        with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
        pytest.fail("read_article blocked on a FIFO")
    assert isinstance(outcome[0], FormatError)
    assert "story.txt" in str(outcome[0]) and "named pipe" in str(outcome[0])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs a character device")
def test_device_is_refused() -> None:
    """/dev/zero never ends: refused as a device instead of read up to the size limit."""
    with pytest.raises(FormatError, match=r"/dev/zero.*character device"):
        read_article(Path("/dev/zero"))


def test_unknown_suffix_with_text_reads_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "wire-copy.story", STORY.encode("utf-8"))

    article = read_article(path)

    assert article.text == STORY
    assert article.id == "wire-copy"


def test_unknown_suffix_that_is_not_text_is_refused_naming_the_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "report.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200))

    with pytest.raises(FormatError, match=r"report\.docx") as caught:
        read_article(path)

    message = str(caught.value)
    assert "'.docx' files are not a supported article type" in message
    assert all(suffix in message for suffix in SUPPORTED_SUFFIXES)


# --- the shared seeds: offsets in the gold files must line up -----------------------------------


def test_seed_articles_read_exactly_as_the_gold_document_text(shared: Path) -> None:
    seeds = sorted((shared / "corpus" / "seeds").glob("*.txt"))
    assert len(seeds) == 5

    for seed in seeds:
        gold = json.loads((shared / "gold" / "seeds" / f"{seed.stem}.json").read_text(encoding="utf-8"))
        article = read_article(seed)
        assert article.id == gold["document"]["id"]
        assert article.text == gold["document"]["text"], seed.name


def test_bundled_sample_article_reads_as_utf8_with_headline_and_paragraphs() -> None:
    path = Path(__file__).resolve().parent.parent / "resources" / "sample-article.txt"

    article = read_article(path)

    assert article.encoding == "utf-8"
    assert article.text == path.read_bytes().decode("utf-8")  # no CR, no BOM: offsets equal raw text offsets
    headline, blank, *rest = article.text.split("\n")
    assert headline and blank == "" and rest
    assert 350 <= len(article.text.split()) <= 450
    assert "“" in article.text and "‘" in article.text
