"""A reporting participle between a speaker's words and a trailing attribution frame: "X said A,
while acknowledging B, the aide said" (text invented). The parser hangs "acknowledging" on the
aide's "said" after it; it continues X's clause before it, so B is X's, relayed by the aide."""

from __future__ import annotations

TEXT = (
    "Harbour talks stall\n\n"
    'Mayor Ana Ruiz said the new fares "were not fair," while acknowledging that the ferry company '
    "needs more money to run the late boats, a council aide said on condition of anonymity.\n"
)


def test_the_participle_is_the_speaker_of_the_clause_before_it(extractor) -> None:
    annotation = extractor.annotate(TEXT, "talks")
    (quote,) = [q for q in annotation.quotes if q.segments[0].text.startswith("the ferry company needs")]
    assert quote.speaker is not None
    assert annotation.entity(quote.speaker.entity).name == "Ana Ruiz"
    assert "participle" in (quote.evidence or "")


def test_a_participle_with_its_own_subject_keeps_it(extractor) -> None:
    text = TEXT.replace("while acknowledging that", "while the port acknowledged that")
    annotation = extractor.annotate(text, "talks")
    (quote,) = [q for q in annotation.quotes if q.segments[0].text.startswith("the ferry company needs")]
    assert quote.speaker is not None
    assert annotation.entity(quote.speaker.entity).name.lower().endswith("port")
