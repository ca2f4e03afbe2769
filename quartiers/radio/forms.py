from django import forms
from django.utils.translation import gettext_lazy as _

from quartiers.uploads.forms import AudioFileField


class TestimonyForm(forms.Form):
    """A resident's audio testimony (recorded in the browser, or a file)."""

    title = forms.CharField(
        label=_("Titre de votre témoignage"),
        max_length=120,
        help_text=_("Quelques mots, par exemple « Mon marché du samedi »."),
        error_messages={"required": _("Donnez un titre à votre témoignage.")},
    )
    audio = AudioFileField(
        label=_("Fichier son"),
        resident=True,
        help_text=_(
            "Enregistrez-vous avec votre téléphone, ou choisissez un fichier son "
            "(MP3, M4A, WAV, OGG…)."
        ),
        error_messages={
            "required": _("Enregistrez-vous ou choisissez un fichier son."),
        },
    )
    description = forms.CharField(
        label=_("Quelques mots pour présenter votre témoignage (facultatif)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_("J'accepte que mon témoignage soit diffusé"),
        help_text=_(
            "Sur la radio du quartier et dans ses podcasts, après écoute par "
            "l'équipe d'animation. Vous pouvez changer d'avis : écrivez-lui."
        ),
        error_messages={
            "required": _(
                "Cochez la case pour accepter que votre témoignage soit diffusé : "
                "sans votre accord, nous ne pouvons pas le publier."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The phone offers its recorder for this input; the script adds one
        # in the page when the browser can record.
        self.fields["audio"].widget.attrs.update(
            {"capture": "user", "data-recorder-input": ""}
        )


class BoundedModelChoiceField(forms.ModelChoiceField):
    """One of the list; an absurd id is an invalid choice, not a crash
    (SQLite refuses integers over 64 bits)."""

    def to_python(self, value):
        if isinstance(value, str) and value.isdigit() and int(value) >= 2**63:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class EpisodeUploadForm(forms.Form):
    """The animator's "Ajouter un épisode" screen in the admin."""

    show = BoundedModelChoiceField(
        label=_("Émission"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choisissez une émission de la liste.")},
    )
    title = forms.CharField(
        label=_("Titre de l'épisode"),
        max_length=255,
        error_messages={"required": _("Donnez un titre à l'épisode.")},
    )
    audio = AudioFileField(
        label=_("Fichier son"),
        help_text=_(
            "MP3, M4A, WAV, OGG ou FLAC. Le son est préparé en arrière-plan "
            "(volume égalisé, MP3) : vous pourrez publier quand il sera prêt."
        ),
    )

    def __init__(self, *args, shows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].queryset = shows


class EpisodeSoundForm(forms.Form):
    """Replace the sound of an existing episode."""

    audio = AudioFileField(label=_("Nouveau fichier son"))
