"""The widget builder's form (a GET form: it works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import widgets


def _optional(choices: dict, everything) -> list[tuple[str, str]]:
    return [("", everything), *((slug, str(label)) for slug, label in choices.items())]


class WidgetBuilderForm(forms.Form):
    contenu = forms.ChoiceField(
        label=_("Que voulez-vous montrer ?"), widget=forms.RadioSelect
    )
    rubrique = forms.ChoiceField(
        label=_("Rubrique du journal"),
        required=False,
        help_text=_("Pour les articles."),
    )
    motcle = forms.CharField(
        label=_("Mot-clé"),
        required=False,
        max_length=widgets.MAX_TEXT,
        help_text=_("Pour les articles : seulement ceux qui portent ce mot-clé."),
    )
    categorie = forms.ChoiceField(
        label=_("Catégorie d'événements"),
        required=False,
        help_text=_("Pour les événements."),
    )
    type = forms.ChoiceField(
        label=_("Type d'annonce"), required=False, help_text=_("Pour les annonces.")
    )
    acteur = forms.ChoiceField(
        label=_("Acteur du quartier"),
        required=False,
        help_text=_(
            "Pour les événements d'un acteur (obligatoire), ou pour ne garder "
            "que ses événements dans l'agenda."
        ),
    )
    nombre = forms.IntegerField(
        label=_("Combien d'éléments ?"),
        min_value=1,
        max_value=widgets.MAX_ITEMS,
        initial=widgets.DEFAULT_ITEMS,
        required=False,
        help_text=_("De 1 à %(max)s.") % {"max": widgets.MAX_ITEMS},
    )
    jours = forms.IntegerField(
        label=_("Jusqu'à combien de jours à l'avance ?"),
        min_value=1,
        max_value=widgets.MAX_DAYS,
        initial=widgets.DEFAULT_DAYS,
        required=False,
        help_text=_("Pour les événements : de 1 à %(max)s jours.")
        % {"max": widgets.MAX_DAYS},
    )
    theme = forms.ChoiceField(
        label=_("Apparence"),
        choices=list(widgets.THEMES.items()),
        initial="clair",
        widget=forms.RadioSelect,
        required=False,
    )
    taille = forms.ChoiceField(
        label=_("Taille"),
        choices=[(key, label) for key, (_w, _h, label) in widgets.SIZES.items()],
        initial=widgets.DEFAULT_SIZE,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, kinds, choices: widgets.Choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contenu"].choices = [(k.slug, k.title) for k in kinds]
        self.fields["rubrique"].choices = _optional(
            choices.rubriques, _("Toutes les rubriques")
        )
        self.fields["categorie"].choices = _optional(
            choices.categories, _("Toutes les catégories")
        )
        self.fields["type"].choices = _optional(choices.ad_kinds, _("Tous les types"))
        self.fields["acteur"].choices = _optional(
            {slug: actor.name for slug, actor in choices.actors.items()},
            _("Aucun en particulier"),
        )
        for name in ("rubrique", "categorie", "type", "acteur"):
            if len(self.fields[name].choices) < 2:
                # Nothing to pick on this portal: the field would only confuse.
                del self.fields[name]

    def widget_params(self) -> dict:
        """The cleaned values, as the widget's query parameters."""
        data = self.cleaned_data
        params = {
            name: data.get(name)
            for name in ("rubrique", "motcle", "categorie", "type", "acteur", "theme")
            if data.get(name)
        }
        for name in ("nombre", "jours"):
            if data.get(name) is not None:
                params[name] = str(data[name])
        return params
