"""Real article pages come with the newsroom; any page type that opts in works,
so the tests open the journal section page of each portal to comments."""

import pytest


def _journal(portal, monkeypatch):
    journal = portal.home_page.get_children().get(slug="journal").specific
    monkeypatch.setattr(type(journal), "accepts_comments", True, raising=False)
    return journal


@pytest.fixture
def journal_a(portal_a, monkeypatch):
    return _journal(portal_a, monkeypatch)


@pytest.fixture
def journal_b(portal_b, monkeypatch):
    return _journal(portal_b, monkeypatch)
