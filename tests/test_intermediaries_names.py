"""The kind of name that makes an addressee an outlet, whatever the outlet (all names invented)."""

from __future__ import annotations

import pytest

from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.intermediaries import addressed_outlet


@pytest.mark.parametrize(
    ("addressee", "outlet"),
    [
        ("Kelso News", "Kelso News"),
        ("the Harbour Gazette", "Harbour Gazette"),
        ("The Lakeland Press", "Lakeland Press"),
        ("Radio Lanrick", "Radio Lanrick"),
        ("Channel Nine", "Channel Nine"),
        ("the Meridian Broadcasting Corporation", "Meridian Broadcasting Corporation"),
        ("the Dunmore Herald", "Dunmore Herald"),
        ("the Gazette's reporter", "Gazette"),
        ("Morning Report host Ana Ruiz", "Morning Report"),
        ("the Kelso Press Club", None),
        ("the Kelso Mining Company", None),
        ("the House", None),
        ("reporters", None),
        ("Ana Ruiz", None),
        ("members of the press", None),
    ],
)
def test_addressee_is_an_outlet_by_the_kind_of_its_name(
    extractor: Extractor, addressee: str, outlet: str | None
) -> None:
    doc = extractor.nlp(f"Beck told {addressee} that the pier was closed.")
    told = next(t for t in doc if t.lower_ == "told")
    objects = [c for c in told.children if c.dep_ in ("dobj", "dative")]
    assert objects, [(t.text, t.dep_) for t in doc]
    found = addressed_outlet(objects[0])
    assert (found.name or found.text if found else None) == outlet
