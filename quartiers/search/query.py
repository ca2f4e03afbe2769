"""What someone typed, made safe for the full-text engines.

Only words reach the engines, each quoted: full-text operators (quotes,
parentheses, ``AND``, ``OR``, ``NOT``, ``NEAR``, ``-``, ``:``...) are read as
separators, so no input can produce a syntax error. A ``*`` right after a
word of three letters or more asks for every word starting with it.
"""

import re
from dataclasses import dataclass

from . import normalize

MAX_CHARS = 200
MAX_TERMS = 8
MIN_PREFIX = 3
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
TOKEN = re.compile(r"([^\W_]+)(\*?)")

EMPTY = "empty"
NO_WORDS = "no_words"


@dataclass(frozen=True)
class Term:
    stem: str
    prefix: bool = False
    # For a prefix: the indexed stems it stands for (vocabulary.expand), the
    # most frequent first; empty means "ask the engine for the prefix".
    expansions: tuple[str, ...] = ()

    def matches(self, stem: str) -> bool:
        return stem.startswith(self.stem) if self.prefix else stem == self.stem

    @property
    def stems(self) -> tuple[str, ...]:
        return self.expansions or (self.stem,)


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what is shown back in the search box
    terms: tuple[Term, ...] = ()
    words: tuple[str, ...] = ()  # folded typed words, for "did you mean"
    written: tuple[str, ...] = ()  # the same words as typed (lower case)
    problem: str = ""  # EMPTY, NO_WORDS or ""
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, stem: str) -> bool:
        return any(term.matches(stem) for term in self.terms)


def parse(raw) -> ParsedQuery:
    text = " ".join(str(raw or "").replace("\x00", " ").split())
    truncated = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    if not text:
        return ParsedQuery(text="", problem=EMPTY)
    terms: list[Term] = []
    words: list[str] = []
    written: list[str] = []
    for match in TOKEN.finditer(text):
        token, star = match.groups()
        if token in OPERATORS:
            continue
        for word in normalize.words(token):
            if word in normalize.STOPWORDS:
                continue
            prefix = bool(star) and len(word) >= MIN_PREFIX
            term = Term(normalize.stem(word), prefix)
            if term not in terms:
                terms.append(term)
                words.append(word)
                written.append(token.casefold() + ("*" if prefix else ""))
    if len(terms) > MAX_TERMS:
        terms, words, written = (
            terms[:MAX_TERMS],
            words[:MAX_TERMS],
            written[:MAX_TERMS],
        )
        truncated = True
    return ParsedQuery(
        text=text,
        terms=tuple(terms),
        words=tuple(words),
        written=tuple(written),
        problem="" if terms else NO_WORDS,
        truncated=truncated,
    )
