"""Residents' blogs: one blog per person per portal, and its posts."""

from html import unescape

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from quartiers.portals.models import SectionPage

# The only formatting a blog post may carry, in the admin as from residents.
BODY_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# Sub-routes of the blogs section: a blog may never take one of these slugs,
# or its address would be shadowed by the route.
RESERVED_BLOG_SLUGS = {"ouvrir", "mon-blog"}


class BlogIndexPage(SectionPage):
    section_key = "blogs"

    subpage_types = ["blogs.BlogPage"]
    template = "blogs/blog_index_page.html"

    class Meta:
        verbose_name = _("rubrique Blogs")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["blogs_page"] = selectors.blogs_page(
            index=self, page_number=request.GET.get("page")
        )
        context["open_url"] = self.section_url(request, "blogs_open")
        return context


class BlogPage(Page):
    """One resident's blog on one portal."""

    # PROTECT, not CASCADE: Wagtail pages must leave the tree through the
    # tree itself, so a portal goes only once its pages are gone.
    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.PROTECT,
        related_name="blogs",
        editable=False,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tenu par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="blogs",
    )
    presentation = models.TextField(
        _("présentation"),
        max_length=600,
        blank=True,
        help_text=_("Quelques mots pour dire qui écrit et de quoi."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("presentation"),
        FieldPanel("author", read_only=True),
    ]
    search_fields = Page.search_fields + [index.SearchField("presentation")]
    parent_page_types = ["blogs.BlogIndexPage"]
    subpage_types = ["blogs.BlogPostPage"]
    template = "blogs/blog_page.html"

    class Meta:
        verbose_name = _("blog d'habitant·e")
        verbose_name_plural = _("blogs d'habitant·e·s")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "author"], name="one_blog_per_person_per_portal"
            )
        ]

    def save(self, *args, **kwargs):
        # The portal is the one whose tree holds the page; kept on the row so
        # that "one blog per person per portal" is a database constraint.
        # Recomputed at every save, so that a copy into another portal's
        # blogs belongs to that portal.
        if self.path:
            from quartiers.portals.selectors import portal_for_page

            portal = portal_for_page(self)
            if portal is not None:
                self.portal = portal
        super().save(*args, **kwargs)

    @property
    def author_name(self) -> str:
        if self.author_id and self.author is not None:
            return self.author.public_name
        return str(_("ancien·ne participant·e"))

    def with_content_json(self, content):
        # Who keeps the blog and where it lives belong to the page, not to a
        # revision: publishing an old revision never brings back an erased
        # author.
        obj = super().with_content_json(content)
        obj.portal_id = self.portal_id
        obj.author_id = self.author_id
        return obj

    def route(self, request, path_components):
        # A post is public only while its blog is: an unpublished blog (in
        # review, or taken down) hides everything under it.
        if not self.live:
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["posts_page"] = selectors.blog_posts_page(
            blog=self, page_number=request.GET.get("page")
        )
        return context


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "blogs.BlogPostPage",
        verbose_name=_("contenu"),
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class BlogPostPage(Page):
    """A post of a resident's blog."""

    date = models.DateField(_("date du billet"), default=timezone.localdate)
    body = RichTextField(_("texte"), features=BODY_FEATURES)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("description de la photo pour les personnes aveugles"),
        max_length=300,
        blank=True,
        help_text=_("Obligatoire quand il y a une photo : ce qu'elle montre."),
    )
    tags = ClusterTaggableManager(
        through=BlogPostTag, blank=True, verbose_name=_("mots-clés")
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")
        ),
    ]
    promote_panels = [FieldPanel("tags")] + Page.promote_panels
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["blogs.BlogPage"]
    subpage_types: list[str] = []
    template = "blogs/blog_post_page.html"
    accepts_comments = True

    class Meta:
        verbose_name = _("billet de blog")
        verbose_name_plural = _("billets de blog")

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError(
                {
                    "photo_alt": _(
                        "Décrivez la photo en une phrase pour les personnes aveugles."
                    )
                }
            )

    @property
    def photo_shown(self) -> bool:
        return bool(self.photo_id and self.photo and self.photo.publishable)

    def plain_text(self) -> str:
        # Entities decoded: templates escape the text again when they show it.
        return unescape(strip_tags(self.body or ""))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the blog (title, author) shown around the post.
        context["blog"] = (
            BlogPage.objects.filter(path=self.path[: -self.steplen])
            .select_related("author")
            .first()
        )
        return context


class Refusal(models.Model):
    """An animator refused a blog post (or a new blog) sent for review, with a
    word for its author. The page stays the author's: written again, it goes
    back to review; the refusal is kept as the trace of the decision."""

    portal = models.ForeignKey(
        "portals.Portal",
        verbose_name=_("quartier"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    message = models.TextField(_("mot de l'équipe d'animation"), max_length=2000)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("refusé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("refusé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("refus d'un billet")
        verbose_name_plural = _("refus de billets")
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self) -> str:
        return f"{self.page_id} — {self.created_at:%Y-%m-%d}"
