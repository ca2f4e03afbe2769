"""The programme schedule: weekly slots, and the dates that differ."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .. import schedule

WEEKDAYS = [
    (0, _("lundi")),
    (1, _("mardi")),
    (2, _("mercredi")),
    (3, _("jeudi")),
    (4, _("vendredi")),
    (5, _("samedi")),
    (6, _("dimanche")),
]


class ScheduleSlot(models.Model):
    """A show on air every week, same day, same time (it may end after midnight)."""

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="radio_slots",
    )
    show = models.ForeignKey(
        "radio.ShowPage",
        verbose_name=_("émission"),
        on_delete=models.CASCADE,
        related_name="slots",
    )
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=WEEKDAYS)
    start_time = models.TimeField(_("début"))
    end_time = models.TimeField(
        _("fin"),
        help_text=_(
            "Une heure plus petite que le début veut dire le lendemain : "
            "22:00 → 01:00 finit à 1 h du matin."
        ),
    )
    note = models.CharField(
        _("précision"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « en direct du marché » ou « rediffusion »."),
    )

    panels = [
        FieldPanel("portal"),
        FieldPanel("show"),
        FieldPanel("weekday"),
        FieldPanel("start_time"),
        FieldPanel("end_time"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name = _("créneau de la grille")
        verbose_name_plural = _("grille des programmes")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self):
        super().clean()
        if self.start_time is None or self.end_time is None or self.weekday is None:
            return
        if self.start_time == self.end_time:
            raise ValidationError(
                {
                    "end_time": _(
                        "L'heure de fin doit être différente de l'heure de début."
                    )
                }
            )
        if self.show_id and self.portal_id and self.show.portal_id != self.portal_id:
            raise ValidationError(
                {"show": _("Cette émission appartient à un autre quartier.")}
            )
        if not self.portal_id:
            return
        others = ScheduleSlot.objects.filter(portal_id=self.portal_id).select_related(
            "show"
        )
        if self.pk:
            others = others.exclude(pk=self.pk)
        clash = schedule.first_overlap(self, list(others))
        if clash is not None:
            raise ValidationError(
                _(
                    "Ce créneau chevauche « %(show)s » (%(slot)s). Deux émissions "
                    "ne peuvent pas être à l'antenne en même temps : changez les "
                    "heures de l'un des deux."
                )
                % {"show": clash.show.title, "slot": str(clash)}
            )

    @property
    def minutes_long(self) -> int:
        return schedule.slot_minutes(self)[1]


class ScheduleException(models.Model):
    """One date on which a weekly slot is cancelled or replaced."""

    CANCELLED = "cancelled"
    REPLACED = "replaced"
    KIND_CHOICES = [
        (CANCELLED, _("annulée")),
        (REPLACED, _("remplacée")),
    ]

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="radio_exceptions",
    )
    slot = models.ForeignKey(
        ScheduleSlot,
        verbose_name=_("créneau"),
        on_delete=models.CASCADE,
        related_name="exceptions",
    )
    date = models.DateField(
        _("date"), help_text=_("Le jour où le créneau commence, cette semaine-là.")
    )
    kind = models.CharField(
        _("ce jour-là, l'émission est"),
        max_length=12,
        choices=KIND_CHOICES,
        default=CANCELLED,
    )
    replacement_show = models.ForeignKey(
        "radio.ShowPage",
        verbose_name=_("émission à la place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(
        _("message aux auditeurs"),
        max_length=200,
        blank=True,
        help_text=_(
            "Par exemple « Spécial fête de quartier, en direct de la pelouse »."
        ),
    )

    panels = [
        FieldPanel("portal"),
        FieldPanel("slot"),
        FieldPanel("date"),
        FieldPanel("kind"),
        FieldPanel("replacement_show"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("exception à la grille")
        verbose_name_plural = _("exceptions à la grille")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "date"],
                name="radio_one_exception_per_slot_and_date",
                violation_error_message=_(
                    "Ce créneau a déjà une exception à cette date : modifiez-la."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"

    def clean(self):
        super().clean()
        errors = {}
        if self.slot_id and self.portal_id and self.slot.portal_id != self.portal_id:
            errors["slot"] = _("Ce créneau appartient à un autre quartier.")
        elif self.slot_id and self.date and self.date.weekday() != self.slot.weekday:
            errors["date"] = _(
                "Le créneau choisi a lieu le %(day)s ; cette date tombe un autre jour."
            ) % {"day": self.slot.get_weekday_display()}
        if (
            self.replacement_show_id
            and self.portal_id
            and self.replacement_show.portal_id != self.portal_id
        ):
            errors["replacement_show"] = _(
                "Cette émission appartient à un autre quartier."
            )
        if self.kind == self.REPLACED and not (
            self.replacement_show_id or self.note.strip()
        ):
            errors["note"] = _(
                "Dites ce qui passe à la place : choisissez une émission ou écrivez un message."
            )
        if errors:
            raise ValidationError(errors)
