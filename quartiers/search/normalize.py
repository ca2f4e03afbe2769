"""French text as the search index stores it, and queries as it reads them.

The same function prepares the indexed text and the words someone types, on
SQLite and on PostgreSQL alike, so both engines match the same things:

- case and accents do not matter ("École" and "ecole" are one word);
- plurals and the simplest inflections meet ("associations" and
  "association", "voisines" and "voisin", "journaux" and "journal") through
  a minimal French stemmer in the manner of Savoy's (the one Lucene ships as
  FrenchMinimalStemmer), which only cuts endings, never rewrites a word;
- small grammatical words (le, la, des, et...) are left out.

Pure Python, no dependency: importable from the search backend, the
benchmark and the templates' highlighting alike.
"""

import re
import unicodedata
from collections.abc import Iterator

WORD = re.compile(r"[^\W_]+")
# Words longer than this are cut: no French word is, and a pasted URL or a
# run of letters must not make a huge term.
MAX_WORD = 40
# Letters that NFKD does not decompose.
LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "ł": "l"}
)

STOPWORDS = frozenset(
    """
    a ai au aux avec c ca ce ces cet cette d dans de des du elle elles en est et
    etait eu il ils j je l la le les leur leurs lui m ma me mes moi mon n ne nos
    notre nous on ont ou par pas pour qu que qui s sa se ses si son sont sur t ta
    te tes toi ton tu un une vos votre vous y
    """.split()
)


def fold(text: str) -> str:
    """Lower case, accents and ligatures removed: "Œuvre Été" -> "oeuvre ete"."""
    text = unicodedata.normalize("NFKD", text.translate(LIGATURES).casefold())
    return "".join(char for char in text if not unicodedata.combining(char))


def words(text: str) -> Iterator[str]:
    """The folded words of a text, in order (stopwords included)."""
    for match in WORD.finditer(fold(text or "")):
        yield match.group()[:MAX_WORD]


def stem(word: str) -> str:
    """The minimal stem of one folded word: endings of number and gender cut."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("eaux"):
        word = word[:-1]  # bureaux -> bureau
    elif word.endswith("aux") and len(word) > 4:
        word = word[:-3] + "al"  # journaux -> journal
    elif word.endswith("x"):
        word = word[:-1]  # jeux -> jeu
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # associations -> association
    if len(word) > 5 and word.endswith("r"):
        word = word[:-1]  # jardiner -> jardine
    for _ in range(2):
        if len(word) > 4 and word.endswith("e"):
            word = word[:-1]  # associee -> associe -> associ, ecole -> ecol
    if len(word) >= 4 and word[-1] == word[-2]:
        word = word[:-1]  # nouvell -> nouvel, bonn -> bon
    return word


def terms(text: str) -> list[str]:
    """The stems of a text's meaningful words, in order (duplicates kept)."""
    return [stem(word) for word in words(text) if word not in STOPWORDS]


def index_text(text: str) -> str:
    """The text as the index stores it: stems separated by spaces."""
    return " ".join(terms(text))


def spellings(text: str) -> Iterator[tuple[str, str]]:
    """(folded, as written in lower case) for each plain word of a text:
    the vocabulary "did you mean" proposes from."""
    for match in WORD.finditer((text or "").casefold()):
        written = match.group()
        if not written.isalpha() or not 3 <= len(written) <= 25:
            continue
        folded = fold(written)
        if folded not in STOPWORDS:
            yield folded, written
