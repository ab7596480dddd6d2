"""brat standoff: per article `<id>.txt` (the text) and `<id>.ann`, plus `annotation.conf`.

Offsets are character offsets into the `.txt`, which brat reads as UTF-8 text: code points, the
same as ours; the `.txt` is written byte for byte as `document.text` (UTF-8, no BOM, `\\n` kept).
brat does not let a text-bound annotation cross a line break: like brat's own editor, a stretch
crossing one becomes discontinuous fragments around it (`T1<TAB>Quote 10 42;43 60<TAB>...`), and
the reference text joins the fragments with one space.

Entity types (text-bound): `Quote` (one T per quote; a split quote's segments are its fragments),
`Cue`, `Mention` (a stretch naming a speaker or an intermediary). One T per stretch: the same
"He" as one quote's speaker and another's intermediary is one Mention, its roles carried by the
relations, as brat (and strict readers such as pybrat) allow only one annotation per stretch.
Relations, quote first: `HasCue` (Quote -> Cue), `SaidBy` (Quote -> Mention), `Spokesperson`,
`Relay`, `Outlet` (Quote -> Mention, by role, nearest to the speaker first), `Parent`
(child Quote -> parent Quote). Relation names differ from entity type names on purpose: brat
misbehaves when the two share a name (nlplab/brat issues 419 and 1069).
Attributes of a Quote: `QuoteType` (direct|indirect|mixed), `Status` (auto|accepted|...).
Notes (`#`, AnnotatorNotes): on a Quote its id, confidence, speaker and intermediaries (entity id,
name and kind, so they are kept even without a mention to link); on a Mention the entity's id,
name and kind. Each entity named in a note also carries its identity in the folder's registry when
it has one: `E1 Anna Berg (person) identity I3 Anna Berg`.
Every file is written atomically (`formats.atomic`), one after the other.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from quoteapp.formats.exports.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    ExportReport,
    Identities,
    Item,
    file_stems,
    prepare_folder,
    select,
    warn_unknown_fields,
    write_file,
)
from quoteapp.model import QUOTE_TYPES, ROLES, STATUSES, Annotation, Quote, Span
from quoteapp.model.registry import Registry

ENTITY_TYPES = ("Quote", "Cue", "Mention")
ROLE_RELATIONS = {role: role.capitalize() for role in ROLES}  # spokesperson -> Spokesperson, ...


def annotation_conf() -> str:
    """brat's `annotation.conf` for these files: what may be annotated and linked."""
    roles = "\n".join(f"{name}\tArg1:Quote, Arg2:Mention" for name in ROLE_RELATIONS.values())
    return (
        "# quoteapp export: quotations, their cues, speakers and intermediaries\n"
        "[entities]\n" + "\n".join(ENTITY_TYPES) + "\n\n"
        "[relations]\n"
        "HasCue\tArg1:Quote, Arg2:Cue\n"
        "SaidBy\tArg1:Quote, Arg2:Mention\n"
        f"{roles}\n"
        "Parent\tArg1:Quote, Arg2:Quote\n\n"
        "[events]\n\n"
        "[attributes]\n"
        f"QuoteType\tArg:Quote, Value:{'|'.join(QUOTE_TYPES)}\n"
        f"Status\tArg:Quote, Value:{'|'.join(STATUSES)}\n"
    )


def export_brat(
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Write the folder OUT: `annotation.conf` and a `.txt`/`.ann` pair per article, the entities in
    the notes with their `registry` identity."""
    folder = prepare_folder(out)
    report = ExportReport("brat", folder)
    chosen = select(items, options, report)
    identities = Identities(registry)
    conf = folder / "annotation.conf"
    write_file(conf, annotation_conf())
    report.files.append(conf)
    for stem, (_, annotation) in zip(file_stems(chosen), chosen, strict=True):
        txt, ann = folder / f"{stem}.txt", folder / f"{stem}.ann"
        write_file(txt, annotation.document.text)  # UTF-8, byte for byte: offsets are into this text
        write_file(ann, _Standoff(annotation, report, identities).render())
        report.files += [txt, ann]
    identities.warn_outside(chosen, report)
    warn_unknown_fields(chosen, report)
    report.warn(
        "brat: entity aliases, the extractor's evidence and entity mentions outside quotes are not kept; "
        "confidence is only in the quote's note"
    )
    return report


_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def fragments(text: str, spans: Iterable[Span]) -> list[tuple[int, int]]:
    """The stretches as brat fragments: split at line breaks (which are left out), in text order."""
    out = []
    for span in spans:
        start = span.start
        for m in re.finditer(r"\n", text[span.start : span.end]):
            out.append((start, span.start + m.start()))
            start = span.start + m.end()
        out.append((start, span.end))
    return sorted((s, e) for s, e in out if e > s)


def _one_line(text: str) -> str:
    """A field of a .ann line: brat reads line by line, so no line break may appear in it."""
    return _LINE_BREAKS.sub(" ", text)


class _Standoff:
    """The .ann lines of one article, ids numbered in order of appearance."""

    def __init__(self, annotation: Annotation, report: ExportReport, identities: Identities) -> None:
        self.annotation = annotation
        self.report = report
        self.identities = identities
        self.text = annotation.document.text
        self.lines: list[str] = []
        self.counts = {"T": 0, "R": 0, "A": 0, "#": 0}
        #: stretch (its fragments) -> its T id and type
        self.textbound: dict[tuple[tuple[int, int], ...], tuple[str, str]] = {}
        #: Mention T id -> the entity it names
        self.mention_entity: dict[str, str] = {}

    def _id(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"

    def _t(self, type_: str, spans: list[Span], note: str | None = None) -> str | None:
        """The text-bound annotation of this stretch: made the first time, shared by later Cues and Mentions.

        None when the stretch has no text, or is already another annotation (a second quote on the
        same stretch, a cue that is also a mention): brat allows one text-bound annotation per stretch.
        """
        frags = tuple(fragments(self.text, spans))
        if not frags:
            self.report.warn(f"brat: a {type_} stretch holding only line breaks cannot be annotated; left out")
            return None
        if frags in self.textbound:
            tid, known = self.textbound[frags]
            if known == type_ != "Quote":
                return tid
            self.report.warn(
                f"brat: a {type_} on the very stretch of a {known} is left out "
                "(brat allows one text-bound annotation per stretch)"
            )
            return None
        tid = self._id("T")
        where = ";".join(f"{s} {e}" for s, e in frags)
        ref = " ".join(self.text[s:e] for s, e in frags)
        self.lines.append(f"{tid}\t{type_} {where}\t{_one_line(ref)}")
        if note:
            self.lines.append(f"{self._id('#')}\tAnnotatorNotes {tid}\t{_one_line(note)}")
        self.textbound[frags] = (tid, type_)
        return tid

    def _r(self, type_: str, arg1: str, arg2: str) -> None:
        self.lines.append(f"{self._id('R')}\t{type_} Arg1:{arg1} Arg2:{arg2}")

    def _entity_note(self, entity_id: str) -> str:
        entity = self.annotation.entity(entity_id)
        note = f"{entity_id} {entity.name} ({entity.kind})" if entity else entity_id
        identity = self.identities.of(self.annotation, entity_id)
        return f"{note} identity {identity.id} {identity.name}" if identity else note

    def render(self) -> str:
        quote_tids: dict[str, str] = {}
        for q in self.annotation.quotes:
            note = "; ".join(self._quote_note(q))
            tq = self._t("Quote", q.segments, note=note)
            if tq is None:
                continue
            quote_tids[q.id] = tq
            self.lines.append(f"{self._id('A')}\tQuoteType {tq} {q.type}")
            self.lines.append(f"{self._id('A')}\tStatus {tq} {q.status}")
            if q.cue is not None and (tc := self._t("Cue", [q.cue])):
                self._r("HasCue", tq, tc)
            if q.speaker is not None:
                self._link(tq, "SaidBy", q.speaker.entity, q.speaker.mention)
            for via in q.intermediaries:
                self._link(tq, ROLE_RELATIONS[via.role], via.entity, via.mention)
        for q in self.annotation.quotes:
            if q.parent and q.id in quote_tids and q.parent in quote_tids:
                self._r("Parent", quote_tids[q.id], quote_tids[q.parent])
        return "".join(line + "\n" for line in self.lines)

    def _quote_note(self, q: Quote) -> list[str]:
        """The quote's id and confidence, and who said it and passed it on: named even without a mention."""
        parts = [q.id]
        if q.confidence is not None:
            parts.append(f"confidence {q.confidence:g}")
        if q.speaker is not None:
            parts.append(f"speaker {self._entity_note(q.speaker.entity)}")
        parts += [f"{via.role} {self._entity_note(via.entity)}" for via in q.intermediaries]
        return parts

    def _link(self, tq: str, relation: str, entity: str, mention: Span | None) -> None:
        """A relation from the quote to the Mention of its speaker or intermediary (one Mention per stretch)."""
        if mention is None:
            self.report.warn(
                "brat: speakers and intermediaries with no mention at their quote have no span to link; "
                "they are named in the quote's note only"
            )
            return
        t = self._t("Mention", [mention], note=self._entity_note(entity))
        if t is None:
            return
        if self.mention_entity.setdefault(t, entity) != entity:
            self.report.warn(
                "brat: a mention naming two entities keeps the first one's note; the quote's note names the other"
            )
        self._r(relation, tq, t)
