"""The quote list's filter box and the proxy that filters and sorts the quote table.

`QuoteFilter` parses what the editor types (free words, `speaker:`, `status:`, `type:`, `flag:`,
`confidence:<0.6`),
`QuoteFilterProxy` applies it to the rows of a `QuoteTableModel`, hides rejected quotes unless asked
for, and sorts by the model's cached sort keys. Apart from the model so that the table's cells and
the rules of the filter can each be read (and changed) on their own.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from quoteapp.gui.quote_model import COL_ID, NO_SPEAKER, QuoteTableModel, quote_content
from quoteapp.gui.table_model import SORT_ROLE, AnyIndex, DocumentTableModel, sort_less
from quoteapp.model import Quote
from quoteapp.model.reanchor import quote_flags
from quoteapp.model.statements import FLAG_KINDS

_TOKEN = re.compile(r'(?:(\w+):)?("[^"]*"?|\S+)?')
FILTER_KEYS = ("speaker", "status", "type", "flag", "confidence")
#: the filter box's help (placeholder and tool tip)
FILTER_HELP = (
    "Filter quotes: words, speaker:NAME, status:auto, type:direct, flag:unplaced, flag:words_changed, flag:any,"
    " confidence:<0.6  (Ctrl+F)"
)
#: `flag:any`: the quotes with any flag at all (re-anchoring's or a statement's)
ANY_FLAG = "any"
#: the comparisons `confidence:` takes, longest first so that "<=" is not read as "<" and "=0.5"
_COMPARISONS: tuple[tuple[str, Callable[[float, float], bool]], ...] = (
    ("<=", operator.le),
    (">=", operator.ge),
    ("<", operator.lt),
    (">", operator.gt),
    ("=", operator.eq),
)
#: a bound of `confidence:`: the comparison's sign and the number typed
Bound = tuple[str, float]
_NONE_WORDS = ("none", NO_SPEAKER, "-")


@dataclass
class QuoteFilter:
    """The filter box parsed: free words (all must match) and key:value narrowings.

    Several values of one key are alternatives (`status:auto status:corrected`), different keys all
    apply. Values are case-insensitive; `status:` and `type:` take prefixes, `speaker:` any part of the
    name or an alias, and `speaker:none` the quotes without a speaker; `flag:unplaced` (or a prefix) the
    quotes re-anchoring could not carry over as they were, `flag:words_changed` (any kind of FLAG_KINDS, or
    a prefix) the quotes whose statement's versions differ so, `flag:any` the quotes with any flag.
    "Double quotes" keep a phrase.
    `confidence:<0.6` (also `<=`, `>`, `>=`, `=` or a bare number, which is `=` to the two decimals the list
    shows) keeps the extractor's quotes in that range; several bounds all apply (`confidence:>0.3
    confidence:<0.6` is a range), an editor's quote (no confidence) is in none, and a bound still being
    typed (`confidence:<`) narrows nothing yet.
    """

    words: list[str] = field(default_factory=list)
    keys: dict[str, list[str]] = field(default_factory=dict)
    bounds: list[Bound] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> QuoteFilter:
        parsed = cls()
        for match in _TOKEN.finditer(text):
            if not match.group(0):
                continue
            key, value = (match.group(1) or "").casefold(), (match.group(2) or "").casefold()
            if key and key not in FILTER_KEYS:  # "10:30" or a URL: a free word as typed
                value, key = f"{key}:{value}", ""
            value = value.strip('"').strip()
            if not value:  # "status:" while the editor is still typing: no narrowing yet
                continue
            if key == "confidence":
                bound = parse_bound(value)
                if bound is not None:
                    parsed.bounds.append(bound)
            elif key:
                parsed.keys.setdefault(key, []).append(value)
            else:
                parsed.words.append(value)
        return parsed

    def names_rejected(self) -> bool:
        return any("rejected".startswith(v) for v in self.keys.get("status", []))

    def confidence_fits(self, confidence: float | None) -> bool:
        """True when every `confidence:` bound holds (always, without bounds; never for no confidence)."""
        if not self.bounds:
            return True
        return confidence is not None and all(_holds(confidence, bound) for bound in self.bounds)

    def __bool__(self) -> bool:
        return bool(self.words or self.keys or self.bounds)


def parse_bound(value: str) -> Bound | None:
    """`<0.6` -> ("<", 0.6), `0.5` -> ("=", 0.5); None for what is no bound (yet): `<`, `abc`, `<1.5`."""
    sign = next((s for s, _ in _COMPARISONS if value.startswith(s)), "")
    number = value[len(sign) :].replace(",", ".")  # 0,6 as some keyboards write it
    try:
        limit = float(number)
    except ValueError:
        return None
    return (sign or "=", limit) if 0.0 <= limit <= 1.0 else None


def _holds(confidence: float, bound: Bound) -> bool:
    sign, limit = bound
    if sign == "=":  # as the Confidence column shows it
        return round(confidence, 2) == round(limit, 2)
    return dict(_COMPARISONS)[sign](confidence, limit)


class QuoteFilterProxy(QSortFilterProxyModel):
    """Sorting by SORT_ROLE and the filter box; rejected quotes stay hidden unless asked for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = QuoteFilter()
        self._filter_text = ""
        self._show_rejected = False
        #: quote id -> the kinds of the statement flags its version carries (set by the Statement dock)
        self._statement_flags: Mapping[str, Collection[str]] = {}
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._column, self._order = -1, Qt.SortOrder.AscendingOrder

    # --- API -------------------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column`. By # ascending is the document's own order (reading order), so the rows are
        left in it: no comparison at all, on opening or after an edit."""
        self._column, self._order = column, order
        reading = column == COL_ID and order == Qt.SortOrder.AscendingOrder
        super().sort(-1 if reading else column, order)

    def sortColumn(self) -> int:
        return self._column

    def sortOrder(self) -> Qt.SortOrder:
        return self._order

    def filter_text(self) -> str:
        return self._filter_text

    def set_filter_text(self, text: str) -> None:
        """What the editor typed in the filter box."""
        self._filter_text = text
        self._refilter(lambda: setattr(self, "_filter", QuoteFilter.parse(text)))

    def show_rejected(self) -> bool:
        return self._show_rejected

    def set_show_rejected(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "_show_rejected", bool(show)))

    def set_statement_flags(self, flags: Mapping[str, Collection[str]]) -> None:
        """The statement flags of the open article's quotes (quote id -> flag kinds), which `flag:` also matches."""
        self._refilter(lambda: setattr(self, "_statement_flags", dict(flags)))

    def quote_id_at(self, proxy_row: int) -> str | None:
        """The id of the quote shown at this row of the proxy (None outside the rows)."""
        source = self.mapToSource(self.index(proxy_row, 0))
        model = self.sourceModel()
        return model.id_at(source.row()) if source.isValid() and isinstance(model, DocumentTableModel) else None

    def proxy_row_of(self, quote_id: str) -> int:
        """Where this quote is shown, -1 when it is filtered out or unknown."""
        model = self.sourceModel()
        row = model.row_of(quote_id) if isinstance(model, DocumentTableModel) else -1
        return self.mapFromSource(model.index(row, 0)).row() if row >= 0 else -1

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    # --- QSortFilterProxyModel -------------------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, QuoteTableModel):
            return True
        quote = model.quote_at(source_row)
        if quote is None:
            return False
        wanted = self._filter
        if quote.status == "rejected" and not (self._show_rejected or wanted.names_rejected()):
            return False
        if not wanted:
            return True
        if (statuses := wanted.keys.get("status")) and not any(quote.status.startswith(s) for s in statuses):
            return False
        if (types := wanted.keys.get("type")) and not any(quote.type.startswith(t) for t in types):
            return False
        if (speakers := wanted.keys.get("speaker")) and not _speaker_matches(model, quote, speakers):
            return False
        if (flags := wanted.keys.get("flag")) and not self._flagged(quote, flags):
            return False
        if not wanted.confidence_fits(quote.confidence):
            return False
        if wanted.words:
            haystack = "\n".join(
                (
                    quote_content(quote),
                    _speaker_names(model, quote),
                    model.intermediaries_text(quote),
                    quote.cue.text if quote.cue else "",
                )
            ).casefold()
            return all(word in haystack for word in wanted.words)
        return True

    def _flagged(self, quote: Quote, values: list[str]) -> bool:
        """Whether the quote carries a flag named by one of `values` (a prefix of its kind, or `any`)."""
        kinds = [*quote_flags(quote), *self._statement_flags.get(quote.id, ())]
        return any(v == ANY_FLAG or kind.startswith(v) for v in values for kind in kinds)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        """The model's cached sort keys (SORT_ROLE values, ties in reading order): no data() call per compare."""
        return sort_less(self.sourceModel(), left, right)


def filter_help_html() -> str:
    """The filter box's terms for Help > Keyboard Shortcuts, the statement flags' kinds listed by name."""
    terms = [
        ("words", "quotes whose words, speaker, intermediaries or cue hold them all"),
        ("speaker:NAME", "by speaker (any part of a name or an alias); speaker:none"),
        ("status:auto", "by status (a prefix); status:rejected shows rejected quotes"),
        ("type:direct", "by type: direct, indirect, mixed"),
        ("confidence:<0.6", "by the extractor's confidence (<, <=, >, >=, =)"),
        ("flag:unplaced", "quotes re-anchoring could not carry over as they were"),
        *(
            (f"flag:{kind}", f"this quote, against another version of its statement: {label}")
            for kind, label in FLAG_KINDS.items()
        ),
        ("flag:any", "quotes with any flag"),
    ]
    rows = "".join(f"<tr><td><b>{escape(term)}</b></td><td>{escape(text)}</td></tr>" for term, text in terms)
    return f"<table cellpadding=3><tr><th colspan=2 align=left><br>Filter terms (Ctrl+F)</th></tr>{rows}</table>"


def _speaker_names(model: QuoteTableModel, quote: Quote) -> str:
    """Every name the speaker goes by here: canonical name, aliases and the mention as written."""
    if quote.speaker is None:
        return ""
    entity = model.entity(quote.speaker.entity)
    names = [model.speaker_name(quote), *(entity.aliases if entity else [])]
    if quote.speaker.mention is not None:
        names.append(quote.speaker.mention.text)
    return "\n".join(names)


def _speaker_matches(model: QuoteTableModel, quote: Quote, values: list[str]) -> bool:
    if quote.speaker is None:
        return any(v in _NONE_WORDS for v in values)
    names = _speaker_names(model, quote).casefold()
    return any(v in names for v in values)
