"""The resident's own space: profile, portals, personal data, deletion."""

from allauth.account import views as allauth_views
from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from quartiers.portals import selectors as portal_selectors

from . import contributions, selectors, services
from .forms import DeleteAccountForm, JoinPortalForm, ProfileForm


class PortalSignupView(SignupView):
    """allauth's signup, with the portal chosen in advance from ?portail=slug."""

    def get_initial(self):
        initial = super().get_initial()
        slug = self.request.GET.get("portail", "")[:50]
        if slug:
            portal = portal_selectors.portal_by_slug(slug)
            if portal is not None:
                initial["portal"] = portal
        return initial


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.profile_update(
                    actor=user,
                    display_name=form.cleaned_data["display_name"],
                    bio=form.cleaned_data["bio"],
                    avatar_file=form.cleaned_data.get("avatar"),
                    remove_avatar=form.cleaned_data["remove_avatar"],
                )
            except ValidationError as error:
                form.add_error("avatar", error)
            else:
                messages.success(request, _("Votre profil est enregistré."))
                return redirect("accounts:profile")
    else:
        form = ProfileForm(initial={"display_name": user.display_name, "bio": user.bio})
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "join_form": JoinPortalForm(user=user),
            "memberships": selectors.memberships_of(user),
        },
    )


@login_required
@require_GET
def my_contributions(request):
    """Everything the person contributed to one of their portals, with its
    state and the animators' word; ?portail= picks the portal, ?type= a kind."""
    memberships = list(selectors.memberships_of(request.user))
    portals = [membership.portal for membership in memberships]
    slug = request.GET.get("portail", "")[:50]
    portal = next(
        (p for p in portals if p.slug == slug), portals[0] if portals else None
    )
    kinds = contributions.sources()
    kind = request.GET.get("type", "")[:30]
    if contributions.source(kind) is None:
        kind = ""
    page = (
        selectors.contributions_page(
            portal=portal,
            user=request.user,
            kind=kind,
            page_number=request.GET.get("page"),
        )
        if portal is not None
        else None
    )
    return render(
        request,
        "accounts/contributions.html",
        {
            "portals": portals,
            "current_portal": portal,
            "kinds": kinds,
            "kind": kind,
            "kind_label": contributions.source(kind).label if kind else "",
            "page_obj": page,
            "query": (
                urlencode({"portail": portal.slug, "type": kind}) + "&"
                if portal is not None
                else ""
            ),
        },
    )


@login_required
@require_POST
def join_portal(request):
    form = JoinPortalForm(request.POST, user=request.user)
    if form.is_valid():
        portal = form.cleaned_data["portal"]
        services.membership_join(portal=portal, actor=request.user)
        messages.success(
            request, _("Bienvenue dans le quartier %(name)s !") % {"name": portal.name}
        )
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": ProfileForm(
                initial={
                    "display_name": request.user.display_name,
                    "bio": request.user.bio,
                }
            ),
            "join_form": form,
            "memberships": selectors.memberships_of(request.user),
        },
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def personal_data(request):
    if request.method == "POST":
        archive = services.personal_data_archive(actor=request.user)
        stamp = timezone.localdate().isoformat()
        response = HttpResponse(archive, content_type="application/zip")
        response["Content-Disposition"] = (
            f'attachment; filename="avis-de-quartiers-mes-donnees-{stamp}.zip"'
        )
        return response
    return render(request, "accounts/personal_data.html")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    if request.method == "POST":
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            services.account_delete(
                actor=request.user,
                keep_contributions=form.cleaned_data["contributions"]
                == DeleteAccountForm.KEEP,
            )
            logout(request)
            messages.success(
                request, _("Votre compte est supprimé. Merci d'avoir participé.")
            )
            return redirect("/")
    else:
        form = DeleteAccountForm()
    return render(request, "accounts/delete.html", {"form": form})


# --- Login by emailed code --------------------------------------------------
# allauth's code lived 3 minutes and, once expired, sent the person back to
# an empty form without a word. Someone who reads their mail on another
# device needs longer (ACCOUNT_LOGIN_BY_CODE_TIMEOUT), is told how long, and
# an expired code gets a message and the address already filled in, so a new
# code is one click away.
CODE_EMAIL_SESSION_KEY = "quartiers_login_code_email"


def _code_minutes() -> int:
    from allauth.account import app_settings

    return max(1, app_settings.LOGIN_BY_CODE_TIMEOUT // 60)


class RequestLoginCodeView(allauth_views.RequestLoginCodeView):
    def get_initial(self):
        initial = super().get_initial()
        email = self.request.session.get(CODE_EMAIL_SESSION_KEY, "")
        if email:
            initial["email"] = email
        return initial

    def form_valid(self, form):
        response = super().form_valid(form)
        email = form.cleaned_data.get("email") or ""
        if email:
            self.request.session[CODE_EMAIL_SESSION_KEY] = email
        messages.info(
            self.request,
            _(
                "Si un compte existe pour cette adresse, un code vient de lui être "
                "envoyé. Il reste valable %(minutes)s minutes : vous pouvez lire "
                "l'email sur un autre appareil, puis taper le code ici."
            )
            % {"minutes": _code_minutes()},
        )
        return response


def confirm_login_code(request):
    from allauth.account.internal import flows
    from allauth.account.stages import LoginByCodeStage, LoginStageController

    if not request.user.is_authenticated:
        stage = LoginStageController.enter(request, LoginByCodeStage.key)
        process = (
            flows.login_by_code.LoginCodeVerificationProcess.resume(stage)
            if stage
            else None
        )
        if process is None:
            messages.warning(
                request,
                _(
                    "Votre code a expiré ou a déjà servi. Demandez un nouveau code : "
                    "votre adresse est déjà remplie, il suffit de cliquer sur le "
                    "bouton."
                ),
            )
            return redirect("account_request_login_code")
    return allauth_views.confirm_login_code(request)
