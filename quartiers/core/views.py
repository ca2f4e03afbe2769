"""Small site-wide answers: the favicon address and the CSRF refusal page."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control


@cache_control(public=True, max_age=86400)
def favicon(request):
    """Old browsers and crawlers ask /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def csrf_failure(request, reason=""):
    """Django's own page is English, unstyled and blocked by our policy; this
    one says in plain French what happened and that nothing was lost."""
    return render(request, "403_csrf.html", status=403)
