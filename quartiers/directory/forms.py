from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from quartiers.uploads import photos

from .models import LocalActor
from .services import PUBLIC_FIELDS

URL_MESSAGE = _(
    "Cette adresse web n'est pas valide. Copiez-la depuis votre navigateur, "
    "par exemple https://www.exemple.fr"
)
COORDINATE_PLACES = Decimal("0.00001")


class CoordinateField(forms.DecimalField):
    """A latitude or longitude as people copy it from a map: any precision."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            # Bounds are checked before rounding, so 1e400 or thirty digits get
            # the plain message instead of a decimal error.
            min_value=Decimal(-180),
            max_value=Decimal(180),
            error_messages={
                "invalid": _("Indiquez un nombre, par exemple 48.91234."),
                "min_value": _(
                    "Une latitude ou une longitude est comprise entre -180 et 180."
                ),
                "max_value": _(
                    "Une latitude ou une longitude est comprise entre -180 et 180."
                ),
            },
            **{"widget": forms.TextInput(attrs={"inputmode": "decimal"}), **kwargs},
        )

    def to_python(self, value):
        # A French keyboard types a comma: 48,9077 is 48.9077.
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def clean(self, value):
        value = super().clean(value)
        if value is None:
            return None
        return value.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP)


class ActorForm(forms.ModelForm):
    """The public form: a resident's suggestion or a partner's own profile.

    It validates with the model's rules (coordinates inside France, phone in
    digits); the write itself goes through the services.
    """

    # The place is given by its address; the point on the map comes only from
    # a click on the map (JavaScript fills these two hidden fields). Nobody
    # types a latitude, and without JavaScript the address alone is kept.
    latitude = CoordinateField(widget=forms.HiddenInput)
    longitude = CoordinateField(widget=forms.HiddenInput)
    logo_file = forms.FileField(
        label=_("Logo ou photo (facultatif)"),
        required=False,
        help_text=_("JPEG, PNG ou WebP. Sa localisation est effacée."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    logo_alt = forms.CharField(
        label=_("Que montre l'image ?"),
        max_length=300,
        required=False,
        help_text=_("Par exemple « Le logo de l'association, un arbre vert »."),
    )

    class Meta:
        model = LocalActor
        fields = list(PUBLIC_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "opening_hours": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        }
        labels = {
            "name": _("Nom"),
            "kind": _("Type d'acteur"),
            "description": _("Présentation"),
            "opening_hours": _("Horaires d'ouverture"),
            "facebook_url": _("Page Facebook"),
            "instagram_url": _("Compte Instagram"),
            "mastodon_url": _("Compte Mastodon"),
        }
        help_texts = {
            "description": _(
                "Ce que fait l'acteur, pour qui, comment le contacter. Laissez une "
                "ligne vide entre deux paragraphes."
            ),
            "opening_hours": _("Par exemple : lundi au vendredi, 9 h – 12 h."),
        }
        error_messages = {
            "name": {"required": _("Indiquez le nom de l'acteur.")},
            "email": {
                "invalid": _(
                    "Cette adresse email n'est pas valide, par exemple "
                    "contact@exemple.fr"
                )
            },
            "website": {"invalid": URL_MESSAGE},
            "facebook_url": {"invalid": URL_MESSAGE},
            "instagram_url": {"invalid": URL_MESSAGE},
            "mastodon_url": {"invalid": URL_MESSAGE},
        }

    ADDRESS_FIELDS = ("address", "postcode", "town")
    MAP_MESSAGE = _(
        "Le point placé sur la carte n'est pas valide : cliquez de nouveau sur "
        "la carte, ou laissez seulement l'adresse."
    )

    def clean(self):
        cleaned = super().clean()
        # The two hidden fields cannot show an error next to them.
        if any(name in self.errors for name in ("latitude", "longitude")):
            for name in ("latitude", "longitude"):
                self.errors.pop(name, None)
                cleaned[name] = None
            self.add_error(None, self.MAP_MESSAGE)
        # A new address without a new point on the map: the old point would
        # show the old place, so it goes (the address is enough to find it).
        moved = any(name in self.changed_data for name in self.ADDRESS_FIELDS)
        pointed = any(n in self.changed_data for n in ("latitude", "longitude"))
        if moved and not pointed:
            cleaned["latitude"] = cleaned["longitude"] = None
        return cleaned

    def clean_logo_file(self):
        uploaded = self.cleaned_data.get("logo_file")
        if not uploaded:
            return None
        return photos.validate_photo(uploaded)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PUBLIC_FIELDS}
