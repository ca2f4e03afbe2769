from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from quartiers.uploads.forms import MultiplePhotoField, consent_field

from .models import (
    MAX_PHOTOS,
    PLACE_MAX,
    PRICE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Ad,
    validate_approximate_place,
)
from .services import CONTACT_MAX


class AdForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vous proposez ou vous cherchez ?"),
        choices=Ad.KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez le type d'annonce.")},
    )
    title = forms.CharField(
        label=_("Titre"),
        max_length=TITLE_MAX,
        help_text=_(
            "Par exemple « Poussette à donner » ou « Cherche cours de maths »."
        ),
        error_messages={
            "required": _("Donnez un titre à votre annonce."),
            "max_length": _(
                "Le titre est trop long : %(limit_value)s caractères au plus."
            ),
        },
    )
    category = forms.ChoiceField(
        label=_("Catégorie"), choices=Ad.CATEGORY_CHOICES, initial="autre"
    )
    text = forms.CharField(
        label=_("Votre annonce"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Décrivez en quelques lignes. Pas besoin de donner votre numéro : les voisins vous écrivent par le site."
        ),
        error_messages={
            "required": _("Écrivez quelques mots sur votre annonce."),
            "max_length": _(
                "Votre texte est trop long (%(show_value)s caractères ; %(limit_value)s au plus). Faites plus court."
            ),
        },
    )
    place = forms.CharField(
        label=_("Où ? (facultatif)"),
        max_length=PLACE_MAX,
        required=False,
        validators=[validate_approximate_place],
        help_text=_(
            "Une rue ou un repère, jamais une adresse exacte. Par exemple « près de la médiathèque »."
        ),
    )
    price = forms.DecimalField(
        label=_("Prix en euros (facultatif)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(PRICE_MAX),
        max_digits=8,
        decimal_places=2,
        # Localised: "7,50" in French, "7.50" in English, as people type it.
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Laissez vide pour un don, un échange ou un coup de main."),
        error_messages={
            "min_value": _("Le prix ne peut pas être négatif."),
            "max_value": _("Le prix ne peut pas dépasser %(limit_value)s euros."),
            "invalid": _("Indiquez un prix en chiffres, par exemple 15 ou 7,50."),
        },
    )
    photos = MultiplePhotoField(
        label=_("Photos (4 au plus, facultatif)"),
        required=False,
        help_text=_("Prises avec votre téléphone : leur localisation est effacée."),
        max_photos=MAX_PHOTOS,
    )
    photo_alt = forms.CharField(
        label=_("Que montrent les photos ?"),
        max_length=300,
        required=False,
        help_text=_(
            "Une phrase pour les personnes aveugles, par exemple « Une poussette bleue pliée »."
        ),
    )
    photo_consent = consent_field(
        _("Les photos montrent-elles des personnes reconnaissables ?"),
        allow_minors=False,
    )

    def __init__(self, *args, existing_photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_photos = list(existing_photos)
        if self.existing_photos:
            self.fields["remove_photos"] = forms.TypedMultipleChoiceField(
                label=_("Retirer des photos"),
                coerce=int,
                required=False,
                choices=[
                    (p.pk, p.image.alt_text or p.image.title)
                    for p in self.existing_photos
                ],
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        cleaned = super().clean()
        photos = cleaned.get("photos") or []
        if photos and not (cleaned.get("photo_alt") or "").strip():
            self.add_error(
                "photo_alt", _("Décrivez en une phrase ce que montrent les photos.")
            )
        kept = len(self.existing_photos) - len(cleaned.get("remove_photos") or [])
        if photos and kept + len(photos) > MAX_PHOTOS:
            self.add_error(
                "photos",
                _("Une annonce a %(max)s photos au plus : retirez-en d'abord.")
                % {"max": MAX_PHOTOS},
            )
        return cleaned


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        max_length=CONTACT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Votre adresse email sera transmise à la personne pour qu'elle puisse vous répondre, si elle le souhaite."
        ),
        error_messages={
            "required": _("Écrivez votre message."),
            "max_length": _(
                "Votre message est trop long : %(limit_value)s caractères au plus."
            ),
        },
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison du refus (la personne la lira)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Expliquez pourquoi l'annonce est refusée.")},
    )
