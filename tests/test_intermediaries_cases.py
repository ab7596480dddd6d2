"""Intermediaries on news the project has not seen: invented paragraphs, one per case of the
guidelines' Intermediaries section (spokespeople, offices, outlets, broadcast shows, and what is
not an intermediary), each with the quote, speaker and chain an editor would expect, scored by
the project's own scorer (`quoteapp.evaluation`) as the shared gold is.

Every person, organization and outlet here is invented, so no rule can lean on a list of outlets
it happens to know.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from quoteapp.evaluation.scoring import Counts, Scores, score_document
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.nlp.extractor import Extractor


@dataclass(frozen=True)
class Case:
    """One invented paragraph and what an editor expects of its quotes: their content (one string, or
    several quotes of the same voice), speaker and chain; no content: no quote at all."""

    name: str
    text: str
    content: str | tuple[str, ...] | None  # the quotes' content, as an editor marks it
    speaker: tuple[str, ...] = ()  # the speaker's name and aliases
    chain: tuple[tuple[str, str], ...] = ()  # (name, role), from the speaker outward

    @property
    def contents(self) -> tuple[str, ...]:
        if self.content is None:
            return ()
        return (self.content,) if isinstance(self.content, str) else self.content


SPOKESPEOPLE = [
    Case(
        "company spokesperson",
        "“We are reviewing every report of the outage,” a Telvana spokesperson said on Monday.",
        "We are reviewing every report of the outage",
        ("Telvana",),
        (("Telvana spokesperson", "spokesperson"),),
    ),
    Case(
        "spokeswoman for, apposition name",
        "A spokeswoman for the ministry, Ana Ruiz, said the clinic in Dunmore would reopen in May.",
        "the clinic in Dunmore would reopen in May",
        ("the ministry",),
        (("Ana Ruiz", "spokesperson"),),
    ),
    Case(
        "organization spokesman title",
        "Harbour Authority spokesman Tom Beck said the pier would stay closed for repairs.",
        "the pier would stay closed for repairs",
        ("Harbour Authority",),
        (("Tom Beck", "spokesperson"),),
    ),
    Case(
        "name, a spokesman for",
        "The Kelso Port Authority closed the pier on Monday. Tom Beck, a spokesman for the authority, "
        "said the ferry would run again on Sunday.",
        "the ferry would run again on Sunday",
        ("Kelso Port Authority", "the authority"),
        (("Tom Beck", "spokesperson"),),
    ),
    Case(
        "said name, the mayor's spokesman",
        "“The budget is balanced and the pools will open,” said Piet Vandel, the mayor's spokesman.",
        "The budget is balanced and the pools will open",
        ("the mayor",),
        (("Piet Vandel", "spokesperson"),),
    ),
    Case(
        "her spokesman name",
        "Senator Maria Lind lost the vote on Tuesday. “We will appeal the ruling,” her spokesman Tomas Ferreira said.",
        "We will appeal the ruling",
        ("Maria Lind", "Senator Maria Lind"),
        (("Tomas Ferreira", "spokesperson"),),
    ),
    Case(
        "spokesperson named again later",
        "Senator Maria Lind lost the vote on Tuesday. “We will appeal,” her spokesman Tomas Ferreira said. "
        "Later, Ferreira said the senator would speak to voters in Dunmore on Friday.",
        ("We will appeal", "the senator would speak to voters in Dunmore on Friday"),
        ("Maria Lind", "Senator Maria Lind"),
        (("Tomas Ferreira", "spokesperson"),),
    ),
    Case(
        "who speaks for",
        "Tom Beck, who speaks for the authority, said the ferry would run on Sunday.",
        "the ferry would run on Sunday",
        ("the authority",),
        (("Tom Beck", "spokesperson"),),
    ),
]

OFFICES = [
    Case(
        "name's office said",
        "Mayor Lena Ostrova's office said the report on the flooding would be published in June.",
        "the report on the flooding would be published in June",
        ("Lena Ostrova", "Mayor Lena Ostrova"),
        (("Mayor Lena Ostrova's office", "spokesperson"),),
    ),
    Case(
        "statement released by an office",
        "“We will not raise the fuel tax this year,” said a statement released by Premier Dana Holt's office.",
        "We will not raise the fuel tax this year",
        ("Dana Holt", "Premier Dana Holt"),
        (("Premier Dana Holt's office", "spokesperson"),),
    ),
    Case(
        "statement from the mayor's office",
        "A statement from the mayor's office said the fountain in Kelso Square would be repaired by spring.",
        "the fountain in Kelso Square would be repaired by spring",
        ("the mayor",),
        (("the mayor's office", "spokesperson"),),
    ),
    Case(
        "office told an outlet",
        "Health Minister Carla Dunn faced questions about the waiting lists on Monday. Her office told the "
        "Harbour Gazette that the minister would not resign.",
        "the minister would not resign",
        ("Carla Dunn", "Health Minister Carla Dunn"),
        (("Her office", "spokesperson"), ("Harbour Gazette", "outlet")),
    ),
]

OUTLETS = [
    Case(
        "told name News",
        "“We had no warning at all,” Ostrova told Kelso News on Tuesday.",
        "We had no warning at all",
        ("Ostrova",),
        (("Kelso News", "outlet"),),
    ),
    Case(
        "told The name Press",
        "Ostrova told The Lakeland Press that the bridge plan was dead.",
        "the bridge plan was dead",
        ("Ostrova",),
        (("The Lakeland Press", "outlet"),),
    ),
    Case(
        "has told the name Herald",
        "Ostrova has told the Dunmore Herald that she will run for a third term.",
        "she will run for a third term",
        ("Ostrova",),
        (("Dunmore Herald", "outlet"),),
    ),
    Case(
        "said in an interview with",
        "Ostrova said in an interview with the Harbour Gazette that the ferry fares would fall.",
        "the ferry fares would fall",
        ("Ostrova",),
        (("Harbour Gazette", "outlet"),),
    ),
    Case(
        "in a statement to",
        "In a statement to the Meridian Wire, the Kelso Mining Company said it would cut 200 jobs.",
        "it would cut 200 jobs",
        ("Kelso Mining Company",),
        (("Meridian Wire", "outlet"),),
    ),
    Case(
        "told the outlet's reporter",
        "“Nobody called us before the flood,” Beck told the Gazette's reporter.",
        "Nobody called us before the flood",
        ("Beck",),
        (("Gazette", "outlet"),),
    ),
    Case(
        "speaking on a radio station",
        "Speaking on Radio Lanrick, Ostrova said the bridge was safe for buses.",
        "the bridge was safe for buses",
        ("Ostrova",),
        (("Radio Lanrick", "outlet"),),
    ),
    Case(
        "told a broadcaster's show",
        "Ostrova told Valley TV's Morning Report that property taxes would rise.",
        "property taxes would rise",
        ("Ostrova",),
        (("Morning Report", "outlet"),),
    ),
    Case(
        "told a show's host",
        "“It is a scandal,” Ostrova told Morning Report host Ana Ruiz.",
        "It is a scandal",
        ("Ostrova",),
        (("Morning Report", "outlet"),),
    ),
    Case(
        "told a channel",
        "“The roads will be cleared by noon,” Beck told Channel Nine.",
        "The roads will be cleared by noon",
        ("Beck",),
        (("Channel Nine", "outlet"),),
    ),
    Case(
        "told a broadcasting corporation",
        "Beck told the Meridian Broadcasting Corporation that the dam had been inspected.",
        "the dam had been inspected",
        ("Beck",),
        (("Meridian Broadcasting Corporation", "outlet"),),
    ),
    Case(
        "speaking to, after the cue",
        "“We will rebuild the school,” said Ostrova, speaking to the Coastal Times.",
        "We will rebuild the school",
        ("Ostrova",),
        (("Coastal Times", "outlet"),),
    ),
    Case(
        "name reported, after the speech",
        "Ostrova said the mine would close in June, the Daily Meridian reported.",
        "the mine would close in June",
        ("Ostrova",),
        (("Daily Meridian", "outlet"),),
    ),
    Case(
        "reported name, inverted",
        "“The mine will close in June,” Ostrova said, reported the Lakeland Tribune.",
        "The mine will close in June",
        ("Ostrova",),
        (("Lakeland Tribune", "outlet"),),
    ),
    Case(
        "according to an outlet after a cue",
        "Ostrova said the plan was dead, according to the Harbour Gazette.",
        "the plan was dead",
        ("Ostrova",),
        (("Harbour Gazette", "outlet"),),
    ),
    Case(
        "according to an outlet alone",
        "The cannery will close in June, according to the Harbour Gazette.",
        "The cannery will close in June",
        ("Harbour Gazette",),
    ),
]

NOT_INTERMEDIARIES = [
    Case("told reporters", "“We will rebuild,” Ostrova told reporters.", "We will rebuild", ("Ostrova",)),
    Case(
        "told the House",
        "Ostrova told the House that the budget was balanced.",
        "the budget was balanced",
        ("Ostrova",),
    ),
    Case("told the jury", "Beck told the jury that he was at home that night.", "he was at home that night", ("Beck",)),
    Case("told police", "Beck told police he heard a shot near the pier.", "he heard a shot near the pier", ("Beck",)),
    Case(
        "told a news conference",
        "Ostrova told a news conference that the pier would reopen.",
        "the pier would reopen",
        ("Ostrova",),
    ),
    Case(
        "told supporters",
        "Ostrova told supporters in Dunmore that she would run again.",
        "she would run again",
        ("Ostrova",),
    ),
    Case(
        "told a council",
        "Beck told the Kelso City Council that the water was safe to drink.",
        "the water was safe to drink",
        ("Beck",),
    ),
    Case(
        "in an email",
        "In an email, Beck said the ferry would run on Sunday.",
        "the ferry would run on Sunday",
        ("Beck",),
    ),
    Case(
        "in a statement",
        "In a statement, the Kelso Mining Company said it would appeal.",
        "it would appeal",
        ("Kelso Mining Company",),
    ),
    Case(
        "a document",
        "The complaint says the company ignored the warnings for years.",
        "the company ignored the warnings for years",
        ("The complaint",),
    ),
    Case("the publisher narrating", "Kelso News has learned that the mayor will resign next week.", None),
]

#: Further wordings of the same cases: other tenses, word orders, outlets and roles.
VARIATIONS = [
    Case(
        "said name, a spokeswoman for",
        "“The outage is over,” said Lara Quint, a spokeswoman for Telvana.",
        "The outage is over",
        ("Telvana",),
        (("Lara Quint", "spokesperson"),),
    ),
    Case(
        "spokesman for an organization, inverted",
        "“We are not commenting on the arrest,” said a spokesman for the Kelso Police Service.",
        "We are not commenting on the arrest",
        ("Kelso Police Service",),
        (("spokesman for the Kelso Police Service", "spokesperson"),),
    ),
    Case(
        "common-noun organization spokeswoman",
        "A ministry spokeswoman said the clinic would stay open over the winter.",
        "the clinic would stay open over the winter",
        ("ministry",),
        (("ministry spokeswoman", "spokesperson"),),
    ),
    Case(
        "spokesperson for a titled person",
        "A spokesperson for Mayor Lena Ostrova said the budget would be tabled in March.",
        "the budget would be tabled in March",
        ("Lena Ostrova", "Mayor Lena Ostrova"),
        (("spokesperson for Mayor Lena Ostrova", "spokesperson"),),
    ),
    Case(
        "possessive spokesman named, told an outlet",
        "Ostrova's spokesman, Piet Vandel, told the Harbour Gazette that the mayor was on holiday.",
        "the mayor was on holiday",
        ("Ostrova",),
        (("Piet Vandel", "spokesperson"), ("Harbour Gazette", "outlet")),
    ),
    Case(
        "office said in a statement",
        "The premier's office said in a statement on Friday that the fuel tax would stay.",
        "the fuel tax would stay",
        ("the premier",),
        (("The premier's office", "spokesperson"),),
    ),
    Case(
        "statement issued by an office",
        "A statement issued by the mayor's office on Friday said the pier would open in April.",
        "the pier would open in April",
        ("the mayor",),
        (("the mayor's office", "spokesperson"),),
    ),
    Case(
        "told an outlet on a day",
        "Beck told the Lakeland Gazette on Monday that the ferry would not run.",
        "the ferry would not run",
        ("Beck",),
        (("Lakeland Gazette", "outlet"),),
    ),
    Case(
        "said in an interview with a radio station",
        "Beck said in an interview with Radio Lanrick that the pier had been neglected.",
        "the pier had been neglected",
        ("Beck",),
        (("Radio Lanrick", "outlet"),),
    ),
    Case(
        "interview broadcast by",
        "In an interview broadcast on Sunday by Channel Nine, Ostrova said the strike was over.",
        "the strike was over",
        ("Ostrova",),
        (("Channel Nine", "outlet"),),
    ),
    Case(
        "said in an interview, after the quote",
        "“It was a mistake,” Beck said in an interview with The Lakeland Press.",
        "It was a mistake",
        ("Beck",),
        (("The Lakeland Press", "outlet"),),
    ),
    Case(
        "speaking to a broadcaster, before the cue",
        "Ostrova, speaking to Valley TV, said the bridge plan was dead.",
        "the bridge plan was dead",
        ("Ostrova",),
        (("Valley TV", "outlet"),),
    ),
    Case(
        "told the one-word paper",
        "Ostrova told the Times that she would not run again.",
        "she would not run again",
        ("Ostrova",),
        (("Times", "outlet"),),
    ),
    Case(
        "told a broadcaster's host",
        "Ostrova told Valley TV host Ana Ruiz that the vote would be close.",
        "the vote would be close",
        ("Ostrova",),
        (("Valley TV", "outlet"),),
    ),
    Case(
        "said on a station's show",
        "Ostrova said on Radio Lanrick's Morning Show that the schools would reopen.",
        "the schools would reopen",
        ("Ostrova",),
        (("Morning Show", "outlet"),),
    ),
    Case(
        "wrote in a paper",
        "Beck wrote in the Kelso Herald that the harbour had been neglected for years.",
        "the harbour had been neglected for years",
        ("Beck",),
        (("Kelso Herald", "outlet"),),
    ),
    Case(
        "an outlet reports on its own",
        "The Lakeland Press reported that the cannery would close in June.",
        "the cannery would close in June",
        ("The Lakeland Press",),
    ),
    Case(
        "told a press club",
        "Ostrova told the Kelso Press Club that the harbour would be dredged.",
        "the harbour would be dredged",
        ("Ostrova",),
    ),
    Case(
        "told members of the press",
        "Ostrova told members of the press that the harbour would be dredged.",
        "the harbour would be dredged",
        ("Ostrova",),
    ),
    Case(
        "told a chamber of commerce",
        "Beck told the Lakeland Chamber of Commerce that the port would grow.",
        "the port would grow",
        ("Beck",),
    ),
    Case(
        "told the court",
        "Beck told the court that he had never seen the letter.",
        "he had never seen the letter",
        ("Beck",),
    ),
    Case(
        "told a town hall meeting",
        "Ostrova told a town hall meeting on Monday that taxes would not rise.",
        "taxes would not rise",
        ("Ostrova",),
    ),
    Case(
        "told a show's host, the show named with its outlet",
        "Beck told Kelso News Daily host Ana Ruiz on Monday that the port would grow.",
        "the port would grow",
        ("Beck",),
        (("Kelso News Daily", "outlet"),),
    ),
    Case(
        "interview with an outlet's journalist",
        "“The talks have failed,” Beck said in an interview with Valley TV's Ana Ruiz.",
        "The talks have failed",
        ("Beck",),
        (("Valley TV", "outlet"),),
    ),
    Case(
        "says on its own website",
        "The Kelso Mining Company says on its website that the mine is safe.",
        "the mine is safe",
        ("Kelso Mining Company",),
    ),
    Case(
        "interview phrase on the verb a participle cue hangs on",
        "The mayor rejected the plan, saying it was “a waste,” in an interview with Kelso News on Sunday.",
        "it was “a waste,”",
        ("The mayor",),
        (("Kelso News", "outlet"),),
    ),
    Case(
        "interview phrase beside the subject",
        "Ostrova, in an interview with Kelso News, said the plan was dead.",
        "the plan was dead",
        ("Ostrova",),
        (("Kelso News", "outlet"),),
    ),
    Case(
        "telephone interview after a day",
        "“The plan is dead,” Ostrova said Tuesday in a telephone interview with the Lakeland Press.",
        "The plan is dead",
        ("Ostrova",),
        (("Lakeland Press", "outlet"),),
    ),
    Case(
        "told an outlet, colon",
        "Ostrova told Kelso News: “The plan is dead.”",
        "The plan is dead.",
        ("Ostrova",),
        (("Kelso News", "outlet"),),
    ),
    Case(
        "a quote paragraph in the same voice keeps the chain",
        "“The plan is dead,” Ostrova told Kelso News on Monday.\n\n“We will start again in the spring with a "
        "smaller budget and a new site.”\n\nThe council meets on Friday.",
        ("The plan is dead", "We will start again in the spring with a smaller budget and a new site."),
        ("Ostrova",),
        (("Kelso News", "outlet"),),
    ),
    Case(
        "statement released by the Office of a title",
        "“We will not raise the fuel tax,” said a statement released by the Prime Minister's Office.",
        "We will not raise the fuel tax",
        ("the Prime Minister",),
        (("Prime Minister's Office", "spokesperson"),),
    ),
    Case(
        "spokesperson for, no article, in an email",
        "Ana Ruiz, spokesperson for the ministry, said in an email the clinic would reopen.",
        "the clinic would reopen",
        ("the ministry",),
        (("Ana Ruiz", "spokesperson"),),
    ),
    Case(
        "email to an outlet, organization spokesperson",
        "In an email to The Lakeland Press, a ministry spokesperson said the clinic would reopen.",
        "the clinic would reopen",
        ("ministry",),
        (("ministry spokesperson", "spokesperson"), ("The Lakeland Press", "outlet")),
    ),
    Case(
        "an outlet's short name, named in full elsewhere",
        "Ostrova spoke to KBN News on Monday. “We had no warning,” Ostrova told KBN.",
        "We had no warning",
        ("Ostrova",),
        (("KBN", "outlet"),),
    ),
    Case(
        "a show of an outlet's radio",
        "Ostrova told KBN Radio's The Current that the plan was dead.",
        "the plan was dead",
        ("Ostrova",),
        (("The Current", "outlet"),),
    ),
    Case(
        "told an outlet one's belief: the outlet is the addressee, not a source",
        "Beck told the Kelso Herald that he thinks the pier is safe.",
        ("he thinks the pier is safe",),  # a belief inside is no quote of its own (guidelines)
        ("Beck",),
        (("Kelso Herald", "outlet"),),
    ),
    Case(
        "interview that aired on a channel",
        "“The plan is dead,” Ostrova said in an interview that aired Sunday on Channel Nine.",
        "The plan is dead",
        ("Ostrova",),
        (("Channel Nine", "outlet"),),
    ),
    Case(
        "op-ed for a paper",
        "Beck wrote in an op-ed for the Kelso Herald that the pier was unsafe.",
        "the pier was unsafe",
        ("Beck",),
        (("Kelso Herald", "outlet"),),
    ),
    Case(
        "appearance on a station",
        "Ostrova said during an appearance on Radio Lanrick that the plan was dead.",
        "the plan was dead",
        ("Ostrova",),
        (("Radio Lanrick", "outlet"),),
    ),
    Case(
        "interview for a documentary: no outlet named",
        "“The plan is dead,” Ostrova said in an interview for a documentary.",
        "The plan is dead",
        ("Ostrova",),
    ),
    Case(
        "interview with an organization",
        "Beck said in an interview with Vox Lakeland that the pier was safe.",
        "the pier was safe",
        ("Beck",),
        (("Vox Lakeland", "outlet"),),
    ),
    Case(
        "interview with a media company",
        "Beck said in an interview with Meridian Media that the pier was safe.",
        "the pier was safe",
        ("Beck",),
        (("Meridian Media", "outlet"),),
    ),
    Case(
        "interview with a person: no outlet",
        "Beck said in an interview with Ana Ruiz that the pier was safe.",
        "the pier was safe",
        ("Beck",),
    ),
    Case(
        "told a paper named by one word",
        "“The pier is closed,” Beck told the Star.",
        "The pier is closed",
        ("Beck",),
        (("Star", "outlet"),),
    ),
    Case(
        "the one-word paper reported",
        "Beck said the pier was closed, the Post reported on Monday.",
        "the pier was closed",
        ("Beck",),
        (("Post", "outlet"),),
    ),
    Case(
        "told a paper whose name joins two words",
        "Beck told The Globe and Mail that the pier was closed.",
        "the pier was closed",
        ("Beck",),
        (("The Globe and Mail", "outlet"),),
    ),
    Case(
        "told two people joined by and",
        "Beck told Ana Ruiz and Tom Hale that the pier was closed.",
        "the pier was closed",
        ("Beck",),
    ),
    Case(
        "an outlet's journalist named in one entity",
        "Beck wrote in an email to the Kelso Network’s Ana Ruiz that the show was good.",
        "the show was good",
        ("Beck",),
        (("Kelso Network", "outlet"),),
    ),
    Case(
        "an outlet inside the reported clause is content, not a frame",
        "Director Ana Ruiz responded that the website cites several studies.",
        "the website cites several studies",
        ("Ana Ruiz",),
    ),
]

CASES = SPOKESPEOPLE + OFFICES + OUTLETS + NOT_INTERMEDIARIES + VARIATIONS


def gold_of(case: Case) -> Annotation:
    """The annotation an editor would save for a case: its quotes, their speaker and chain."""
    doc = Document(id=case.name, text=case.text)
    speaker = Entity("E0", "other", case.speaker[0], list(case.speaker[1:])) if case.speaker else None
    via = [Entity(f"E{n + 1}", "other", name) for n, (name, _) in enumerate(case.chain)]
    quotes = []
    for n, content in enumerate(case.contents):
        start = case.text.index(content)
        quotes.append(
            Quote(
                f"Q{n + 1}",
                "indirect",
                [Span.of(case.text, start, start + len(content))],
                speaker=Speaker("E0"),
                intermediaries=[Intermediary(e.id, role) for e, (_, role) in zip(via, case.chain, strict=True)],
            )
        )
    entities = [speaker, *via] if speaker is not None else []
    return Annotation(document=doc, entities=entities, quotes=quotes)


def counts_of(extractor: Extractor, case: Case) -> Counts:
    """The scorer's counts of the extractor's annotation of the case against its gold."""
    predicted = extractor.annotate(case.text, case.name)
    return score_document(gold_of(case), predicted).counts


def chain_of(extractor: Extractor, case: Case) -> list[str]:
    """What the extractor gave, for a failure message: each quote's content, speaker and chain."""
    a = extractor.annotate(case.text, case.name)
    names = {e.id: e.name for e in a.entities}
    out = []
    for q in a.quotes:
        via = ", ".join(f"{names[v.entity]} ({v.role})" for v in q.intermediaries)
        speaker = names[q.speaker.entity] if q.speaker else None
        out.append(f"{' / '.join(s.text for s in q.segments)!r}: {speaker} <- {via}")
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gets_its_speaker_and_chain(extractor: Extractor, case: Case) -> None:
    counts = counts_of(extractor, case)
    got = chain_of(extractor, case)
    assert counts.predicted == counts.matched == len(case.contents), f"quotes are not {case.contents}: {got}"
    assert counts.attributed == len(case.contents), f"speaker is not {case.speaker[:1]}: {got}"
    assert counts.via_fn == 0, f"missed an intermediary of {case.chain}: {got}"
    assert counts.via_fp == 0, f"an intermediary that is not one: {got}"


def test_the_whole_invented_set_scores_above_target(extractor: Extractor) -> None:
    total = Counts()
    for case in CASES:
        total = total + counts_of(extractor, case)
    scores = Scores.from_counts(total)
    print(f"\ninvented set: intermediaries {scores.intermediaries}, attribution {scores.attribution}")
    assert scores.intermediaries.f1 >= 0.9
