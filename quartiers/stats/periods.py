"""The period the dashboard looks at: a preset, or dates chosen by hand.

Whatever arrives in the address (a date from the future, an end before the
start, ten years, garbage), the dashboard answers with a clear French message
and the default period, never an error page.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_PRESET = "30j"
CUSTOM = "perso"
# Presets: key -> (label, months back; 0 means 30 days).
PRESETS = {
    "30j": (_("30 derniers jours"), 0),
    "3m": (_("3 derniers mois"), 3),
    "6m": (_("6 derniers mois"), 6),
    "12m": (_("12 derniers mois"), 12),
}
MAX_DAYS = 2 * 366  # two years, leap day included
# Nothing was counted before; older dates would also overflow time zones.
MIN_DATE = date(2000, 1, 1)
DAILY_UP_TO = 92  # longer periods are drawn week by week


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included
    preset: str = DEFAULT_PRESET

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weekly(self) -> bool:
        return self.days > DAILY_UP_TO

    def query(self) -> str:
        """The address parameters that give this period back."""
        if self.preset == CUSTOM:
            return f"periode={CUSTOM}&du={self.start:%Y-%m-%d}&au={self.end:%Y-%m-%d}"
        return f"periode={self.preset}"


def months_back(day: date, months: int) -> date:
    """The same day ``months`` earlier (the 31st falls back to the month's end)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def preset_period(preset: str, today: date) -> Period:
    if preset not in PRESETS:
        preset = DEFAULT_PRESET
    _label, months = PRESETS[preset]
    if months:
        start = months_back(today, months) + timedelta(days=1)
    else:
        start = today - timedelta(days=29)
    return Period(start=start, end=today, preset=preset)


class PeriodForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Période"),
        required=False,
        choices=[
            *((key, label) for key, (label, _months) in PRESETS.items()),
            (CUSTOM, _("Dates choisies")),
        ],
        error_messages={
            "invalid_choice": _(
                "Cette période n'existe pas. Choisissez-en une dans la liste."
            )
        },
    )
    du = forms.DateField(
        label=_("Du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("La date de début n'est pas une date (jj/mm/aaaa).")
        },
    )
    au = forms.DateField(
        label=_("Au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("La date de fin n'est pas une date (jj/mm/aaaa).")
        },
    )

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        start, end = cleaned.get("du"), cleaned.get("au")
        preset = cleaned.get("periode")
        custom = preset == CUSTOM or (not preset and bool(start or end))
        if not custom:
            return cleaned
        cleaned["periode"] = CUSTOM
        if start is None:
            raise forms.ValidationError(
                _("Indiquez la date de début de la période."), code="no_start"
            )
        if start < MIN_DATE:
            raise forms.ValidationError(
                _(
                    "La période commence le %(start)s : il n'y a pas de chiffres "
                    "avant l'an 2000. Choisissez une date plus récente."
                ),
                params={"start": start.strftime("%d/%m/%Y")},
                code="too_old",
            )
        if start > self.today:
            raise forms.ValidationError(
                _(
                    "La période commence le %(start)s, dans le futur : il n'y a "
                    "pas encore de chiffres. Choisissez une date passée."
                ),
                params={"start": start.strftime("%d/%m/%Y")},
                code="future",
            )
        if end is None or end > self.today:
            # Up to today: the future has no figures yet.
            end = self.today
        if end < start:
            raise forms.ValidationError(
                _("La fin de la période (%(end)s) est avant son début (%(start)s)."),
                params={
                    "end": end.strftime("%d/%m/%Y"),
                    "start": start.strftime("%d/%m/%Y"),
                },
                code="reversed",
            )
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                _(
                    "La période est trop longue : deux ans au plus. Pour comparer "
                    "plusieurs années, exportez-les une par une."
                ),
                code="too_long",
            )
        cleaned["au"] = end
        return cleaned

    def period(self) -> Period:
        """The period asked for, or the default one when the form is invalid."""
        if not self.is_bound or not self.is_valid():
            return preset_period(DEFAULT_PRESET, self.today)
        data = self.cleaned_data
        if data.get("periode") == CUSTOM:
            return Period(start=data["du"], end=data["au"], preset=CUSTOM)
        return preset_period(data.get("periode") or DEFAULT_PRESET, self.today)


def period_from_request(request) -> tuple[Period, PeriodForm]:
    """The period to show and the form of dates chosen by hand.

    A bound form with errors keeps what was typed, next to its message; the
    figures are those of the default period.
    """
    data = {key: request.GET.get(key, "") for key in ("periode", "du", "au")}
    form = PeriodForm(data) if any(data.values()) else None
    if form is not None and (form.errors or form.cleaned_data["periode"] == CUSTOM):
        return form.period(), form
    period = form.period() if form is not None else None
    period = period or preset_period(DEFAULT_PRESET, timezone.localdate())
    # A preset: the date fields show its dates, ready to be adjusted.
    return period, PeriodForm(initial={"du": period.start, "au": period.end})
