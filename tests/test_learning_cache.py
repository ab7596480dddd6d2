"""Parsed articles are cached: training again (the curve's subsets, another setting) parses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.learning.parsed import parsed_docs

TEXTS = ['"The ferry runs all winter," the harbour master said.', "Nobody said anything about the pier."]


def test_a_second_pass_reads_the_parsed_articles_and_their_quotes_from_the_cache(
    extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = list(parsed_docs(extractor.nlp, TEXTS, tmp_path))
    assert len(list(tmp_path.glob("*.spacy"))) == 2

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(extractor.nlp, "pipe", no_parsing)
    again = list(parsed_docs(extractor.nlp, TEXTS, tmp_path))
    assert [d.text for d in again] == TEXTS
    assert [len(d._.quotes) for d in again] == [len(d._.quotes) for d in first]
    assert again[0]._.quotes and [d.dep_ for d in again[0]] == [d.dep_ for d in first[0]]
