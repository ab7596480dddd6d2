"""The extractor never raises and never writes what the attribution file cannot hold, for any text.

Minimal inputs from the issue, hand-built Docs with degenerate parses for the rules, and property
tests (hypothesis) over random and news-like text, each output saved and read back as a user's
autosave would do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from quoteapp.formats.attribution import read_annotation, write_annotation
from quoteapp.model import Annotation, validate
from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.rules import find_candidates


def saved_and_read_back(annotation: Annotation, folder: Path) -> Annotation:
    """What autosave does: write the file, read it back (read_annotation raises on any invalid field)."""
    path = folder / "article.json"
    write_annotation(annotation, path)
    return read_annotation(path)


@pytest.mark.parametrize(
    "text",
    [
        "a\u201a",
        "The % said the pier will be rebuilt.",
        "the minister \u300cThe spring",
        "Ask The Gardener column said the roses will bloom soon.",
        "\u201cShe asked \u2018\u2019,\u201d Mayor Tim Beck said.",
    ],
)
def test_minimal_inputs_of_the_issue_give_a_saveable_annotation(
    extractor: Extractor, text: str, tmp_path: Path
) -> None:
    annotation = extractor.annotate(text, "doc")
    back = saved_and_read_back(annotation, tmp_path)
    assert back.document.text == text
    assert len(back.quotes) == len(annotation.quotes)


def test_an_empty_nested_quote_is_dropped_and_the_outer_quote_kept(extractor: Extractor, tmp_path: Path) -> None:
    annotation = extractor.annotate("\u201cShe asked \u2018\u2019,\u201d Mayor Tim Beck said.", "doc")
    back = saved_and_read_back(annotation, tmp_path)
    assert [[s.text for s in q.segments] for q in back.quotes] == [["She asked \u2018\u2019,"]]
    assert back.entity(back.quotes[0].speaker.entity).name == "Tim Beck"  # type: ignore[union-attr]


def test_a_speaker_without_a_word_is_no_speaker(extractor: Extractor) -> None:
    annotation = extractor.annotate("The % said the pier will be rebuilt.", "doc")
    validate(annotation)
    assert [q.segments[0].text for q in annotation.quotes] == ["the pier will be rebuilt"]
    assert annotation.quotes[0].speaker is None
    assert annotation.entities == []


def test_an_unresolved_pronoun_is_named_as_written(extractor: Extractor) -> None:
    annotation = extractor.annotate("\u201cWe will fight this ruling in every court,\u201d they said.", "doc")
    validate(annotation)
    assert annotation.quotes and annotation.quotes[0].speaker is not None
    assert [e.name for e in annotation.entities] == ["they"]


# --- the rules on hand-built Docs with degenerate parses ---------------------------------------------
def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str] | None = None) -> Doc:
    """A Doc with the given parse; lemmas are the lower-cased words (reporting verbs in their base form)."""
    vocab = Extractor().nlp.vocab
    lemmas = [{"said": "say", "told": "tell"}.get(w.lower(), w.lower()) for w in words]
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags or ["XX"] * len(words))


def _degenerate_docs() -> dict[str, Doc]:
    words = ["\u201c", "The", "pier", "will", "be", "rebuilt", ",", "\u201d", "said", "Beck", ":", '"', "soon", "."]
    n = len(words)
    pos = [
        "PUNCT",
        "DET",
        "NOUN",
        "AUX",
        "AUX",
        "VERB",
        "PUNCT",
        "PUNCT",
        "VERB",
        "PROPN",
        "PUNCT",
        "PUNCT",
        "ADV",
        "PUNCT",
    ]
    return {
        "a cue with no subject": _doc(
            ["said", "the", "pier", "will", "be", "rebuilt", "."],
            [0, 2, 5, 5, 5, 0, 0],
            ["ROOT", "det", "nsubjpass", "aux", "auxpass", "ccomp", "punct"],
            ["VERB", "DET", "NOUN", "AUX", "AUX", "VERB", "PUNCT"],
            ["VBD", "DT", "NN", "MD", "VB", "VBN", "."],
        ),
        "every token its own head": _doc(words, list(range(n)), ["ROOT"] * n, pos),
        "every token on the first": _doc(
            words, [0] * n, ["ROOT"] + ["ccomp", "nsubj", "det", "punct"] * 3 + ["dep"], pos
        ),
        "a determiner-only subject": _doc(
            ["The", "said", "the", "ferry", "would", "sail", "."],
            [1, 1, 3, 5, 5, 1, 1],
            ["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
            ["DET", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
            ["DT", "VBD", "DT", "NN", "MD", "VB", "."],
        ),
        "only punctuation": _doc(
            ['"', "\u201c", ".", "\u201d", "%", '"'], list(range(6)), ["ROOT"] * 6, ["PUNCT"] * 4 + ["SYM", "PUNCT"]
        ),
        "a subject that is a quote mark": _doc(
            ["\u2018", "said", "\u2019", "the", "deal", "is", "off", "."],
            [1, 1, 1, 4, 5, 1, 5, 1],
            ["nsubj", "ROOT", "punct", "det", "nsubj", "ccomp", "acomp", "punct"],
            ["PUNCT", "VERB", "PUNCT", "DET", "NOUN", "AUX", "ADV", "PUNCT"],
        ),
    }


@pytest.mark.parametrize("name", list(_degenerate_docs()))
def test_rules_on_degenerate_parses_give_saveable_candidates(name: str, tmp_path: Path) -> None:
    from quoteapp.model import Document
    from quoteapp.nlp.resolve import build_annotation

    doc = _degenerate_docs()[name]
    candidates = find_candidates(doc)
    annotation = build_annotation(Document(id="doc", text=doc.text), candidates, [], {"app": "quoteapp"})
    back = saved_and_read_back(annotation, tmp_path)
    assert all(s.text.strip() for q in back.quotes for s in q.segments)


def test_a_cue_with_no_subject_still_finds_its_content() -> None:
    candidates = find_candidates(_degenerate_docs()["a cue with no subject"])
    assert [(c.type, c.speaker) for c in candidates] == [("indirect", None)]


# --- property tests: the whole extractor on random and news-like text --------------------------------
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a\u201f\u300c\u300d\u300e\u300f`\u00b4"
ODD = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202e\u2066\u2069\u00ad\u00a0\u3000\x00\x07\x1b\x7f\u0085"
PUNCT = ".,;:!?-\u2013\u2014()[]{}%&*#@/\\|<>^~_+=\u2026"
WORDS = [
    "said",
    "Beck",
    "the",
    "minister",
    "told",
    "a",
    "pier",
    "Reuters",
    "according",
    "to",
    "he",
    "they",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u05e9\u05dc\u05d5\u05dd",
    "\U0001f600",
    "\U0001f1e9\U0001f1ea",
    "x" * 300,
]

random_text = st.lists(
    st.one_of(
        st.sampled_from(list(QUOTE_MARKS)),
        st.sampled_from(list(ODD)),
        st.sampled_from(list(PUNCT)),
        st.sampled_from(WORDS),
        st.sampled_from([" ", " ", "\n", "\n\n", "\t"]),
        st.text(st.sampled_from(QUOTE_MARKS + PUNCT), min_size=2, max_size=40),  # punctuation runs
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    ),
    max_size=60,
).map("".join)

NAMES = [
    "Tim Beck",
    "Ana Ruiz",
    "Haftar",
    "al-Mesmari",
    "Le Monde",
    "the official",
    "he",
    "she",
    "they",
    "It",
    "An aide",
    "Harbour Authority spokesman Tom Beck",
    "Beck's office",
    "The %",
    "a",
]
TITLES = ["", "Mayor ", "Commissioner ", "Dr. ", "the "]
VERBS = ["said", "told reporters", "added", "warned", "claimed", "asked", "says", "reported", "told the Gazette"]
CLAUSES = [
    "the pier will be rebuilt",
    "we will not give up",
    "nobody wanted this",
    "",
    "it is over, and done",
    "the vote was rigged",
]
OPEN_CLOSE = [
    ("\u201c", "\u201d"),
    ('"', '"'),
    ("\u2018", "\u2019"),
    ("\u00ab", "\u00bb"),
    ("\u201e", "\u201c"),
    ("\u201c", ""),
    ("", "\u201d"),
    ("'", "'"),
]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    """One sentence of a small news grammar: quotes before or after a cue, nested quotes, dashes, colons."""
    speaker = draw(st.sampled_from(TITLES)) + draw(st.sampled_from(NAMES))
    verb = draw(st.sampled_from(VERBS))
    clause = draw(st.sampled_from(CLAUSES))
    opener, closer = draw(st.sampled_from(OPEN_CLOSE))
    if draw(st.booleans()):
        inner_open, inner_close = draw(st.sampled_from(OPEN_CLOSE))
        clause += f" {draw(st.sampled_from(VERBS))} {inner_open}{draw(st.sampled_from(CLAUSES))}{inner_close}"
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return f"{opener}{clause},{closer} {speaker} {verb}."
    if shape == 1:
        return f"{speaker} {verb}: {opener}{clause}.{closer}"
    if shape == 2:
        return f"{speaker} {verb} that {clause}."
    if shape == 3:
        return f"{opener}{clause}.{closer} \u2014{speaker}"
    if shape == 4:
        return f"{opener}{clause},{closer} {verb} {speaker}. {opener}{draw(st.sampled_from(CLAUSES))}{closer}"
    return f"According to {speaker}, {clause} \u2013 {speaker} {verb} {opener}{clause}"


news_text = st.lists(st.tuples(news_sentence(), st.sampled_from([" ", "\n", "\n\n"])), min_size=1, max_size=6).map(
    lambda parts: "".join(s + sep for s, sep in parts)
)


def _check_saveable(extractor: Extractor, text: str) -> None:
    import tempfile

    annotation = extractor.annotate(text, "doc")
    with tempfile.TemporaryDirectory() as folder:
        back = saved_and_read_back(annotation, Path(folder))
    assert back.document.text == text
    assert len(back.quotes) == len(annotation.quotes)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=random_text)
def test_any_text_gives_a_saveable_annotation(extractor: Extractor, text: str) -> None:
    _check_saveable(extractor, text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=news_text)
def test_news_like_text_gives_a_saveable_annotation(extractor: Extractor, text: str) -> None:
    _check_saveable(extractor, text)


# --- pathological inputs: they complete and give valid output (speed is printed by benchmarks) --------
@pytest.mark.parametrize(
    "text",
    [
        "Beck said: " * 300,
        'Beck said: "' * 300,
        '"' * 3000,
        "\u2018a " * 3000,
        "\u201cAnn said \u2018Bo said \u201c" * 150,
    ],
    ids=["said-colon", "said-colon-mark", "straight-marks", "lone-single-openers", "nested-openers"],
)
def test_pathological_lines_complete_with_a_saveable_annotation(
    extractor: Extractor, text: str, tmp_path: Path
) -> None:
    annotation = extractor.annotate(text, "doc")
    back = saved_and_read_back(annotation, tmp_path)
    assert len(back.quotes) == len(annotation.quotes)


def test_a_line_of_marks_is_tokenized_to_the_same_text_in_pieces(extractor: Extractor) -> None:
    text = "He said: " + "\u201c" * 1000 + " and then " + "!?" * 400 + " end"
    doc = extractor.make_doc(text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= 100


def test_a_long_line_is_cut_into_chunks_between_words() -> None:
    from quoteapp.nlp.extractor import split_chunks

    text = "Beck said the pier would close. " * 100
    chunks = split_chunks(text, limit=500)
    assert "".join(c for _, c in chunks) == text
    assert len(chunks) > 1 and all(c.endswith(" ") for _, c in chunks)


def test_an_over_long_line_is_cut_into_sentences_before_the_parser(extractor: Extractor) -> None:
    from quoteapp.nlp.component import MAX_SENTENCE_TOKENS

    doc = extractor.nlp("Beck said, " * 200)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    assert all(s[-1].text == "," for s in list(doc.sents)[:-1])  # cut after punctuation, not mid-phrase


def test_quotes_are_only_compared_with_their_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    """_dedupe and _nest on many candidates: the comparisons grow with their number, not its square."""
    from quoteapp.nlp.rules import merge as rules

    calls = 0
    real = rules._same_span

    def counting(a: rules.Candidate, b: rules.Candidate) -> bool:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(rules, "_same_span", counting)

    def work(n: int) -> int:
        nonlocal calls
        calls = 0
        # quotes of all lengths, each with a shorter one nested inside and a near duplicate
        cands = [rules.Candidate("direct", [(100 * i, 100 * i + 10 + i % 90)], None, None, "r", 0.9) for i in range(n)]
        cands += [rules.Candidate("direct", [(100 * i + 2, 100 * i + 8)], None, None, "r", 0.5) for i in range(n)]
        cands += [rules.Candidate("direct", [(100 * i, 100 * i + 10 + i % 90)], None, None, "r", 0.4) for i in range(n)]
        kept = rules._dedupe(cands)
        assert len(kept) == 2 * n
        rules._nest(kept)
        assert all((c.parent is None) == (c.confidence == 0.9) for c in kept)
        return calls

    assert work(4000) <= 5 * work(1000)
