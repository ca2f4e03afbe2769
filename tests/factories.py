"""Small builders for test data (files made in memory, never downloaded)."""

from io import BytesIO

from PIL import Image


def png_bytes(size=(40, 30), color="#1d4ed8") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_with_gps_bytes(size=(64, 48)) -> bytes:
    """A JPEG carrying EXIF with a GPS position, as phones write them."""
    image = Image.new("RGB", size, "#047857")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (48.0, 54.0, 27.0), 3: "E", 4: (2.0, 26.0, 20.0)}
    exif[0x8825] = gps
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def bulk_articles(journal, count: int, *, start: int = 0, rubrique=None):
    """Insert many live articles fast (tree paths computed, no per-page signals).

    Only for building large datasets in tests and benchmarks.
    """
    import json
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    from quartiers.newsroom.models import ArticlePage

    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    journal.refresh_from_db()
    first_index = journal.numchild + 1
    pages = []
    for offset in range(count):
        number = start + offset
        slug = f"article-genere-{number}"
        pages.append(
            Page(
                title=f"Article généré {number}",
                draft_title=f"Article généré {number}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(
                    journal.path, journal.depth + 1, first_index + offset
                ),
                depth=journal.depth + 1,
                numchild=0,
                url_path=f"{journal.url_path}{slug}/",
                live=True,
                first_published_at=now - timedelta(minutes=number),
                last_published_at=now - timedelta(minutes=number),
                locale_id=journal.locale_id,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=500)
    body = json.dumps(
        [{"type": "paragraph", "value": "<p>Des nouvelles du quartier.</p>"}]
    )
    table = connection.ops.quote_name(ArticlePage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (page_ptr_id, rubrique_id, chapo, cover_id, body, featured, reading_minutes) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    page.pk,
                    rubrique.pk if rubrique else None,
                    "Un chapeau.",
                    None,
                    body,
                    False,
                    1,
                )
                for page in created
            ],
        )
    Page.objects.filter(pk=journal.pk).update(numchild=journal.numchild + count)
    return created
