from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
    """Share with the whole network, or with chosen groups and portals.

    With many portals one checkbox each is unusable: portals are found by a
    search (a "Chercher" button that keeps everything typed, so it works
    without JavaScript) and groups (a department, a network of
    neighbourhoods) are ticked as one.
    """

    scope = forms.ChoiceField(
        label=_("Avec qui partager ?"),
        choices=[
            (
                SCOPE_NETWORK,
                _("Tout le réseau (y compris les quartiers qui le rejoindront)"),
            ),
            (SCOPE_CHOSEN, _("Les groupes et les quartiers que je choisis")),
        ],
        initial=SCOPE_NETWORK,
        widget=forms.RadioSelect,
    )
    groups = forms.MultipleChoiceField(
        label=_("Groupes de quartiers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Un groupe reçoit le partage, y compris les quartiers qui le "
            "rejoindront plus tard."
        ),
    )
    q = forms.CharField(
        label=_("Chercher un quartier"),
        required=False,
        max_length=100,
        help_text=_(
            "Son nom ou sa commune, puis « Chercher » : les quartiers trouvés "
            "s'ajoutent à la liste ci-dessous, sans perdre ce que vous avez "
            "coché ou écrit."
        ),
    )
    targets = forms.MultipleChoiceField(
        label=_("Quartiers choisis"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
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

    def __init__(
        self, *args, portals=(), groups=(), already=frozenset(), more=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = [
            (
                str(p.pk),
                f"{p.name} ({p.town})"
                + (f" — {_('déjà proposé')}" if p.pk in already else ""),
            )
            for p in portals
        ]
        if more:
            self.fields["targets"].help_text = _(
                "D'autres quartiers correspondent : précisez la recherche pour "
                "les trouver."
            )
        by_kind: dict[str, list] = {}
        for group in groups:
            count = getattr(group, "portal_count", None)
            label = str(group)
            if count is not None:
                label += " — " + (
                    ngettext("%(n)s quartier", "%(n)s quartiers", count) % {"n": count}
                )
            by_kind.setdefault(group.get_kind_display(), []).append(
                (str(group.pk), label)
            )
        self.fields["groups"].choices = list(by_kind.items())
        if not groups:
            del self.fields["groups"]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("scope") == SCOPE_CHOSEN
            and not cleaned.get("targets")
            and not cleaned.get("groups")
        ):
            self.add_error(
                "targets",
                _(
                    "Cochez au moins un quartier ou un groupe, ou choisissez "
                    "« Tout le réseau »."
                ),
            )
        return cleaned
