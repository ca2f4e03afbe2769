"""The admin answers an animator as if the other portals did not exist.

Rather than a list of known screens, these tests walk every admin URL the
project registers: each screen without an id, each search box (with a lone
``"``), and each screen that takes a page, image or document id, given
portal B's object. Portal B has pages, an image, a document, a lock, a
workflow and edits by its own people; none of their titles, file names or
e-mail addresses may reach portal A's animator.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from tests.factories import png_bytes

pytestmark = pytest.mark.django_db

PAGE_TITLE = "zorglub-beta-page"
IMAGE_TITLE = "zorglub-beta-image"
DOC_TITLE = "zorglub-beta-doc"
BETA_EMAILS = (
    "animation.beta@example.org",
    "habitant.beta@example.org",
    "partenaire.beta@example.org",
)
BETA_NAMES = ("animation beta", "habitant beta", "partenaire beta")
# The portal's own name (its group, collection, review task carry it), as
# HTML and as JSON write it.
BETA_PORTAL = ("Quartier Bêta", "Quartier B\\u00eata")
LEAKS = (
    PAGE_TITLE,
    IMAGE_TITLE,
    DOC_TITLE,
    *BETA_EMAILS,
    *BETA_NAMES,
    *BETA_PORTAL,
)

# Screens that must not be opened by a crawler: they act (log out), crash on
# purpose, or are not admin screens.
SKIPPED = (
    "admin/logout/",
    "admin/failwhale/",
    "admin/login/",
    "admin/password_reset/",
    "admin/sprite/",
    "admin/jsi18n/",
    "admin/test404/",
)


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def admin_routes():
    return [r for r in _walk(get_resolver()) if r.startswith("admin/")]


def plain_admin_urls():
    """Every admin URL without a parameter (API routes are regexes)."""
    urls = []
    for route in admin_routes():
        route = route.replace("^", "").replace("$", "")
        if "<" in route or "(" in route or "*" in route or route in SKIPPED:
            continue
        urls.append("/" + route)
    return sorted(set(urls))


def _leaks(body: str) -> list[str]:
    text = body.lower()
    # JSON escapes non-ASCII letters; the markers are plain ASCII anyway.
    return [marker for marker in LEAKS if marker.lower() in text]


def _make_world(portal, slug, titles):
    """A portal's content, touched by that portal's people."""
    User = get_user_model()
    animator = User.objects.get(email=f"animation.{slug}@example.org")
    partner = User.objects.get(email=f"partenaire.{slug}@example.org")
    resident = User.objects.get(email=f"habitant.{slug}@example.org")
    section = portal.home_page.get_children().first().specific
    section.title = titles["page"]
    section.owner = partner
    section.save_revision(user=animator, log_action=True).publish(user=animator)
    section.refresh_from_db()
    section.locked = True
    section.locked_by = animator
    section.save(update_fields=["locked", "locked_by"])
    workflow = section.get_workflow()
    if workflow is not None:
        workflow.start(section, resident)
    image = get_image_model()(
        title=titles["image"],
        file=SimpleUploadedFile(f"{titles['image']}.png", png_bytes()),
        collection=portal.collection,
        uploaded_by_user=animator,
    )
    image.save()
    log(instance=image, action="wagtail.create", user=animator)
    document = get_document_model()(
        title=titles["document"],
        collection=portal.collection,
        uploaded_by_user=animator,
    )
    document.file.save(f"{titles['document']}.txt", ContentFile(b"x"), save=False)
    document.save()
    log(instance=document, action="wagtail.create", user=partner)
    state = section.current_workflow_state
    return {
        "page": section,
        "child": section,
        "image": image,
        "document": document,
        "revision": section.latest_revision,
        "workflow_state": state,
        "task_state": state.current_task_state if state else None,
    }


@pytest.fixture
def beta_world(portal_b):
    return _make_world(
        portal_b,
        "beta",
        {"page": PAGE_TITLE, "image": IMAGE_TITLE, "document": DOC_TITLE},
    )


@pytest.fixture
def alpha_world(portal_a):
    return _make_world(
        portal_a,
        "alpha",
        {"page": "alpha-own-page", "image": "alpha-own-image", "document": "alpha-doc"},
    )


def test_crawler_finds_the_screens(staff_client, animator_a):
    urls = plain_admin_urls()
    for expected in (
        "/admin/api/main/images/",
        "/admin/api/main/documents/",
        "/admin/pages/search/",
        "/admin/reports/site-history/",
        "/admin/reports/page-types-usage/",
        "/admin/forms/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/choose-page/",
    ):
        assert expected in urls


@pytest.mark.parametrize("query", ["", "?q=zorglub", '?q="', "?search=zorglub"])
def test_no_admin_screen_shows_another_portals_content(
    staff_client, animator_a, beta_world, query
):
    client = staff_client(animator_a)
    problems = []
    for url in plain_admin_urls():
        response = client.get(url + query)
        if response.status_code >= 500:
            problems.append(f"{url}{query}: {response.status_code}")
            continue
        if (
            response.status_code != 200
            or "html" not in response.get("Content-Type", "html")
            and "json" not in response.get("Content-Type", "")
        ):
            continue
        found = _leaks(response.content.decode(errors="replace"))
        if found:
            problems.append(f"{url}{query}: {found}")
    assert not problems, "\n".join(problems)


def _id_value(name, route, world, own_page):
    if name in ("destination_id",):
        return world["page"].pk
    if name in ("page_to_move_id",) and "destination_id" in route:
        return own_page.pk
    if name in ("page_id", "parent_page_id", "page_to_move_id", "page_pk"):
        return world["page"].pk
    if name == "pk" and route.startswith("admin/pages/"):
        return world["page"].pk
    if name == "image_id" or (name == "pk" and "images/" in route):
        return world["image"].pk
    if name in ("document_id", "doc_id") or (name == "pk" and "documents/" in route):
        return world["document"].pk
    if name == "revision_id":
        return world["revision"].pk
    if name == "task_state_id":
        return world["task_state"].pk
    if name == "workflow_state_id":
        return world["workflow_state"].pk
    if name == "task_id" or (name == "pk" and "workflows/tasks/" in route):
        return world["task_state"].task_id
    return None


def by_id_urls(world, own_page):
    """Admin URLs about one page, image or document, filled with B's ids."""
    urls = []
    converter = re.compile(r"<(?:(\w+):)?(\w+)>")
    for route in admin_routes():
        if "(" in route or "^" in route:
            continue
        names = converter.findall(route)
        if not names:
            continue
        values = {}
        for kind, name in names:
            value = _id_value(name, route, world, own_page) if kind == "int" else None
            if value is None:
                break
            values[name] = value
        else:
            url = "/" + converter.sub(lambda m: str(values[m.group(2)]), route)
            urls.append(url)
    return sorted(set(urls))


def test_by_id_screens_answer_404_for_another_portals_objects(
    staff_client, animator_a, portal_a, beta_world
):
    client = staff_client(animator_a)
    own_page = portal_a.home_page.get_children().first()
    urls = by_id_urls(beta_world, own_page)
    assert any("/move/" in url and "/confirm/" in url for url in urls)
    assert any("/workflow/" in url for url in urls)
    assert any(url.startswith("/admin/images/") for url in urls)
    assert any(url.startswith("/admin/documents/") for url in urls)
    assert any(url.startswith("/admin/choose-page/") for url in urls)
    problems = []
    for url in urls:
        response = client.get(url)
        body = response.content.decode(errors="replace")
        if response.status_code != 404 or _leaks(body):
            problems.append(f"{url}: {response.status_code} {_leaks(body)}")
    assert not problems, "\n".join(problems)


def test_screens_of_the_animators_own_objects_name_no_one_from_elsewhere(
    staff_client, animator_a, portal_a, alpha_world, beta_world
):
    """Filter menus (owners, editors, users) on the animator's own explorer,
    history, usage and workflow screens list only their portal's people."""
    client = staff_client(animator_a)
    own_page = portal_a.home_page.get_children().last()
    urls = by_id_urls(alpha_world, own_page)
    urls.append(f"/admin/pages/{portal_a.home_page_id}/")
    problems = []
    for url in urls:
        response = client.get(url)
        body = response.content.decode(errors="replace")
        if response.status_code >= 500 or _leaks(body):
            problems.append(f"{url}: {response.status_code} {_leaks(body)}")
    assert not problems, "\n".join(problems)


def test_filter_menus_keep_the_animators_own_people(
    rf, animator_a, coordinator, alpha_world, beta_world
):
    from wagtail.admin.views.pages.listing import GenericPageFilterSet

    def owners(user):
        request = rf.get("/admin/pages/")
        request.user = user
        form = GenericPageFilterSet(request=request, queryset=Page.objects.all()).form
        return set(form.fields["owner"].queryset.values_list("email", flat=True))

    assert "partenaire.alpha@example.org" in owners(animator_a)
    assert "partenaire.beta@example.org" not in owners(animator_a)
    assert "partenaire.beta@example.org" in owners(coordinator)


def test_bulk_action_confirmations_do_not_name_other_portals_objects(
    staff_client, animator_a, portal_a, beta_world
):
    client = staff_client(animator_a)
    own = portal_a.home_page.get_children().first()
    page_ids = f"id={own.pk}&id={beta_world['page'].pk}&id={beta_world['child'].pk}"
    urls = [
        f"/admin/bulk/wagtailcore/page/{action}/?{page_ids}&next=/admin/pages/"
        for action in ("delete", "publish", "unpublish", "move")
    ]
    urls.append(f"/admin/bulk/wagtailcore/page/delete/?id=all&q={PAGE_TITLE}")
    image_model = get_image_model()._meta
    urls += [
        f"/admin/bulk/{image_model.app_label}/{image_model.model_name}/{action}/"
        f"?id={beta_world['image'].pk}&id=all"
        for action in ("delete", "add_tags", "add_to_collection")
    ]
    urls += [
        f"/admin/bulk/wagtaildocs/document/{action}/?id={beta_world['document'].pk}"
        for action in ("delete", "add_tags", "add_to_collection")
    ]
    urls.append(f"/admin/bulk/wagtaildocs/document/delete/?id=all&q={DOC_TITLE}")
    problems = []
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if found := _leaks(response.content.decode(errors="replace")):
            problems.append(f"{url}: {found}")
    assert not problems, "\n".join(problems)
    response = client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={beta_world['page'].pk}",
        {},
    )
    assert Page.objects.filter(pk=beta_world["page"].pk).exists()


def test_coordinator_still_sees_every_portal(staff_client, coordinator, beta_world):
    client = staff_client(coordinator)
    assert (
        PAGE_TITLE
        in client.get(
            f"/admin/pages/{beta_world['page'].get_parent().pk}/"
        ).content.decode()
    )
    assert IMAGE_TITLE in client.get("/admin/api/main/images/").content.decode()
    history = client.get("/admin/reports/site-history/").content.decode()
    assert PAGE_TITLE in history
    assert PageLogEntry.objects.filter(page=beta_world["page"]).exists()


WORDLESS_QUERIES = ['"', '""', '"abc', "*", "-", "(", "NEAR(", "'", "^"]


def test_every_admin_search_box_survives_a_lone_quote_for_coordinators(
    staff_client, coordinator, beta_world
):
    """Coordinators reach every screen (users, reports, every app's snippets)."""
    client = staff_client(coordinator)
    failures = []
    for url in plain_admin_urls():
        for query in ('?q="', '?q="zorglub', "?search=%22"):
            response = client.get(url + query)
            if response.status_code >= 500:
                failures.append(f"{url}{query}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("query", WORDLESS_QUERIES)
def test_search_backend_answers_wordless_queries_with_an_empty_list(beta_world, query):
    for model in (Page, get_image_model(), get_document_model()):
        assert list(model.objects.all().search(query)) == []
        assert list(model.objects.all().autocomplete(query)) == []
    assert len(Page.objects.all().search('"' + PAGE_TITLE)) >= 0
