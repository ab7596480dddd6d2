"""Learning from the editor: a model trained on an editor's decisions re-scores the sieves' candidates.

`targets` reads what attribution files teach, `candidates` proposes what the sieves leave out,
`features` describes a candidate, `model` is the keep/drop model (JSON weights), `component` the
spaCy component `quoteapp_learned` that applies it, `parsed` caches parsed Docs, `training`
builds examples, fits and measures, `saving` writes and loads a trained pipeline folder.
Importing this package registers the `quoteapp_learned` factory.
"""

from quoteapp.nlp.learning.component import LEARNED_NAME, LearnedQuotes, make_learned_quotes

__all__ = ["LEARNED_NAME", "LearnedQuotes", "make_learned_quotes"]
