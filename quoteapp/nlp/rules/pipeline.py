"""The ordered list of sieves, and why it is in that order.

Each sieve is a callable with a `name` that reads and writes the explicit `State` of one Doc.
To add a rule, write a sieve (with its docstring, named confidence and words in the lexicon), put
it in `SIEVES` where its reads and writes fall, and test it on a hand-built Doc (tests/test_sieves.py).

The order follows what each sieve reads and writes:

0. `LabelledLines` first of all: a line opened by a name and a colon claims the quoted words in it.
1. `ReportedClauses` first: a reported clause claims the quoted fragments it holds (a mixed
   quote), marking them `absorbed` and its cue `used`, before they could pass for quotes.
2. `AccordingTo`, also on the unquoted text: it adds its quotes and records outlet clauses.
3. `DirectQuotes` then takes the quoted spans not absorbed, with cues not yet used.
4. `Dedupe` keeps the surer of two candidates for the same content and puts them in reading
   order: every sieve that adds candidates comes before it.
5. `OutletsAround` adds the outlets recorded by 1 and 2 to the quotes whose cues they cover;
   `CitedSources` then makes the source an outlet cites the speaker, the outlet its intermediary.
6. `Nest` sets parents; 7. `SameVoice` reads the top-level quotes (after nesting) and the
   intermediaries (after the outlets) of the quote before an uncued one.
"""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Doc

from quoteapp.nlp.rules.according_to import AccordingTo
from quoteapp.nlp.rules.candidate import Candidate
from quoteapp.nlp.rules.direct import DirectQuotes
from quoteapp.nlp.rules.indirect import ReportedClauses
from quoteapp.nlp.rules.merge import Dedupe, Nest
from quoteapp.nlp.rules.outlets import CitedSources, OutletsAround
from quoteapp.nlp.rules.same_voice import SameVoice
from quoteapp.nlp.rules.state import State
from quoteapp.nlp.rules.transcript import LabelledLines


class Sieve(Protocol):
    """One rule over a Doc's state: it adds candidates or decides about those found before it."""

    name: str

    def __call__(self, state: State) -> None: ...


SIEVES: tuple[Sieve, ...] = (
    LabelledLines(),
    ReportedClauses(),
    AccordingTo(),
    DirectQuotes(),
    Dedupe(),
    OutletsAround(),
    CitedSources(),
    Nest(),
    SameVoice(),
)


def run(doc: Doc, sieves: tuple[Sieve, ...] = SIEVES) -> list[Candidate]:
    """All quotes of a parsed Doc, in reading order, with parents as indices into the list."""
    state = State(doc)
    for sieve in sieves:
        sieve(state)
    return state.candidates
