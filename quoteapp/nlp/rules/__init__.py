"""The extraction rules as named sieves: from a parsed Doc to quote candidates with cue, speaker
mention and evidence.

Direct quotes come from paired marks (quotemarks.py) and take the reporting verb next to them;
indirect quotes are the clausal complement of a reporting verb or the clause of "according to";
a reported clause that holds a quoted fragment is mixed. Candidates whose content lies inside
another's are nested under it. `pipeline.SIEVES` is the ordered list; `state.State` what they share.
"""

from __future__ import annotations

from spacy.tokens import Doc

from quoteapp.nlp.rules.candidate import Candidate
from quoteapp.nlp.rules.pipeline import SIEVES, run

__all__ = ["SIEVES", "Candidate", "find_candidates"]


def find_candidates(doc: Doc) -> list[Candidate]:
    """All quotes of a parsed Doc, in reading order, with parents as indices into the list."""
    return run(doc)
