from django import forms
from django.utils.translation import gettext_lazy as _

from quartiers.uploads import photos as images
from quartiers.uploads.models import PortalImage

MAX_TITLE = 200
MAX_TEXT = 50_000

# The answer to "does the photo show recognisable people?"
PEOPLE_NONE = "none"
PEOPLE_AGREED = "agreed"
PEOPLE_PARENT = "parent"
PEOPLE_NOT_ASKED = "not_asked"
CONSENT_FOR_ANSWER = {
    PEOPLE_NONE: PortalImage.CONSENT_NOT_NEEDED,
    PEOPLE_AGREED: PortalImage.CONSENT_GIVEN,
    PEOPLE_PARENT: PortalImage.CONSENT_PARENT,
}


def check_photo(uploaded):
    """Refuse, before anything is stored, a photo too heavy or unreadable."""
    return images.validate_photo(uploaded)


class BlogOpenForm(forms.Form):
    title = forms.CharField(
        label=_("Nom de votre blog"),
        max_length=120,
        help_text=_("Par exemple « Les carnets de Samia » ou « Au jardin du 12 »."),
        error_messages={"required": _("Donnez un nom à votre blog.")},
    )
    presentation = forms.CharField(
        label=_("Quelques mots pour vous présenter"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Qui écrit, et de quoi vous aimeriez parler. 600 signes au plus."),
        error_messages={
            "max_length": _(
                "La présentation est trop longue (%(show_value)s signes ; "
                "%(limit_value)s au plus)."
            )
        },
    )


class PostForm(forms.Form):
    title = forms.CharField(
        label=_("Titre du billet"),
        max_length=MAX_TITLE,
        error_messages={
            "required": _("Donnez un titre à votre billet."),
            "max_length": _(
                "Le titre est trop long (%(show_value)s signes ; %(limit_value)s au "
                "plus)."
            ),
        },
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
                "Votre texte est trop long (%(show_value)s signes ; %(limit_value)s "
                "au plus). Coupez-le en plusieurs billets."
            ),
        },
    )
    photo = forms.FileField(
        label=_("Une photo (facultatif)"),
        required=False,
        help_text=_(
            "JPEG, PNG ou WebP, 10 Mo au plus. Sa localisation et les "
            "informations de l'appareil sont effacées."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    photo_alt = forms.CharField(
        label=_("Que montre la photo ?"),
        max_length=300,
        required=False,
        help_text=_(
            "Une phrase pour les personnes aveugles, par exemple « Des enfants "
            "plantent des tomates au jardin partagé »."
        ),
    )
    photo_people = forms.ChoiceField(
        label=_("La photo montre-t-elle des personnes reconnaissables ?"),
        choices=[
            (PEOPLE_NONE, _("Non, personne n'est reconnaissable")),
            (PEOPLE_AGREED, _("Oui, et elles sont d'accord pour être publiées")),
            (PEOPLE_PARENT, _("Oui, un·e mineur·e, et un parent est d'accord")),
            (PEOPLE_NOT_ASKED, _("Oui, mais je ne leur ai pas demandé")),
        ],
        initial=PEOPLE_NONE,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, current_photo=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_photo = current_photo
        if current_photo is not None:
            self.fields["photo"].label = _("Changer de photo (facultatif)")
            self.fields["remove_photo"] = forms.BooleanField(
                label=_("Retirer la photo actuelle"), required=False
            )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        return check_photo(photo) if photo else None

    def clean(self):
        cleaned = super().clean()
        new_photo = cleaned.get("photo")
        keeps_photo = self.current_photo is not None and not cleaned.get("remove_photo")
        if (new_photo or keeps_photo) and not (cleaned.get("photo_alt") or "").strip():
            self.add_error(
                "photo_alt", _("Décrivez en une phrase ce que montre la photo.")
            )
        if new_photo:
            people = cleaned.get("photo_people")
            if not people:
                self.add_error(
                    "photo_people",
                    _("Dites-nous si la photo montre des personnes reconnaissables."),
                )
            elif people == PEOPLE_NOT_ASKED:
                self.add_error(
                    "photo_people",
                    _(
                        "Sans leur accord, la photo ne peut pas être publiée. "
                        "Demandez-le, ou choisissez une photo où personne n'est "
                        "reconnaissable."
                    ),
                )
        return cleaned

    @property
    def consent(self) -> str:
        return CONSENT_FOR_ANSWER.get(
            self.cleaned_data.get("photo_people") or PEOPLE_NONE,
            PortalImage.CONSENT_NOT_NEEDED,
        )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Votre message à l'auteur ou l'autrice (il ou elle le lira)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Expliquez pourquoi le billet est refusé."),
            "max_length": _(
                "Votre message est trop long : %(limit_value)s caractères au plus."
            ),
        },
    )
