"""What a written name is: a proper name ("Emmanuel Macron", "Mr. Obama") or a description of a role
("the president", "Haftar's spokesman", "strongman", "Both Macron"); and one key for the spellings of
one name that differ only in apostrophes, diacritics or script ("Macron’s" / "Macron's", "Šefčovič" /
"Sefcovic").

The words are general classes (titles, role nouns, the closed class of determiners and conjunctions a
phrase can start with), not names seen in any article. They live here, below `nlp`, so the registry can
use them without importing the extractor's lexicon; `nlp` may import them.
"""

from __future__ import annotations

import re

from anyascii import anyascii

#: Titles and ranks written in front of a name ("President", "Gen.", "Mr.").
TITLE_WORDS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady president vice prime minister "
    "secretary general gen. gen marshal field commander chancellor king queen prince princess sheikh "
    "senator sen. sen rep. rep representative governor gov. gov mayor judge justice chief colonel col. "
    "lt. lieutenant captain capt. major maj. admiral adm. sergeant sgt. ambassador envoy director "
    "chairman chairwoman chair ceo speaker leader premier pope bishop cardinal rev. reverend father "
    "candidate nominee former acting deputy commissioner councillor councilor inspector superintendent "
    "professor president-elect".split()
)

#: Nouns of a role or a kind of person, which describe someone rather than name them.
ROLE_NOUNS = frozenset(
    "official officials source sources diplomat diplomats aide aides insider spokesman spokeswoman "
    "spokesperson spokesmen spokeswomen spokespeople adviser advisor officer staffer analyst expert "
    "observer witness resident member envoy minister ministers lawmaker senator representative negotiator "
    "employee worker strongman warlord head boss owner founder manager executive president office "
    "ministry department government administration agency person man woman people".split()
)

#: Roles that speak in someone else's name: "Haftar's spokesman" is whoever speaks for Haftar.
SPEAKS_FOR_ROLES = frozenset(
    "spokesman spokeswoman spokesperson press-secretary mouthpiece representative office".split()
)

#: Closed-class words that start a phrase but never a name: "Both Macron", "The president".
FUNCTION_WORDS = frozenset(
    "a an the both all each every either neither some many most few several this that these those "
    "his her its their our my your and or but nor as at by for from in of on to with also only even "
    "when while if after before then so yet".split()
)

#: Lower-case particles inside a name: "Fayez al-Sarraj", "Ursula von der Leyen".
PARTICLES = frozenset("al el ad as ash ibn bin ben abu van von der den de del della da di du des le la ter".split())

_POSSESSIVE = re.compile(r"['’]s?$")
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|ibn|bin|ben|abu)[-‐]", re.IGNORECASE)


def name_key(name: str) -> str:
    """One key for the spellings of one name: transliterated to ASCII (anyascii: diacritics and
    curly apostrophes), case and spacing folded, a possessive "'s" dropped."""
    words = anyascii(name).casefold().split()
    return " ".join(_POSSESSIVE.sub("", w) if i == len(words) - 1 else w for i, w in enumerate(words))


def _capital(word: str) -> bool:
    """Starts like a name: a capital, or a letter of a script without case ("习近平")."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


def _bare(word: str) -> str:
    return anyascii(word).casefold().strip(',;:()"')


def is_name_word(word: str) -> bool:
    """A word that can only be part of a proper name: capitalized (after a particle: "al-Mesmari"), no
    possessive, not a title, a role or a function word ("Macron", "U.N."; not "President", "Both",
    "Haftar's")."""
    word = _PARTICLE_PREFIX.sub("", word)
    bare = _bare(word)
    if not _capital(word) or _POSSESSIVE.search(bare) or bare in TITLE_WORDS | ROLE_NOUNS | FUNCTION_WORDS:
        return False
    return bare.rstrip(".") not in TITLE_WORDS


def is_proper_name(name: str) -> bool:
    """A name worth keeping as an alias: it ends in a name word, starts with no function word, and has
    no lower-case word other than a particle ("General Khalifa Haftar", "Mr. Obama"; not "the
    president", "Libyan strongman", "Both Macron", "Haftar's spokesman", "President")."""
    words = name.split()
    if not words or _bare(words[0]) in FUNCTION_WORDS or not is_name_word(words[-1]):
        return False
    return all(_capital(_PARTICLE_PREFIX.sub("", w)) or _bare(w) in PARTICLES or w[:1].isdigit() for w in words)


def _is_title(word: str) -> bool:
    return _bare(word) in TITLE_WORDS or _bare(word).rstrip(".") in TITLE_WORDS


def bare_name(name: str) -> str:
    """The name without the titles and descriptions in front of it: "French President Emmanuel Macron"
    -> "Emmanuel Macron", "Gen. Khalifa Haftar" -> "Khalifa Haftar" (the name itself when all is title)."""
    words = name.split()
    last_title = max((i for i, w in enumerate(words[:-1]) if _is_title(w)), default=-1)
    return " ".join(words[last_title + 1 :])


def name_weight(name: str) -> int:
    """How much of a name is name: its words after the titles ("French President Emmanuel Macron": 2)."""
    return len(bare_name(name).split())


def speaks_for_description(name: str) -> str | None:
    """The one spoken for, when `name` describes a spokesperson by whom they speak for: "Haftar's
    spokesman" -> "Haftar", "a spokeswoman for Lina Haddad" -> "Lina Haddad"; else None."""
    match = re.match(r"^(?:the\s+)?(.+?)['’]s?\s+(?:[a-z-]+\s+)?(\S+)$", name.strip(), re.IGNORECASE)
    if match and _bare(match.group(2)) in SPEAKS_FOR_ROLES and is_proper_name(match.group(1)):
        return match.group(1)
    match = re.match(r"^(?:an?\s+|the\s+)?(\S+)\s+(?:for|of)\s+(.+)$", name.strip(), re.IGNORECASE)
    if match and _bare(match.group(1)) in SPEAKS_FOR_ROLES and is_proper_name(match.group(2)):
        return match.group(2)
    return None
