"""When two written names are one person: surnames, given names, titles dropped, transliteration variants.

Names are compared folded: lower case, diacritics and other scripts transliterated (anyascii:
"Šefčovič" is "sefcovic"), curly apostrophes straight, a possessive "'s" dropped ("Macron’s" is
"macron"). Two names are one person when their surnames agree, exactly or as a guarded spelling
variant (Haftar / Hafter / Hifter, al-Sarraj / al-Serraj: the same first letter and consonant
skeleton, or one edit apart in a long name), and their given names, when both have one, agree too
(the same word, an initial of it, or a spelling variant): "Michelle Obama" is not "Barack Obama",
"Kevin McKinley" is not "Patrick McGinley".
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

#: Particles in front of a surname that spellings keep or drop: "al-Sarraj", "Sarraj".
PARTICLES = re.compile(r"^(al|el|ad|as|ash|ibn|bin|ben|abu|van|von|de|del|da|di|le|la)[-\s]", re.IGNORECASE)
VOWELS = re.compile(r"[aeiouy]")
#: Apostrophes as news text writes them: straight, curly, modifier letters, primes.
APOSTROPHES = re.compile(r"[’‘ʼʹ′`´]")
POSSESSIVE = re.compile(r"'s?$")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as names compare it: lower case, ASCII letters, straight apostrophes ("Šefčovič" -> "sefcovic")."""
    return anyascii(APOSTROPHES.sub("'", word)).lower()


def name_words(name: str) -> list[str]:
    """Folded words of a name, particles glued to their surname split off and a possessive dropped:
    'al-Mesmari' -> ['mesmari'], 'Macron’s' -> ['macron']."""
    words = []
    for word in fold(name).split():
        word = PARTICLES.sub("", word).strip(".,")
        word = POSSESSIVE.sub("", word).strip(".,'")
        if word:
            words.append(word)
    return words


def _skeleton(word: str) -> str:
    """Consonants with doubles collapsed: 'haftar', 'hifter', 'hafter' -> 'hftr'."""
    cons = VOWELS.sub("", word.replace("-", ""))
    return re.sub(r"(.)\1+", r"\1", cons)


def similar_word(a: str, b: str) -> bool:
    """Two spellings of one name word (a transliteration variant), not two names."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0] or min(len(a), len(b)) < 5:
        return False
    if _skeleton(a) == _skeleton(b) and Levenshtein.distance(a, b) <= 2:
        return True
    return min(len(a), len(b)) >= 6 and Levenshtein.distance(a, b) == 1


def variant_keys(word: str) -> set[str]:
    """Keys two spellings share whenever `similar_word` holds for them, so that variants can be looked
    up in an index instead of compared with every name: the first letter with the consonant skeleton,
    and the word with each letter deleted (two words one edit apart share one of those). The word is
    folded first, so "Šefčovič" and "Sefcovic" share every key."""
    words = name_words(word)
    word = words[-1] if words else fold(word)
    keys = {f"s:{word[:1]}{_skeleton(word)}", f"d:{word}"}
    keys.update(f"d:{word[:i]}{word[i + 1 :]}" for i in range(len(word)))
    return keys


def given_names_agree(a: str, b: str) -> bool:
    """The first given names of two folded name words agree: the same, an initial of the other
    ("j" / "john"), or a spelling variant ("emmanual" / "emmanuel")."""
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    return similar_word(a, b)


def same_name(a: str, b: str) -> str | None:
    """'exact' when the surnames are the same word and the given names (when both have one) are the
    same too, 'fuzzy' for a spelling variant of either, else None (two different people, or no name)."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return None
    k = min(len(wa), len(wb))
    if wa[-k:] == wb[-k:]:
        return "exact"
    if not similar_word(wa[-1], wb[-1]):
        return None
    if len(wa) > 1 and len(wb) > 1 and not given_names_agree(wa[0], wb[0]):
        return None  # "Anna Berg" and "Karl Borg": different given names, different people
    exact = wa[-1] == wb[-1] and (len(wa) == 1 or len(wb) == 1 or wa[0] == wb[0])
    return "exact" if exact else "fuzzy"
