"""What the blogs hold about a person, for export and erasure."""

from django.db import transaction

from quartiers.uploads.models import PortalImage

from .models import BlogPage, BlogPostPage


def _blogs(user):
    return BlogPage.objects.filter(author=user).select_related("portal")


def _posts_of(blog: BlogPage):
    return BlogPostPage.objects.child_of(blog).select_related("photo").order_by("date")


def export_blogs(user) -> dict:
    return {
        "blogs": [
            {
                "titre": blog.title,
                "presentation": blog.presentation,
                "quartier": blog.portal.name,
                "adresse": blog.url_path,
                "en_ligne": blog.live,
                "billets": [
                    {
                        "titre": post.title,
                        "date": post.date.isoformat(),
                        "adresse": post.url_path,
                        "en_ligne": post.live,
                        "texte": post.plain_text(),
                        "photo": "fichiers/" + post.photo.file.name.rsplit("/", 1)[-1]
                        if post.photo_id
                        else None,
                    }
                    for post in _posts_of(blog)
                ],
            }
            for blog in _blogs(user)
        ]
    }


def blog_files(user) -> list:
    return [
        post.photo.file
        for blog in _blogs(user)
        for post in _posts_of(blog)
        if post.photo_id
    ]


@transaction.atomic
def erase_blogs(user, keep_contributions: bool) -> None:
    """Delete the person's blogs, or keep what is published without their name.

    Kept: the blog and its published posts, shown as by an "ancien·ne
    participant·e". Drafts and posts never published always go.
    """
    for blog in _blogs(user):
        posts = list(BlogPostPage.objects.child_of(blog))
        if keep_contributions and blog.live:
            for post in posts:
                if not post.live:
                    post.delete()
            BlogPage.objects.filter(pk=blog.pk).update(author=None)
            continue
        photo_ids = [post.photo_id for post in posts if post.photo_id]
        blog.delete()
        for image in PortalImage.objects.filter(
            pk__in=photo_ids, uploaded_by_user=user
        ):
            image.delete()
