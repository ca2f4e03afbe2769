"""What the SQLite and PostgreSQL flavours of the French backend share."""

from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import MATCH_NONE, Phrase, PlainText

from quartiers.search import normalize, scope, vocabulary


def split_fields(indexer) -> tuple[list, list, list]:
    """(title, other searchable, autocomplete) entries of one object, as the
    base indexer's ``prepare_field`` yields them (tuples ending with the
    value)."""
    titles, bodies, autocompletes = [], [], []
    for field in indexer.search_fields:
        for entry in indexer.prepare_field(indexer.obj, field):
            current = entry[0]
            if isinstance(current, SearchField):
                if current.field_name == "title":
                    titles.append(entry)
                else:
                    bodies.append(entry)
            elif isinstance(current, AutocompleteField):
                autocompletes.append(entry)
    return titles, bodies, autocompletes


def autocomplete_text(values: list[str], scope_words: str) -> str:
    """Stems, as in the other columns (the stem of what one has typed so far
    is a prefix of the stem of the whole word: "bibli", "velos" and
    "journaux" find "bibliothèque", "vélo" and "journal"), and the scope word."""
    words = [normalize.index_text(value) for value in values]
    if scope_words:
        words.append(scope_words)
    return " ".join(word for word in words if word)


def scope_words(objects: list, content_type_id: int) -> dict[int, str]:
    """{id(object): its scope words} for a batch of objects of one model."""
    kind = scope.kind_word(content_type_id)
    portals = scope.portal_ids_of(objects)
    return {
        id(obj): (
            f"{scope.portal_word(portals[id(obj)])} {kind}"
            if id(obj) in portals
            else kind
        )
        for obj in objects
    }


def record_vocabulary(indexers: list, using: str) -> None:
    vocabulary.record([indexer.plain_texts for indexer in indexers], using=using)


def search_whole_entries(compiler) -> None:
    """Search the stored (French) entry, never raw model fields.

    Admin listings pass ``fields`` (a snippet viewset's ``search_fields``):
    Wagtail's SQLite backend then names them as FTS columns (an error for
    any name but title/body) and its PostgreSQL backend vectorises the raw,
    un-normalised fields. The whole entry holds every search field anyway.
    """
    compiler.fields = None


def nothing_without_words(compiler) -> None:
    """A query with no word left once normalised (a lone ``"``, ``*`` or ``-``
    typed in an admin search box) finds nothing, instead of reaching the
    engine raw, where FTS5 or tsquery syntax would make it fail."""
    query = compiler.query
    if isinstance(query, PlainText | Phrase) and not normalize.index_text(
        query.query_string
    ):
        compiler.query = MATCH_NONE


def french_query(query):
    """A typed PlainText or Phrase with its words normalised as the index is."""
    if isinstance(query, PlainText):
        text = normalize.index_text(query.query_string)
        if text:
            return PlainText(text, operator=query.operator, boost=query.boost)
    elif isinstance(query, Phrase):
        text = normalize.index_text(query.query_string)
        if text:
            return Phrase(text)
    return query
