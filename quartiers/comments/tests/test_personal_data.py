"""A person's comments in their data export, and when they leave."""

import pytest

from quartiers.comments.models import Comment
from quartiers.portals.features import registry

from .factories import comment

pytestmark = pytest.mark.django_db


def _item():
    return next(i for i in registry.personal_data() if i.name == "commentaires")


def test_export_lists_the_persons_comments_only(
    journal_a, portal_a, resident_a, animator_a
):
    comment(journal_a, portal_a, resident_a, "Le mien")
    comment(journal_a, portal_a, animator_a, "Pas le mien")
    exported = _item().export(resident_a)
    assert [c["texte"] for c in exported["commentaires"]] == ["Le mien"]
    assert exported["commentaires"][0]["quartier"] == portal_a.name


def test_erase_keeping_contributions_anonymises(journal_a, portal_a, resident_a):
    kept = comment(journal_a, portal_a, resident_a, "Je reste")
    _item().erase(resident_a, True)
    kept.refresh_from_db()
    assert kept.author is None
    assert kept.display_name == "ancien·ne participant·e"


def test_erase_without_keeping_deletes(journal_a, portal_a, resident_a, animator_a):
    comment(journal_a, portal_a, resident_a, "Je pars")
    comment(journal_a, portal_a, animator_a, "Je reste")
    _item().erase(resident_a, False)
    assert list(Comment.objects.values_list("body", flat=True)) == ["Je reste"]
