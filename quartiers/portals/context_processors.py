from . import selectors


def portal(request):
    current = getattr(request, "portal", None)
    if current is None:
        return {"portal": None}
    root = getattr(request, "portal_root", f"/{current.slug}/")
    return {
        "portal": current,
        "portal_root": root,
        "portal_sections": selectors.enabled_sections(current, root),
    }
