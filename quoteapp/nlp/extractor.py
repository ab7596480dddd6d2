"""From an article's text to an Annotation: parse, find quotes, group speakers, link nesting.

The app reads only the component's public output (`doc._.quotes`, `doc._.quote_persons`: plain data,
see `quoteapp.nlp.component`), the same that anyone's pipeline gets.

Long texts are parsed in chunks cut at paragraph breaks (spaCy's max_length and memory), and
offsets are carried back to the whole text, so a 5 MB article works like a short one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from quoteapp import __version__
from quoteapp.model import Annotation, Document
from quoteapp.nlp.component import candidate_from_dict, mention_from_dict
from quoteapp.nlp.mentions import Mention
from quoteapp.nlp.pipeline import load_pipeline, pipeline_label
from quoteapp.nlp.resolve import build_annotation
from quoteapp.nlp.rules import Candidate

__all__ = ["Extractor", "build_annotation", "split_chunks"]

CHUNK_CHARS = 60_000
#: spaCy's tokenizer strips a prefix or suffix at a time off a run without spaces, so a run of n
#: punctuation marks costs about n² ("\"" * 50_000 takes minutes): runs longer than this are
#: tokenized in pieces of this size, which no word of real text reaches.
LONG_RUN = 100
LONG_RUNS = re.compile(rf"\S{{{LONG_RUN + 1},}}")


@dataclass
class _Found:
    candidates: list[Candidate]
    persons: list[Mention]


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
        cands: list[Candidate] = []
        persons: list[Mention] = []
        # batch_size=1: a chunk's progress is reported (and a cancel seen) as soon as it is parsed
        docs = self.nlp.pipe((self.make_doc(chunk) for _, chunk in chunks), batch_size=1)
        for n, ((offset, _), doc) in enumerate(zip(chunks, docs, strict=True)):
            base = len(cands)
            for quote in doc._.quotes:
                cands.append(_shift(candidate_from_dict(quote), offset, base))
            persons.extend(mention_from_dict(p).shifted(offset) for p in doc._.quote_persons)
            if progress:
                progress((n + 1) / len(chunks))
        return _Found(cands, persons)

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
        self, text: str, doc_id: str, *, path: str | None = None, title: str | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> Annotation:
        """The annotation of one article, with every quote `auto`."""
        found = self._find(text, progress)
        return build_annotation(
            Document(id=doc_id, text=text, path=path, title=title), found.candidates, found.persons,
            {"app": "quoteapp", "app_version": __version__, "pipeline": self.label},
        )


def _shift(cand: Candidate, offset: int, base: int) -> Candidate:
    if not offset and not base:
        return cand
    return Candidate(
        cand.type, [(s + offset, e + offset) for s, e in cand.segments],
        (cand.cue[0] + offset, cand.cue[1] + offset) if cand.cue else None,
        cand.speaker.shifted(offset) if cand.speaker else None, cand.rule, cand.confidence,
        list(cand.evidence), cand.parent + base if cand.parent is not None else None, cand.cue_token,
        [(m.shifted(offset), role) for m, role in cand.intermediaries],
    )
