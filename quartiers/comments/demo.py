"""Demo conversations under the journal: kind comments, a reply, and one
comment reported and waiting for the animator (dev and test only)."""

from quartiers.accounts.models import Membership
from quartiers.newsroom import selectors as newsroom_selectors

from . import services
from .models import Comment

DEMO_COMMENTS = [
    (
        "Merci pour cet article, on a passé une super soirée ! Vivement l'année prochaine.",
        "Merci à vous d'être venus ! On garde la date pour juin.",
    ),
    ("Je ne savais pas du tout, c'est une très bonne nouvelle pour le quartier.", None),
    (
        "Est-ce qu'il faut s'inscrire à l'avance ?",
        "Non, c'est sans rendez-vous, le mardi matin.",
    ),
]
REPORTED = (
    "Franchement, ceux qui ont organisé ça sont des incapables, qu'ils déménagent."
)


def seed_comments(portal) -> None:
    """Idempotent: does nothing once the portal has comments."""
    if Comment.objects.filter(portal=portal).exists():
        return
    members = {
        m.role: m.user
        for m in Membership.objects.filter(portal=portal).select_related("user")
    }
    resident, animator, partner = (
        members.get(Membership.RESIDENT),
        members.get(Membership.ANIMATOR),
        members.get(Membership.PARTNER),
    )
    if not (resident and animator):
        return
    articles = list(
        newsroom_selectors.live_articles(portal).order_by("-first_published_at")[:3]
    )
    for article, (text, answer) in zip(articles, DEMO_COMMENTS, strict=False):
        comment = services.comment_create(
            portal=portal, actor=resident, page=article, body=text
        )
        services.comment_set_status(comment=comment, status=Comment.PUBLISHED)
        if answer:
            services.comment_create(
                portal=portal,
                actor=animator,
                page=article,
                body=answer,
                parent_id=comment.pk,
            )
    if articles and partner is not None:
        from quartiers.moderation import selectors as moderation_selectors
        from quartiers.moderation import services as moderation_services
        from quartiers.moderation.models import Report

        rude = services.comment_create(
            portal=portal, actor=partner, page=articles[0], body=REPORTED
        )
        services.comment_set_status(comment=rude, status=Comment.PUBLISHED)
        moderation_services.report_create(
            portal=portal,
            actor=resident,
            target=moderation_selectors.Target(
                kind=moderation_selectors.KIND_COMMENT, obj=rude, portal=portal
            ),
            reason=Report.HARASSMENT,
            details="Ce commentaire insulte les bénévoles de la fête.",
        )
        # And one comment still waiting for review.
        services.comment_create(
            portal=portal,
            actor=members.get(Membership.RESIDENT),
            page=articles[-1],
            body="Je peux aider à installer les tables si besoin !",
        )
