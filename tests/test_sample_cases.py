"""Cases the bundled sample article holds, on text written for this test: a quote an outlet's
report cites a document for; a quote inside the further segment of a split quote; an unnamed
person as an anonymous source."""

from __future__ import annotations


def _quote(annotation, words: str):
    (quote,) = [q for q in annotation.quotes if q.segments[0].text.startswith(words)]
    return quote


def test_an_outlet_citing_a_document_passes_on_the_documents_words(extractor) -> None:
    text = (
        "Pier repairs\n\n"
        "The new pier would cost about 40 million crowns, the Kelso Herald reported on Friday, "
        "citing a confidential port memo.\n"
    )
    annotation = extractor.annotate(text, "pier")
    quote = _quote(annotation, "The new pier would cost")
    assert annotation.entity(quote.speaker.entity).name.endswith("port memo")
    assert [(annotation.entity(v.entity).name, v.role) for v in quote.intermediaries] == [("Kelso Herald", "outlet")]


def test_a_person_citing_a_report_still_speaks(extractor) -> None:
    text = "Pier repairs\n\nMayor Ana Ruiz said the pier would cost more, citing a new report.\n"
    annotation = extractor.annotate(text, "pier")
    quote = _quote(annotation, "the pier would cost more")
    assert annotation.entity(quote.speaker.entity).name == "Ana Ruiz"


def test_a_quote_in_the_second_segment_of_a_split_quote_is_its_child(extractor) -> None:
    text = (
        "Bakery waits\n\n"
        "Ines Dorval runs the bakery by the ferry.\n\n"
        "“Every summer we hear the same promise,” she said. “Last year a woman from the council "
        "stood in my shop and told me, ‘You will have water by Christmas.’ We still carry buckets.”\n"
    )
    annotation = extractor.annotate(text, "bakery")
    outer = _quote(annotation, "Every summer")
    inner = _quote(annotation, "You will have water by Christmas")
    assert inner.parent == outer.id
    assert annotation.entity(outer.speaker.entity).name.endswith("Dorval")
    speaker = annotation.entity(inner.speaker.entity)
    assert speaker.kind == "anonymous", "an unnamed woman is an anonymous source"
    assert [(annotation.entity(v.entity).name, v.role) for v in inner.intermediaries] == [
        (annotation.entity(outer.speaker.entity).name, "relay")
    ]
