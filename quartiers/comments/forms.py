from django import forms
from django.utils.translation import gettext_lazy as _

from .services import max_length


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Votre commentaire"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Checked against the page by the service; a reply to a reply joins its thread.
    parent = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = max_length()
        self.fields["body"] = forms.CharField(
            label=_("Votre commentaire"),
            max_length=limit,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={
                "required": _("Votre commentaire est vide : écrivez quelques mots."),
                "max_length": _(
                    "Votre commentaire est trop long (%(show_value)s caractères) : "
                    "%(limit_value)s au plus. Raccourcissez-le ou coupez-le en deux."
                ),
            },
        )
