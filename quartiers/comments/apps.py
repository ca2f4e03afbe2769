from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "quartiers.comments"
    label = "comments"
    verbose_name = _("Commentaires")

    def ready(self):
        from quartiers.accounts import contributions
        from quartiers.portals.features import PersonalData, registry

        from . import demo, personal_data
        from . import selectors as contribution_selectors

        registry.register_demo_seeder("comments", demo.seed_comments, order=30)
        contributions.register_source(
            contributions.ContributionSource(
                key="comment",
                label=_("Commentaires"),
                count=contribution_selectors.contributions_count,
                items=contribution_selectors.contributions_of,
                order=50,
            )
        )
        registry.register_personal_data(
            PersonalData(
                name="commentaires",
                export=personal_data.export_comments,
                erase=personal_data.erase_comments,
            )
        )
