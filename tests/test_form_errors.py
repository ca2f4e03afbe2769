"""A form with mistakes: every mistake at once, a summary first that links to
each field, "Erreur" in the title, and what was typed is kept."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_event_form_reports_every_missing_field_at_once(client, resident_a):
    client.force_login(resident_a)
    response = client.post(
        "/alpha/agenda/proposer/",
        {
            "title": "Repas partagé",
            "description": "Chacun apporte un plat.",
            "recurrence": "none",
            "photo_consent": "not_needed",
        },
    )
    html = response.content.decode()
    assert response.status_code in (200, 400)  # the form again, never a 500
    form = response.context["form"]
    # the date, the price and the place are all missing: all three are said
    assert {"date", "price", "place_name"} <= set(form.errors)
    assert "Repas partagé" in html  # kept


@pytest.mark.parametrize(
    "url, data",
    [
        ("/alpha/agenda/proposer/", {"title": "", "recurrence": "none"}),
        ("/alpha/participer/proposer/", {"title": "", "text": "", "envoyer": "1"}),
        ("/alpha/annonces/deposer/", {"title": ""}),
    ],
)
def test_the_error_summary_comes_first_and_links_to_each_field(
    client, resident_a, url, data
):
    client.force_login(resident_a)
    response = client.post(url, data)
    assert response.status_code in (200, 400)  # the form again, never a 500
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().startswith("Erreur")
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert "autofocus" in summary and 'role="alert"' in summary
    form = response.context["form"]
    for name in form.errors:
        if name == "__all__" or form[name].is_hidden:
            continue
        target = form[name].id_for_label or f"{form[name].auto_id}_0"
        assert f'href="#{target}"' in summary, name
        # the link lands on the field, which comes after the summary
        assert html.index("error-summary") < html.index(f'id="{target}"'), name
