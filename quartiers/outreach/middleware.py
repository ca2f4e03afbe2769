"""Every page refuses to be framed by another site, except widgets.

X-Frame-Options (Django's middleware, X_FRAME_OPTIONS = "DENY") is what old
browsers read; current ones read Content-Security-Policy: frame-ancestors.
This middleware adds the latter with the same meaning: "'none'" by default,
"'self'" where a view asked for SAMEORIGIN (Wagtail's previews), nothing
where a view is exempt (widgets and oEmbed frames, which say "*").
"""


class FrameAncestorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "xframe_options_exempt", False):
            return response
        policy = response.get("Content-Security-Policy", "")
        if "frame-ancestors" in policy:
            return response
        same_origin = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        directive = (
            "frame-ancestors 'self'" if same_origin else "frame-ancestors 'none'"
        )
        response["Content-Security-Policy"] = (
            f"{policy}; {directive}" if policy else directive
        )
        return response
