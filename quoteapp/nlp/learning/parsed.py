"""Annotation files in, parsed Docs out, parsed once: a cache of DocBins keyed by text and pipeline.

Parsing 840 articles takes minutes on two shared cores; training again (another subset for the
curve, another setting) must not parse them again. Each article's parsed Doc, with the sieves'
output (`doc._.quotes`, `doc._.quote_persons`), is kept as one DocBin file named by the sha256 of
its text, under a folder named by the pipeline, quoteapp's version and a digest of the sieves'
source (new sieves, new cache).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from platformdirs import user_cache_dir
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from quoteapp import __version__
from quoteapp.corpus.locations import annotation_files as folder_annotation_files
from quoteapp.formats.attribution import read_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.model import Annotation
from quoteapp.nlp.pipeline import pipeline_label

CACHE_ENV = "QUOTEAPP_PARSE_CACHE"
Progress = Callable[[int, int], None]


def annotation_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the attribution files of the folders named (the corpus rule: no registry,
    no before-change copy, no hidden file), in the order given."""
    out: list[Path] = []
    for path in paths:
        out.extend(folder_annotation_files(path)[0] if path.is_dir() else [path])
    return out


def read_annotations(paths: Iterable[Path], problem: Callable[[str], None] | None = None) -> list[Annotation]:
    """Every readable attribution file of `paths` (files or folders); one that fails is reported to
    `problem` and left out, as `quoteapp eval` leaves it out of the figures."""
    out = []
    for path in annotation_files(paths):
        try:
            out.append(read_annotation(path))
        except (FormatError, OSError) as err:
            if problem:
                problem(f"left out: {err}")
    return out


def _rules_digest() -> str:
    """A digest of the quote finder's source (quoteapp.nlp but this package): changed sieves, new cache."""
    nlp_package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(nlp_package.rglob("*.py")):
        if "learning" not in path.relative_to(nlp_package).parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_folder(nlp: Language, root: Path | None = None) -> Path:
    """Where parsed Docs of this pipeline, this quoteapp version and these sieves are kept."""
    base = root or Path(os.environ.get(CACHE_ENV) or user_cache_dir("quoteapp")) / "parsed"
    key = f"{pipeline_label(nlp)}|{__version__}|{nlp.pipe_names}|{_rules_digest()}"
    return base / hashlib.sha256(key.encode()).hexdigest()[:16]


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path: Path, nlp: Language) -> Doc | None:
    try:
        return next(iter(DocBin().from_disk(path).get_docs(nlp.vocab)))
    except (OSError, ValueError, StopIteration):
        return None


def _write(path: Path, doc: Doc) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    DocBin(store_user_data=True, docs=[doc]).to_disk(tmp)
    os.replace(tmp, path)


def parsed_docs(
    nlp: Language, texts: list[str], cache: Path | None = None, progress: Progress | None = None
) -> Iterator[Doc]:
    """The parsed Doc of each text, in order, from the cache where it is there, else parsed and kept.
    `cache`: a folder of one's own (its contents are trusted to come from this pipeline), else the
    user cache's folder for this pipeline and these sieves."""
    folder = cache if cache is not None else cache_folder(nlp)
    paths = [folder / f"{_key(text)}.spacy" for text in texts]
    cached = [_read(p, nlp) if p.is_file() else None for p in paths]
    missing = [i for i, doc in enumerate(cached) if doc is None]
    fresh = nlp.pipe((texts[i] for i in missing), batch_size=8) if missing else iter(())
    done = len(texts) - len(missing)
    for i, doc in enumerate(cached):
        if doc is None:
            doc = next(fresh)
            _write(paths[i], doc)
            done += 1
            if progress:
                progress(done, len(texts))
        yield doc
