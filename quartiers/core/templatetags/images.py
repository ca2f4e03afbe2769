"""Content images sized for the screen that shows them.

    {% load images %}
    {% responsive_image page.cover "fill-1200x700" sizes="(max-width: 48rem) 100vw, 48rem" alt=page.cover.default_alt_text eager=True %}

writes one ``<img>`` with ``srcset`` (WebP renditions about 360, 720 and
1080 px wide, never wider than the spec asks), ``sizes``, ``width`` and
``height`` (no layout shift) and ``decoding="async"``; ``loading="lazy"``
unless ``eager`` (the first image of a page, above the fold). A phone 360 px
wide downloads the 360 or 720 px file, not the 1200 px one.

Image rights: the templates keep their ``publishable`` checks; an image whose
rights were withdrawn makes no new copy (``PortalImage.create_renditions``
refuses) and the tag then writes nothing rather than a broken image.
"""

import logging
import re

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()
logger = logging.getLogger(__name__)

SPEC = re.compile(r"^(fill|max|width|min)-(\d+)(?:x(\d+))?$")
WIDTHS = (360, 720, 1080)
FORMAT = "format-webp"


def candidate_specs(spec: str) -> list[tuple[int, str]]:
    """(width, Wagtail filter spec) of each WebP rendition, narrowest first."""
    match = SPEC.match(spec)
    if match is None:
        raise template.TemplateSyntaxError(f"responsive_image: unknown spec {spec!r}")
    operation, width, height = match.group(1), int(match.group(2)), match.group(3)
    if width <= WIDTHS[0]:
        widths = [max(1, width // 2), width]  # logos: 1x and 2x screens
    else:
        widths = [w for w in WIDTHS if w < width] + [width]
    specs = []
    for w in widths:
        if height is None:
            size = f"{operation}-{w}"
        else:
            size = f"{operation}-{w}x{max(1, round(int(height) * w / width))}"
        specs.append((w, f"{size}|{FORMAT}"))
    return specs


@register.simple_tag
def responsive_image(image, spec, sizes, alt="", css_class="", eager=False, **attrs):
    if not image:
        return ""
    specs = candidate_specs(spec)
    try:
        renditions = image.get_renditions(*(s for _, s in specs))
    except (OSError, ValueError):
        # Rights withdrawn (no new public copy) or a missing/broken original.
        logger.info("responsive_image: no rendition for image %s", image.pk)
        return ""
    ordered, seen = [], set()
    for _, name in specs:
        rendition = renditions.get(name)
        # A small original gives the same file twice: one candidate per width.
        if rendition is not None and rendition.width not in seen:
            seen.add(rendition.width)
            ordered.append(rendition)
    if not ordered:
        return ""
    # Fallback src: the rendition about 720 px (or the widest below it).
    fallback = next((r for r in ordered if r.width >= 700), ordered[-1])
    srcset = format_html_join(", ", "{} {}w", ((r.url, r.width) for r in ordered))
    extra = format_html_join(
        "", ' {}="{}"', ((k.replace("_", "-"), v) for k, v in attrs.items())
    )
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        '{}{} decoding="async"{}>',
        fallback.url,
        srcset,
        sizes,
        fallback.width,
        fallback.height,
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        "" if eager else format_html(' loading="{}"', "lazy"),
        extra,
    )
