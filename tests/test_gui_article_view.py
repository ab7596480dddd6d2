"""The article view: offsets converted once, highlights on the right characters, clicks, tooltips, 5 MB.

The texts are made up here. Emoji (👍🏽 is two code points and four UTF-16 units), 𝔘, CJK and a combining
mark stand before and inside the quotes, so a highlight placed by code-point offsets without the
conversion would land visibly off.
"""

from __future__ import annotations

import time
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QToolTip

from quoteapp.gui import commands as C
from quoteapp.gui import palette as pal
from quoteapp.gui.article_view import ArticleView
from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.offsets import OffsetMap
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker

TEXT = (
    "Tram plan 👍🏽 for Nørdby — Zoe\u0308 Park 𝔘\n\n"
    "Mayor Ana Ruiz 🏛️ said: “We will build the 𝔘-line 🚇 by 2030.” She added that the plan was “final” 👍🏽.\n\n"
    "A spokesman for 北京 Transit, Li Wei, told Radio Nord that fares 🎫 would stay the same.\n\n"
    "Critics said nothing 🙄 at all.\n"
)


def span(text: str, words: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of `words` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span.of(text, start, start + len(words))


def sample() -> Annotation:
    t = TEXT
    entities = [
        Entity("E1", "person", "Ana Ruiz", mentions=[span(t, "Ana Ruiz"), span(t, "She")]),
        Entity("E2", "organization", "北京 Transit", mentions=[span(t, "北京 Transit")]),
        Entity("E3", "person", "Li Wei", mentions=[span(t, "Li Wei")]),
        Entity("E4", "outlet", "Radio Nord", mentions=[span(t, "Radio Nord")]),
    ]
    quotes = [
        Quote(
            "Q1",
            "direct",
            [span(t, "We will build the 𝔘-line 🚇 by 2030.")],
            cue=span(t, "said"),
            speaker=Speaker("E1", span(t, "Ana Ruiz")),
            status="accepted",
            confidence=0.9,
        ),
        Quote(
            "Q2",
            "mixed",
            [span(t, "the plan was “final” 👍🏽")],
            cue=span(t, "added"),
            speaker=Speaker("E1", span(t, "She")),
        ),
        Quote("Q3", "direct", [span(t, "final")], parent="Q2"),  # nested, no speaker
        Quote(
            "Q4",
            "indirect",
            [span(t, "fares 🎫 would stay the same")],
            cue=span(t, "told"),
            speaker=Speaker("E2", span(t, "北京 Transit")),
            intermediaries=[
                Intermediary("E3", "spokesperson", span(t, "Li Wei")),
                Intermediary("E4", "outlet", span(t, "Radio Nord")),
            ],
        ),
        Quote("Q5", "indirect", [span(t, "nothing 🙄")], cue=span(t, "said", 1), status="rejected"),
    ]
    return Annotation(Document("tram", t), entities, quotes)


def make_view(qtbot, annotation: Annotation | None = None) -> tuple[ArticleView, AnnotationDocument]:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    document = AnnotationDocument(annotation or sample())
    view.set_document(document)
    return view, document


def same(a: QColor | None, b: QColor | None) -> bool:
    return a is not None and b is not None and a.rgba() == b.rgba()


def qt_span(view: ArticleView, s: Span) -> tuple[int, int]:
    return view.offsets.span_to_qt(s.start, s.end)


def shown_text(view: ArticleView, start: int, end: int) -> str:
    """What the Qt document holds between two UTF-16 positions."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


# --- OffsetMap ---------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_offsets_count_emoji_astral_letters_cjk_and_combining_marks() -> None:
    text = "a👍🏽b𝔘c北京e\u0301!"
    om = OffsetMap(text)
    assert om.qt_length == utf16_len(text) == len(text) + 3  # 👍, 🏽 and 𝔘 take two units each
    assert [om.to_qt(i) for i in range(len(text) + 1)] == [utf16_len(text[:i]) for i in range(len(text) + 1)]
    assert om.to_qt(1) == 1 and om.to_qt(2) == 3 and om.to_qt(3) == 5  # 👍🏽: two code points, four units
    assert om.to_model(5) == 3 and om.to_model(8) == 5
    assert om.to_qt(text.index("北")) == text.index("北") + 3  # CJK is in the BMP: one unit each
    assert om.to_qt(text.index("\u0301")) == text.index("\u0301") + 3  # a combining mark is its own code point
    # a position inside a surrogate pair goes to the character's start, or past it when rounding up
    assert om.to_model(2) == 1 and om.to_model(2, round_up=True) == 2
    assert om.span_to_model(2, 4) == (1, 3)
    assert om.span_to_qt(1, 3) == (1, 5)
    assert OffsetMap("plain ascii").to_qt(5) == 5 and not OffsetMap("plain ascii").has_astral


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60))
def test_offsets_round_trip(text: str) -> None:
    om = OffsetMap(text)
    for cp in range(len(text) + 1):
        qt = om.to_qt(cp)
        assert qt == utf16_len(text[:cp])
        assert om.to_model(qt) == cp
    for u in range(om.qt_length + 1):
        down, up = om.to_model(u), om.to_model(u, round_up=True)
        assert om.to_qt(down) <= u <= om.to_qt(up) and up - down <= 1


# --- palette -----------------------------------------------------------------------------------------


def test_palette_is_stable_distinct_and_themed(qapp) -> None:
    assert pal.speaker_colour("E3").rgba() == pal.speaker_colour("E3").rgba()
    assert pal.palette_index("E1") == 0 and pal.palette_index("E13") == 0
    hues = {pal.speaker_colour(f"E{i}").hue() for i in range(1, 13)}
    assert len(hues) == 12
    assert pal.palette_index("anon-official") == pal.palette_index("anon-official")  # crc32, not hash()
    assert pal.speaker_colour("E1").lightnessF() > 0.7 and pal.speaker_colour("E1", dark=True).lightnessF() < 0.35
    assert pal.speaker_colour(None).saturation() == 0 and same(pal.speaker_colour(None), pal.no_speaker_colour())
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f4f4f4"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    assert not pal.is_dark(light) and pal.is_dark(dark)


# --- highlights --------------------------------------------------------------------------------------


def test_segments_are_highlighted_on_exactly_their_characters(qtbot) -> None:
    view, document = make_view(qtbot)
    for quote_id, entity in (("Q1", "E1"), ("Q4", "E2")):
        segment = document.quote(quote_id).segments[0]
        qs, qe = qt_span(view, segment)
        assert qs > segment.start  # emoji before the quote: the two counts differ here
        assert shown_text(view, qs, qe) == segment.text  # the Qt range holds the segment's characters
        colour = pal.speaker_colour(entity)
        assert same(view.background_at(qs), colour) and same(view.background_at(qe - 1), colour)
        assert view.background_at(qs - 1) is None and view.background_at(qe) is None
    # an emoji inside Q1: both of its UTF-16 units are highlighted, and the text after it too
    q1 = document.quote("Q1").segments[0]
    metro = view.offsets.to_qt(q1.start + q1.text.index("🚇"))
    for pos in (metro, metro + 1, metro + 2):
        assert same(view.background_at(pos), pal.speaker_colour("E1"))


def test_nested_quote_shows_over_its_parent_and_rejected_quotes_are_not_highlighted(qtbot) -> None:
    view, document = make_view(qtbot)
    outer, inner = document.quote("Q2").segments[0], document.quote("Q3").segments[0]
    (os_, oe), (is_, ie) = qt_span(view, outer), qt_span(view, inner)
    assert same(view.background_at(is_), pal.no_speaker_colour())  # Q3 has no speaker
    assert same(view.background_at(ie - 1), pal.no_speaker_colour())
    assert same(view.background_at(is_ - 1), pal.speaker_colour("E1"))  # the “ of Q2 around it
    assert same(view.background_at(oe - 1), pal.speaker_colour("E1"))  # the last unit of 👍🏽
    assert same(view.background_at(os_), pal.speaker_colour("E1")) and view.background_at(oe) is None
    assert view.quote_ids_at(inner.start) == ["Q3", "Q2"]  # innermost first
    rejected = document.quote("Q5").segments[0]
    rs, re_ = qt_span(view, rejected)
    assert view.background_at(rs) is None and view.background_at(re_ - 1) is None
    assert view.quote_ids_at(rejected.start) == []


def test_cue_speaker_and_intermediary_mentions_are_marked_differently(qtbot) -> None:
    view, document = make_view(qtbot)
    q4 = document.quote("Q4")

    def underline(qt_pos: int) -> QTextCharFormat.UnderlineStyle:
        styles = [f.underlineStyle() for f in view.formats_at(qt_pos)]
        return next(
            (s for s in styles if s != QTextCharFormat.UnderlineStyle.NoUnderline),
            QTextCharFormat.UnderlineStyle.NoUnderline,
        )

    cs, ce = qt_span(view, q4.cue)
    assert underline(cs) == underline(ce - 1) == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert underline(ce) == QTextCharFormat.UnderlineStyle.NoUnderline
    ss, se = qt_span(view, q4.speaker.mention)
    assert same(view.background_at(ss), pal.strong_colour("E2")) and same(
        view.background_at(se - 1), pal.strong_colour("E2")
    )
    assert (ss, se) in [(b.start, b.end) for b in view.boxes()]  # the speaker mention is boxed
    for via in q4.intermediaries:  # a wavy underline and a dashed outline: visible, unlike a speaker's box
        vs, ve = qt_span(view, via.mention)
        assert underline(vs) == underline(ve - 1) == QTextCharFormat.UnderlineStyle.WaveUnderline
        assert view.background_at(vs) is None
        assert (vs, ve, True) in [(b.start, b.end, b.dashed) for b in view.boxes()]
    assert view.quote_ids_at(q4.cue.start) == ["Q4"]


def test_select_quote_makes_it_stand_out(qtbot) -> None:
    view, document = make_view(qtbot)
    qs, qe = qt_span(view, document.quote("Q4").segments[0])
    assert same(view.background_at(qs), pal.speaker_colour("E2"))
    view.select_quote("Q4")
    assert same(view.background_at(qs), pal.strong_colour("E2"))
    assert same(view.background_at(qe - 1), pal.strong_colour("E2"))
    assert (qs, qe) in [(b.start, b.end) for b in view.boxes()]
    assert qs <= view.textCursor().position() <= qe
    view.select_quote(None)
    assert same(view.background_at(qs), pal.speaker_colour("E2"))
    assert (qs, qe) not in [(b.start, b.end) for b in view.boxes()]


def test_highlight_entity_marks_its_mentions_and_fades_other_quotes(qtbot) -> None:
    view, document = make_view(qtbot)
    view.highlight_entity("E3")  # Li Wei: intermediary of Q4 only
    q4s, _ = qt_span(view, document.quote("Q4").segments[0])
    q1s, _ = qt_span(view, document.quote("Q1").segments[0])
    assert same(view.background_at(q4s), pal.speaker_colour("E2"))
    assert same(view.background_at(q1s), pal.dim_colour())
    ms, me = qt_span(view, document.entity("E3").mentions[0])
    assert same(view.background_at(ms), pal.strong_colour("E3"))
    assert (ms, me) in [(b.start, b.end) for b in view.boxes()]
    view.highlight_entity(None)
    assert same(view.background_at(q1s), pal.speaker_colour("E1"))


def test_the_view_follows_undoable_edits(qtbot) -> None:
    view, document = make_view(qtbot)
    qs, _ = qt_span(view, document.quote("Q1").segments[0])
    document.undo_stack.push(C.reject(document, "Q1"))
    qtbot.waitUntil(lambda: view.background_at(qs) is None)
    assert view.quote_ids_at(document.quote("Q1").segments[0].start) == []  # queries never see stale marks
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: same(view.background_at(qs), pal.speaker_colour("E1")))
    document.undo_stack.push(C.set_speaker(document, "Q1", "E3"))
    qtbot.waitUntil(lambda: same(view.background_at(qs), pal.speaker_colour("E3")))
    document.undo_stack.push(C.delete_quote(document, "Q1"))
    view.select_quote("Q1")  # gone: nothing to select, nothing breaks
    assert view.selected_quote() is None and view.background_at(qs) is None


# --- selection, clicks, tooltips ---------------------------------------------------------------------


def test_selected_span_is_in_code_points(qtbot) -> None:
    view, document = make_view(qtbot)
    assert view.selected_span() is None
    target = span(TEXT, "the 𝔘-line 🚇 by")
    qs, qe = qt_span(view, target)
    cursor = view.textCursor()
    cursor.setPosition(qs)
    cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() == target
    assert view.selected_span().text == "the 𝔘-line 🚇 by"
    # backwards (anchor after position) gives the same span
    cursor.setPosition(qe)
    cursor.setPosition(qs, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() == target


def test_shift_arrows_select_whole_characters(qtbot) -> None:
    view, _document = make_view(qtbot)
    start = TEXT.index("👍🏽")
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(start))
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    got = view.selected_span()
    assert got == Span.of(TEXT, start, start + 2)  # Qt steps over the grapheme: 2 code points, 4 units
    assert got.text == "👍🏽"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_span() == Span.of(TEXT, start, start + 4)
    assert view.selected_span().text == "👍🏽 f"


def point_of(view: ArticleView, cp: int) -> QPoint:
    """The middle of the character at code point `cp`, in viewport coordinates."""
    qt = view.offsets.to_qt(cp)
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt)
    left = view.cursorRect(cursor)
    cursor.setPosition(qt + 1)
    right = view.cursorRect(cursor)
    return QPoint((left.center().x() + right.center().x()) // 2, left.center().y())


def test_clicking_a_highlight_emits_its_quote(qtbot) -> None:
    view, document = make_view(qtbot)
    segment = document.quote("Q4").segments[0]
    inside = segment.start + segment.text.index("would")
    assert view.position_at(point_of(view, inside)) == inside
    with qtbot.waitSignal(view.quote_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, inside))
    assert blocker.args == ["Q4"]
    inner = document.quote("Q3").segments[0]
    with qtbot.waitSignal(view.quote_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, inner.start + 2))
    assert blocker.args == ["Q3"]  # the innermost quote
    with qtbot.assertNotEmitted(view.quote_clicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, TEXT.index("Tram")))


def test_tooltip_names_speaker_intermediaries_roles_type_and_status(qtbot) -> None:
    view, document = make_view(qtbot)
    segment = document.quote("Q4").segments[0]
    tip = view.tooltip_at(segment.start + 3)
    for words in ("Q4", "北京 Transit", "Li Wei", "spokesperson", "Radio Nord", "outlet", "indirect", "auto"):
        assert words in tip
    nested = view.tooltip_at(document.quote("Q3").segments[0].start)
    assert nested.index("Q3") < nested.index("Q2") and "mixed" in nested and "Ana Ruiz" in nested
    assert view.tooltip_at(TEXT.index("Tram")) == ""
    # the real event, as a hover sends it
    pos = point_of(view, segment.start + 3)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    view.viewportEvent(event)
    qtbot.waitUntil(lambda: "Li Wei" in QToolTip.text(), timeout=2000)
    QToolTip.hideText()


def test_no_document(qtbot) -> None:
    view, _document = make_view(qtbot)
    view.set_document(None)
    assert view.toPlainText() == "" and view.selected_span() is None and view.quote_ids_at(3) == []
    assert view.extraSelections() == []


# --- a 5 MB article ----------------------------------------------------------------------------------


def big_annotation(paragraphs: int = 5000) -> Annotation:
    """About 5 MB: every paragraph has an emoji before its quote and one inside it."""
    filler = "The council met again on Tuesday to discuss the budget, the roads and the schools. " * 12
    parts: list[str] = []
    quotes: list[Quote] = []
    entities = [Entity(f"E{i}", "person", f"Speaker {i}") for i in range(1, 25)]
    pos = 0
    for n in range(paragraphs):
        head = f"Item {n} 👍🏽 {filler}Speaker {n % 24 + 1} said: “"
        body = f"Number {n} 🚇 is fine."
        para = head + body + "”\n\n"
        start = pos + len(head)
        quotes.append(
            Quote(f"Q{n + 1}", "direct", [Span(start, start + len(body), body)], speaker=Speaker(f"E{n % 24 + 1}"))
        )
        parts.append(para)
        pos += len(para)
    return Annotation(Document("big", "".join(parts)), entities, quotes)


def test_five_megabyte_article(qtbot) -> None:
    annotation = big_annotation()
    text = annotation.document.text
    assert len(text.encode("utf-8")) > 5_000_000
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    document = AnnotationDocument(annotation)
    began = time.perf_counter()
    view.set_document(document)
    took = time.perf_counter() - began
    print(
        f"\nset_document, {len(text.encode('utf-8')) / 1e6:.1f} MB, {len(document.quotes)} quotes: {took:.3f} s;"
        f" {len(view.extraSelections())} extra selections"
    )
    first = document.quotes[0].segments[0]
    assert same(view.background_at(view.offsets.to_qt(first.start)), pal.speaker_colour("E1"))
    assert len(view.extraSelections()) < 200  # only the visible part is highlighted

    last = document.quotes[-1]
    began = time.perf_counter()
    view.select_quote(last.id)
    print(f"select_quote at the end: {time.perf_counter() - began:.3f} s")
    qs, qe = view.offsets.span_to_qt(last.segments[0].start, last.segments[0].end)
    assert view.verticalScrollBar().value() > 0
    assert same(view.background_at(qs), pal.strong_colour(last.speaker.entity))
    assert same(view.background_at(qe - 1), pal.strong_colour(last.speaker.entity))

    began = time.perf_counter()
    document.undo_stack.push(C.reject(document, last.id))
    view.refresh()
    print(f"one edit, index rebuilt: {time.perf_counter() - began:.3f} s")
    assert view.background_at(qs) is None

    began = time.perf_counter()
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum(), max(1, bar.maximum() // 50)):
        bar.setValue(value)
    print(f"50 jumps through the text: {time.perf_counter() - began:.3f} s")
    middle = document.quotes[len(document.quotes) // 2].segments[0]
    view.select_span(middle.start, middle.end)
    assert view.selected_span() == middle
    assert same(
        view.background_at(view.offsets.to_qt(middle.start)),
        pal.speaker_colour(document.quotes[len(document.quotes) // 2].speaker.entity),
    )


def test_the_margin_names_who_passed_each_visible_quote_on(qtbot) -> None:
    """An intermediary the article names far from the words (or nowhere) still shows beside the quote."""
    view, document = make_view(qtbot)
    q4 = document.quote("Q4")
    labels = view.chain_labels()
    names = " → ".join(f"{document.entity(v.entity).name} ({v.role})" for v in q4.intermediaries)
    assert any(text == f"Q4 via {names}" for _, text, _ in labels)
    without_mentions = Quote(
        q4.id, q4.type, q4.segments, q4.cue, q4.speaker, [Intermediary(v.entity, v.role) for v in q4.intermediaries]
    )
    document.put_quote(without_mentions)
    view.refresh()
    assert any(text == f"Q4 via {names}" for _, text, _ in view.chain_labels())
    tops = [y for y, _, _ in view.chain_labels()]
    assert tops == sorted(tops) and all(b - a >= view.fontMetrics().height() for a, b in pairwise(tops))


def test_a_speaker_keeps_its_colour_across_the_articles_of_a_folder(qtbot) -> None:
    """Colours follow the corpus identity the window gives the document, not the entity's local id."""
    view, document = make_view(qtbot)
    q4 = document.quote("Q4")
    start, _ = qt_span(view, q4.segments[0])
    document.colour_keys = {q4.speaker.entity: "I7"}
    view.set_document(document)
    assert same(view.background_at(start + 1), pal.speaker_colour("I7"))
