from quartiers.comments.models import Comment


def comment(page, portal, author, body="Merci pour cet article !", **fields):
    fields.setdefault("status", Comment.PUBLISHED)
    return Comment.objects.create(
        portal=portal,
        page=page,
        author=author,
        author_name=author.public_name if author else "",
        body=body,
        **fields,
    )
