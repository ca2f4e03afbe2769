"""The vocabulary of the indexed text, for "Vouliez-vous dire …"."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Word(models.Model):
    """A word met in indexed text (the index itself keeps only stems)."""

    word = models.CharField(_("mot sans accents"), max_length=25, unique=True)
    spelling = models.CharField(_("orthographe"), max_length=25)
    length = models.PositiveSmallIntegerField()
    # Documents indexed with the word (every re-indexing counts again: an
    # order of magnitude to prefer common words, not an exact count).
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("mot du vocabulaire")
        verbose_name_plural = _("mots du vocabulaire")
        indexes = [models.Index(fields=["length", "word"], name="search_word_length")]

    def __str__(self) -> str:
        return self.spelling
