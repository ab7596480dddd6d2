"""When two written names are one person: surnames, titles dropped, transliteration variants.

Exact token suffixes first ("Khalifa Haftar" / "Haftar"); then a guarded fuzzy match for spelling
variants (Haftar / Hafter / Hifter, al-Sarraj / al-Serraj): the surnames must share their first
letter and their consonant skeleton, or be one edit apart in a long name, and forenames, when both
names have one, must agree too, so that different people with similar names stay apart.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

#: Particles in front of a surname that spellings keep or drop: "al-Sarraj", "Sarraj".
PARTICLES = re.compile(r"^(al|el|ad|as|ash|ibn|bin|ben|abu|van|von|de|del|da|di|le|la)[-\s]", re.IGNORECASE)
VOWELS = re.compile(r"[aeiouy]")


def name_words(name: str) -> list[str]:
    """Lower-case words of a name, particles glued to their surname split off: 'al-Mesmari' -> ['mesmari']."""
    words = []
    for word in name.lower().replace("’", "'").split():
        word = PARTICLES.sub("", word).strip(".,'")
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
    and the word with each letter deleted (two words one edit apart share one of those)."""
    keys = {f"s:{word[:1]}{_skeleton(word)}", f"d:{word}"}
    keys.update(f"d:{word[:i]}{word[i + 1 :]}" for i in range(len(word)))
    return keys


def same_name(a: str, b: str) -> str | None:
    """'exact' when one name is a word suffix of the other, 'fuzzy' for a spelling variant, else None."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return None
    k = min(len(wa), len(wb))
    if wa[-k:] == wb[-k:]:
        return "exact"
    if not similar_word(wa[-1], wb[-1]):
        return None
    if len(wa) > 1 and len(wb) > 1 and not similar_word(wa[-2], wb[-2]):
        return None  # "Anna Berg" and "Karl Borg": different forenames, different people
    return "fuzzy"
