"""Keep the vocabulary of indexed text, and find a close word in it."""

from collections import Counter
from dataclasses import replace

from django.db import connections

from . import normalize
from .models import Word
from .query import ParsedQuery

UPSERT_CHUNK = 400
# Words looked at for one misspelt word: the same first letter, a length
# within two, the most frequent first. Bounded whatever the vocabulary size.
CANDIDATES = 3000
# Stems a prefix ("jard*") stands for, at most: the most frequent words.
EXPANSIONS = 12


def record(texts_by_document: list[list[str]], using: str = "default") -> None:
    """Count each document's distinct words into the vocabulary (one upsert
    per few hundred words; same SQL on SQLite and PostgreSQL)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for texts in texts_by_document:
        seen = set()
        for text in texts:
            for folded, written in normalize.spellings(text):
                if folded not in seen:
                    seen.add(folded)
                    spelling.setdefault(folded, written)
        counts.update(seen)
    if not counts:
        return
    table = Word._meta.db_table
    connection = connections[using]
    rows = sorted(counts.items())
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_CHUNK):
            chunk = rows[start : start + UPSERT_CHUNK]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
            params = []
            for word, count in chunk:
                params += [word, spelling[word], len(word), count]
            cursor.execute(
                f"INSERT INTO {table} (word, spelling, length, frequency) "  # noqa: S608
                f"VALUES {values} ON CONFLICT (word) DO UPDATE SET "
                f"frequency = {table}.frequency + excluded.frequency",
                params,
            )


def distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), stopping
    early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def known(folded_words: list[str]) -> set[str]:
    """Which of these folded words the vocabulary holds (one query)."""
    return set(
        Word.objects.filter(word__in=folded_words).values_list("word", flat=True)
    )


def closest(folded: str) -> Word | None:
    """The vocabulary word nearest to a misspelt one, or None (one query).

    One edit allowed up to five letters, two beyond; ties go to the most
    frequent word.
    """
    if len(folded) < 3 or not folded.isalpha():
        return None
    limit = 1 if len(folded) <= 5 else 2
    candidates = (
        Word.objects.filter(
            length__gte=len(folded) - limit,
            length__lte=len(folded) + limit,
            # A range on the unique index, where LIKE would scan.
            word__gte=folded[0],
            word__lt=chr(ord(folded[0]) + 1),
        )
        .exclude(word=folded)
        .order_by("-frequency")
        .only("word", "spelling", "frequency")[:CANDIDATES]
    )
    best = None
    best_key = None
    for candidate in candidates:
        gap = distance(folded, candidate.word, limit)
        if gap > limit:
            continue
        key = (gap, -candidate.frequency)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


def expand(query: ParsedQuery) -> ParsedQuery:
    """The query with each prefix term given the indexed stems it stands for
    (one query per prefix term, on the vocabulary's unique index).

    The engines then look for a few exact words instead of expanding the
    prefix over their whole term list, which costs as much as the prefix is
    common, and the same on SQLite and PostgreSQL.
    """
    if not any(term.prefix for term in query.terms):
        return query
    terms = []
    for term in query.terms:
        if term.prefix and not term.expansions:
            words = Word.objects.filter(
                word__gte=term.stem, word__lt=term.stem + "\uffff"
            ).order_by("-frequency", "word")[:EXPANSIONS]
            stems = dict.fromkeys(
                normalize.stem(word) for word in words.values_list("word", flat=True)
            )
            # A stem shorter than the prefix ("jardiner" -> "jardin" for
            # "jardine*") still holds what was asked for.
            term = replace(term, expansions=tuple(stems))
        terms.append(term)
    return replace(query, terms=tuple(terms))
