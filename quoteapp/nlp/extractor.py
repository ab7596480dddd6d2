"""From an article's text to an Annotation: parse, find quotes, group speakers, link nesting.

The app reads only the component's public output (`doc._.quotes`, `doc._.quote_persons`: plain data,
see `quoteapp.nlp.component`), the same that anyone's pipeline gets.

Long texts are parsed in chunks cut at paragraph breaks (spaCy's max_length and memory), and
offsets are carried back to the whole text, so a 5 MB article works like a short one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quoteapp import __version__
from quoteapp.model import Annotation, Document
from quoteapp.nlp.pipeline import load_pipeline, pipeline_label
from quoteapp.nlp.resolve import build_annotation, build_annotation_from_output

__all__ = ["Extractor", "build_annotation", "split_chunks"]

CHUNK_CHARS = 60_000
#: spaCy's tokenizer strips a prefix or suffix at a time off a run without spaces, so a run of n
#: punctuation marks costs about n² ("\"" * 50_000 takes minutes): runs longer than this are
#: tokenized in pieces of this size, which no word of real text reaches.
LONG_RUN = 100
LONG_RUNS = re.compile(rf"\S{{{LONG_RUN + 1},}}")


@dataclass
class _Found:
    """The component's public output over all chunks, offsets into the whole text."""

    quotes: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)


def split_chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most about `limit` characters, cut after a newline, else (a line
    longer than half the limit) after a space, so that no word is cut in two."""
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks


class Extractor:
    """The quote extractor around one loaded spaCy pipeline."""

    def __init__(self, model: str | None = None, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(model)

    @property
    def label(self) -> str:
        return pipeline_label(self.nlp)

    def _find(self, text: str, progress: Callable[[float], None] | None) -> _Found:
        chunks = split_chunks(text)
        found = _Found()
        # batch_size=1: a chunk's progress is reported (and a cancel seen) as soon as it is parsed
        docs = self.nlp.pipe((self.make_doc(chunk) for _, chunk in chunks), batch_size=1)
        for n, ((offset, _), doc) in enumerate(zip(chunks, docs, strict=True)):
            base = len(found.quotes)
            found.quotes.extend(_shift_quote(q, offset, base) for q in doc._.quotes)
            found.persons.extend(_shift_mention(p, offset) for p in doc._.quote_persons)
            if progress:
                progress((n + 1) / len(chunks))
        return found

    def make_doc(self, text: str) -> Doc:
        """The tokenized Doc of `text`, in linear time: runs without spaces longer than LONG_RUN are
        tokenized piece by piece and the pieces joined, so the Doc's text is still exactly `text`."""
        cuts = [cut for m in LONG_RUNS.finditer(text) for cut in range(m.start() + LONG_RUN, m.end(), LONG_RUN)]
        if not cuts:
            return self.nlp.make_doc(text)
        bounds = [0, *cuts, len(text)]
        pieces = [self.nlp.make_doc(text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
        return doc if doc.text == text else self.nlp.make_doc(text)

    def annotate(
        self,
        text: str,
        doc_id: str,
        *,
        path: str | None = None,
        title: str | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> Annotation:
        """The annotation of one article, with every quote `auto`."""
        found = self._find(text, progress)
        return build_annotation_from_output(
            Document(id=doc_id, text=text, path=path, title=title),
            found.quotes,
            found.persons,
            {"app": "quoteapp", "app_version": __version__, "pipeline": self.label},
        )


def _shift_quote(quote: dict[str, Any], offset: int, base: int) -> dict[str, Any]:
    """A chunk's quote dict with offsets into the whole text and its parent an index into all quotes."""
    if not offset and not base:
        return quote
    return {
        **quote,
        "segments": [[s + offset, e + offset] for s, e in quote["segments"]],
        "cue": [quote["cue"][0] + offset, quote["cue"][1] + offset] if quote["cue"] else None,
        "speaker": _shift_mention(quote["speaker"], offset) if quote["speaker"] else None,
        "intermediaries": [{**i, "mention": _shift_mention(i["mention"], offset)} for i in quote["intermediaries"]],
        "parent": quote["parent"] + base if quote["parent"] is not None else None,
    }


def _shift_mention(mention: dict[str, Any], offset: int) -> dict[str, Any]:
    """A MENTION dict (and its principal) moved `offset` characters on."""
    if not offset:
        return mention
    principal = mention.get("principal")
    return {
        **mention,
        "start": mention["start"] + offset,
        "end": mention["end"] + offset,
        "principal": _shift_mention(principal, offset) if principal else None,
    }
