"""What a portal needs to live on the fediverse: its keys, the remote accounts
it knows, its followers, what it has sent and what it has received.

Remote text is stored already cleaned (core's nh3 allow-list); nothing here
holds a resident's identity beyond the display name published with an item.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PortalActor(models.Model):
    """The portal as an ActivityPub Group: its key pair and its settings."""

    portal = models.OneToOneField(
        "portals.Portal", on_delete=models.CASCADE, related_name="fediverse_actor"
    )
    public_key_pem = models.TextField()
    # Never leaves the server: only the signing code reads it.
    private_key_pem = models.TextField()
    # Mastodon's "authorized fetch": reads of the outbox, collections and
    # objects must be signed by a remote server.
    authorized_fetch = models.BooleanField(
        _("lecture signée obligatoire"), default=False
    )
    # Replies from these servers are published without waiting for an animator.
    trusted_domains = models.JSONField(
        _("serveurs de confiance"), default=list, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("acteur fédéré d'un portail")
        verbose_name_plural = _("acteurs fédérés des portails")

    def __str__(self) -> str:
        return f"@{self.portal.slug}"


class RemoteActor(models.Model):
    """An account on another server (a Mastodon user, a remote portal...)."""

    uri = models.URLField(max_length=500, unique=True)
    domain = models.CharField(max_length=255, db_index=True)
    inbox = models.URLField(max_length=500)
    shared_inbox = models.URLField(max_length=500, blank=True)
    username = models.CharField(max_length=100, blank=True)
    # Plain text, cleaned of markup and control characters.
    display_name = models.CharField(max_length=200, blank=True)
    profile_url = models.URLField(max_length=500, blank=True)
    key_id = models.CharField(max_length=500, blank=True, db_index=True)
    public_key_pem = models.TextField(blank=True)
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = _("compte distant")
        verbose_name_plural = _("comptes distants")

    def __str__(self) -> str:
        return self.handle

    @property
    def handle(self) -> str:
        return f"@{self.username or '?'}@{self.domain}"

    @property
    def delivery_inbox(self) -> str:
        return self.shared_inbox or self.inbox


class Follower(models.Model):
    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="fediverse_followers"
    )
    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="+")
    follow_id = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonné·e fédéré·e")
        verbose_name_plural = _("abonné·es fédéré·es")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "actor"], name="federation_one_follow_per_actor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} → @{self.portal.slug}"


class Block(models.Model):
    """A remote account or a whole server refused by one portal (``portal``
    set) or by the whole network (``portal`` empty)."""

    portal = models.ForeignKey(
        "portals.Portal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    domain = models.CharField(_("serveur"), max_length=255, blank=True)
    actor_uri = models.URLField(_("compte"), max_length=500, blank=True)
    reason = models.CharField(_("raison"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blocage fédéré")
        verbose_name_plural = _("blocages fédérés")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(domain="", actor_uri=""),
                name="federation_block_names_something",
            )
        ]

    def __str__(self) -> str:
        return self.actor_uri or self.domain


class FederatedObject(models.Model):
    """One item of a portal as it was last announced to the fediverse."""

    PUBLISHED = "published"
    DELETED = "deleted"

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    ap_id = models.URLField(max_length=500, unique=True)
    state = models.CharField(max_length=10, default=PUBLISHED)
    # A hash of the object last sent: an edit that changes nothing sends nothing.
    digest = models.CharField(max_length=64)
    published_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="federation_one_object_per_item"
            )
        ]

    def __str__(self) -> str:
        return self.ap_id


class RetiredActor(models.Model):
    """The Group of a deleted portal: its address answers 410 Gone, and its
    key signs the last deliveries (the Delete of the Group) until they are
    sent; the private key is wiped once they are done."""

    actor_id = models.URLField(max_length=500, unique=True)
    key_id = models.CharField(max_length=500)
    # Never leaves the server; emptied when no delivery needs it any more.
    private_key_pem = models.TextField(blank=True)
    retired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("acteur fédéré d'un portail supprimé")
        verbose_name_plural = _("acteurs fédérés des portails supprimés")

    def __str__(self) -> str:
        return self.actor_id


class Delivery(models.Model):
    """One activity to post to one remote inbox (work for the queue), signed
    by its portal's key, or by a deleted portal's retired key."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"

    portal = models.ForeignKey(
        "portals.Portal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retired = models.ForeignKey(
        RetiredActor,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    inbox = models.URLField(max_length=500)
    activity = models.JSONField()
    status = models.CharField(max_length=10, default=PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.activity.get('type', '?')} → {self.inbox}"


class RemoteReply(models.Model):
    """A reply or mention from another server, waiting for an animator.

    Kept here rather than as a comment: comments are written by residents'
    accounts, a remote author is an address on another server.
    """

    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    STATUS_CHOICES = [
        (PENDING, _("En attente de relecture")),
        (PUBLISHED, _("En ligne")),
        (REJECTED, _("Refusée")),
    ]

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(
        FederatedObject,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    ap_id = models.URLField(max_length=500, unique=True)
    in_reply_to = models.URLField(max_length=500, blank=True)
    url = models.URLField(max_length=500, blank=True)
    # Cleaned with core's allow-list on arrival.
    content_html = models.TextField()
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("réponse venue du fédivers")
        verbose_name_plural = _("réponses venues du fédivers")

    def __str__(self) -> str:
        return f"{self.actor} : {self.ap_id}"


class Reaction(models.Model):
    """A like or a boost of one of the portal's items."""

    LIKE = "like"
    ANNOUNCE = "announce"

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(
        FederatedObject, on_delete=models.CASCADE, related_name="reactions"
    )
    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="+")
    type = models.CharField(max_length=10)
    activity_id = models.URLField(max_length=500, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.type} {self.target_id} by {self.actor_id}"


class Following(models.Model):
    """A remote portal (or any remote group) this portal follows, to be
    offered what it publishes."""

    PENDING = "pending"
    ACCEPTED = "accepted"

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="+")
    follow_id = models.URLField(max_length=500, unique=True)
    state = models.CharField(max_length=10, default=PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "actor"], name="federation_follow_once"
            )
        ]

    def __str__(self) -> str:
        return f"@{self.portal.slug} → {self.actor}"


class SharedItem(models.Model):
    """Something a followed remote portal published, offered to this portal.

    It stays a reference: its title, a cleaned summary and the address where
    it lives, credited to its origin; an animator accepts it or not.
    """

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    STATUS_CHOICES = [
        (PROPOSED, _("Proposé")),
        (ACCEPTED, _("Partagé")),
        (REFUSED, _("Refusé")),
    ]

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    origin = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="+")
    ap_id = models.URLField(max_length=500)
    type = models.CharField(max_length=30)
    name = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    summary_html = models.TextField(blank=True)
    starts_at = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PROPOSED)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("contenu proposé par un autre serveur")
        verbose_name_plural = _("contenus proposés par d'autres serveurs")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "ap_id"], name="federation_share_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class GroupNote(models.Model):
    """An animator's answer to a reply, sent by the portal's Group."""

    portal = models.ForeignKey(
        "portals.Portal", on_delete=models.CASCADE, related_name="+"
    )
    reply = models.ForeignKey(
        RemoteReply, on_delete=models.CASCADE, related_name="answers"
    )
    # Escaped and cleaned from what the animator typed.
    content_html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"note {self.pk} of @{self.portal_id}"
