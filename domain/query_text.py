"""What a manager typed, turned into a Lucene query and a few plain features (pure, no I/O).

Swedish inflects at the end of a word ("sjukskrivning", "sjukskrivningar") and builds compounds
at the front ("gruppen", "arbetsgruppen"), so one typed word becomes several clauses:

* the word itself, which Lucene's ``swedish`` analyzer stems the same way it stemmed the index;
* ``root*`` — the Snowball stem with derivational endings taken off ("sjukskriv*" also finds
  "sjukskriven"); wildcard terms are not analysed, so the stem must be computed here, with the
  same algorithm Lucene uses (Snowball's Swedish stemmer, M. Porter, snowballstem.org);
* ``*root*`` — the word as the last part of a stored compound ("grupp" → "arbetsgruppen");
* ``root~1`` — one typo, or an ending Snowball leaves on ("sjukfrånvaron" / "sjukfrånvaro");
* the tails of a long typed compound ("arbetsgrupp" → "grupp"), for the stored simple word;
* Swedish words for English ones, and a category's own words when the query names a category.

Every user word is reduced to letters and digits before it is written into the query, and
``escape`` guards the rest, so no input can change the query's structure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TERMS = 12  # typed words that become clauses; the rest only count as n-grams
# Infix and fuzzy clauses each walk Lucene's whole term dictionary; only this many of the
# longest words get them (long words are the compounds and the informative ones).
MAX_EXPANDED = 2
MAX_GRAMS = 80
GRAM = 4  # character n-gram length for the in-database re-ranking (see graph.find_peers)

BOOST_ROOT_PREFIX = 0.5
BOOST_INFIX = 0.3
BOOST_FUZZY = 0.4
BOOST_TAIL = 0.3
BOOST_GLOSSARY = 0.8
BOOST_CATEGORY_WORD = 0.3

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORD = re.compile(r"[^\W_]+")

# Lucene's Swedish stop set (the analyzer drops these anyway) and the English words that carry
# nothing in a question. "it" is deliberately absent: here it means IT.
STOPWORDS = frozenset("""
alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina
ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon
honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot
mycket ni nu när någon något några och om oss på samma sedan sig sin sina sitta själv skulle
som så sådan sådana sådant till under upp ut utan vad var vara varför varit varje vars vart
vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över hen får fått göra gör gjorde
the a an and or not no of to in on at for with by from is are was were be been being have has
had do does did my our your their his her its we you they i me us them this that these those
what which who whom how why when where can could should would will shall may might must am
""".split())

_VOWELS = frozenset("aeiouyäåö")
_S_ENDING = frozenset("bcdfghjklmnoprtvy")
_STEP1 = tuple(sorted(
    "a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter "
    "or as arnas ernas ornas es ades andes ens arens hetens erns at andet het ast s".split(),
    key=len, reverse=True,
))
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
_STEP3 = (("fullt", "full"), ("löst", "lös"), ("lig", ""), ("els", ""), ("ig", ""))
_DERIVATIONAL = ("ning", "else", "skap", "ing", "het")

# English word starts → Swedish words, so "IT support not answering" or "sick leave" find the
# Swedish texts. Short on purpose: the words managers use about the categories below.
GLOSSARY: dict[str, tuple[str, ...]] = {
    "sick": ("sjukskrivning", "sjukfrånvaro"), "absen": ("frånvaro",), "illness": ("sjukdom",),
    "burnout": ("utmattning",), "exhaust": ("utmattning",), "rehab": ("rehabilitering",),
    "health": ("ohälsa",), "stress": ("stress",), "conflict": ("konflikt",),
    "bully": ("kränkande",), "harass": ("kränkande", "trakasserier"), "dispute": ("konflikt",),
    "budget": ("budget",), "deficit": ("underskott",), "saving": ("besparing",),
    "cost": ("kostnader",), "overtime": ("övertid",), "forecast": ("prognos",),
    "alcohol": ("alkohol",), "drunk": ("alkohol",), "drug": ("drog", "missbruk"),
    "addict": ("missbruk", "beroende"), "substance": ("missbruk",), "gambl": ("spelberoende",),
    "reorgani": ("omorganisation",), "reassign": ("omplacering",), "relocat": ("omplacering",),
    "redeploy": ("omplacering",), "redundan": ("arbetsbrist", "övertalighet"),
    "merger": ("sammanslagning",), "helpdesk": ("servicedesk",),
    "printer": ("skrivare",), "computer": ("datorer",), "laptop": ("datorer",),
    "network": ("nätverket",), "login": ("inloggningen",), "password": ("inloggningen",),
    "access": ("behörighet",),
    "permission": ("behörighet",), "phone": ("telefoni",), "tablet": ("surfplattor",),
    "ticket": ("ärenden",), "answer": ("svar",), "respond": ("svar",), "wait": ("väntat",),
    "recruit": ("rekrytering",), "hiring": ("rekrytering",), "threat": ("hot",),
    "violence": ("våld",), "schedul": ("schema",), "workgroup": ("arbetsgruppen",),
    "staff": ("personal",), "employee": ("medarbetare",), "colleague": ("kollegor",),
    "union": ("facket",), "onboard": ("introduktion",), "remote": ("distans",),
}

# Word starts that point at a category; "it" must be the whole word.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "IT_SUPPORT": ("it", "support", "servicedesk", "helpdesk", "dator", "inlogg", "logga",
                   "login", "behörighet", "wifi", "nätverk", "network", "skrivare", "printer",
                   "teams", "telefoni", "surfplatt", "lösenord", "password", "computer",
                   "laptop", "felanmäl"),
    "SICK_LEAVE": ("sjuk", "sick", "rehab", "utmattning", "burnout", "stressrelat",
                   "ohälsa", "försäkringskass", "arbetsträning", "företagshälso", "frånvaro",
                   "absence", "illness", "upptrappning", "återgång"),
    "SUBSTANCE_ABUSE": ("alkohol", "alcohol", "missbruk", "drog", "drug", "narkotik",
                        "berusad", "bakfull", "drunk", "spelberoend", "gambl", "addict",
                        "beroende", "substance", "läkemedelsmissbruk", "dricker"),
    "STAFF_REASSIGNMENT": ("omplacer", "omorganis", "reorgani", "reassign", "relocat",
                           "redeploy", "övertalig", "arbetsbrist", "turordning",
                           "sammanslag", "merger", "redundan"),
    "CONFLICT": ("konflikt", "conflict", "kränk", "bully", "harass", "trakasser",
                 "samarbetssvårighet", "härskartekni", "bråk", "mobbning", "dispute",
                 "utfrys", "tystnadskultur", "osams"),
    "BUDGET": ("budget", "underskott", "deficit", "besparing", "sparbeting", "kostnad", "cost",
               "ekonomi", "övertid", "overtime", "prognos", "internhyr", "tertial", "saving"),
}
# A category's own words, added softly to the query when the query names that category.
CATEGORY_TERMS: dict[str, tuple[str, ...]] = {
    "IT_SUPPORT": ("supporten", "servicedesk", "felanmälan", "it"),
    "SICK_LEAVE": ("sjukskrivning", "sjukfrånvaro", "rehabilitering"),
    "SUBSTANCE_ABUSE": ("missbruk", "alkohol", "rehabiliteringskontrakt"),
    "STAFF_REASSIGNMENT": ("omplacering", "omorganisation", "arbetsbrist"),
    "CONFLICT": ("konflikt", "samarbetssvårigheter", "kränkande"),
    "BUDGET": ("budget", "underskott", "besparingskrav"),
}


@dataclass(frozen=True, slots=True)
class AnalysedQuery:
    """Everything the search needs from the typed text; equal text gives an equal value."""

    words: tuple[str, ...]
    lucene: str
    grams: tuple[str, ...]
    categories: tuple[str, ...]


def escape(term: str) -> str:
    """Backslash-escape Lucene's query syntax characters; keywords are lower-cased away."""
    return _LUCENE_SPECIAL.sub(r"\\\1", term)


def words(text: str) -> list[str]:
    """Lower-case words of letters and digits, in order, without repeats."""
    normal = unicodedata.normalize("NFC", text).lower()
    seen: dict[str, None] = {}
    for word in _WORD.findall(normal):
        seen.setdefault(word, None)
    return list(seen)


def _r1(word: str) -> int:
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


def stem(word: str) -> str:
    """Snowball's Swedish stemmer, the algorithm behind Lucene's ``swedish`` analyzer."""
    r1 = _r1(word)
    for suffix in _STEP1:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            if suffix != "s":
                word = word[: -len(suffix)]
            elif len(word) >= 2 and word[-2] in _S_ENDING:
                word = word[:-1]
            break
    if any(word.endswith(s) and len(word) - len(s) >= r1 for s in _STEP2):
        word = word[:-1]
    for suffix, replacement in _STEP3:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + replacement
            break
    return word


def root(word: str) -> str:
    """The stem without one derivational ending, kept at four letters or more."""
    base = stem(word)
    for suffix in _DERIVATIONAL:
        if base.endswith(suffix) and len(base) - len(suffix) >= 4:
            return base[: -len(suffix)]
    return base


def compound_tails(word: str) -> list[str]:
    """Candidate last parts of a long compound ("arbetsgrupp" → …, "sgrupp", "grupp"), longest
    first. Without a lexicon most are not words; those match nothing and cost nothing."""
    base = stem(word)
    if len(base) < 9:
        return []
    return [base[i:] for i in range(3, len(base) - 4)]


def detect_categories(typed: list[str]) -> tuple[str, ...]:
    """The categories the words name most often (ties kept, in name order); none if no hit."""
    hits: dict[str, int] = {}
    for category, starts in CATEGORY_WORDS.items():
        count = 0
        for word in typed:
            if any(word == s if len(s) <= 2 else s in word for s in starts):
                count += 1
        if count:
            hits[category] = count
    if not hits:
        return ()
    best = max(hits.values())
    return tuple(sorted(c for c, n in hits.items() if n == best))


def char_grams(typed: list[str], n: int = GRAM) -> tuple[str, ...]:
    """Word-start-padded character n-grams (" sjuk", "sjuk", "jukskr"…): inflection changes a
    word's end and compounding its front, so most of a word's n-grams survive both."""
    grams: dict[str, None] = {}
    for word in typed:
        if len(word) < n - 1 or word in STOPWORDS:
            continue
        padded = " " + word
        for i in range(len(padded) - n + 1):
            grams.setdefault(padded[i:i + n], None)
    return tuple(list(grams)[:MAX_GRAMS])


def _boosted(clause: str, boost: float) -> str:
    return f"({clause})^{boost:g}"


def lucene_query(typed: list[str], categories: tuple[str, ...] = ()) -> str:
    """An OR of clauses (see the module docstring), de-duplicated, in a stable order."""
    clauses: dict[str, None] = {}
    content = [w for w in typed if w not in STOPWORDS][:MAX_TERMS]
    expanded = set(sorted(content, key=lambda w: (-len(w), w))[:MAX_EXPANDED])
    for word in content:
        clauses.setdefault(escape(word), None)
        if len(word) < 4 or word.isdigit():
            continue
        base = root(word)
        if len(base) >= 4:
            clauses.setdefault(_boosted(escape(base) + "*", BOOST_ROOT_PREFIX), None)
        if len(base) >= 5 and word in expanded:
            clauses.setdefault(_boosted("*" + escape(base) + "*", BOOST_INFIX), None)
        if len(base) >= 6 and word in expanded:
            clauses.setdefault(_boosted(escape(base) + "~1", BOOST_FUZZY), None)
        for tail in compound_tails(word):
            clauses.setdefault(_boosted(escape(tail), BOOST_TAIL), None)
        for start, swedish in GLOSSARY.items():
            if word.startswith(start):
                for term in swedish:
                    clauses.setdefault(_boosted(escape(term), BOOST_GLOSSARY), None)
    for category in categories:
        for term in CATEGORY_TERMS.get(category, ()):
            clauses.setdefault(_boosted(escape(term), BOOST_CATEGORY_WORD), None)
    return " ".join(clauses)


def analyse(text: str) -> AnalysedQuery:
    typed = words(text)
    categories = detect_categories(typed)
    return AnalysedQuery(
        words=tuple(typed), lucene=lucene_query(typed, categories), grams=char_grams(typed),
        categories=categories,
    )


__all__ = [
    "AnalysedQuery", "CATEGORY_TERMS", "CATEGORY_WORDS", "GLOSSARY", "MAX_EXPANDED", "STOPWORDS",
    "analyse",
    "char_grams", "compound_tails", "detect_categories", "escape", "lucene_query", "root",
    "stem", "words",
]
