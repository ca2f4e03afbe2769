import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

from quartiers.accounts.models import Membership
from quartiers.portals import demo
from quartiers.portals.models import Portal

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent():
    specs = demo.DEMO_PORTALS[:2]
    demo.seed_demo(specs)
    counts = (
        Portal.objects.count(),
        Page.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )
    demo.seed_demo(specs)
    assert counts == (
        Portal.objects.count(),
        Page.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )


def test_demo_network_has_nine_portals_with_logos_and_every_role(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    portals = Portal.objects.exclude(slug__in=["alpha", "beta"])
    assert portals.count() == 9
    assert all(p.logo_id and p.latitude for p in portals)
    for portal in portals:
        roles = set(
            Membership.objects.filter(portal=portal).values_list("role", flat=True)
        )
        assert roles == {Membership.ANIMATOR, Membership.PARTNER, Membership.RESIDENT}
        assert f"animation.{portal.slug}@example.org" in out
    assert "demo-quartiers" in out
    assert "coordination@example.org" in out


def test_seed_refuses_to_run_under_production_settings(settings):
    settings.QUARTIERS_ALLOW_DEMO = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not Portal.objects.filter(slug="hauts-pres").exists()
