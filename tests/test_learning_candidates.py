"""What a trained pipeline may keep beyond the sieves: the kinds of candidates it is offered.

A project can only learn to count what it is offered: a noun's "that" clause ("the claim that
..."), a verb's whole predicate ("blamed the delay on the contractors"), and other cuts of a
candidate's content (before an afterthought, the first sentence only, on to the sentence's end).
"""

from __future__ import annotations

from typing import Any

from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.learning.boundaries import variants
from quoteapp.nlp.learning.candidates import proposals
from quoteapp.nlp.learning.component import scored_candidates
from quoteapp.nlp.learning.features import DocView, quote_features
from quoteapp.nlp.learning.model import fit_keep_model


def _offered(extractor: Extractor, text: str) -> dict[str, dict[str, Any]]:
    """Each proposal's content, by text."""
    doc = extractor.nlp(text)
    return {text[q["segments"][0][0] : q["segments"][0][1]]: q for q in proposals(doc, doc._.quotes or [])}


def test_the_clause_of_a_claim_is_offered_with_the_speaker_who_made_it(extractor: Extractor) -> None:
    offered = _offered(extractor, "The mayor repeated the claim that the old bridge is unsafe for buses.")
    quote = offered.get("the old bridge is unsafe for buses")
    assert quote is not None, list(offered)
    assert quote["rule"] == "learned_noun"
    assert quote["speaker"]["text"] == "The mayor"


def test_a_relative_clause_is_no_claim(extractor: Extractor) -> None:
    offered = _offered(extractor, "The mayor forgot the promise that she made to the bakers last year.")
    assert not [q for q in offered.values() if q["rule"] == "learned_noun"]


def test_a_whole_predicate_is_offered(extractor: Extractor) -> None:
    offered = _offered(extractor, "The senator blamed the long delay on the contractors.")
    assert "the long delay on the contractors" in offered


def _segments(extractor: Extractor, text: str, rule: str) -> list[tuple[list[str], str | None]]:
    """The segments' texts and the speaker of each proposal of one rule."""
    doc = extractor.nlp(text)
    found = [q for q in proposals(doc, doc._.quotes or []) if q["rule"] == rule]
    return [([text[s:e] for s, e in q["segments"]], (q["speaker"] or {}).get("text")) for q in found]


def test_a_clause_split_by_its_reporting_clause_is_offered_in_two_segments(extractor: Extractor) -> None:
    text = "The new toll, the mayor said on Monday, would pay for the repairs."
    assert (["The new toll", "would pay for the repairs"], "the mayor") in _segments(
        extractor, text, "learned_parenthetical"
    )


def test_a_clause_interrupted_by_said_as_parataxis_is_offered_in_two_segments(extractor: Extractor) -> None:
    text = "The new toll, the mayor said, would pay for the repairs."
    said = next(t for t in extractor.nlp(text) if t.text == "said")
    assert said.dep_ == "parataxis"  # the parser's first reading (the other is tested above)
    assert (["The new toll", "would pay for the repairs"], "the mayor") in _segments(
        extractor, text, "learned_parenthetical"
    )


def test_an_interrupted_clause_with_a_quotation_is_mixed(extractor: Extractor) -> None:
    doc = extractor.nlp('The new toll, the mayor said, would be "a disaster for the bakers."')
    found = [q for q in proposals(doc, doc._.quotes or []) if q["rule"] == "learned_parenthetical"]
    assert [q["type"] for q in found] == ["mixed"]


def test_the_clause_an_as_clause_reports_is_offered_with_the_reporter(extractor: Extractor) -> None:
    text = "But as the Herald reported, the council spent the whole budget in March."
    assert (["the council spent the whole budget in March"], "the Herald") in _segments(
        extractor, text, "learned_parenthetical"
    )


def test_a_clause_of_time_is_no_report(extractor: Extractor) -> None:
    text = "When the storm came, the council closed the old bridge."
    assert _segments(extractor, text, "learned_parenthetical") == []


def test_the_object_of_a_noun_of_saying_is_offered(extractor: Extractor) -> None:
    offered = _offered(extractor, "Her promise of cheaper diesel won the farmers over.")
    assert offered.get("cheaper diesel", {}).get("rule") == "learned_noun_prep", list(offered)


def test_a_relative_pronoun_stands_for_what_was_said(extractor: Extractor) -> None:
    text = "She backed the new toll, which her rivals described as a tax on the poor."
    found = _segments(extractor, text, "learned_pronoun")
    assert (["which"], "her rivals") in found


def test_a_quoted_fragment_is_offered_with_the_verb_that_reports_it(extractor: Extractor) -> None:
    text = '"Safety," said Grimm, a baker. "Safety for the whole street, everybody."'
    found = _segments(extractor, text, "learned_quoted")
    assert (["Safety,"], "Grimm") in found
    assert (["Safety for the whole street, everybody."], "Grimm") in found


def test_the_object_of_a_preposition_on_the_verbs_object_is_offered(extractor: Extractor) -> None:
    text = "The mayor wrote a long piece on the harbour fees."
    doc = extractor.nlp(text)
    on = next(t for t in doc if t.text == "on")
    assert on.head.dep_ == "dobj"  # the phrase hangs on the object, not on the verb
    offered = _offered(extractor, text)
    assert offered.get("the harbour fees", {}).get("rule") == "learned_prep", list(offered)


def test_the_rest_of_a_labelled_line_is_offered_with_its_label_as_speaker(extractor: Extractor) -> None:
    """A headline's label the sieves pass over (not a known person, no finite verb after it)."""
    text = "Grimm: No new toll on the harbour road.\n\nThe baker spoke on Friday at the market."
    assert _segments(extractor, text, "learned_label") == [(["No new toll on the harbour road"], "Grimm")]


def test_a_pronoun_that_is_the_speaker_is_no_content(extractor: Extractor) -> None:
    text = "The mayor, who said the toll was fair, left early."
    assert not [seg for seg, _ in _segments(extractor, text, "learned_pronoun") if seg == ["who"]]


def test_quoted_words_with_no_verb_of_saying_near_have_no_cue(extractor: Extractor) -> None:
    doc = extractor.nlp('The sign read "Slow".\n\nThe bakers opened at dawn: "Fresh bread".')
    found = [q for q in proposals(doc, doc._.quotes or []) if q["rule"] == "learned_quoted"]
    assert found and all(q["cue"] is None and q["speaker"] is None for q in found)


def test_the_subject_of_a_passive_verb_is_offered_with_its_agent(extractor: Extractor) -> None:
    text = "The new toll was criticized by the bakers' union."
    assert (["The new toll"], "the bakers' union") in _segments(extractor, text, "learned_passive")


def _cuts(extractor: Extractor, text: str, quote: dict[str, Any]) -> dict[str, str]:
    view = DocView(extractor.nlp(text))
    return {q["rule"]: text[q["segments"][0][0] : q["segments"][0][1]] for q in variants(view, [quote])}


def _quote(text: str, content: str, cue: str, kind: str = "indirect") -> dict[str, Any]:
    start = text.index(content)
    return {
        "type": kind,
        "segments": [[start, start + len(content)]],
        "cue": [text.index(cue), text.index(cue) + len(cue)],
        "rule": "ccomp",
        "evidence": [],
    }


def test_an_afterthought_after_a_comma_can_be_cut_off(extractor: Extractor) -> None:
    text = "The mayor said the old bridge is unsafe, a view her rivals dispute."
    cuts = _cuts(extractor, text, _quote(text, "the old bridge is unsafe, a view her rivals dispute", "said"))
    assert cuts.get("ccomp_cut") == "the old bridge is unsafe"


def test_a_quote_over_two_sentences_can_keep_its_first(extractor: Extractor) -> None:
    text = 'The mayor said: "The bridge is old. We will close it in May." Then she left.'
    content = "The bridge is old. We will close it in May."
    cuts = _cuts(extractor, text, _quote(text, content, "said", "direct"))
    assert cuts.get("ccomp_first_sentence") == "The bridge is old"


def test_a_clause_closed_early_can_run_to_its_sentence_end(extractor: Extractor) -> None:
    text = "The mayor said the bridge will close in May for repairs to its deck. Then she left."
    cuts = _cuts(extractor, text, _quote(text, "the bridge will close in May", "said"))
    assert cuts.get("ccomp_to_sentence_end") == "the bridge will close in May for repairs to its deck"


def test_the_model_sees_where_a_content_ends(extractor: Extractor) -> None:
    text = "The mayor said the old bridge is unsafe, a view her rivals dispute."
    features = quote_features(DocView(extractor.nlp(text)), _quote(text, "the old bridge is unsafe", "said"))
    assert features.get("last_word=unsafe") == 1.0
    assert features.get("word_after=,") == 1.0
    assert features.get("ends_sentence=False") == 1.0


def _object_candidates(extractor: Extractor, text: str) -> list[tuple[str, dict[str, float]]]:
    doc = extractor.nlp(text)
    return [
        (text[q["segments"][0][0] : q["segments"][-1][1]], features)
        for q, features in scored_candidates(doc, list(doc._.quotes or []))
        if q["rule"] == "learned_object"
    ]


def test_the_model_tells_contents_of_one_shape_apart_by_their_words(extractor: Extractor) -> None:
    """An editor who counts the poll someone mentioned, not the picnic: same verb, same shape, same
    edges; only the words differ, and a model fitted on them keeps the next poll, not the next picnic."""
    features, labels = [], []
    for who in ("Beck", "Ruiz", "Holt", "Vale"):
        for topic, label in (("poll", 1), ("picnic", 0)):
            for content, f in _object_candidates(extractor, f"{who} mentioned the {topic} of the county on Monday."):
                assert topic in content
                features.append(f)
                labels.append(label)
    model = fit_keep_model(features, labels, threshold=0.5)
    [(_, poll)] = _object_candidates(extractor, "Frost mentioned the poll of the town on Friday.")
    [(_, picnic)] = _object_candidates(extractor, "Frost mentioned the picnic of the town on Friday.")
    assert model.keeps(poll)[0] and not model.keeps(picnic)[0]


def _full_and_cut(extractor: Extractor, text: str) -> tuple[dict[str, float], dict[str, float]]:
    """The features of a said-clause that runs past a comma, and of its cut before the comma."""
    view = DocView(extractor.nlp(text))
    full = text[text.index("said ") + 5 : -1]
    return quote_features(view, _quote(text, full, "said")), quote_features(
        view, _quote(text, full[: full.index(",")], "said")
    )


def test_the_model_learns_which_part_after_a_comma_a_project_cuts_off(extractor: Extractor) -> None:
    """A project that ends the content before ", though ..." but runs it on through ", and ...":
    the words and edges of the two shapes are the same, only what opens the part after the comma
    differs, and a model fitted on them cuts the next content where the project would."""

    def sentence(who: str, thing: str, opener: str) -> str:
        other = "and" if opener == "though" else "though"
        return f"{who} said the {thing} is old, {opener} the road is new {other} wide."

    features, labels = [], []
    for who, thing in (("Beck", "bridge"), ("Ruiz", "tunnel"), ("Holt", "ferry"), ("Vale", "depot")):
        for opener, cut_wins in (("though", True), ("and", False)):
            full, cut = _full_and_cut(extractor, sentence(who, thing, opener))
            features += [full, cut]
            labels += [int(not cut_wins), int(cut_wins)]
    model = fit_keep_model(features, labels, threshold=0.5)
    for opener, cut_wins in (("though", True), ("and", False)):
        full, cut = _full_and_cut(extractor, sentence("Frost", "pier", opener))
        assert (model.probability(cut) > model.probability(full)) == cut_wins, opener
