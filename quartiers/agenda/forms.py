from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartiers.uploads import photos as images
from quartiers.uploads.forms import consent_field

from . import recurrence
from .models import MAX_YEAR, MIN_YEAR, Event

DATE_INPUT = {"type": "date"}
TIME_INPUT = {"type": "time"}


class EventProposalForm(forms.Form):
    """Propose an event from a phone: date and time pickers, plain messages."""

    title = forms.CharField(
        label=_("Nom de l'événement"),
        max_length=200,
        error_messages={"required": _("Donnez un nom à votre événement.")},
    )
    category = forms.TypedChoiceField(
        label=_("Catégorie"), coerce=int, required=False, empty_value=None
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ce qui va se passer, pour qui, ce qu'il faut apporter."),
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": _("Indiquez la date de l'événement."),
            "invalid": _("Écrivez la date comme 14/07/2026."),
        },
    )
    all_day = forms.BooleanField(label=_("Toute la journée"), required=False)
    start_time = forms.TimeField(
        label=_("Heure de début"),
        required=False,
        widget=forms.TimeInput(attrs=TIME_INPUT, format="%H:%M"),
        error_messages={"invalid": _("Écrivez l'heure comme 18:30.")},
    )
    end_date = forms.DateField(
        label=_("Date de fin (si l'événement dure plusieurs jours)"),
        required=False,
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": _("Écrivez la date comme 14/07/2026.")},
    )
    end_time = forms.TimeField(
        label=_("Heure de fin"),
        required=False,
        widget=forms.TimeInput(attrs=TIME_INPUT, format="%H:%M"),
        error_messages={"invalid": _("Écrivez l'heure comme 20:00.")},
    )
    recurrence = forms.ChoiceField(
        label=_("Est-ce que ça se répète ?"),
        choices=Event.RECURRENCE_CHOICES,
        initial=recurrence.NONE,
        widget=forms.RadioSelect,
    )
    recurrence_until = forms.DateField(
        label=_("Jusqu'au (pour chaque semaine ou chaque mois)"),
        required=False,
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("Deux ans au plus après la première date."),
        error_messages={"invalid": _("Écrivez la date comme 14/07/2026.")},
    )
    extra_dates = forms.CharField(
        label=_("Autres dates (pour « à d'autres dates »)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Une date par ligne, par exemple 14/07/2026."),
    )
    place_actor = forms.TypedChoiceField(
        label=_("Lieu de l'annuaire du quartier"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": _("Ce lieu n'est pas dans l'annuaire du quartier.")
        },
    )
    place_name = forms.CharField(
        label=_("Ou bien : nom du lieu"),
        max_length=150,
        required=False,
        help_text=_("Par exemple « Square des Tilleuls »."),
    )
    place_address = forms.CharField(label=_("Adresse"), max_length=250, required=False)
    organiser_actor = forms.TypedChoiceField(
        label=_("Organisé par"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": _(
                "Vous ne pouvez annoncer d'événement que pour les structures que vous gérez."
            )
        },
    )
    is_free = forms.BooleanField(label=_("Gratuit"), required=False, initial=True)
    price = forms.CharField(
        label=_("Tarif (si ce n'est pas gratuit)"), max_length=150, required=False
    )
    accessibility = forms.CharField(
        label=_("Accessibilité"),
        max_length=300,
        required=False,
        help_text=_("Accès en fauteuil, interprète LSF, garde d'enfants..."),
    )
    photo = forms.FileField(
        label=_("Une photo ou une affiche (facultatif)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    photo_alt = forms.CharField(
        label=_("Que montre la photo ?"), max_length=300, required=False
    )
    photo_consent = consent_field(
        _("La photo montre-t-elle des personnes reconnaissables ?")
    )

    def __init__(
        self, *args, categories=(), place_actors=(), organiser_actors=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choisir..."))] + [
            (c.pk, c.name) for c in categories
        ]
        self.fields["place_actor"].choices = [
            ("", _("Aucun, ou pas dans la liste"))
        ] + [(a.pk, a.name) for a in place_actors]
        if organiser_actors:
            self.fields["organiser_actor"].choices = [
                ("", _("Moi, à titre personnel"))
            ] + [(a.pk, a.name) for a in organiser_actors]
        else:
            del self.fields["organiser_actor"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        return images.validate_photo(photo)

    def _check_year(self, field: str, value) -> bool:
        if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
            self.add_error(
                field,
                _("Vérifiez l'année : %(year)s ne va pas.") % {"year": value.year},
            )
            return False
        return True

    def clean(self):
        cleaned = super().clean()
        # Checks that do not depend on the dates first: a resident hears of
        # every missing field at once, not one per try.
        self._clean_price_photo_place(cleaned)
        self._clean_when(cleaned)
        return cleaned

    def _clean_when(self, cleaned) -> dict:
        day = cleaned.get("date")
        if day is None or not self._check_year("date", day):
            return cleaned
        all_day = cleaned.get("all_day")
        start_time = cleaned.get("start_time")
        if not all_day and start_time is None and "start_time" not in self.errors:
            self.add_error(
                "start_time",
                _("Indiquez l'heure de début, ou cochez « Toute la journée »."),
            )
            return cleaned
        begins = recurrence.at_local_time(
            day, datetime.combine(day, start_time or time(0))
        )
        end_day = cleaned.get("end_date") or day
        end_time = cleaned.get("end_time")
        ends = None
        if self._check_year("end_date", end_day):
            if all_day:
                ends = recurrence.at_local_time(end_day, datetime(2000, 1, 1))
            elif end_time is not None:
                ends = recurrence.at_local_time(
                    end_day, datetime.combine(end_day, end_time)
                )
            elif cleaned.get("end_date"):
                ends = recurrence.at_local_time(
                    end_day, datetime.combine(end_day, time(23, 59))
                )
        if ends is not None and ends < begins:
            self.add_error(
                "end_time" if not all_day and end_time else "end_date",
                _("La fin est avant le début : vérifiez la date et l'heure."),
            )
        if (ends or begins) < timezone.now() - timedelta(hours=1):
            self.add_error("date", _("Cette date est déjà passée."))
        cleaned["start"], cleaned["end"] = begins, ends

        rule = cleaned.get("recurrence") or recurrence.NONE
        try:
            extra = (
                recurrence.parse_dates(cleaned.get("extra_dates", ""))
                if rule == recurrence.DATES
                else []
            )
            until = cleaned.get("recurrence_until")
            if until is not None and not self._check_year("recurrence_until", until):
                return cleaned
            recurrence.check(day, rule, until=until, extra_dates=extra)
        except recurrence.RecurrenceError as error:
            self.add_error(error.field, error.message)
        else:
            cleaned["extra_date_list"] = extra
        return cleaned

    def _clean_price_photo_place(self, cleaned) -> None:
        if not cleaned.get("is_free") and not (cleaned.get("price") or "").strip():
            self.add_error("price", _("Indiquez le tarif, ou cochez « Gratuit »."))
        if cleaned.get("photo") and not (cleaned.get("photo_alt") or "").strip():
            self.add_error(
                "photo_alt", _("Décrivez en une phrase ce que montre la photo.")
            )
        if not (
            cleaned.get("place_actor")
            or (cleaned.get("place_name") or "").strip()
            or (cleaned.get("place_address") or "").strip()
        ):
            self.add_error(
                "place_name", _("Indiquez où cela se passe : un lieu ou une adresse.")
            )
