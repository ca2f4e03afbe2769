"""The figures of the apps this one knows, each computed by one grouped query.

Registered from ``StatsConfig.ready()`` by reading the other apps' models:
those apps need not know the dashboard exists. Apps still being built (radio,
TV, network sharing) are looked up by name and counted once their models
exist.
"""

from datetime import date

from django.apps import apps
from django.db.models import Avg, DurationField, ExpressionWrapper, F, Sum
from django.utils.translation import gettext_lazy as _

from .activity import (
    ActivitySource,
    active_residents,
    model_activity,
    new_voices,
    register_activity,
)
from .metrics import (
    AUDIENCE,
    CONTENT,
    DAYS,
    Metric,
    counted_in_period,
    period_bounds,
    register_metric,
)
from .pages import live_pages_published, with_portal


def _submissions():
    return apps.get_model("newsroom", "Submission").objects


def _register_newsroom() -> None:
    Submission = apps.get_model("newsroom", "Submission")
    register_activity(
        model_activity(
            "newsroom",
            _submissions,
            author="author_id",
            created="created_at",
            published={"status": Submission.PUBLISHED},
            published_at="decided_at",
        )
    )
    submitted = counted_in_period(_submissions, "submitted_at")
    submitted_then_published = counted_in_period(
        _submissions, "submitted_at", status=Submission.PUBLISHED
    )

    def review_days(portal_ids, start, end):
        since, until = period_bounds(start, end)
        rows = (
            _submissions()
            .filter(
                portal_id__in=portal_ids,
                status__in=[Submission.PUBLISHED, Submission.REFUSED],
                decided_at__gte=since,
                decided_at__lt=until,
                submitted_at__isnull=False,
            )
            .order_by()
            .values("portal_id")
            .annotate(
                wait=Avg(
                    ExpressionWrapper(
                        F("decided_at") - F("submitted_at"),
                        output_field=DurationField(),
                    )
                )
            )
            .values_list("portal_id", "wait")
        )
        return {
            portal_id: round(wait.total_seconds() / 86400, 1)
            for portal_id, wait in rows
            if wait is not None
        }

    for metric in (
        Metric(
            "submissions",
            _("Articles proposés"),
            submitted,
            _("Propositions d'articles envoyées en relecture par des habitant·es."),
            order=30,
        ),
        Metric(
            "submissions_published",
            _("… dont publiés"),
            submitted_then_published,
            _("Parmi les articles proposés dans la période, ceux qui sont en ligne."),
            order=31,
        ),
        Metric(
            "review_days",
            _("Délai moyen de relecture (jours)"),
            review_days,
            _(
                "Temps moyen entre l'envoi d'une proposition et la décision "
                "(publiée ou refusée)."
            ),
            kind=DAYS,
            order=32,
        ),
        Metric(
            "articles",
            _("Articles publiés"),
            live_pages_published("newsroom.ArticlePage"),
            _("Articles du journal mis en ligne, par l'équipe ou les habitant·es."),
            group=CONTENT,
            order=50,
        ),
    ):
        register_metric(metric)


def _register_comments() -> None:
    Comment = apps.get_model("comments", "Comment")
    register_activity(
        model_activity(
            "comments",
            lambda: Comment.objects,
            author="author_id",
            created="created_at",
            published={"status": Comment.PUBLISHED},
        )
    )
    comments = counted_in_period(
        lambda: Comment.objects, "created_at", status=Comment.PUBLISHED
    )

    register_metric(
        Metric(
            "comments",
            _("Commentaires"),
            comments,
            _("Commentaires écrits dans la période et en ligne."),
            order=40,
        )
    )


def _register_classifieds() -> None:
    Ad = apps.get_model("classifieds", "Ad")
    register_activity(
        model_activity(
            "classifieds",
            lambda: Ad.objects,
            author="author_id",
            created="created_at",
            published={"published_at__isnull": False},
            published_at="published_at",
        )
    )
    ads = counted_in_period(lambda: Ad.objects, "published_at")

    register_metric(
        Metric(
            "ads",
            _("Petites annonces"),
            ads,
            _("Annonces mises en ligne dans la période."),
            group=CONTENT,
            order=52,
        )
    )


def _register_agenda() -> None:
    Event = apps.get_model("agenda", "Event")
    register_activity(
        model_activity(
            "agenda",
            lambda: Event.objects,
            author="created_by_id",
            created="created_at",
            published={"status": Event.PUBLISHED},
        )
    )
    events = counted_in_period(
        lambda: Event.objects, "created_at", status=Event.PUBLISHED
    )

    register_metric(
        Metric(
            "events",
            _("Événements annoncés"),
            events,
            _("Événements ajoutés à l'agenda dans la période (et publiés)."),
            group=CONTENT,
            order=53,
        )
    )


def _register_blogs() -> None:
    BlogPostPage = apps.get_model("blogs", "BlogPostPage")

    def live_posts():
        return (
            with_portal(BlogPostPage.objects.filter(live=True))
            .annotate(stats_user=F("owner_id"), stats_at=F("first_published_at"))
            .order_by()
            .values_list("stats_portal", "stats_user", "stats_at")
        )

    # A post exists for the dashboard once online (drafts have no date).
    register_activity(ActivitySource("blogs", any=live_posts, published=live_posts))
    register_metric(
        Metric(
            "blog_posts",
            _("Billets de blog"),
            live_pages_published("blogs.BlogPostPage"),
            _("Billets des blogs d'habitant·es mis en ligne dans la période."),
            group=CONTENT,
            order=51,
        )
    )


def _model_exists(label: str) -> bool:
    app_label, model_name = label.split(".")
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


def _register_media() -> None:
    for key, label, help_text, model_label, order in (
        (
            "episodes",
            _("Émissions de radio"),
            _("Épisodes de la web radio mis en ligne dans la période."),
            "radio.EpisodePage",
            54,
        ),
        (
            "videos",
            _("Vidéos"),
            _("Vidéos de la web TV mises en ligne dans la période."),
            "tv.VideoPage",
            55,
        ),
    ):
        if _model_exists(model_label):
            register_metric(
                Metric(
                    key,
                    label,
                    live_pages_published(model_label),
                    help_text,
                    group=CONTENT,
                    order=order,
                )
            )


def _register_audience() -> None:
    from .models import DailyVisits

    def summed(field: str):
        def compute(portal_ids, start: date, end: date):
            rows = (
                DailyVisits.objects.filter(
                    portal_id__in=portal_ids, day__gte=start, day__lte=end
                )
                .order_by()
                .values("portal_id")
                .annotate(n=Sum(field))
                .values_list("portal_id", "n")
            )
            return {portal_id: n or 0 for portal_id, n in rows}

        return compute

    register_metric(
        Metric(
            "visits",
            _("Visites"),
            summed("visits"),
            _(
                "Visiteurs différents par jour, additionnés sur la période "
                "(sans cookie : une même personne revenue un autre jour compte "
                "une visite de plus)."
            ),
            group=AUDIENCE,
            order=10,
        )
    )
    register_metric(
        Metric(
            "page_views",
            _("Pages vues"),
            summed("page_views"),
            _("Pages lues par des personnes (robots et équipe non comptés)."),
            group=AUDIENCE,
            order=11,
        )
    )


def register_builtin_metrics() -> None:
    _register_audience()
    register_metric(
        Metric(
            "active_residents",
            _("Habitant·es actif·ves"),
            active_residents,
            _(
                "Personnes différentes qui ont proposé, écrit, commenté, "
                "déposé une annonce ou annoncé un événement (hors équipe "
                "d'animation)."
            ),
            order=20,
        )
    )
    register_metric(
        Metric(
            "new_voices",
            _("Nouvelles voix"),
            new_voices,
            _(
                "Personnes dont la toute première contribution publiée dans ce "
                "quartier date de la période."
            ),
            order=21,
        )
    )
    for app_label, register in (
        ("newsroom", _register_newsroom),
        ("comments", _register_comments),
        ("classifieds", _register_classifieds),
        ("agenda", _register_agenda),
        ("blogs", _register_blogs),
    ):
        if apps.is_installed(f"quartiers.{app_label}"):
            register()
    _register_media()
    from . import sharing

    sharing.register()
