"""Replace Wagtail's welcome page by the network hub, root of the default site."""

from django.db import migrations


def create_hub(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HubPage = apps.get_model("portals.HubPage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HubPage.objects.exists():
        return
    hub_type, _ = ContentType.objects.get_or_create(model="hubpage", app_label="portals")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    # Wagtail's initial data puts a welcome page at path 00010001; the hub takes its place.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    locale = Locale.objects.first()
    existing_children = Page.objects.filter(depth=2).count()
    hub = HubPage.objects.create(
        title="Avis de Quartiers",
        draft_title="Avis de Quartiers",
        slug="reseau-avis-de-quartiers",
        content_type=hub_type,
        path=f"0001{existing_children + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/reseau-avis-de-quartiers/",
        locale_id=locale.pk if locale else None,
        live=True,
        intro="",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page_id=hub.pk, is_default_site=True, site_name="Avis de Quartiers")
    else:
        site.root_page_id = hub.pk
        site.site_name = "Avis de Quartiers"
        site.save(update_fields=["root_page", "site_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("portals", "0002_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailcore", "0040_page_draft_title"),
    ]

    operations = [migrations.RunPython(create_hub, migrations.RunPython.noop)]
