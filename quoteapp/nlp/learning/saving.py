"""A trained pipeline as a spaCy pipeline folder: the base pipeline, our components and the model.

`nlp.to_disk` writes the base pipeline (tagger, parser, ...), `quoteapp_paragraphs`,
`quoteapp_quotes` and `quoteapp_learned`, whose folder holds `keep_model.json`; `meta.json` says what
it was trained from and when (`quoteapp_training`). `spacy.load(folder)`, hence `--model FOLDER`
and `quoteapp.nlp.pipeline.load_pipeline`, brings it back once the `quoteapp_learned` factory is
registered (the `spacy_factories` entry point, or importing `quoteapp.nlp.learning`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from quoteapp.nlp.component import COMPONENT_NAME, PARAGRAPHS_NAME
from quoteapp.nlp.learning.component import LEARNED_NAME, LearnedQuotes
from quoteapp.nlp.learning.model import KeepModel
from quoteapp.nlp.pipeline_names import TRAINING_META_KEY, pipeline_candidates

TRAINED_NAME_SUFFIX = "quoteapp_trained"
#: Which of the candidate names a fresh base pipeline was loaded by (the repackaged model's package
#: name, say), until the trained pipeline's meta.json says it as its base.
LOADED_AS = "quoteapp_loaded_as"


def fresh_base_pipeline(name: str | None = None) -> Language:
    """A pipeline of its own (not the process-wide shared one) with our two components added."""
    errors = []
    for model in pipeline_candidates(name):
        try:
            nlp = spacy.load(model)
        except OSError as err:
            errors.append(str(err).splitlines()[0])
            continue
        if PARAGRAPHS_NAME not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS_NAME, before="parser")
        if COMPONENT_NAME not in nlp.pipe_names:
            nlp.add_pipe(COMPONENT_NAME, last=True)
        nlp.meta[LOADED_AS] = model
        return nlp
    raise OSError("; ".join(errors))


def trained_pipeline(model: KeepModel, base: str | None = None, nlp: Language | None = None) -> Language:
    """The base pipeline with `quoteapp_learned` after the quote finder, holding `model`."""
    nlp = nlp if nlp is not None else fresh_base_pipeline(base)
    if LEARNED_NAME in nlp.pipe_names:
        nlp.remove_pipe(LEARNED_NAME)
    component = nlp.add_pipe(LEARNED_NAME, after=COMPONENT_NAME)
    assert isinstance(component, LearnedQuotes)
    component.model = model
    base_name = nlp.meta.get("name", "pipeline")
    if not str(base_name).endswith(TRAINED_NAME_SUFFIX):
        nlp.meta["name"] = f"{base_name}_{TRAINED_NAME_SUFFIX}"
    nlp.meta[TRAINING_META_KEY] = {
        **model.info,
        "base": nlp.meta.pop(LOADED_AS, None) or base or pipeline_candidates(None)[0],
        "threshold": model.threshold,
    }
    return nlp


def save_pipeline(nlp: Language, folder: Path) -> None:
    """Write the pipeline folder (spaCy's layout, meta.json included)."""
    nlp.to_disk(folder)


def training_info(nlp: Language) -> dict[str, Any] | None:
    """What a trained pipeline says of its training (meta.json's `quoteapp_training`), None for another."""
    return nlp.meta.get(TRAINING_META_KEY)
