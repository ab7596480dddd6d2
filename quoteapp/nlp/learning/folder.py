"""Learning from the reviewed articles of one corpus folder, for the editor's "Learn from Reviewed
Articles": the trained pipeline is kept in the folder itself, in the hidden subfolder
`.quoteapp-pipeline` (a spaCy pipeline folder, as `quoteapp train` writes), so that the folder's
unreviewed articles are analysed with it from then on, and deleting that subfolder goes back to
the default. Parsed articles are cached beside it, in `.quoteapp-pipeline-cache`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from quoteapp.nlp.learning.parsed import read_annotations
from quoteapp.nlp.learning.saving import save_pipeline, trained_pipeline
from quoteapp.nlp.learning.training import collect_examples, labelled, train_keep_model
from quoteapp.nlp.pipeline import load_pipeline

PIPELINE_FOLDER = ".quoteapp-pipeline"
CACHE_FOLDER = ".quoteapp-pipeline-cache"
#: progress(done, total) over the articles parsed, then once more when the model is written.
Progress = Callable[[int, int], None]


def folder_pipeline(folder: Path) -> Path | None:
    """The pipeline trained on this folder, or None (the default applies)."""
    path = Path(folder) / PIPELINE_FOLDER
    return path if (path / "meta.json").is_file() else None


def train_folder(folder: Path, progress: Progress | None = None, base: str | None = None) -> Path:
    """Train on the folder's decided articles and write the pipeline into its hidden subfolder.

    Raises ValueError when no article has an editor's decision, or the decisions hold only one class."""
    folder = Path(folder)
    annotations = labelled(read_annotations([folder]))
    if not annotations:
        raise ValueError("no reviewed article (nor any accepted, corrected, added or rejected quote) to learn from")
    examples = collect_examples(load_pipeline(base), annotations, folder / CACHE_FOLDER, progress)
    model = train_keep_model(examples, [str(folder)])
    out = folder / PIPELINE_FOLDER
    save_pipeline(trained_pipeline(model, base), out)
    if progress:
        progress(len(annotations), len(annotations))
    return out
