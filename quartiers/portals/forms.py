from django import forms
from django.utils.translation import gettext_lazy as _

from .features import registry
from .models import Portal


def _section_choices():
    return [(section.key, section.title) for section in registry.sections()]


class PortalSettingsForm(forms.ModelForm):
    """What an animator may change about their portal."""

    enabled_sections = forms.MultipleChoiceField(
        label=_("Rubriques ouvertes"),
        choices=_section_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Une rubrique fermée disparaît du menu et répond « page introuvable »."
        ),
    )

    class Meta:
        model = Portal
        fields = [
            "name",
            "town",
            "presentation",
            "primary_color",
            "accent_color",
            "logo",
            "moderation_mode",
            "enabled_sections",
            "contact_email",
            "contact_phone",
            "website_url",
            "mastodon_url",
            "facebook_url",
            "instagram_url",
            "youtube_url",
            "latitude",
            "longitude",
        ]
        widgets = {
            "primary_color": forms.TextInput(attrs={"type": "color"}),
            "accent_color": forms.TextInput(attrs={"type": "color"}),
            "moderation_mode": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.images.widgets import AdminImageChooser

        self.fields["logo"].widget = AdminImageChooser()


class PortalCreateForm(forms.Form):
    slug = forms.SlugField(
        label=_("Identifiant dans l'adresse"),
        max_length=50,
        help_text=_(
            "Par exemple « les-tilleuls » : le portail sera à l'adresse /les-tilleuls/."
        ),
    )
    name = forms.CharField(label=_("Nom du quartier"), max_length=100)
    town = forms.CharField(label=_("Commune"), max_length=100)
    presentation = forms.CharField(
        label=_("Présentation"), max_length=1000, required=False, widget=forms.Textarea
    )


class PortalAddressForm(forms.Form):
    slug = forms.SlugField(
        label=_("Nouvel identifiant dans l'adresse"),
        max_length=50,
        help_text=_(
            "Lettres minuscules, chiffres et tirets. Les anciennes adresses "
            "renverront vers les nouvelles : les liens des partenaires et les "
            "abonnements continueront de marcher."
        ),
        error_messages={
            "invalid": _(
                "Utilisez seulement des lettres minuscules sans accent, des "
                "chiffres et des tirets, par exemple « les-tilleuls »."
            )
        },
    )


class MemberRoleForm(forms.Form):
    from quartiers.accounts.models import Membership

    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.ROLE_CHOICES)
