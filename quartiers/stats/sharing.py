"""Figures of sharing between portals, counted once the network app exists.

A share is *sent* by the portal a piece comes from, and *received* by each
portal that accepts it into its own lists.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from .metrics import SHARING, Metric, counted_in_period, register_metric

SHARE_FIELDS = ("portal", "created_at")
PROPOSAL_FIELDS = ("portal", "status", "decided_at")


def _model_with(label: str, fields: tuple[str, ...]):
    """The model if it exists with these fields, else None (app not ready yet)."""
    try:
        model = apps.get_model(label)
        for name in fields:
            model._meta.get_field(name)
    except (LookupError, FieldDoesNotExist):
        return None
    return model


def register() -> None:
    Share = _model_with("network.Share", SHARE_FIELDS)
    Proposal = _model_with("network.ShareProposal", PROPOSAL_FIELDS)
    if Share is not None:
        register_metric(
            Metric(
                "shares_sent",
                _("Partages envoyés"),
                counted_in_period(lambda: Share.objects, "created_at"),
                _("Contenus de ce quartier partagés avec d'autres quartiers."),
                group=SHARING,
                order=70,
            )
        )
    if Proposal is not None and hasattr(Proposal, "ACCEPTED"):
        register_metric(
            Metric(
                "shares_received",
                _("Partages reçus"),
                counted_in_period(
                    lambda: Proposal.objects, "decided_at", status=Proposal.ACCEPTED
                ),
                _("Contenus d'autres quartiers acceptés dans ce quartier."),
                group=SHARING,
                order=71,
            )
        )
