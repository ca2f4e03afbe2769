"""A resident starts a proposal from a template: ?modele=<id> fills the form."""

import pytest

from quartiers.newsroom.models import Rubrique

pytestmark = pytest.mark.django_db

URL = "/alpha/participer/proposer/"


def test_resident_gets_the_form_prefilled(client, resident_a, portal_a, make_template):
    template = make_template()
    client.force_login(resident_a)
    response = client.get(f"{URL}?modele={template.pk}")
    form = response.context["form"]
    html = response.content.decode()
    assert response.status_code == 200
    assert form.initial["title"] == "[Prénom], [ce qui la rend unique]"
    assert form.initial["text"].split("\n\n") == [
        "[Qui est-elle, en deux phrases.]",
        "Son parcours",
        "[D'où vient-elle ?]",
        "Propos recueillis par [vous].",
        "« [Une phrase forte] » — [Prénom]",
    ]
    portraits = Rubrique.objects.get(portal=portal_a, slug="portraits")
    assert form.initial["rubrique"] == portraits.pk
    assert "Le modèle « Portrait d&#x27;habitant·e » est prêt" in html or (
        "Le modèle « Portrait d'habitant·e » est prêt" in html
    )


def test_prefilled_text_can_be_sent_as_is(client, resident_a, portal_a, make_template):
    template = make_template()
    client.force_login(resident_a)
    form = client.get(f"{URL}?modele={template.pk}").context["form"]
    response = client.post(
        URL,
        {
            "title": form.initial["title"],
            "text": form.initial["text"],
            "rubrique": form.initial["rubrique"],
            "photo_consent": "not_needed",
            "brouillon": "1",
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "value", ["abc", "", "-3", "0", "1e3", "99999999999999999999999", "%00", "1.5"]
)
def test_malformed_ids_are_ignored(client, resident_a, value):
    client.force_login(resident_a)
    response = client.get(URL, {"modele": value})
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_unknown_and_foreign_ids_are_ignored(
    client, resident_a, portal_b, make_template, make_guide
):
    animators_only = make_template("Revue de presse", for_residents=False)
    guide = make_guide("Mener une interview")
    client.force_login(resident_a)
    for page_id in (
        animators_only.pk,
        guide.pk,
        portal_b.home_page_id,
        10**9,
    ):
        response = client.get(f"{URL}?modele={page_id}")
        assert response.status_code == 200
        assert response.context["form"].initial == {}


def test_unpublished_template_is_ignored(client, resident_a, make_template):
    template = make_template()
    template.unpublish()
    client.force_login(resident_a)
    assert client.get(f"{URL}?modele={template.pk}").context["form"].initial == {}


def test_portal_without_the_rubrique_keeps_the_choice_open(
    client, resident_a, make_template
):
    template = make_template(rubrique_slug="nexiste-pas")
    client.force_login(resident_a)
    initial = client.get(f"{URL}?modele={template.pk}").context["form"].initial
    assert "rubrique" not in initial and initial["title"]


def test_non_member_sees_the_join_prompt_without_error(
    client, resident_b, make_template
):
    template = make_template()
    client.force_login(resident_b)
    response = client.get(f"{URL}?modele={template.pk}")
    assert response.status_code == 200
    assert "Rejoindre Quartier Alpha" in response.content.decode()
