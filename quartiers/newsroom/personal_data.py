from django.utils.translation import gettext as _

from .models import ArticleAuthor, ArticlePage, Submission


def export_submissions(user) -> dict:
    return {
        "propositions": [
            {
                "titre": s.title,
                "texte": s.text,
                "etat": s.get_status_display(),
                "quartier": s.portal.name,
                "creee_le": s.created_at.isoformat(),
                "message_animation": s.animator_message,
            }
            for s in Submission.objects.filter(author=user).select_related("portal")
        ],
        "articles_signes": [
            {"titre": a.article.title, "adresse": a.article.url_path}
            for a in ArticleAuthor.objects.filter(user=user).select_related("article")
        ],
    }


def erase_submissions(user, keep_contributions: bool) -> None:
    submissions = Submission.objects.filter(author=user).select_related("page")
    for submission in submissions:
        page = submission.page
        published = page is not None and page.live
        if page is not None and not (keep_contributions and published):
            # Drafts and pages the person asked to remove go with the account.
            ArticlePage.objects.filter(pk=page.pk).first().delete()
    submissions.delete()
    if keep_contributions:
        ArticleAuthor.objects.filter(user=user).update(
            user=None, name=_("ancien·ne participant·e")
        )
    else:
        for author in ArticleAuthor.objects.filter(user=user).select_related("article"):
            article = author.article
            others = article.authors.exclude(pk=author.pk).exists()
            author.delete()
            if not others:
                article.delete()
