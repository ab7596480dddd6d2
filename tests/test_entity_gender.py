"""Gender from first names (Faker's MIT-licensed lists, every locale) and honorifics; unknown stays
unknown; the table is built once."""

from __future__ import annotations

import pytest

from quoteapp.nlp import gender
from quoteapp.nlp.gender import first_name_genders, gender_of_first_name, gender_of_words


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Odile", "f"),
        ("Marta", "f"),
        ("Inès", "f"),  # folded: "ines"
        ("Chelsea", "f"),
        ("Casimir", "m"),
        ("Tomas", "m"),
        ("Stephen", "m"),
        ("Kevin", "m"),
        ("Zqxvort", None),  # no first name at all
        ("Harbour", None),
    ],
)
def test_first_names(name: str, expected: str | None) -> None:
    assert gender_of_first_name(name) == expected


def test_a_name_given_to_both_stays_unknown_unless_en_us_weights_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    class Us:
        __module__ = "faker.providers.person.en_US"
        first_names_male = {"Robin": 0.5, "Jamie": 0.9}
        first_names_female = {"Robin": 0.4, "Jamie": 0.1}

    class Other:
        __module__ = "faker.providers.person.xx_XX"
        first_names_male = ("Robin", "Jamie", "Lior")
        first_names_female = ("Robin", "Jamie", "Lior", "Anouk")

    monkeypatch.setattr(gender, "_providers", lambda: [Us, Other])
    first_name_genders.cache_clear()
    try:
        table = first_name_genders()
        assert table.get("robin") is None  # 0.5 against 0.4: not clear
        assert table["jamie"] == "m"  # 0.9 against 0.1: clear
        assert table.get("lior") is None  # both lists, no en_US weight
        assert table["anouk"] == "f"
    finally:
        first_name_genders.cache_clear()


def test_the_table_is_built_once() -> None:
    assert first_name_genders() is first_name_genders()


def test_honorifics_and_gendered_nouns_before_the_first_name() -> None:
    assert gender_of_words(["Mrs.", "Kevin", "Ross"], "Kevin") == "f"
    assert gender_of_words(["spokesman"]) == "m"
    assert gender_of_words(["Minister", "Ana", "Ruiz"], "Ana") == "f"
    assert gender_of_words(["the", "minister"]) is None
