from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Share
from .services import NOTE_MAX

SCOPE_NETWORK = "network"
SCOPE_CHOSEN = "chosen"

AUDIENCE_HELP = {
    Share.AUDIENCE_PORTAL: _(
        "Seuls les quartiers qui l'acceptent le montrent, dans leurs listes."
    ),
    Share.AUDIENCE_NETWORK: _(
        "Les quartiers qui l'acceptent le montrent, et toutes les équipes "
        "d'animation du réseau le voient dans leurs idées à reprendre."
    ),
    Share.AUDIENCE_PUBLIC: _(
        "En plus, il peut être mis en avant sur l'accueil du réseau, pour tout "
        "le monde."
    ),
}


class ShareForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Avec qui partager ?"),
        choices=[
            (SCOPE_NETWORK, _("Tout le réseau")),
            (SCOPE_CHOSEN, _("Les quartiers que je choisis")),
        ],
        initial=SCOPE_NETWORK,
        widget=forms.RadioSelect,
    )
    targets = forms.MultipleChoiceField(
        label=_("Quartiers choisis"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Seulement si vous avez choisi « Les quartiers que je choisis »."),
    )
    note = forms.CharField(
        label=_("Un mot pour les équipes qui le recevront (facultatif)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pourquoi ce contenu peut les intéresser."),
    )
    audience = forms.ChoiceField(
        label=_("Qui peut le voir ?"),
        choices=[
            (value, f"{label} — {AUDIENCE_HELP[value]}")
            for value, label in Share.AUDIENCE_CHOICES
        ],
        initial=Share.AUDIENCE_NETWORK,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, portals=(), already=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = [
            (
                str(p.pk),
                f"{p.name} ({p.town})"
                + (f" — {_('déjà proposé')}" if p.pk in already else ""),
            )
            for p in portals
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == SCOPE_CHOSEN and not cleaned.get("targets"):
            self.add_error(
                "targets",
                _("Cochez au moins un quartier, ou choisissez « Tout le réseau »."),
            )
        return cleaned
