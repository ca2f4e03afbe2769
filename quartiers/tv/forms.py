"""The "Ajouter une vidéo" form of the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartiers.uploads.forms import CaptionsFileField, VideoFileField

from .models import CAPTIONS_LANGUAGES, Programme


class VideoUploadForm(forms.Form):
    title = forms.CharField(
        label=_("Titre de la vidéo"),
        max_length=200,
        help_text=_("Court et clair, par exemple « La fête des voisins 2025 »."),
    )
    video = VideoFileField(label=_("Fichier vidéo"))
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("Aucun programme"),
    )
    captions = CaptionsFileField(
        label=_("Sous-titres (facultatif)"),
        required=False,
        help_text=_(
            "Un fichier WebVTT (.vtt). Vous pourrez aussi l'ajouter plus tard."
        ),
    )
    captions_language = forms.ChoiceField(
        label=_("Langue des sous-titres"), choices=CAPTIONS_LANGUAGES, initial="fr"
    )

    def __init__(self, *args, portal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(portal=portal)
