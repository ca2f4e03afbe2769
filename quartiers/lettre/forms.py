from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Subscriber


class FollowForm(forms.Form):
    targets = forms.MultipleChoiceField(
        label=_("Ce que je veux suivre"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Cochez au moins une chose à suivre."),
            "invalid_choice": _("On ne peut pas suivre cela dans ce quartier."),
        },
    )
    email = forms.EmailField(
        label=_("Mon adresse email"),
        max_length=254,
        help_text=_("Vous recevrez un lien pour confirmer : rien n'est envoyé avant."),
        error_messages={
            "required": _("Indiquez votre adresse email."),
            "invalid": _("Cette adresse email n'est pas valide."),
        },
    )

    def __init__(self, *args, choices, needs_email: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = choices
        if not needs_email:
            del self.fields["email"]


class PreferencesForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Je reçois les nouvelles par email"),
        choices=Subscriber.FREQUENCY_CHOICES,
        widget=forms.RadioSelect,
    )


class AttendanceForm(forms.Form):
    name = forms.CharField(
        label=_("Votre nom ou prénom"),
        max_length=100,
        error_messages={"required": _("Indiquez votre nom ou votre prénom.")},
    )
    email = forms.EmailField(
        label=_("Votre adresse email"),
        max_length=254,
        help_text=_(
            "Pour vous rappeler l'événement la veille et vous prévenir d'un changement."
        ),
        error_messages={
            "required": _("Indiquez votre adresse email."),
            "invalid": _("Cette adresse email n'est pas valide."),
        },
    )

    def __init__(self, *args, anonymous: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not anonymous:
            del self.fields["email"]
            self.fields["name"].required = False


class EventOptionsForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Nombre de places"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Laissez vide s'il n'y a pas de limite."),
        error_messages={"invalid": _("Indiquez un nombre entier.")},
    )
    registrations_open = forms.BooleanField(
        label=_("Inscriptions ouvertes"), required=False
    )


class LetterEditForm(forms.Form):
    intro = forms.CharField(
        label=_("Le mot de l'équipe (en tête de la lettre)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
