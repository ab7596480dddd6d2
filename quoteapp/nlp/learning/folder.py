"""Learning from the reviewed articles of one corpus folder, for the editor's "Learn from Reviewed
Articles": the trained pipeline is kept in the folder itself, in the hidden subfolder
`.quoteapp-pipeline` (a spaCy pipeline folder, as `quoteapp train` writes), so that the folder's
unreviewed articles are analysed with it from then on, and deleting that subfolder goes back to
the default. Parsed articles are cached beside it, in `.quoteapp-pipeline-cache`.

Training may be stopped (the editor's Cancel) by a progress callback that raises: the new pipeline
is written into a hidden temporary folder beside and put in place only once complete, so the
folder keeps the pipeline it had (or none), never a half-written one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from quoteapp.nlp.learning.parsed import read_annotations
from quoteapp.nlp.learning.saving import fresh_base_pipeline, save_pipeline, trained_pipeline
from quoteapp.nlp.learning.training import collect_examples, labelled, train_keep_model

PIPELINE_FOLDER = ".quoteapp-pipeline"
CACHE_FOLDER = ".quoteapp-pipeline-cache"
#: progress(done, total) over the articles parsed, then (total, total) before each fit of the model
#: and once more when the model is written (before it is put in place): raising there stops the
#: training and leaves the folder as it was.
Progress = Callable[[int, int], None]


def folder_pipeline(folder: Path) -> Path | None:
    """The pipeline trained on this folder, or None (the default applies)."""
    path = Path(folder) / PIPELINE_FOLDER
    return path if (path / "meta.json").is_file() else None


def train_folder(folder: Path, progress: Progress | None = None, base: str | None = None) -> Path:
    """Train on the folder's decided articles and write the pipeline into its hidden subfolder.

    The articles are parsed with a pipeline of the training's own (the editor may analyse an article
    with the shared one meanwhile, in another thread), which then becomes the trained pipeline.
    Raises ValueError when no article has an editor's decision, or the decisions hold only one class;
    whatever `progress` raises stops the training with the folder's pipeline untouched."""
    folder = Path(folder)
    annotations = labelled(read_annotations([folder]))
    if not annotations:
        raise ValueError("no reviewed article (nor any accepted, corrected, added or rejected quote) to learn from")
    nlp = fresh_base_pipeline(base)
    examples = collect_examples(nlp, annotations, folder / CACHE_FOLDER, progress)
    done = len(annotations)
    model = train_keep_model(examples, [str(folder)], (lambda: progress(done, done)) if progress else None)
    out = folder / PIPELINE_FOLDER
    written = Path(tempfile.mkdtemp(prefix=f"{PIPELINE_FOLDER}-new-", dir=folder))
    try:
        save_pipeline(trained_pipeline(model, base, nlp), written)
        if progress:
            progress(len(annotations), len(annotations))
        _put_in_place(written, out)
    finally:
        shutil.rmtree(written, ignore_errors=True)
    return out


def _put_in_place(written: Path, out: Path) -> None:
    """Replace the pipeline folder `out` by the complete one `written` (the old one removed after)."""
    old = out.with_name(f"{out.name}-old")
    if out.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
    os.replace(written, out)
    shutil.rmtree(old, ignore_errors=True)
