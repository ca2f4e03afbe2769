"""What the comments app holds about a person, for export and erasure."""

from . import selectors, services


def export_comments(user) -> dict:
    return {
        "commentaires": [
            {
                "texte": comment.body,
                "page": comment.page.title,
                "adresse": comment.page.url_path,
                "quartier": comment.portal.name,
                "etat": str(comment.get_status_display()),
                "reponse_a": comment.parent_id,
                "ecrit_le": comment.created_at.isoformat(),
            }
            for comment in selectors.comments_of_person(user)
        ]
    }


def erase_comments(user, keep_contributions: bool) -> None:
    services.comments_erase(user=user, keep_contributions=keep_contributions)
