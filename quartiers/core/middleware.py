"""Refuse, with a plain 400, requests whose parameters carry a NUL character.

No resident types one; it only comes from broken or malicious clients, and
PostgreSQL refuses it in any text value, which would otherwise surface as a
500 deep inside a query. One check here covers every form and filter.
"""

from django.shortcuts import render


def _has_nul(query_dict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query_dict.lists()
    )


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET):
            return render(request, "400.html", status=400)
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            if _has_nul(request.POST):
                return render(request, "400.html", status=400)
        return self.get_response(request)
