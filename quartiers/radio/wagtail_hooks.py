"""The radio in the admin: the schedule and the live stream of the animator's
portals only, "Ajouter un épisode", and the sound's state in the editor.

The schedule and the stream's settings are saved by the radio's services
(portals.admin_writes), with one audit entry per act."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from quartiers.portals import access, audit
from quartiers.portals.admin_scoping import PortalScopedPolicy
from quartiers.portals.admin_writes import PortalObjectWrites, ServiceViewSet

from . import admin_views, icecast, services
from .forms import BoundedModelChoiceField
from .models import (
    EpisodePage,
    RadioSettings,
    ScheduleException,
    ScheduleSlot,
    ShowPage,
)


def _bounded(form, name: str, queryset, *, empty_label="---------", label_from=None):
    """A plain list (no page chooser) of the portal's shows or slots, where an
    absurd id is refused like any wrong choice."""
    old = form.fields[name]
    field = BoundedModelChoiceField(
        queryset=queryset,
        required=old.required,
        label=old.label,
        help_text=old.help_text,
        empty_label=None if old.required else empty_label,
    )
    if label_from is not None:
        field.label_from_instance = label_from
    form.fields[name] = field


def _limit(form, user, **querysets) -> None:
    querysets.setdefault("portal", access.animated_portals(user))
    for name, (queryset, label_from) in {
        key: value if isinstance(value, tuple) else (value, None)
        for key, value in querysets.items()
    }.items():
        if name in form.fields:
            _bounded(form, name, queryset, label_from=label_from)


class SlotWrites(PortalObjectWrites):
    def save(self, *, actor, form, creating: bool):
        if not creating:
            return super().save(actor=actor, form=form, creating=False)
        data = form.cleaned_data
        return services.schedule_slot_create(
            portal=self.portal_of(form),
            actor=actor,
            show_id=data["show"].pk,
            weekday=data["weekday"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            note=data.get("note") or "",
        )


class ExceptionWrites(PortalObjectWrites):
    def save(self, *, actor, form, creating: bool):
        if not creating:
            return super().save(actor=actor, form=form, creating=False)
        data = form.cleaned_data
        replacement = data.get("replacement_show")
        return services.schedule_exception_create(
            portal=self.portal_of(form),
            actor=actor,
            slot_id=data["slot"].pk,
            day=data["date"],
            kind=data["kind"],
            replacement_show_id=replacement.pk if replacement else None,
            note=data.get("note") or "",
        )


class SettingsWrites(PortalObjectWrites):
    def save(self, *, actor, form, creating: bool):
        data = form.cleaned_data
        return services.radio_settings_save(
            portal=self.portal_of(form),
            actor=actor,
            stream_url=data.get("stream_url") or "",
            status_url=data.get("status_url") or "",
        )


class ScheduleSlotViewSet(ServiceViewSet):
    model = ScheduleSlot
    writes = SlotWrites()
    icon = "time"
    menu_label = _("Grille des programmes")
    list_display = ["show", "__str__", "portal"]
    ordering = ["portal", "weekday", "start_time"]

    def limit_form(self, form, user) -> None:
        portals = access.animated_portals(user)
        _limit(
            form,
            user,
            show=ShowPage.objects.filter(portal__in=portals).order_by("title"),
        )


class ScheduleExceptionViewSet(ServiceViewSet):
    model = ScheduleException
    writes = ExceptionWrites()
    icon = "date"
    menu_label = _("Exceptions à la grille")
    list_display = ["__str__", "slot", "note", "portal"]
    ordering = ["-date"]

    def limit_form(self, form, user) -> None:
        portals = access.animated_portals(user)
        _limit(
            form,
            user,
            slot=(
                ScheduleSlot.objects.filter(portal__in=portals).select_related("show"),
                lambda slot: f"{slot.show.title} — {slot}",
            ),
            replacement_show=ShowPage.objects.filter(portal__in=portals).order_by(
                "title"
            ),
        )


class RadioSettingsViewSet(ServiceViewSet):
    model = RadioSettings
    writes = SettingsWrites()
    icon = "sliders"
    menu_label = _("Direct (Icecast)")
    list_display = ["portal", "stream_url"]

    def limit_form(self, form, user) -> None:
        _limit(form, user)


class RadioViewSetGroup(SnippetViewSetGroup):
    items = (ScheduleSlotViewSet, ScheduleExceptionViewSet, RadioSettingsViewSet)
    menu_icon = "media"
    menu_label = _("Radio")
    menu_order = 230


for _model in (ScheduleSlot, ScheduleException, RadioSettings):
    register_permission_policy(_model, PortalScopedPolicy(_model))
register_snippet(RadioViewSetGroup)


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def only_own_portals(request, instance):
    items = instance if isinstance(instance, list | tuple) else [instance]
    for item in items:
        if isinstance(
            item, ScheduleSlot | ScheduleException | RadioSettings
        ) and not access.can_animate(request.user, item.portal):
            raise Http404


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def check_stream(request, instance):
    # Saved either way; the animator learns at once that Icecast does not
    # answer (the site will say "hors antenne" meanwhile).
    if not isinstance(instance, RadioSettings) or not instance.stream_url:
        return
    status_url = instance.effective_status_url
    icecast.forget(status_url)
    if icecast.fetch_sources(status_url) is None:
        messages.warning(
            request,
            _gettext(
                "Enregistré, mais le serveur Icecast ne répond pas à l'adresse "
                "%(url)s : la radio s'affichera « hors antenne » tant qu'il ne "
                "répondra pas. Vérifiez l'adresse et que le serveur est allumé."
            )
            % {"url": status_url},
        )


@hooks.register("register_admin_urls")
def register_radio_admin_urls():
    return [
        path(
            "radio/episodes/ajouter/",
            admin_views.episode_upload,
            name="radio_episode_upload",
        ),
        path(
            "radio/episodes/<int:page_id>/son/",
            admin_views.episode_sound,
            name="radio_episode_sound",
        ),
    ]


class AnimatorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.animated_portals(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_episode_upload_menu_item():
    return AnimatorMenuItem(
        _("Ajouter un épisode"),
        reverse("radio_episode_upload"),
        icon_name="upload",
        order=231,
    )


@hooks.register("before_create_page")
def episodes_start_with_their_sound(request, parent_page, page_class):
    # An episode without its sound makes no sense: "Ajouter une page" under a
    # show leads to the upload form, with that show chosen.
    if page_class is EpisodePage:
        return redirect(reverse("radio_episode_upload") + f"?emission={parent_page.pk}")
    return None


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(
        actions,
        {
            services.AUDIT_SETTINGS: (
                _("Régler le direct de la radio"),
                _("Réglages du direct (Icecast) enregistrés"),
            ),
        },
    )
