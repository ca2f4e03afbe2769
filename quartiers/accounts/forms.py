from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quartiers.portals.selectors import listed_portals
from quartiers.uploads import photos as images

from . import services


class PortalSignupForm(forms.Form):
    """Extra fields on allauth's signup form: the person joins a portal at once."""

    display_name = forms.CharField(
        label=_("Nom affiché (facultatif)"),
        max_length=60,
        required=False,
        help_text=_("Un prénom ou un pseudo : c'est ce que les autres verront."),
    )
    portal = forms.ModelChoiceField(
        label=_("Votre quartier"),
        # Only open portals with an animator; others join by invitation.
        queryset=listed_portals().order_by("name"),
        empty_label=_("Choisissez votre quartier"),
        error_messages={
            "required": _("Choisissez le quartier que vous voulez rejoindre."),
            "invalid_choice": _(
                "Ce quartier n'existe pas. Choisissez-en un dans la liste."
            ),
        },
    )

    field_order = ["email", "portal", "display_name", "password1"]

    def signup(self, request, user) -> None:
        user.display_name = self.cleaned_data.get("display_name", "").strip()
        user.save(update_fields=["display_name"])
        services.membership_join(portal=self.cleaned_data["portal"], actor=user)


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Nom affiché"), max_length=60, required=False
    )
    bio = forms.CharField(
        label=_("Quelques mots sur vous"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    avatar = forms.FileField(
        label=_("Photo (facultative)"),
        required=False,
        help_text=_("JPEG, PNG ou WebP, 5 Mo au plus. Sa localisation est effacée."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    remove_avatar = forms.BooleanField(label=_("Retirer ma photo"), required=False)

    def clean_avatar(self):
        uploaded = self.cleaned_data.get("avatar")
        if uploaded:
            # Check now so that the form is shown again with a plain message;
            # the service re-encodes it once, without metadata.
            images.validate_photo(
                uploaded,
                max_bytes=settings.QUARTIERS_AVATAR_MAX_BYTES,
                max_pixels=settings.QUARTIERS_AVATAR_MAX_PIXELS,
            )
        return uploaded


class JoinPortalForm(forms.Form):
    portal = forms.ModelChoiceField(
        label=_("Rejoindre un autre quartier"),
        queryset=listed_portals().order_by("name"),
        empty_label=_("Choisissez un quartier"),
        error_messages={
            "required": _("Choisissez un quartier."),
            "invalid_choice": _("Ce quartier n'existe pas."),
        },
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["portal"].queryset = (
                listed_portals().exclude(memberships__user=user).order_by("name")
            )


class DeleteAccountForm(forms.Form):
    KEEP = "keep"
    REMOVE = "remove"
    contributions = forms.ChoiceField(
        label=_("Que faire de vos contributions publiées ?"),
        choices=[
            (REMOVE, _("Les supprimer avec mon compte")),
            (KEEP, _("Les laisser en ligne, signées « ancien·ne participant·e »")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez ce que deviennent vos contributions.")
        },
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que la suppression est définitive."),
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contributions") not in (self.KEEP, self.REMOVE, None):
            raise ValidationError(_("Choix inconnu."))
        return cleaned
