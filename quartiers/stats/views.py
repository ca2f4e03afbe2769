"""The privacy page of each portal: what is counted, and what is not."""

from django.template.response import TemplateResponse

from .models import PAGE_VIEWS_RETENTION_MONTHS


def privacy(page, request):
    """/<p>/confidentialite/: plain French, for every visitor."""
    return TemplateResponse(
        request,
        "stats/privacy.html",
        # Not page.get_context(): that would build the home page's blocks.
        {"page": page, "retention_months": PAGE_VIEWS_RETENTION_MONTHS},
    )
