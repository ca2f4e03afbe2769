from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "quartiers.network"
    label = "network"
    verbose_name = _("Réseau")

    def ready(self) -> None:
        from quartiers.portals.features import HomeBlock, registry

        from . import demo, services

        registry.register_home_block(
            HomeBlock(
                key="network-shared",
                template="network/includes/home_block.html",
                context=home_block_context,
                order=80,
            )
        )
        # A new portal receives what was shared with the whole network.
        registry.register_portal_setup("network-shares", services.share_reach_portal)
        # After every seeder that makes articles and events (orders 10-50).
        registry.register_demo_seeder("network-groups", demo.seed_groups, order=490)
        registry.register_demo_seeder("network-shares", demo.seed_shares, order=500)


def home_block_context(portal, request) -> dict | None:
    """What neighbouring portals shared and this one accepted."""
    from . import selectors

    items = selectors.received_items(portal, request, limit=6)
    return {"shared": items} if items else None
