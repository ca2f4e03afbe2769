"""The agenda: event categories, events and their computed occurrences."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.search import index

from quartiers.core.sanitize import text_to_html
from quartiers.portals.models import SectionPage

from . import recurrence

MIN_YEAR = 2000
MAX_YEAR = 2100
# Addresses under /agenda/ that an event slug must never take.
RESERVED_SLUGS = frozenset({"proposer", "archives", "mois", "agenda"})


class AgendaIndexPage(SectionPage):
    section_key = "agenda"

    template = "agenda/agenda_index_page.html"

    class Meta:
        verbose_name = _("rubrique Agenda")

    @path("")
    def index_route(self, request, *args, **kwargs):
        # The upcoming list is built only here, not for every sub-page.
        from . import views

        return views.upcoming(self, request)


class EventCategory(models.Model):
    """A kind of event of one portal ("Culture", "Sport"...)."""

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="event_categories",
    )
    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant"), max_length=80)
    sort_order = models.PositiveIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("portal"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("catégorie d'événement")
        verbose_name_plural = _("catégories d'événements")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "slug"], name="event_category_slug_per_portal"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Event(index.Indexed, models.Model):
    """Something that happens in the neighbourhood, once or repeatedly."""

    PENDING = "pending"
    PUBLISHED = "published"
    REFUSED = "refused"
    STATUS_CHOICES = [
        (PENDING, _("en attente de validation")),
        (PUBLISHED, _("publié")),
        (REFUSED, _("refusé")),
    ]
    RECURRENCE_CHOICES = [
        (recurrence.NONE, _("Une seule fois")),
        (recurrence.WEEKLY, _("Chaque semaine, le même jour")),
        (
            recurrence.MONTHLY,
            _("Chaque mois, le même jour de la semaine (ex. le 2e samedi)"),
        ),
        (recurrence.DATES, _("À d'autres dates que je choisis")),
    ]

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    uid = models.UUIDField(
        _("identifiant unique"), default=uuid.uuid4, unique=True, editable=False
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=90, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    all_day = models.BooleanField(_("toute la journée"), default=False)
    recurrence = models.CharField(
        _("répétition"),
        max_length=10,
        choices=RECURRENCE_CHOICES,
        default=recurrence.NONE,
    )
    recurrence_until = models.DateField(
        _("se répète jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Obligatoire pour une répétition ; deux ans au plus."),
    )
    extra_dates = models.JSONField(
        _("autres dates"),
        default=list,
        blank=True,
        help_text=_("Dates au format AAAA-MM-JJ, pour « à d'autres dates »."),
    )
    place_actor = models.ForeignKey(
        "directory.LocalActor",
        verbose_name=_("lieu (annuaire)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_hosted",
    )
    place_name = models.CharField(_("lieu"), max_length=150, blank=True)
    place_address = models.CharField(_("adresse"), max_length=250, blank=True)
    category = models.ForeignKey(
        EventCategory,
        verbose_name=_("catégorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    is_free = models.BooleanField(_("gratuit"), default=True)
    price = models.CharField(_("tarif"), max_length=150, blank=True)
    accessibility = models.CharField(_("accessibilité"), max_length=300, blank=True)
    organiser_actor = models.ForeignKey(
        "directory.LocalActor",
        verbose_name=_("organisé par (annuaire)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_organised",
    )
    organiser_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisé par (personne)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("ce que montre la photo"), max_length=300, blank=True
    )
    status = models.CharField(
        _("état"), max_length=10, choices=STATUS_CHOICES, default=PENDING
    )
    # The animators' word to the person who proposed the event, sent with
    # the decision and shown in their "Mes contributions".
    moderation_note = models.TextField(
        _("mot de l'équipe d'animation"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Facultatif. Envoyé à la personne qui a proposé l'événement quand "
            "vous le refusez ou le publiez, et visible dans ses contributions."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="events_created",
    )
    # When the last occurrence is over (kept by the services, for the archive).
    finishes_at = models.DateTimeField(
        _("se termine le"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [
        FieldPanel("portal"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("status"),
        FieldPanel("moderation_note"),
        FieldPanel("category"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("recurrence"),
                FieldPanel("recurrence_until"),
                FieldPanel("extra_dates"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place_actor"),
                FieldPanel("place_name"),
                FieldPanel("place_address"),
                FieldPanel("accessibility"),
            ],
            heading=_("Lieu"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("price")], heading=_("Tarif")
        ),
        MultiFieldPanel(
            [FieldPanel("organiser_actor"), FieldPanel("organiser_user")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")
        ),
    ]

    # Public search (quartiers.search) reads the index; who may see an event
    # is decided when searching, not here. The filter fields are those the
    # admin listing and choosers filter and sort on.
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("portal"),
        index.FilterField("status"),
        index.FilterField("title"),
        index.FilterField("start"),
        index.FilterField("created_at"),
        index.SearchField("description"),
        index.SearchField("place_name"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("place_actor", [index.SearchField("name")]),
        index.RelatedFields("organiser_actor", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "slug"], name="event_slug_per_portal"
            )
        ]
        indexes = [
            models.Index(fields=["portal", "status", "start"]),
            models.Index(fields=["portal", "status", "finishes_at"]),
            models.Index(fields=["created_by"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.PUBLISHED

    @property
    def repeats(self) -> bool:
        return self.recurrence != recurrence.NONE

    def description_html(self) -> str:
        return mark_safe(text_to_html(self.description))  # noqa: S308 (escaped, then nh3)

    def extra_days(self) -> list:
        from datetime import date

        days = []
        for value in self.extra_dates or []:
            try:
                days.append(date.fromisoformat(str(value)))
            except ValueError:
                continue
        return days

    def place_label(self) -> str:
        if self.place_actor_id and not self.place_name:
            return self.place_actor.name
        return self.place_name

    def address_label(self) -> str:
        if self.place_address:
            return self.place_address
        if self.place_actor_id:
            actor = self.place_actor
            town = " ".join(p for p in (actor.postcode, actor.town) if p)
            return ", ".join(p for p in (actor.address, town) if p)
        return ""

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.start is not None:
            if not MIN_YEAR <= self.start.year <= MAX_YEAR:
                errors.setdefault("start", []).append(
                    _("Vérifiez l'année : l'agenda accepte les dates de %(a)s à %(b)s.")
                    % {"a": MIN_YEAR, "b": MAX_YEAR}
                )
            if self.end is not None and self.end < self.start:
                errors.setdefault("end", []).append(
                    _("La fin est avant le début : vérifiez la date et l'heure.")
                )
            if not isinstance(self.extra_dates, list):
                errors.setdefault("extra_dates", []).append(
                    _("Donnez une liste de dates.")
                )
            else:
                bad = [
                    value for value in self.extra_dates if not _is_iso_date(str(value))
                ]
                if bad:
                    errors.setdefault("extra_dates", []).append(
                        _("« %(value)s » n'est pas une date AAAA-MM-JJ.")
                        % {"value": bad[0]}
                    )
            if "extra_dates" not in errors and "start" not in errors:
                try:
                    recurrence.check(
                        self.start.astimezone(recurrence.PARIS).date(),
                        self.recurrence,
                        until=self.recurrence_until,
                        extra_dates=self.extra_days(),
                    )
                except recurrence.RecurrenceError as error:
                    errors.setdefault(error.field, []).append(error.message)
        if self.price and self.is_free:
            self.price = ""
        for field in ("category", "place_actor", "organiser_actor"):
            related = getattr(self, field) if getattr(self, f"{field}_id") else None
            if related is not None and related.portal_id != self.portal_id:
                # Tenancy: an event only refers to its own portal's rows.
                errors.setdefault(field, []).append(
                    _("Choisissez dans la liste de ce quartier.")
                )
        if self.slug in RESERVED_SLUGS:
            errors.setdefault("slug", []).append(
                _("Cette adresse est réservée par l'agenda.")
            )
        if errors:
            raise ValidationError(errors)


def _is_iso_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


class Occurrence(models.Model):
    """One date of an event, computed from its rule by the services.

    Stored so that lists, month grids and pagination are plain indexed
    queries, whatever the number of events.
    """

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("événement"),
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    # When it leaves the "upcoming" list (end, end of day, or start + 2 h).
    ends_at = models.DateTimeField(_("se termine à"))

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["portal", "start"]),
            models.Index(fields=["portal", "ends_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.start:%Y-%m-%d %H:%M}"
