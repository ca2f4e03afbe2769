from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Report
from .services import DETAILS_MAX_LENGTH, NOTE_MAX_LENGTH, REVIEW_MAX_LENGTH


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi signalez-vous ce contenu ?"),
        choices=Report.REASON_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez la raison de votre signalement."),
            "invalid_choice": _("Choisissez la raison de votre signalement."),
        },
    )
    details = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce qui pose problème, en quelques mots."),
        error_messages={
            "max_length": _(
                "Vos précisions sont trop longues : %(limit_value)s caractères au plus."
            )
        },
    )
    email = forms.EmailField(
        label=_("Votre adresse email"),
        help_text=_(
            "Elle ne sera pas publiée. L'équipe d'animation pourra vous répondre."
        ),
        error_messages={
            "required": _("Indiquez votre adresse email."),
            "invalid": _(
                "Cette adresse email n'est pas valide (exemple : prenom@exemple.fr)."
            ),
        },
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            # Members are known by their account.
            del self.fields["email"]


class DecisionForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Pourquoi votre contribution devrait-elle revenir en ligne ?"),
        max_length=REVIEW_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("L'équipe d'animation lira votre message avant de décider."),
        error_messages={
            "required": _(
                "Expliquez en quelques mots pourquoi votre contribution devrait "
                "revenir."
            ),
            "max_length": _(
                "Votre message est trop long : %(limit_value)s caractères au plus."
            ),
        },
    )
