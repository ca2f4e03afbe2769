"""Public and residents' screens of the classifieds, hung under /<p>/annonces/.

Views are thin: parse, call one service or selector, answer. Each route view
receives the portal's ClassifiedsIndexPage first (see SectionRoute).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartiers.core import ratelimit
from quartiers.portals import access

from . import selectors, services
from .forms import AdForm, ContactForm
from .models import Ad

KIND_EMPTY = {
    Ad.OFFER: gettext_lazy(
        "Aucune offre pour l'instant. Vous avez quelque chose à proposer ?"
    ),
    Ad.REQUEST: gettext_lazy(
        "Aucune demande pour l'instant. Il vous manque quelque chose ? Demandez, un voisin l'a peut-être."
    ),
    Ad.GIFT: gettext_lazy(
        "Rien à donner pour l'instant. Un objet qui dort dans un placard fera peut-être le bonheur d'un voisin."
    ),
    Ad.SWAP: gettext_lazy(
        "Aucun échange proposé pour l'instant. Troquez ce qui ne vous sert plus !"
    ),
    Ad.LOAN: gettext_lazy(
        "Aucun prêt pour l'instant. Une perceuse, un escabeau, une tente ? Prêtez-les entre voisins."
    ),
    Ad.HELP: gettext_lazy(
        "Aucun coup de main proposé ou demandé pour l'instant. Un déménagement, des courses ? Demandez."
    ),
    Ad.JOB: gettext_lazy(
        "Aucun petit job pour l'instant. Garde d'enfants, jardinage, soutien scolaire : proposez-en un."
    ),
}
EXPIRING_SOON = services.REMINDER_BEFORE


def _render(page, request, template, context, status=200):
    # Not page.get_context(): that would run the listing's queries.
    base = {"page": page, "self": page, "request": request, "section": page.section}
    return TemplateResponse(request, template, {**base, **context}, status=status)


def _urls(page, request) -> dict:
    root = page.get_url(request)
    return {
        "index_url": root,
        "new_url": root + "deposer/",
        "mine_url": root + "mes-annonces/",
    }


def _login(request):
    return redirect_to_login(request.get_full_path())


# --- Public ------------------------------------------------------------------


def index_context(page, request) -> dict:
    """The list at /<p>/annonces/: filters by kind and category, search, pages."""
    kinds = dict(Ad.KIND_CHOICES)
    categories = dict(Ad.CATEGORY_CHOICES)
    kind = request.GET.get("type", "")
    kind = kind if kind in kinds else ""
    category = request.GET.get("categorie", "")
    category = category if category in categories else ""
    q = selectors.clean_search(request.GET.get("q"))
    ads_page = selectors.ads_page(
        portal=request.portal,
        kind=kind,
        category=category,
        q=q,
        page_number=request.GET.get("page"),
    )

    def query(**changes) -> str:
        params = {"type": kind, "categorie": category, "q": q, **changes}
        return urlencode({k: v for k, v in params.items() if v})

    return {
        **_urls(page, request),
        "ads_page": ads_page,
        "kind": kind,
        "kind_label": kinds.get(kind, ""),
        "category": category,
        "category_label": categories.get(category, ""),
        "q": q,
        "search_max": selectors.SEARCH_MAX,
        "kind_links": [
            {"key": k, "label": label, "query": query(type=k)}
            for k, label in Ad.KIND_CHOICES
        ],
        "all_kinds_query": query(type=""),
        "category_links": [
            {"key": c, "label": label, "query": query(categorie=c)}
            for c, label in Ad.CATEGORY_CHOICES
        ],
        "all_categories_query": query(categorie=""),
        "pagination_query": (query() + "&") if query() else "",
        "filtered": bool(kind or category or q),
        "empty_message": KIND_EMPTY.get(kind) if kind and not (category or q) else "",
    }


def ad_detail(page, request, ad_id):
    ad = selectors.public_ad(portal=request.portal, ad_id=ad_id)
    root = page.get_url(request)
    return _render(
        page,
        request,
        "classifieds/ad_page.html",
        {
            **_urls(page, request),
            "ad": ad,
            "photos": list(ad.photos.all()),
            "own": request.user.is_authenticated and ad.author_id == request.user.pk,
            "contact_url": f"{root}{ad.pk}/contacter/",
            "report_url": f"/reactions/signaler/annonce/{ad.pk}/",
        },
    )


def home_block_context(portal, request) -> dict | None:
    ads = selectors.latest_ads(portal)
    if not ads:
        return None
    return {"ads": ads}


# --- Residents: post, edit, follow --------------------------------------------


def _photos(data) -> list[services.Photo]:
    consent = data.get("photo_consent") or "not_needed"
    return [services.Photo(f, data["photo_alt"], consent) for f in data["photos"]]


def _ad_form(page, request, ad=None):
    portal = request.portal
    if not request.user.is_authenticated:
        return _login(request)
    member = access.role_in(request.user, portal) is not None
    existing = list(ad.photos.all()) if ad else []
    status = 200
    if request.method == "POST" and member:
        form = AdForm(request.POST, request.FILES, existing_photos=existing)
        if wait := ratelimit.wait_for("ad_post", request):
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            data = form.cleaned_data
            fields = {
                "kind": data["kind"],
                "category": data["category"],
                "title": data["title"],
                "text": data["text"],
                "place": data["place"],
                "price": data["price"],
                "photos": _photos(data),
            }
            try:
                if ad is None:
                    saved = services.ad_create(
                        portal=portal, actor=request.user, **fields
                    )
                else:
                    saved = services.ad_update(
                        portal=portal,
                        actor=request.user,
                        ad_id=ad.pk,
                        remove_photo_ids=data.get("remove_photos") or [],
                        **fields,
                    )
            except PermissionDenied as error:
                form.add_error(
                    None, str(error) or _("Vous ne pouvez pas déposer d'annonce ici.")
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                ratelimit.record("ad_post", request)
                if saved.status == Ad.PUBLISHED:
                    messages.success(request, _("Votre annonce est en ligne. Merci !"))
                    return redirect(f"{page.get_url(request)}{saved.pk}/")
                messages.success(
                    request,
                    _(
                        "Merci ! Votre annonce est envoyée à l'équipe d'animation, qui la relit avant de la mettre en ligne. Vous recevrez un email."
                    ),
                )
                return redirect(page.get_url(request) + "mes-annonces/")
        status = 400
    elif ad is not None:
        form = AdForm(
            initial={
                "kind": ad.kind,
                "category": ad.category,
                "title": ad.title,
                "text": ad.text,
                "place": ad.place,
                "price": ad.price,
            },
            existing_photos=existing,
        )
    else:
        form = AdForm(initial={"kind": request.GET.get("type") or None})
        if request.method == "POST":
            status = 403  # not a member: the page invites them to join
    return _render(
        page,
        request,
        "classifieds/ad_form.html",
        {**_urls(page, request), "form": form, "ad": ad, "membership": member},
        status=status,
    )


def ad_create(page, request):
    return _ad_form(page, request)


def ad_edit(page, request, ad_id):
    if not request.user.is_authenticated:
        return _login(request)
    ad = selectors.ad_for_author(
        portal=request.portal, author=request.user, ad_id=ad_id
    )
    if not ad.is_editable:
        messages.info(request, _("Cette annonce ne peut plus être modifiée."))
        return redirect(page.get_url(request) + "mes-annonces/")
    return _ad_form(page, request, ad)


def my_ads(page, request):
    if not request.user.is_authenticated:
        return _login(request)
    ads = list(selectors.ads_of(portal=request.portal, author=request.user))
    soon = timezone.now() + EXPIRING_SOON
    return _render(
        page,
        request,
        "classifieds/my_ads.html",
        {
            **_urls(page, request),
            "ads": ads,
            "soon": soon,
            "membership": access.role_in(request.user, request.portal) is not None,
        },
    )


def _owner_action(page, request, ad_id, action, done_message):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return _login(request)
    try:
        action(portal=request.portal, actor=request.user, ad_id=ad_id)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message)
    return redirect(page.get_url(request) + "mes-annonces/")


def ad_done(page, request, ad_id):
    return _owner_action(
        page,
        request,
        ad_id,
        services.ad_mark_done,
        _("Annonce terminée : elle n'apparaît plus dans la liste. Bonne nouvelle !"),
    )


def ad_extend(page, request, ad_id):
    return _owner_action(
        page, request, ad_id, services.ad_extend, _("Votre annonce est prolongée.")
    )


def ad_delete(page, request, ad_id):
    if not request.user.is_authenticated:
        return _login(request)
    ad = selectors.ad_for_author(
        portal=request.portal, author=request.user, ad_id=ad_id
    )
    if request.method == "POST":
        services.ad_delete(portal=request.portal, actor=request.user, ad_id=ad.pk)
        messages.success(request, _("Votre annonce est supprimée, avec ses photos."))
        return redirect(page.get_url(request) + "mes-annonces/")
    return _render(
        page,
        request,
        "classifieds/confirm.html",
        {
            **_urls(page, request),
            "ad": ad,
            "heading": _("Supprimer l'annonce « %(title)s » ?") % {"title": ad.title},
            "explanation": _("L'annonce et ses photos seront effacées pour de bon."),
            "button": _("Oui, supprimer"),
            "danger": True,
        },
    )


def ad_extend_with_token(page, request, ad_id, token):
    """The link of the reminder email: works without logging in (the token is
    the key); a GET only asks, so that mail scanners opening links change nothing."""
    ad = selectors.ad_in_portal(portal=request.portal, ad_id=ad_id)
    if not constant_time_compare(ad.extend_token, token):
        raise Http404
    if request.method == "POST":
        try:
            ad = services.ad_extend_with_token(
                portal=request.portal, ad_id=ad.pk, token=token
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(page.get_url(request))
        return _render(
            page,
            request,
            "classifieds/extended.html",
            {**_urls(page, request), "ad": ad},
        )
    return _render(
        page,
        request,
        "classifieds/confirm.html",
        {
            **_urls(page, request),
            "ad": ad,
            "heading": _("Prolonger l'annonce « %(title)s » ?") % {"title": ad.title},
            "explanation": _("Elle restera en ligne %(days)s jours de plus.")
            % {"days": services.lifetime().days},
            "button": _("Oui, prolonger"),
            "danger": False,
        },
    )


# --- Contact relay ----------------------------------------------------------------


def ad_contact(page, request, ad_id):
    ad = selectors.public_ad(portal=request.portal, ad_id=ad_id)
    if not request.user.is_authenticated:
        return _login(request)
    ad_url = f"{page.get_url(request)}{ad.pk}/"
    context = {**_urls(page, request), "ad": ad, "ad_url": ad_url}
    if ad.author_id == request.user.pk:
        messages.info(request, _("C'est votre propre annonce."))
        return redirect(ad_url)
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        wait = ratelimit.wait_for("ad_contact", request) or ratelimit.wait_for(
            "ad_contact_ad", None, f"ad:{ad.pk}"
        )
        if wait:
            return ratelimit.too_many(request, retry_after=wait, form=form)
        if form.is_valid():
            try:
                services.ad_contact(
                    portal=request.portal,
                    actor=request.user,
                    ad_id=ad.pk,
                    message=form.cleaned_data["message"],
                )
            except PermissionDenied as error:
                form.add_error(None, str(error) or _("Action impossible."))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                ratelimit.record("ad_contact", request)
                ratelimit.record("ad_contact_ad", None, f"ad:{ad.pk}")
                return _render(page, request, "classifieds/contact_sent.html", context)
        return _render(
            page,
            request,
            "classifieds/contact_form.html",
            {**context, "form": form},
            status=400,
        )
    return _render(
        page, request, "classifieds/contact_form.html", {**context, "form": form}
    )
