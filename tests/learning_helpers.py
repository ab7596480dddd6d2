"""Invented articles and an imagined editor who counts "She called the plan a fantasy" as a quote.

The editor reviews each article: the extractor's quotes are accepted, and the verdicts of the form
"X called Y a Z" are added as quotes (content "Y a Z", speaker X): the convention of a project the
default pipeline does not follow. Other verbs' objects ("bought a boat") stay no quote.
"""

from __future__ import annotations

from pathlib import Path

from quoteapp.formats.attribution import write_annotation
from quoteapp.model import Annotation, Entity, Quote, Span, Speaker
from quoteapp.nlp.extractor import Extractor

#: (speaker, what was called, what it was called) for the verdicts of the training articles.
VERDICTS = [
    ("Mayor Ana Ruiz", "the harbour plan", "a fantasy"),
    ("Councillor Tom Beck", "the new parking fee", "a scandal"),
    ("The union leader", "the contract offer", "an insult to every nurse"),
    ("Senator Mia Holt", "the budget", "a disaster for rural towns"),
    ("Professor Omar Said", "the ferry schedule", "a mess"),
    ("The fire chief", "the old station", "a death trap"),
    ("Judge Lena Park", "the appeal", "a waste of public money"),
    ("Premier Dan Frost", "the pipeline deal", "a victory for workers"),
    ("The school board chair", "the test results", "a wake-up call"),
    ("Minister Rosa Vale", "the report", "a blueprint for the coast"),
    ("Coach Ivan Leclerc", "the referee's decision", "a joke"),
    ("The harbour master", "the storm damage", "a catastrophe"),
]
#: Sentences with a verb and its object that no one counts as a quote.
PLAIN = [
    "{who} bought a new boat last spring.",
    "{who} opened the community centre on Monday.",
    "{who} visited the flooded streets after the storm.",
    "{who} chaired the meeting at the town hall.",
    "{who} signed the lease for the old warehouse.",
    "{who} planted two hundred trees along the river.",
]
#: A direct quote the default pipeline finds, which the editor accepts.
SAID = '"We will keep the ferry running all winter," {who} said.'
#: The article the trained pipeline is tried on: none of its words is in a training verdict.
NEW_ARTICLE = (
    "Council votes on bridge repairs\n\n"
    "Deputy Mayor Carla Stone called the repair estimate a fairy tale at Monday's meeting.\n\n"
    '"The bridge must be safe before the winter," Stone said.\n\n'
    "Stone bought a bicycle for her commute last year.\n"
)
NEW_VERDICT = "the repair estimate a fairy tale"


def article(n: int) -> tuple[str, list[tuple[str, str]]]:
    """The text of training article n and its (speaker, content) verdicts."""
    first, second = VERDICTS[(2 * n) % len(VERDICTS)], VERDICTS[(2 * n + 1) % len(VERDICTS)]
    lines = [f"Town news {n}", ""]
    verdicts = []
    for who, what, called in (first, second):
        lines += [f"{who} called {what} {called} on Tuesday.", ""]
        verdicts.append((who, f"{what} {called}"))
        lines += [PLAIN[(n + len(verdicts)) % len(PLAIN)].format(who=who), ""]
    lines += [SAID.format(who=first[0]), ""]
    return "\n".join(lines), verdicts


def reviewed(extractor: Extractor, text: str, doc_id: str, verdicts: list[tuple[str, str]]) -> Annotation:
    """The annotation an editor saves: every proposal accepted, the verdicts added with their speakers."""
    annotation = extractor.annotate(text, doc_id)
    for quote in annotation.quotes:
        quote.status = "accepted"
    for n, (who, content) in enumerate(verdicts, start=1):
        start, speaker_at = text.index(content), text.index(who)
        entity = Entity(f"V{n}", "person", who, mentions=[Span.of(text, speaker_at, speaker_at + len(who))])
        annotation.entities.append(entity)
        speaker = Speaker(entity.id, Span.of(text, speaker_at, speaker_at + len(who)))
        segment = Span.of(text, start, start + len(content))
        cue_at = text.index("called", speaker_at)
        cue = Span.of(text, cue_at, cue_at + len("called"))
        annotation.quotes.append(Quote(f"V{n}", "indirect", [segment], cue, speaker, status="added"))
    return annotation


def write_training_files(extractor: Extractor, folder: Path, count: int = 6) -> list[Path]:
    """`count` reviewed training articles as attribution files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        text, verdicts = article(n)
        path = folder / f"town-{n}.json"
        write_annotation(reviewed(extractor, text, f"town-{n}", verdicts), path)
        paths.append(path)
    return paths
