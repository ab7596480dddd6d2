"""Curated word lists: reporting verbs and phrases, words that mark a source's kind.

Lemmas, lower case. The confidence of a reporting verb says how often it introduces reported
speech rather than something else ("call" often does not; "say" nearly always does).
"""

from __future__ import annotations

import re

from quoteapp.corpus.roles import TITLE_WORDS

#: Verbs whose clausal complement is reported speech or a stated position, with a confidence.
REPORTING_VERBS: dict[str, float] = {
    # plain saying
    "say": 0.9,
    "tell": 0.85,
    "add": 0.8,
    "state": 0.85,
    "declare": 0.85,
    "announce": 0.8,
    "report": 0.75,
    "write": 0.75,
    "tweet": 0.85,
    "post": 0.55,
    "reply": 0.8,
    "respond": 0.75,
    "answer": 0.7,
    "explain": 0.8,
    "comment": 0.75,
    "remark": 0.8,
    "mention": 0.7,
    "note": 0.75,
    "observe": 0.7,
    "continue": 0.5,
    "recall": 0.7,
    "recount": 0.75,
    "relate": 0.5,
    "repeat": 0.7,
    "reiterate": 0.8,
    "restate": 0.8,
    "describe": 0.55,
    "quote": 0.7,
    "cite": 0.6,
    "testify": 0.8,
    "confirm": 0.8,
    "disclose": 0.75,
    "reveal": 0.75,
    "indicate": 0.6,
    "signal": 0.55,
    "hint": 0.6,
    "suggest": 0.65,
    "imply": 0.6,
    "estimate": 0.6,
    "predict": 0.7,
    "forecast": 0.65,
    "conclude": 0.7,
    "ask": 0.7,
    "wonder": 0.6,
    "question": 0.6,
    "inquire": 0.7,
    "query": 0.6,
    # arguing and asserting
    "claim": 0.85,
    "assert": 0.85,
    "insist": 0.85,
    "maintain": 0.7,
    "contend": 0.85,
    "argue": 0.85,
    "allege": 0.85,
    "charge": 0.65,
    "stress": 0.85,
    "emphasize": 0.85,
    "emphasise": 0.85,
    "underline": 0.75,
    "underscore": 0.75,
    "point": 0.55,
    "affirm": 0.8,
    "aver": 0.8,
    "proclaim": 0.8,
    "boast": 0.8,
    "brag": 0.8,
    "concede": 0.85,
    "acknowledge": 0.85,
    "admit": 0.85,
    "agree": 0.65,
    "accept": 0.5,
    "deny": 0.8,
    "dispute": 0.7,
    "reject": 0.55,
    "counter": 0.8,
    "retort": 0.85,
    "object": 0.6,
    "protest": 0.6,
    "complain": 0.8,
    "lament": 0.8,
    "grumble": 0.8,
    "concur": 0.7,
    "caution": 0.8,
    "warn": 0.85,
    "threaten": 0.6,
    "vow": 0.8,
    "pledge": 0.75,
    "promise": 0.75,
    "swear": 0.7,
    "guarantee": 0.6,
    "assure": 0.8,
    "reassure": 0.75,
    "urge": 0.7,
    "demand": 0.65,
    "call": 0.45,
    "appeal": 0.55,
    "plead": 0.7,
    "beg": 0.6,
    "recommend": 0.65,
    "advise": 0.7,
    "propose": 0.6,
    "order": 0.5,
    "instruct": 0.6,
    "accuse": 0.6,
    "blame": 0.55,
    "criticize": 0.55,
    "criticise": 0.55,
    "condemn": 0.55,
    "denounce": 0.6,
    "praise": 0.5,
    "thank": 0.45,
    "joke": 0.8,
    "quip": 0.85,
    "muse": 0.75,
    "shout": 0.8,
    "yell": 0.8,
    "scream": 0.8,
    "whisper": 0.8,
    "chant": 0.7,
    "sing": 0.5,
    "cry": 0.6,
    "exclaim": 0.85,
    "mutter": 0.8,
    "murmur": 0.75,
    "snap": 0.6,
    "inform": 0.7,
    "notify": 0.6,
    "brief": 0.6,
    "advertise": 0.5,
    "preach": 0.6,
    "lecture": 0.5,
    # beliefs and expectations ("believe", "expect") are no speech act: BELIEF_VERBS, below
}

#: Verbs that report speech only with a particle or preposition: "pointed out", "spoke of".
PHRASAL_CUES: dict[str, tuple[str, ...]] = {
    "point": ("out",),
    "spell": ("out",),
    "speak": ("of", "about", "out"),
    "go": ("on",),
    "call": ("for", "on"),
    "lash": ("out",),
    "weigh": ("in",),
    "chime": ("in",),
}

#: Nouns heading an "in a statement"-like phrase: the content is reported through them.
REPORTING_NOUNS = frozenset(
    "statement interview remarks comments speech tweet post letter memo report release announcement "
    "briefing address op-ed column testimony message email e-mail press conference broadcast podcast "
    "appearance".split()
)

#: Head nouns of unnamed sources: "an Elysee official", "a senior source", "the spokesman".
#: Heads of a common noun that names an organization: "the company said", "the union said" (then "it").
ORGANIZATION_HEADS = frozenset(
    "company firm corporation business group union ministry department agency council government "
    "administration party association committee authority bank board commission federation institute "
    "foundation university college school hospital club league coalition alliance campaign organization "
    "organisation charity utility carrier airline operator manufacturer retailer insurer lender "
    "regulator court office".split()
)
ANONYMOUS_HEADS = frozenset(
    "official officials source sources diplomat diplomats aide aides insider insiders person people "
    "spokesman spokeswoman spokesperson adviser advisor advisers advisors officer officers staffer "
    "staffers analyst analysts expert experts observer observers witness witnesses resident residents "
    "member members envoy minister ministers lawmaker lawmakers senator senators representative "
    "representatives negotiator negotiators employee employees worker workers man men woman women".split()
)

#: Heads that speak for someone else: the spoken-for is the speaker, they are the intermediary.
SPOKESPERSON_HEADS = frozenset(
    "spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople office press-secretary".split()
)

#: Nouns for what someone said or did in answer: "Haftar's reaction was to ask: ...": Haftar asks.
SPEECH_ACT_NOUNS = frozenset(
    "reaction response answer reply retort message position view advice verdict instruction order "
    "demand plea warning".split()
)

#: Verbs of passing someone's words on: "a statement read by his spokesman X".
DELIVERY_VERBS = frozenset("read deliver present relay".split())

#: Verbs of publishing: "an interview published by Le Monde", "aired by CNN".
PUBLISHING_VERBS = frozenset("publish air broadcast print run carry give grant".split())

#: Heads of news organizations: kind `outlet`.
OUTLET_HEADS = frozenset(
    "newspaper paper publication magazine agency outlet channel network broadcaster daily weekly "
    "tabloid website station wire radio television".split()
)
#: Well-known outlets the NER may tag as ORG or miss (kind `outlet`); lower case.
KNOWN_OUTLETS = frozenset(
    "reuters ap afp associated press agence france-presse bloomberg cnn bbc nbc cbs abc fox msnbc npr "
    "pbs al jazeera the new york times new york times the washington post washington post the guardian "
    "the times the wall street journal wall street journal politico axios breitbart huffington post "
    "huffpost le monde le figaro le journal du dimanche der spiegel tass xinhua ria novosti "
    "usa today los angeles times the atlantic the economist financial times time newsweek".split(" ")
)

#: Last words of news organizations' names: "the Harbour Gazette", "The Daily Telegraph".
OUTLET_NAME_ENDS = frozenset(
    "gazette times post journal herald tribune news daily chronicle telegraph observer press courier "
    "mirror express standard sun guardian independent examiner inquirer bulletin dispatch review "
    "magazine monitor reporter wire tv radio star globe sentinel register media mail network".split()
)

#: Titles dropped from the front of a proper name to get the name itself: the registry's class of
#: titles (corpus/roles.py, one list for both) and the portfolios written between a title and a name
#: ("Foreign Minister", "Finance Secretary").
TITLES = TITLE_WORDS | frozenset("foreign interior defense defence finance state".split())

#: Pronouns that can name a speaker, with their number and gender.
PRONOUNS: dict[str, tuple[str, str | None]] = {
    "he": ("sg", "m"),
    "him": ("sg", "m"),
    "his": ("sg", "m"),
    "their": ("pl", None),
    "its": ("sg", "n"),
    "she": ("sg", "f"),
    "her": ("sg", "f"),
    "they": ("pl", None),
    "them": ("pl", None),
    "it": ("sg", "n"),
    "i": ("sg", None),
    "we": ("pl", None),
    "who": ("any", None),
    "which": ("any", "n"),
    "that": ("any", None),
}

MALE_TITLES = frozenset("mr mr. sir lord king prince father he him his".split())
FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss dame lady queen princess she her".split())

# --- words the extraction sieves (nlp/rules/) read -------------------------------------------------

#: Verbs whose infinitive complement is a stated intention or demand ("vowed to fight").
#: Intentions ("vowed to cut fees", "agreed to meet") are no quotes (guidelines): INTENTION_VERBS, below.
XCOMP_CUES = frozenset("urge ask call demand".split())
#: Complements that are about the source, not reported content ("who asked not to be named"); use .match().
NOT_CONTENT = re.compile(r"(not )?to be (named|identified|quoted)\b|anonymity\b", re.IGNORECASE)
#: The dashes that sign a quote with its speaker's name: "“...” -Commissioner Hana Ross", "— Mayor Tim Beck".
BYLINE_DASHES = "-–—―"
#: Verbs after which spaCy may take an inverted subject for an object ("…,” said the official).
INVERTED_SUBJECT_CUES = frozenset("say add tell write ask".split())
#: Prepositions that lead from a document to its source: "a statement from Macron's office".
SOURCE_PREPOSITIONS = frozenset("from by of".split())
#: Punctuation before a subjectless reporting participle ("..., adding that").
PARTICIPLE_BREAKS = frozenset(",;—–")
#: Opening quotation marks, as tokens: where a speaker search before the quote stops.
OPENING_MARKS = frozenset({"“", '"', "‘", "«", "„"})

# intermediaries
#: Words that make a proper name an outlet's wherever they stand in it: "Radio Lanrick", "Channel Nine",
#: "the Meridian Broadcasting Corporation", "Kelso News" (a name ending in OUTLET_NAME_ENDS is one too).
OUTLET_NAME_WORDS = frozenset(
    "news newswire press radio tv television channel broadcasting broadcaster gazette herald tribune journal "
    "magazine daily".split()
)
#: People and programmes of an outlet: "the Gazette's reporter", "Morning Report host Ana Ruiz": the outlet
#: (or the show) named with them is the one the words were given to.
JOURNALIST_NOUNS = frozenset(
    "reporter reporters correspondent correspondents journalist journalists host hosts co-host anchor anchors "
    "presenter interviewer columnist editor editors producer show program programme podcast newscast "
    "broadcast documentary".split()
)
#: Verbs of speaking to or on a medium: "speaking on Radio Lanrick", "talking to the Coastal Times".
SPEAKING_VERBS = frozenset("speak talk appear write".split())
#: Prepositions that lead from a speaking verb or a cue to the medium: "on Radio Lanrick", "to the Times".
MEDIUM_PREPOSITIONS = frozenset("on to with".split())
#: Prepositions that lead from a spokesperson word to whom it speaks for: "a spokeswoman for the ministry".
SPOKEN_FOR_PREPOSITIONS = frozenset("for of at".split())
#: Verbs by which a document comes from its author: "a statement released by the mayor's office" ("read
#: by" is not among them: a statement read by a spokesman is the spokesman's reading of another's words).
AUTHORING_VERBS = frozenset("release issue send publish post put distribute circulate sign".split())
#: Last words of institutions' names, which an outlet's word inside does not make outlets: "the Kelso Press Club",
#: "the Radio Workers Union", "the News Media Association".
INSTITUTION_NAME_ENDS = frozenset(
    "club association council society union gallery federation institute foundation centre center school "
    "university college department ministry committee commission board guild alliance coalition".split()
)
#: Prepositions from a verb of writing to the publication: "wrote in the Kelso Herald", "wrote for the Times".
WRITING_PREPOSITIONS = frozenset("in for on to".split())
#: Prepositions from a reporting noun to the medium: "an interview with X", "a statement to X", "an op-ed for X".
NOUN_TO_MEDIUM = frozenset("with to on in by for".split())

# frames

#: Beliefs, expectations and feelings: no speech act reports them ("analysts believe the merger will
#: fail", "she expects a vote"), so they are no cues, in the lexicon or by a quote frame.
BELIEF_VERBS = frozenset("believe think feel fear hope expect worry doubt figure reckon suspect guess assume".split())
#: Intentions with an infinitive ("the minister vowed to cut fees"): no quote of what would be done.
INTENTION_VERBS = frozenset("vow pledge promise threaten refuse decline agree offer plan intend".split())
#: Verbs whose infinitive says the speech was not made: "declined to say", "refused to comment".
WITHHOLDING_VERBS = frozenset("decline refuse fail".split())
#: Verbs of speaking to someone: their object is the one addressed, never an inverted subject ("told
#: Politico" is not "reported Politico"); in the passive ("was told", "were warned") the subject is the
#: one addressed, not the speaker.
ADDRESSEE_VERBS = frozenset(
    "tell ask inform advise notify assure reassure warn brief remind instruct order urge question".split()
)
#: Verbs after which "issued a statement saying", "released a statement that": the subject of the
#: verb speaks through the document.
ISSUING_VERBS = frozenset("issue release put publish send post give deliver make read".split())
#: Participles by which an outlet names its own source: "the Gazette reported, citing a city memo",
#: "Reuters said, quoting two officials": the source speaks, the outlet passed it on.
CITING_VERBS = frozenset("cite quote".split())
