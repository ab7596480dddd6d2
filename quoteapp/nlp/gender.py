"""The gender a person's first name or honorific suggests, for pronoun agreement ("she" is not Tull).

The first names come from Faker's person providers (MIT licensed, dozens of locales): a name listed
only as male is "m", only as female "f". A name listed as both is unknown, unless Faker's en_US
frequency weights make it clear (one side at least CLEAR_RATIO times the other). The table is built
once, on first use, and cached; names are folded as names.py folds them ("Inès" is "ines").
Unknown stays unknown (None): agreement then never rules a person out.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from quoteapp.corpus.names import fold
from quoteapp.nlp.lexicon import FEMALE_TITLES, MALE_TITLES

#: How much more often en_US must use a name for one gender to decide a name both lists hold.
CLEAR_RATIO = 4.0
#: Nouns that say a person's gender ("the spokeswoman", "her brother").
MALE_NOUNS = frozenset("spokesman man father son brother husband boy grandfather uncle nephew boyfriend".split())
FEMALE_NOUNS = frozenset(
    "spokeswoman woman mother daughter sister wife girl grandmother aunt niece girlfriend businesswoman".split()
)


def _providers() -> list[object]:
    """Every locale's person Provider class that Faker ships."""
    import faker.providers.person as person

    out = []
    for info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"{person.__name__}.{info.name}")
        provider = getattr(module, "Provider", None)
        if provider is not None:
            out.append(provider)
    return out


def _key(name: str) -> str:
    """The folded form of a listed name; most are ASCII already, and folding them all would cost more
    than the whole load may take."""
    return name.lower() if name.isascii() else fold(name)


def _weights(names: object) -> dict[str, float]:
    """A provider's name list as folded name -> weight (1.0 where Faker gives no weights)."""
    if isinstance(names, dict):
        return {_key(n): float(w) for n, w in names.items()}
    return dict.fromkeys(map(_key, names or ()), 1.0)  # type: ignore[call-overload]


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """Folded first name -> "m" or "f", built once from all Faker locales (the ambiguous ones left out)."""
    male: set[str] = set()
    female: set[str] = set()
    us_male: dict[str, float] = {}
    us_female: dict[str, float] = {}
    for provider in _providers():
        m = _weights(getattr(provider, "first_names_male", ()))
        f = _weights(getattr(provider, "first_names_female", ()))
        male.update(m)
        female.update(f)
        if provider.__module__.endswith(".en_US"):
            us_male, us_female = m, f
    table: dict[str, str] = {}
    for name in male | female:
        if not name.isalpha():
            continue
        if name in male and name in female:
            wm, wf = us_male.get(name, 0.0), us_female.get(name, 0.0)
            if wm >= CLEAR_RATIO * wf and wm > 0:
                table[name] = "m"
            elif wf >= CLEAR_RATIO * wm and wf > 0:
                table[name] = "f"
        else:
            table[name] = "m" if name in male else "f"
    return table


def gender_of_first_name(word: str) -> str | None:
    """ "m", "f", or None for a word that is no first name or is given to both."""
    return first_name_genders().get(fold(word).strip(".'"))


def gender_of_words(words: list[str], first_name: str | None = None) -> str | None:
    """The gender a phrase says: an honorific or gendered noun among its words ("Mrs.", "spokeswoman")
    first, else its first name; None when nothing says it."""
    lower = {w.lower() for w in words}
    if lower & MALE_TITLES or lower & MALE_NOUNS:
        return "m"
    if lower & FEMALE_TITLES or lower & FEMALE_NOUNS:
        return "f"
    return gender_of_first_name(first_name) if first_name else None


def _print_load_time() -> None:
    """`python -m quoteapp.nlp.gender`: how long the first-name table takes to build (wall and CPU)."""
    import time

    wall, cpu = time.perf_counter(), time.process_time()
    table = first_name_genders()
    print(f"{len(table)} first names in {time.perf_counter() - wall:.3f} s ({time.process_time() - cpu:.3f} s CPU)")


if __name__ == "__main__":
    _print_load_time()
