"""The page an invitation link opens: accept, creating the account if needed.

GET only reads (a link previewed by a mail client changes nothing); the
invitation is used by the POST of the person who accepts.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from quartiers.portals import invitations

BACKEND = "django.contrib.auth.backends.ModelBackend"


class NewAccountForm(forms.Form):
    display_name = forms.CharField(
        label=gettext_lazy("Nom affiché (facultatif)"),
        max_length=60,
        required=False,
        help_text=gettext_lazy(
            "Un prénom ou un pseudo : c'est ce que les autres verront."
        ),
    )
    password = forms.CharField(
        label=gettext_lazy("Mot de passe (facultatif)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy(
            "Au moins 10 caractères, pas seulement des chiffres. Sans mot de passe, "
            "vous vous connecterez avec un code reçu par email."
        ),
    )


def _context(token: str, state, **extra) -> dict:
    invitation = state.invitation
    return {
        "token": token,
        "state": state,
        "invitation": invitation,
        "portal": invitation.portal if invitation else None,
        **extra,
    }


@require_http_methods(["GET", "POST"])
def accept(request, token: str):
    state = invitations.invitation_from_token(token)
    if not state.usable:
        return render(
            request, "accounts/invitation.html", _context(token, state), status=410
        )
    assert state.invitation is not None
    user = request.user if request.user.is_authenticated else None
    has_account = user is None and invitations.account_exists(state.invitation.email)
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and (user is not None or form.is_valid()):
        try:
            membership, person = invitations.invitation_accept(
                token=token,
                actor=user,
                display_name=form.cleaned_data.get("display_name", "")
                if user is None
                else "",
                password=form.cleaned_data.get("password", "") if user is None else "",
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.error(request, " ".join(error.messages))
        else:
            if user is None:
                login(request, person, backend=BACKEND)
            messages.success(
                request,
                _("Bienvenue dans le quartier %(portal)s : vous y êtes %(role)s.")
                % {
                    "portal": membership.portal.name,
                    "role": membership.get_role_display().lower(),
                },
            )
            if membership.role == membership.ANIMATOR and person.is_staff:
                return redirect("/admin/")
            return redirect(membership.portal.get_absolute_url())
    return render(
        request,
        "accounts/invitation.html",
        _context(token, state, form=form, has_account=has_account, user=user),
        status=400 if request.method == "POST" else 200,
    )
