from django import forms
from django.utils.translation import gettext_lazy as _

from quartiers.uploads.forms import AudioFileField, MultiplePhotoField, consent_field

MAX_TEXT = 50_000
MAX_PHOTOS = 4


class SubmissionForm(forms.Form):
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        error_messages={"required": _("Donnez un titre à votre article.")},
    )
    rubrique = forms.TypedChoiceField(
        label=_("Rubrique"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        label=_("Votre texte"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Écrivez comme vous parlez. Laissez une ligne vide entre deux paragraphes."
        ),
        error_messages={
            "required": _("Écrivez quelques lignes avant d'envoyer."),
            "max_length": _(
                "Votre texte est trop long (%(show_value)s caractères ; %(limit_value)s au plus). Coupez-le en plusieurs articles."
            ),
        },
    )
    photos = MultiplePhotoField(
        label=_("Photos (4 au plus)"),
        required=False,
        max_photos=MAX_PHOTOS,
        help_text=_(
            "Vous pouvez prendre les photos avec votre téléphone. Leur localisation est effacée."
        ),
    )
    photo_alt = forms.CharField(
        label=_("Que montrent les photos ?"),
        max_length=300,
        required=False,
        help_text=_(
            "Une phrase pour les personnes aveugles, par exemple « Des enfants plantent des tomates au jardin partagé »."
        ),
    )
    photo_consent = consent_field(
        _("Les photos montrent-elles des personnes reconnaissables ?")
    )
    # Checked like every sound (ffprobe): a renamed page, program or image
    # is refused; its tags are removed before anyone can download it.
    audio = AudioFileField(
        label=_("Un enregistrement sonore (facultatif)"),
        required=False,
        resident=True,
        help_text=_("MP3, M4A, OGG ou WAV, 50 Mo au plus."),
    )

    def __init__(self, *args, rubriques=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubrique"].choices = [
            ("", _("Je ne sais pas, l'équipe choisira"))
        ] + [(r.pk, r.name) for r in rubriques]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photos") and not (cleaned.get("photo_alt") or "").strip():
            self.add_error(
                "photo_alt", _("Décrivez en une phrase ce que montrent les photos.")
            )
        return cleaned


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison du refus (l'auteur ou l'autrice la lira)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Expliquez pourquoi l'article est refusé.")},
    )
