"""Pairing quotation marks in raw text, before any parsing.

News text mixes straight and curly marks, leaves marks unbalanced, nests single marks inside double
ones and, across paragraphs, opens every paragraph of a long quote but closes only the last. A
pairing that raises on an odd count of marks (as textacy does) loses whole articles: this one never
raises. It reads a mark's role (open or close) from its neighbours, keeps a stack per paragraph and
closes what is left open at a paragraph's end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DOUBLE_OPENERS = "“„«‟"
DOUBLE_CLOSERS = "”»"
SINGLE_OPENERS = "‘‹‚"
SINGLE_CLOSERS = "’›"
STRAIGHT = "\"'"
ALL_MARKS = DOUBLE_OPENERS + DOUBLE_CLOSERS + SINGLE_OPENERS + SINGLE_CLOSERS + STRAIGHT
#: How far after a curly opener inside a straight quote its closer is looked for.
CURLY_REACH = 400
#: Characters after which a mark opens a quote rather than closing one.
OPENING_CONTEXT = " \t\n([{—–-:/" + DOUBLE_OPENERS + SINGLE_OPENERS + "\"'"


@dataclass
class QuotedSpan:
    """Text between a pair of marks: `segments` are the content ranges (one per paragraph)."""

    open_at: int
    close_at: int | None  # index of the closing mark; None when it was never closed
    segments: list[tuple[int, int]]
    double: bool
    children: list[QuotedSpan] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    @property
    def outer_end(self) -> int:
        """The index after the closing mark, or after the content when there is none."""
        return self.close_at + 1 if self.close_at is not None else self.end

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _role(text: str, i: int) -> str:
    """'open', 'close' or 'none' for the mark at i, from its kind and its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    opening_ctx = prev in OPENING_CONTEXT
    if ch in "'’" and _is_word_char(prev) and _is_word_char(nxt):
        return "none"  # an apostrophe: don't, Haftar’s
    if ch in DOUBLE_OPENERS + SINGLE_OPENERS:
        if ch in "“‘" and not opening_ctx and not nxt.isspace():
            return "either"  # “ closes German „...“ and is misused as a closer
        if ch in "“‘" and not opening_ctx:
            return "close"
        return "open"
    if ch in DOUBLE_CLOSERS + SINGLE_CLOSERS:
        if opening_ctx and not nxt.isspace() and nxt not in ".,;:!?":
            return "open"  # a closer used as an opener (bad typography)
        return "close"
    # straight marks
    if opening_ctx and not nxt.isspace():
        return "open"
    if not prev.isspace():
        return "close"
    return "none"


def _is_double(ch: str) -> bool:
    return ch in DOUBLE_OPENERS + DOUBLE_CLOSERS + '"'


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Line ranges: news text puts one paragraph on a line."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quoted spans in reading order, inner ones in `children`. Never raises."""
    result: list[QuotedSpan] = []
    carried: QuotedSpan | None = None  # a double quote left open at the end of the previous paragraph
    for p_start, p_end in _paragraphs(text):
        if p_start == p_end or text[p_start:p_end].isspace():
            continue
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        if carried is not None:
            if text[first] in DOUBLE_OPENERS + '"' and _role(text, first) == "open":
                # news style: the quote goes on in this paragraph, opened again
                stack = [carried]
                carried.segments.append((first + 1, first + 1))
                begin = first + 1
            else:
                result.append(carried)
                stack, begin = [], p_start
            carried = None
        else:
            stack, begin = [], p_start
        stack = _pair_in_paragraph(text, begin, p_end, stack, result)
        # what is left open at the end of the paragraph: close doubles at the paragraph end
        outer = stack[0] if stack and stack[0].double else None
        if outer is not None:
            s, _ = outer.segments[-1]
            outer.segments[-1] = _trim(text, s, p_end)
            carried = outer
    if carried is not None:
        result.append(carried)
    _tidy(text, result)
    return [span for span in result if span.end > span.start]


def _tidy(text: str, spans: list[QuotedSpan]) -> None:
    """Trim spaces inside the marks and drop empty paragraph pieces, at every depth."""
    for span in spans:
        trimmed = [_trim(text, s, e) for s, e in span.segments]
        span.segments = [seg for seg in trimmed if seg[1] > seg[0]] or [(span.open_at + 1, span.open_at + 1)]
        _tidy(text, span.children)


def _pair_in_paragraph(
    text: str, begin: int, end: int, stack: list[QuotedSpan], result: list[QuotedSpan]
) -> list[QuotedSpan]:
    """Pair the marks of one paragraph; return the spans still open at its end."""
    closers = _SingleCloserScan(text, end)
    for i in range(begin, end):
        ch = text[i]
        if ch not in ALL_MARKS:
            continue
        role = _role(text, i)
        if role == "none":
            continue
        double = _is_double(ch)
        top = stack[-1] if stack else None
        closes_top = top is not None and top.double == double and role in ("close", "either")
        if closes_top and ch in "'’" and not double and not _closes_single(text, i):
            closes_top = False
        if closes_top:
            assert top is not None
            stack.pop()
            s, _ = top.segments[-1]
            top.segments[-1] = (s, i)
            top.close_at = i
            if stack:
                stack[-1].children.append(top)
            else:
                result.append(top)
            continue
        if role in ("open", "either"):
            if not double and not stack and not closers.after(i):
                continue  # a lone single mark at top level is an apostrophe ('90s, 'em)
            if double and top is not None and top.double and not _curly_inside_straight(text, top.open_at, i, end):
                # a double mark inside an open double quote that cannot close it: the quote was
                # left unclosed; close it here rather than nest doubles
                stack.pop()
                s, _ = top.segments[-1]
                top.segments[-1] = _trim(text, s, i)
                (stack[-1].children if stack else result).append(top)
            stack.append(QuotedSpan(i, None, [(i + 1, i + 1)], double))
    # single quotes still open inside the paragraph were apostrophes: drop them, keep their children
    while stack and not stack[-1].double:
        dropped = stack.pop()
        (stack[-1].children if stack else result).extend(dropped.children)
    return stack


def _curly_inside_straight(text: str, outer: int, i: int, end: int) -> bool:
    """ "Well, she thinks this is an episode of “Shark Tank.” But ...: a curly pair inside a quote
    opened with a straight mark is a quote (or title) within it, not the end of it: the curly
    opener's own closer follows, in the paragraph, before any straight mark."""
    if text[outer] != '"' or text[i] not in DOUBLE_OPENERS:
        return False
    for j in range(i + 1, min(end, i + CURLY_REACH)):
        if text[j] == '"':
            return False
        if text[j] in DOUBLE_CLOSERS:
            return True
    return False


def _closes_single(text: str, i: int) -> bool:
    """A ’ or ' closes a single quote when a word does not go on after it."""
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    return not _is_word_char(nxt)


class _SingleCloserScan:
    """Whether a closing single mark follows a position in a paragraph, before any closing double
    mark (a single opener counts only then). The answer for a position is that of the first such
    mark after it, so the last one found is remembered: a paragraph of thousands of lone ‘ marks is
    read once, not once per mark."""

    def __init__(self, text: str, end: int) -> None:
        self.text = text
        self.end = end
        self.stop = -1  # the first deciding mark after the last position asked about (end: none)
        self.answer = False

    def after(self, i: int) -> bool:
        if self.stop <= i:
            self.stop, self.answer = self._first_stop(i + 1)
        return self.answer

    def _first_stop(self, start: int) -> tuple[int, bool]:
        text = self.text
        for j in range(start, self.end):
            if text[j] in SINGLE_CLOSERS + "'" and _role(text, j) in ("close", "either") and _closes_single(text, j):
                return j, True
            if text[j] in DOUBLE_CLOSERS + '"' and _role(text, j) == "close":
                return j, False
        return self.end, False
