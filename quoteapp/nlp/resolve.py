"""From candidates to model objects: speakers resolved to entities, intermediary chains, relays.

A spokesperson's words are the principal's: "Haftar's spokesman said" has speaker Haftar and
spokesperson "Haftar's spokesman"; the article's later "al-Mesmari said" or "he said" of a known
spokesperson does too. A quote nested in another speaker's quote reached us through that speaker
(relay) and through everyone who passed the outer quote on. Chains run from the speaker outward.
A quote's confidence is the lowest of its steps: finding it with its cue (the sieve's confidence) and
resolving its speaker (entities.SPEAKER_*); the evidence ends with the weakest step.

`build_annotation_from_output` does all this from the component's public output (plain dicts of
`doc._.quotes` and `doc._.quote_persons`), and the spaCy component `quoteapp_speakers` puts its result
for one Doc into `doc._.attribution`: the `entities` and `quotes` of the attribution file
(speaker entity ids, intermediaries with roles, parent ids), plain data like the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quoteapp.formats.attribution import to_dict
from quoteapp.model import ENTITY_KINDS, QUOTE_TYPES, Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.nlp.component import candidate_from_dict, mention_from_dict
from quoteapp.nlp.entities import SPEAKER_NAMED, Assignment, EntityDraft, EntityGrouper
from quoteapp.nlp.mentions import OFFICE_HEADS, Mention
from quoteapp.nlp.rules import Candidate

ROLE_ORDER = {"spokesperson": 0, "relay": 1, "outlet": 2}
SPEAKERS_NAME = "quoteapp_speakers"


@dataclass
class _Resolved:
    """Who speaks in one candidate, through whom, and how sure the speaker step is."""

    speaker: EntityDraft
    mention: Mention | None
    chain: list[tuple[EntityDraft, str, Mention | None]] = field(default_factory=list)
    #: the weakest resolution step that led to the speaker: (confidence, reason)
    step: tuple[float, str] = (SPEAKER_NAMED, "")


def _weakest(*steps: Assignment) -> tuple[float, str]:
    """The least certain of the steps that resolved a speaker, as (confidence, reason)."""
    worst = min(steps, key=lambda s: s.confidence)
    return worst.confidence, worst.reason


def _resolve(grouper: EntityGrouper, cand: Candidate, avoid: frozenset[int] = frozenset()) -> _Resolved | None:
    """The speaker and chain of one candidate; a pronoun speaker never resolves to an entity in `avoid`."""
    m = cand.speaker
    if m is None:
        return None
    if m.principal is not None and not m.is_office:
        voice = grouper.assign(m)
        # "Lind lost, her spokesman said": the one spoken for may be named in the quote itself
        quoted = m.principal.pronoun
        principal = grouper.assign(m.principal, avoid=frozenset() if quoted else avoid, quoted=quoted)
        if principal.entity is voice.entity:
            cand.evidence.append(voice.reason)
            return _Resolved(voice.entity, m, step=_weakest(voice))
        voice.entity.speaks_for = principal.entity
        cand.evidence.append(f"{voice.reason}; speaks for {principal.entity.name} ({principal.reason})")
        res = _Resolved(principal.entity, m.principal, [(voice.entity, "spokesperson", m)], _weakest(principal))
    else:
        found = grouper.assign(m, avoid=avoid)
        entity = found.entity
        cand.evidence.append(found.reason)
        if m.is_office and m.principal is not None:
            entity.speaks_for = grouper.assign(m.principal, place=False).entity
            res = _Resolved(entity, m, step=_weakest(found))
        elif entity.speaks_for is not None and (entity.kind != "organization" or m.is_office or _an_office(entity)):
            cand.evidence.append(f"{entity.name} speaks for {entity.speaks_for.name} in this article")
            res = _Resolved(entity.speaks_for, None, [(entity, "spokesperson", m)], _weakest(found))
        else:
            res = _Resolved(entity, m, step=_weakest(found))
    for mention, role in cand.intermediaries:
        entity = grouper.assign(mention).entity
        if entity is res.speaker:
            continue
        if role == "spokesperson":
            entity.speaks_for = res.speaker
            cand.evidence.append(f"{entity.name} speaks for {res.speaker.name}")
        res.chain.append((entity, role, mention))
    return res


def quote_confidence(cand: Candidate, res: _Resolved | None) -> tuple[float, str]:
    """The quote's confidence is its weakest step: finding it (and its cue), or resolving its speaker;
    the evidence names that step."""
    found = min(1.0, max(0.0, cand.confidence))
    if res is None or res.step[0] >= found:
        return found, f"weakest step: {cand.rule or 'detection'} ({found:.2f})"
    return res.step[0], f"weakest step: speaker resolution ({res.step[0]:.2f})"


def _pronoun_speaker(cand: Candidate) -> bool:
    """The candidate's speaker is a pronoun, or speaks for one ("her spokesman")."""
    m = cand.speaker
    return m is not None and (m.pronoun or (m.principal is not None and m.principal.pronoun))


def _resolve_all(grouper: EntityGrouper, cands: list[Candidate], order: list[int]) -> dict[int, _Resolved]:
    """Resolve the candidates in the order of their speakers; before a pronoun speaker, the named
    speakers of the quotes nested in its content, so that the pronoun can avoid whom its quote names."""
    children: dict[int, list[int]] = {}
    for i, cand in enumerate(cands):
        if cand.parent is not None:
            children.setdefault(cand.parent, []).append(i)
    resolved: dict[int, _Resolved] = {}
    done: set[int] = set()

    def run(i: int, avoid: frozenset[int] = frozenset()) -> None:
        done.add(i)
        res = _resolve(grouper, cands[i], avoid)
        if res is not None:
            resolved[i] = res

    for i in order:
        if i in done:
            continue
        if not _pronoun_speaker(cands[i]):
            run(i)
            continue
        for j in children.get(i, []):
            if j not in done and cands[j].speaker is not None and not _pronoun_speaker(cands[j]):
                run(j)
        run(i, grouper.named_inside(cands[i].segments))
    return resolved


def _join_roles_named_after(grouper: EntityGrouper, cands: list[Candidate], resolved: dict[int, _Resolved]) -> None:
    """A role described before its holder is named ("The U.N. envoy ... Ghassan Salame said") is that
    person: its quotes go to the person, with the step's low confidence and reason."""
    joined = grouper.named_after()
    for key, found in joined.items():
        for i, res in resolved.items():
            if res.speaker.key == key:
                res.speaker = found.entity
                res.step = min(res.step, (found.confidence, found.reason))
                cands[i].evidence.append(found.reason)
            res.chain = [(found.entity if e.key == key else e, role, m) for e, role, m in res.chain]
        grouper.merge(grouper.entities[key], found.entity)


def build_annotation(
    document: Document, cands: list[Candidate], persons: Iterable[Mention], generator: dict
) -> Annotation:
    """Turn candidates into model objects: entities from speakers, ids, parents and intermediaries."""
    text = document.text
    cands = saveable(cands, len(text))
    persons = [m for m in (_sound(p, len(text)) for p in persons) if m is not None]
    content = [seg for cand in cands for seg in cand.segments]
    grouper = EntityGrouper(persons, content)
    order = sorted(range(len(cands)), key=lambda i: cands[i].speaker.start if cands[i].speaker else 1 << 60)
    resolved = _resolve_all(grouper, cands, order)
    _join_roles_named_after(grouper, cands, resolved)
    used = sorted({e.key for r in resolved.values() for e in [r.speaker, *(c[0] for c in r.chain)]})
    ids = {key: f"E{n + 1}" for n, key in enumerate(used)}
    entities = [_entity(d, ids[d.key], text) for d in grouper.entities if d.key in ids]
    by_key = {d.key: d for d in grouper.entities}

    def span(m: Mention | None) -> Span | None:
        return Span.of(text, m.start, m.end) if m is not None else None

    quote_ids = {i: f"Q{i + 1}" for i in range(len(cands))}
    quotes = []
    for i, cand in enumerate(cands):
        res = resolved.get(i)
        quote = Quote(
            id=quote_ids[i],
            type=cand.type,
            segments=[Span.of(text, s, e) for s, e in cand.segments],
            cue=Span.of(text, *cand.cue) if cand.cue else None,
            speaker=Speaker(ids[res.speaker.key], span(res.mention)) if res else None,
            parent=quote_ids.get(cand.parent) if cand.parent is not None else None,
            confidence=quote_confidence(cand, res)[0],
            evidence="; ".join([*cand.evidence, quote_confidence(cand, res)[1]]),
        )
        if res:
            quote.intermediaries = [Intermediary(ids[e.key], role, span(m)) for e, role, m in res.chain]
        quotes.append(quote)
    _add_relays(quotes, {ids[k]: by_key[k] for k in used})
    return Annotation(document=document, entities=entities, quotes=quotes, generator=generator)


def build_annotation_from_output(
    document: Document, quotes: Iterable[dict[str, Any]], persons: Iterable[dict[str, Any]], generator: dict
) -> Annotation:
    """The annotation of `document` from the component's plain output (offsets into document.text):
    the one way from `doc._.quotes` to model objects, for the app and for `quoteapp_speakers`."""
    return build_annotation(
        document, [candidate_from_dict(q) for q in quotes], [mention_from_dict(p) for p in persons], generator
    )


class SpeakerResolver:
    """Groups one Doc's speakers into entities: `doc._.attribution` = {"entities": [...], "quotes": [...]}
    as in the attribution file. The app does this over a whole article instead (its chunks' output)."""

    def __init__(self, name: str) -> None:
        self.name = name
        _register_attribution()

    def __call__(self, doc: Doc) -> Doc:
        annotation = build_annotation_from_output(
            Document(id="doc", text=doc.text), doc._.quotes or [], doc._.quote_persons or [], {}
        )
        data = to_dict(annotation)
        doc._.attribution = {"entities": data["entities"], "quotes": data["quotes"]}
        return doc


def _register_attribution() -> None:
    """`doc._.attribution`, registered on import too, so a Doc read back from bytes can be asked for it."""
    if not Doc.has_extension("attribution"):
        Doc.set_extension("attribution", default=None)


_register_attribution()


@Language.factory(SPEAKERS_NAME, requires=["doc._.quotes", "doc._.quote_persons"], assigns=["doc._.attribution"])
def make_speaker_resolver(nlp: Language, name: str) -> SpeakerResolver:
    """The `quoteapp_speakers` factory (entry point `spacy_factories`), added after `quoteapp_quotes`."""
    return SpeakerResolver(name)


def saveable(cands: list[Candidate], length: int) -> list[Candidate]:
    """The candidates an attribution file can hold, for any input: empty or out-of-range segments,
    cues and mentions dropped (a quote left with no segment is dropped, "“She asked ‘’”"), a speaker
    or intermediary whose head has no letter or digit ("The %") dropped, and parents re-pointed past
    dropped quotes and never in a cycle. This is the one place where rule output becomes model data."""
    kept: dict[int, int] = {}
    out: list[Candidate] = []
    for i, cand in enumerate(cands):
        segments = [(s, e) for s, e in cand.segments if _inside(s, e, length)]
        if not segments or cand.type not in QUOTE_TYPES:
            continue
        kept[i] = len(out)
        out.append(
            replace(
                cand,
                segments=segments,
                cue=cand.cue if cand.cue and _inside(*cand.cue, length) else None,
                speaker=_sound(cand.speaker, length),
                intermediaries=[
                    (m, role) for m, role in ((_sound(m, length), r) for m, r in cand.intermediaries) if m is not None
                ],
            )
        )
    old_of = {new: old for old, new in kept.items()}
    for n, cand in enumerate(out):
        cand.parent = _kept_parent(cands, old_of[n], kept)
    _break_cycles(out)
    return out


def _inside(start: int, end: int, length: int) -> bool:
    return 0 <= start < end <= length


def _sound(mention: Mention | None, length: int) -> Mention | None:
    """The mention if it can name a source in the file: a non-empty span in the text whose head word
    has a letter or digit; its principal likewise, else dropped."""
    if mention is None or not _inside(mention.start, mention.end, length):
        return None
    if not any(ch.isalnum() for ch in mention.head):
        return None
    if mention.principal is not None and _sound(mention.principal, length) is None:
        mention = replace(mention, principal=None)
    return mention


def _kept_parent(cands: list[Candidate], i: int, kept: dict[int, int]) -> int | None:
    """The nearest ancestor of candidate i that was kept, as a new index (a dropped parent is skipped)."""
    seen = {i}
    parent = cands[i].parent
    while parent is not None and parent not in kept:
        if parent in seen or not 0 <= parent < len(cands):
            return None
        seen.add(parent)
        parent = cands[parent].parent
    return kept[parent] if parent is not None else None


def _break_cycles(cands: list[Candidate]) -> None:
    """Cut the link that closes any cycle of parents, so every chain ends at a top-level quote."""
    done: set[int] = set()
    for i in range(len(cands)):
        path: list[int] = []
        node: int | None = i
        while node is not None and node not in done:
            if node in path:
                cands[path[-1]].parent = None  # the last link led back into the path
                break
            path.append(node)
            node = cands[node].parent
        done.update(path)


def _entity(draft: EntityDraft, entity_id: str, text: str) -> Entity:
    descriptions = list(draft.descriptions)
    return Entity(
        id=entity_id,
        kind=draft.kind if draft.kind in ENTITY_KINDS else "other",
        name=draft.name,
        aliases=draft.aliases(),
        description=descriptions[0] if descriptions and draft.names else None,
        mentions=sorted({Span.of(text, m.start, m.end) for m in draft.mentions}, key=lambda s: s.start),
    )


def _add_relays(quotes: list[Quote], drafts: dict[str, EntityDraft]) -> None:
    """A quote nested in another speaker's quote reached us through that speaker (a relay, or their
    spokesperson) and through everyone who passed the outer quote on."""
    by_id = {q.id: q for q in quotes}
    for quote in quotes:  # parents come first: their chains are complete when a child reads them
        parent = by_id.get(quote.parent) if quote.parent else None
        if parent is None or parent.speaker is None or quote.speaker is None:
            continue
        chain = list(quote.intermediaries)
        if parent.speaker.entity != quote.speaker.entity:
            outer = drafts.get(parent.speaker.entity)
            inner = drafts.get(quote.speaker.entity)
            role = "spokesperson" if outer is not None and outer.speaks_for is inner else "relay"
            chain.append(Intermediary(parent.speaker.entity, role, parent.speaker.mention))
            quote.evidence = (quote.evidence or "") + f"; {role}: the speaker of {parent.id}"
        chain.extend(parent.intermediaries)
        seen = {quote.speaker.entity}
        out = []
        for link in sorted(chain, key=lambda x: ROLE_ORDER.get(x.role, 3)):
            if link.entity not in seen:
                seen.add(link.entity)
                out.append(link)
        quote.intermediaries = out


def _an_office(entity: EntityDraft) -> bool:
    """'Mayor Ostrova's office': an office speaks for its holder, in every quote it gives ("The office
    said ..." later too), unlike an organization, whose words are its own."""
    names = [entity.name, *entity.descriptions]
    return any(name.split() and name.lower().split()[-1] in OFFICE_HEADS for name in names)
