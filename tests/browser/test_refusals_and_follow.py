"""The screens of "no dead ends" (#14, what was left) in a real browser: the
blog post refusal screen, the inbox's optional word for a suggested actor,
the resident's contributions with the animators' word, and the « Suivre »
buttons of actor and show pages. Each passes axe at 360 and 1280 px and is
photographed at 360 px (var/screenshots/)."""

import subprocess
import sys

import pytest

from tests.browser.conftest import ROOT, _server_env

ANIMATOR = "animation.peupliers@example.org"
RESIDENT = "habitant.peupliers@example.org"
WIDTHS = [360, 1280]

# Run once on the demo: a blog post waiting for review, a suggested actor
# and a refused event with the animators' word. Prints the post's id.
SETUP = f"""
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from quartiers.agenda import services as agenda
from quartiers.agenda.models import Event
from quartiers.blogs import selectors as blog_selectors, services as blogs
from quartiers.directory import services as directory
from quartiers.portals.models import Portal
users = get_user_model().objects
portal = Portal.objects.get(slug="peupliers")
resident = users.get(email={RESIDENT!r})
animator = users.get(email={ANIMATOR!r})
if blog_selectors.blog_of(portal=portal, author=resident) is None:
    blogs.blog_open(portal=portal, actor=resident, title="Mon carnet", presentation="")
post, online = blogs.post_save(
    portal=portal, actor=resident, title="Le marché du dimanche",
    text="Les fruits sont moins chers le dimanche midi.",
)
if online:  # a portal that moderates afterwards: send it to review anyway
    post.save_revision(user=resident)
    post.get_workflow().start(post, resident)
directory.actor_suggest(portal=portal, actor=resident, fields={{"name": "Atelier couture"}})
event = agenda.event_propose(
    portal=portal, actor=resident,
    fields=agenda.EventFields(
        title="Soirée jeux", start=timezone.now() + timedelta(days=5),
        place_name="Salle polyvalente",
    ),
)
if event.status != Event.PENDING:
    Event.objects.filter(pk=event.pk).update(status=Event.PENDING)
agenda.event_set_status(
    portal=portal, actor=animator, event_id=event.pk, status=Event.REFUSED,
    reason="La salle est prise ce soir-là : proposez une autre date ?",
)
print(post.pk)
"""


@pytest.fixture(scope="module")
def post_in_review(server_url, tmp_path_factory) -> int:
    var_dir = sorted(tmp_path_factory.getbasetemp().glob("browser-var*"))[0]
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETUP],
        cwd=ROOT,
        env=_server_env(var_dir),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("width", WIDTHS)
def test_the_blog_refusal_screen_is_accessible(
    new_page, server_url, check_accessibility, save_screenshot, post_in_review, width
):
    page = new_page(width, ANIMATOR)
    page.goto(f"{server_url}/admin/blogs/billets/{post_in_review}/refuser/")
    assert page.get_by_role("button", name="Refuser le billet").count() == 1
    check_accessibility(page)
    if width == 360:
        save_screenshot(page, "blog-refusal-360")
    # Sent empty, the form says what is missing and stays accessible.
    page.get_by_role("button", name="Refuser le billet").click()
    page.wait_for_load_state()
    page.get_by_text("Expliquez pourquoi le billet est refusé.").first.wait_for()
    check_accessibility(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_inbox_offers_refusals_with_a_word(
    new_page, server_url, check_accessibility, save_screenshot, post_in_review, width
):
    page = new_page(width, ANIMATOR)
    page.goto(server_url + "/admin/moderation/?type=billets")
    assert page.get_by_role("button", name="Refuser").count() >= 1
    check_accessibility(page)
    page.goto(server_url + "/admin/moderation/?type=acteurs")
    assert page.get_by_label("Votre message à la personne (facultatif)").count() >= 1
    check_accessibility(page)
    if width == 360:
        save_screenshot(page, "inbox-actors-360")
    # The second screen, which keeps the word.
    page.get_by_role("button", name="Refuser").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Confirmer : Refuser").wait_for()
    assert page.get_by_label("Votre message à la personne (facultatif)").count() == 1
    check_accessibility(page)
    if width == 360:
        save_screenshot(page, "inbox-actor-refusal-confirm-360")


@pytest.mark.parametrize("width", WIDTHS)
def test_contributions_show_the_animators_word(
    new_page, server_url, check_accessibility, save_screenshot, post_in_review, width
):
    page = new_page(width, RESIDENT)
    page.goto(server_url + "/compte/contributions/?portail=peupliers&type=event")
    assert page.get_by_text("proposez une autre date").count() == 1
    check_accessibility(page)
    if width == 360:
        save_screenshot(page, "contributions-refused-event-360")


@pytest.mark.parametrize(
    "name, path, label",
    [
        (
            "actor",
            "/hauts-pres/acteurs/maison-de-quartier-les-hauts-pres/",
            "Suivre cet acteur",
        ),
        ("show", "/peupliers/radio/les-voix-du-quartier/", "Suivre cette émission"),
    ],
)
def test_follow_buttons_lead_to_the_follow_form_without_javascript(
    new_page, server_url, check_accessibility, save_screenshot, name, path, label
):
    page = new_page(360, javascript=False)
    page.goto(server_url + path)
    save_screenshot(page, f"follow-button-{name}-360")
    page.get_by_role("link", name=label).click()
    page.wait_for_url("**/suivre/?cible=*")
    ticked = page.locator('input[name="targets"]:checked')
    assert ticked.count() == 1
    save_screenshot(page, f"follow-form-{name}-360")
    # axe needs JavaScript: the same two pages are checked in a page with it.
    checked = new_page(360)
    for url in (server_url + path, page.url):
        checked.goto(url)
        check_accessibility(checked)
