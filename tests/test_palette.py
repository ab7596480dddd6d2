"""Speaker colours in one article: a folder's identity keeps its colour, and no two speakers of the
article share one while colours are left."""

from __future__ import annotations

from quoteapp.gui.palette import HUES, distinct_keys, palette_index, speaker_colour


def test_a_speaker_without_an_identity_moves_off_the_hue_an_identity_has() -> None:
    # "I15" (Helen Carver's identity in the folder) and "E3" ("city officials", no identity) fall on one hue
    assert palette_index("I15") == palette_index("E3")
    keys = distinct_keys(["E1", "E3"], {"E1": "I15"})
    assert keys["E1"] == "I15", "the identity's colour is the same in every article"
    assert speaker_colour(keys["E1"]) != speaker_colour(keys["E3"])


def test_every_speaker_of_an_article_has_its_own_colour_while_colours_are_left() -> None:
    entities = [f"E{n}" for n in range(1, 13)]
    identities = {"E1": "I13", "E2": "I25"}  # all three on E1's hue
    keys = distinct_keys(entities, identities)
    assert len({palette_index(k) for k in keys.values()}) == len(HUES)
    more = distinct_keys([*entities, "E13"], identities)
    assert len(more) == 13, "beyond the palette, colours repeat rather than fail"


def test_two_entities_of_one_identity_share_its_colour() -> None:
    assert palette_index("E4") == palette_index("I4")
    keys = distinct_keys(["E1", "E2", "E4"], {"E1": "I4", "E2": "I4"})
    assert keys["E1"] == keys["E2"] == "I4" and palette_index(keys["E4"]) != palette_index("I4")
