"""Every write of the fediverse side: keys, remote accounts, followers,
what arrives in the inbox, what is sent when content changes."""

import uuid
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from quartiers.core.sanitize import clean_html, strip_controls, text_to_html
from quartiers.portals.features import registry
from quartiers.portals.models import Portal
from quartiers.portals.visibility import visible, visible_ids

from . import addresses, fetch, objects, selectors, signatures
from .models import (
    Block,
    Delivery,
    FederatedObject,
    Follower,
    Following,
    GroupNote,
    PortalActor,
    Reaction,
    RemoteActor,
    RemoteReply,
    RetiredActor,
    SharedItem,
)

# A remote key is fetched again at most this often when a signature fails
# (the remote server may have rotated it).
KEY_REFRESH_SECONDS = 60


class InboxError(Exception):
    """An activity refused, with the HTTP status and a French message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# --- The portal's own actor ------------------------------------------------


def portal_actor_ensure(portal: Portal) -> PortalActor:
    """The portal's key pair, made the first time it is needed."""
    existing = selectors.portal_actor(portal)
    if existing is not None:
        return existing
    private_pem, public_pem = signatures.generate_key_pair()
    try:
        with transaction.atomic():
            return PortalActor.objects.create(
                portal=portal, public_key_pem=public_pem, private_key_pem=private_pem
            )
    except IntegrityError:
        return PortalActor.objects.get(portal=portal)


def portal_setup(portal: Portal) -> None:
    portal_actor_ensure(portal)


@transaction.atomic
def portal_retire(*, portal: Portal) -> RetiredActor | None:
    """A portal is being deleted: its followers' servers get the Delete of
    its Group (Mastodon then drops the account, its posts and the follows),
    signed by its key. The key is kept aside for the deliveries still to be
    sent, then wiped; the Group's address answers 410 Gone from then on."""
    signer = selectors.portal_actor(portal)
    if signer is None:
        return None
    me = addresses.actor_id(portal)
    inboxes = selectors.follower_inboxes(portal)
    pending = Delivery.objects.filter(portal=portal, status=Delivery.PENDING)
    keep_key = bool(inboxes) or pending.exists()
    retired, _created = RetiredActor.objects.update_or_create(
        actor_id=me,
        defaults={
            "key_id": addresses.key_id(portal),
            "private_key_pem": signer.private_key_pem if keep_key else "",
        },
    )
    pending.update(retired=retired)
    delete = objects.activity(
        "Delete", portal, me, activity_id=_new_activity_id(portal, "delete-group")
    )
    ids = [
        Delivery.objects.create(
            portal=None, retired=retired, inbox=inbox, activity=delete
        ).pk
        for inbox in inboxes
    ]
    if ids:
        transaction.on_commit(lambda: _enqueue_deliveries(ids))
    return retired


def retired_key_release(*, retired_id: int) -> None:
    """Wipe a deleted portal's private key once nothing is left to sign."""
    if not Delivery.objects.filter(
        retired_id=retired_id, status=Delivery.PENDING
    ).exists():
        RetiredActor.objects.filter(pk=retired_id).update(private_key_pem="")


# --- Remote accounts -------------------------------------------------------


def _plain(value, limit: int) -> str:
    text = strip_controls(strip_tags(str(value or "")))
    return " ".join(text.split())[:limit]


def _url(value) -> str:
    if isinstance(value, dict):
        value = value.get("href") or value.get("id")
    if isinstance(value, list) and value:
        return _url(value[0])
    return value if isinstance(value, str) and len(value) <= 500 else ""


def remote_actor_store(uri: str, document: dict) -> RemoteActor:
    """Keep what we need of a remote actor document (checked, cleaned)."""
    if document.get("id") != uri:
        raise fetch.FetchError("Le document ne porte pas l'adresse demandée.")
    inbox = _url(document.get("inbox"))
    key = document.get("publicKey") or {}
    if isinstance(key, list):
        key = key[0] if key else {}
    if not inbox or not isinstance(key, dict) or not key.get("publicKeyPem"):
        raise fetch.FetchError("Ce compte n'a ni boîte de réception ni clé publique.")
    host = urlsplit(uri).hostname or ""
    for url in (inbox, _url((document.get("endpoints") or {}).get("sharedInbox"))):
        if url and urlsplit(url).hostname != host:
            raise fetch.FetchError("La boîte de réception est sur un autre serveur.")
    if key.get("owner", uri) != uri:
        raise fetch.FetchError("La clé appartient à un autre compte.")
    defaults = {
        "domain": host,
        "inbox": inbox,
        "shared_inbox": _url((document.get("endpoints") or {}).get("sharedInbox")),
        "username": _plain(document.get("preferredUsername"), 100),
        "display_name": _plain(document.get("name"), 200),
        "profile_url": _url(document.get("url")),
        "key_id": str(key.get("id") or "")[:500],
        "public_key_pem": str(key["publicKeyPem"])[:10000],
        "fetched_at": timezone.now(),
    }
    actor, _created = RemoteActor.objects.update_or_create(uri=uri, defaults=defaults)
    return actor


def remote_actor_fetch(uri: str, *, portal: Portal | None = None) -> RemoteActor:
    """Fetch (signed, for servers in authorized-fetch mode) and store an actor."""
    signer = portal_actor_ensure(portal) if portal is not None else None
    document = fetch.get_json(
        uri,
        key_id=addresses.key_id(portal) if portal is not None else "",
        private_key_pem=signer.private_key_pem if signer is not None else "",
    )
    return remote_actor_store(uri, document)


def remote_actor_for_key(
    key_id: str, *, portal: Portal | None = None, refresh: bool = False
) -> RemoteActor:
    """The remote actor owning a key (from what we know, else fetched)."""
    if not refresh:
        known = RemoteActor.objects.filter(key_id=key_id).first()
        if known is not None:
            return known
    return remote_actor_fetch(key_id.split("#", 1)[0], portal=portal)


def key_is_stale(actor: RemoteActor) -> bool:
    return (timezone.now() - actor.fetched_at).total_seconds() > KEY_REFRESH_SECONDS


# --- Blocks ----------------------------------------------------------------


def block_add(
    *, portal: Portal | None, domain: str = "", actor_uri: str = "", reason: str = ""
) -> Block:
    """Refuse a server or an account (portal None: for the whole network);
    their follows of the portal(s) end at once."""
    block = Block.objects.create(
        portal=portal, domain=domain.lower().strip(), actor_uri=actor_uri, reason=reason
    )
    followers = Follower.objects.all()
    if portal is not None:
        followers = followers.filter(portal=portal)
    if actor_uri:
        followers.filter(actor__uri=actor_uri).delete()
    if block.domain:
        followers.filter(actor__domain__iendswith=block.domain).delete()
    return block


# --- Deliveries ------------------------------------------------------------


def _enqueue_deliveries(ids: list[int]) -> None:
    from . import tasks

    for delivery_id in ids:
        tasks.deliver.enqueue(delivery_id=delivery_id)


def deliveries_create(portal: Portal, activity: dict, inboxes: list[str]) -> list[int]:
    """Queue one signed POST per inbox (sent after the transaction commits)."""
    ids = [
        Delivery.objects.create(portal=portal, inbox=inbox, activity=activity).pk
        for inbox in inboxes
    ]
    if ids:
        transaction.on_commit(lambda: _enqueue_deliveries(ids))
    return ids


def _to_followers(portal: Portal, activity: dict) -> list[int]:
    return deliveries_create(portal, activity, selectors.follower_inboxes(portal))


def _new_activity_id(portal: Portal, name: str) -> str:
    return addresses.activity_id(portal, f"{name}-{uuid.uuid4().hex[:16]}")


# --- Following -------------------------------------------------------------


@transaction.atomic
def follower_add(*, portal: Portal, actor: RemoteActor, follow: dict) -> Follower:
    """Accept a follow at once (a portal is public) and tell the follower."""
    follower, _created = Follower.objects.update_or_create(
        portal=portal, actor=actor, defaults={"follow_id": str(follow["id"])[:500]}
    )
    accept = objects.activity(
        "Accept",
        portal,
        {
            "id": follow["id"],
            "type": "Follow",
            "actor": actor.uri,
            "object": addresses.actor_id(portal),
        },
        activity_id=_new_activity_id(portal, "accept"),
    )
    accept["to"], accept["cc"] = [actor.uri], []
    deliveries_create(portal, accept, [actor.inbox])
    return follower


def follower_remove(*, portal: Portal, actor: RemoteActor) -> bool:
    deleted, _ = Follower.objects.filter(portal=portal, actor=actor).delete()
    return bool(deleted)


# --- The inbox -------------------------------------------------------------


def _id_of(value) -> str:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


def _our_object(portal: Portal, uri: str) -> FederatedObject | None:
    if not uri:
        return None
    return FederatedObject.objects.filter(
        portal=portal, ap_id=uri, state=FederatedObject.PUBLISHED
    ).first()


def concerns(portal: Portal, activity: dict) -> bool:
    """Whether an activity is addressed to this portal (else it is refused)."""
    me = addresses.actor_id(portal)
    kind = activity.get("type")
    obj = activity.get("object")
    if kind in ("Accept", "Reject"):
        return Following.objects.filter(portal=portal, follow_id=_id_of(obj)).exists()
    if kind in ("Create", "Update", "Announce", "Delete") and _follows(
        portal, _id_of(activity.get("actor"))
    ):
        return True
    if kind == "Follow":
        return _id_of(obj) == me
    if kind == "Undo" and isinstance(obj, dict):
        return concerns(portal, {**obj, "actor": activity.get("actor")})
    if kind in ("Like", "Announce"):
        return _our_object(portal, _id_of(obj)) is not None
    if kind in ("Create", "Update") and isinstance(obj, dict):
        if _our_object(portal, _id_of(obj.get("inReplyTo"))) is not None:
            return True
        tags = obj.get("tag")
        if not isinstance(tags, list):
            tags = [tags]
        mentioned = {_id_of(tag.get("href")) for tag in tags if isinstance(tag, dict)}
        addressed = set()
        for field in ("to", "cc"):
            value = obj.get(field, [])
            values = value if isinstance(value, list) else [value]
            addressed |= {item for item in values if isinstance(item, str)}
        return me in mentioned or me in addressed
    if kind == "Delete":
        return True  # removes only what the sender itself wrote
    return False


def _follows(portal: Portal, actor_uri: str) -> bool:
    return Following.objects.filter(
        portal=portal, actor__uri=actor_uri, state=Following.ACCEPTED
    ).exists()


def portals_concerned(activity: dict) -> list[Portal]:
    """For the shared inbox: the portals an activity is for."""
    candidates: set[str] = set(
        Following.objects.filter(
            actor__uri=_id_of(activity.get("actor")), state=Following.ACCEPTED
        ).values_list("portal__slug", flat=True)
    )
    for value in _walk_ids(activity):
        slug = addresses.portal_from_actor_id(value)
        if slug:
            candidates.add(slug)
    reply_target = ""
    obj = activity.get("object")
    if isinstance(obj, dict):
        reply_target = _id_of(obj.get("inReplyTo")) or _id_of(obj.get("object"))
    for uri in (_id_of(obj), reply_target):
        found = FederatedObject.objects.filter(ap_id=uri).select_related("portal")
        candidates |= {record.portal.slug for record in found}
    portals = Portal.objects.filter(slug__in=candidates)
    return [portal for portal in portals if concerns(portal, activity)]


def _walk_ids(value, depth: int = 0):
    if depth > 4:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for part in value[:50]:
            yield from _walk_ids(part, depth + 1)
    elif isinstance(value, dict):
        for key in ("object", "to", "cc", "tag", "href", "id", "inReplyTo"):
            if key in value:
                yield from _walk_ids(value[key], depth + 1)


@transaction.atomic
def inbox_receive(*, portal: Portal, actor: RemoteActor, activity: dict) -> str:
    """Act on one verified activity for one portal; what was done, in a word."""
    if _id_of(activity.get("actor")) != actor.uri:
        raise InboxError(401, "L'activité n'est pas signée par son auteur.")
    if not concerns(portal, activity):
        raise InboxError(422, "Cette activité ne concerne pas ce portail.")
    kind = activity.get("type")
    obj = activity.get("object")
    if kind in ("Accept", "Reject"):
        following = Following.objects.filter(
            portal=portal, actor=actor, follow_id=_id_of(obj)
        )
        if kind == "Accept":
            following.update(state=Following.ACCEPTED)
        else:
            following.delete()
        return kind.lower()
    if _follows(portal, actor.uri) and kind in ("Create", "Update", "Announce"):
        shared = _share_store(portal, actor, activity)
        if shared:
            return shared
    if kind == "Follow":
        follower_add(portal=portal, actor=actor, follow=activity)
        return "followed"
    if kind == "Undo" and isinstance(obj, dict):
        if obj.get("type") == "Follow":
            follower_remove(portal=portal, actor=actor)
            return "unfollowed"
        Reaction.objects.filter(
            portal=portal, actor=actor, activity_id=_id_of(obj)
        ).delete()
        return "undone"
    if kind in ("Like", "Announce"):
        target = _our_object(portal, _id_of(obj))
        if target is None or not _id_of(activity):
            raise InboxError(422, "Cette activité ne vise aucun contenu d'ici.")
        Reaction.objects.get_or_create(
            activity_id=str(activity.get("id", ""))[:500],
            defaults={
                "portal": portal,
                "target": target,
                "actor": actor,
                "type": Reaction.LIKE if kind == "Like" else Reaction.ANNOUNCE,
            },
        )
        return "counted"
    if kind in ("Create", "Update") and isinstance(obj, dict):
        return _reply_store(portal, actor, obj, update=kind == "Update")
    if kind == "Delete":
        gone = _id_of(obj)
        if gone == actor.uri:
            Follower.objects.filter(actor=actor).delete()
            RemoteReply.objects.filter(actor=actor).delete()
        else:
            RemoteReply.objects.filter(actor=actor, ap_id=gone).delete()
            SharedItem.objects.filter(origin=actor, ap_id=gone).delete()
        return "deleted"
    return "ignored"


def _reply_store(portal: Portal, actor: RemoteActor, obj: dict, *, update: bool):
    if _id_of(obj.get("attributedTo")) != actor.uri:
        raise InboxError(422, "Le message n'est pas écrit par le compte qui l'envoie.")
    ap_id = _id_of(obj)
    if not ap_id or urlsplit(ap_id).hostname != actor.domain:
        raise InboxError(
            422, "L'adresse du message n'est pas sur le serveur de son auteur."
        )
    content = clean_html(str(obj.get("content") or ""))[:20000]
    if not strip_tags(content).strip():
        raise InboxError(422, "Le message est vide.")
    if update:
        RemoteReply.objects.filter(actor=actor, ap_id=ap_id).update(
            content_html=content
        )
        return "updated"
    target = _our_object(portal, _id_of(obj.get("inReplyTo")))
    trusted = (
        actor.domain
        in (selectors.portal_actor(portal) or PortalActor()).trusted_domains
    )
    reply, created = RemoteReply.objects.get_or_create(
        ap_id=ap_id,
        defaults={
            "portal": portal,
            "actor": actor,
            "target": target,
            "in_reply_to": _id_of(obj.get("inReplyTo"))[:500],
            "url": _url(obj.get("url"))[:500],
            "content_html": content,
            "status": RemoteReply.PUBLISHED if trusted else RemoteReply.PENDING,
        },
    )
    if created and trusted:
        _announce_reply(portal, reply)
    return "reply"


def _share_store(portal: Portal, origin: RemoteActor, activity: dict) -> str:
    """A followed portal's new or edited item becomes (or updates) a proposal,
    kept as a reference credited to its origin. Replies are not shares."""
    obj = activity.get("object")
    if activity.get("type") == "Announce" and isinstance(obj, dict):
        obj = obj.get("object") if obj.get("type") in ("Create", "Update") else obj
    if not isinstance(obj, dict) or obj.get("inReplyTo"):
        return ""
    ap_id = _id_of(obj)
    if obj.get("type") not in objects.OBJECT_TYPES.values() or not ap_id:
        return ""
    if urlsplit(ap_id).hostname != origin.domain:
        raise InboxError(
            422, "Le contenu partagé n'est pas sur le serveur de son auteur."
        )
    if _id_of(obj.get("attributedTo")) not in ("", origin.uri):
        raise InboxError(422, "Le contenu partagé n'est pas de ce compte.")
    fields = {
        "type": obj["type"],
        "name": _plain(obj.get("name"), 300) or _plain(obj.get("content"), 120),
        "url": _url(obj.get("url")) or ap_id,
        "summary_html": clean_html(str(obj.get("summary") or obj.get("content") or ""))[
            :5000
        ],
        "starts_at": _plain(obj.get("startTime"), 40),
    }
    if urlsplit(fields["url"]).scheme not in ("http", "https"):
        fields["url"] = ap_id
    if activity.get("type") == "Update":
        SharedItem.objects.filter(portal=portal, origin=origin, ap_id=ap_id).update(
            **fields
        )
        return "share-updated"
    SharedItem.objects.get_or_create(
        portal=portal, ap_id=ap_id, defaults={"origin": origin, **fields}
    )
    return "shared"


@transaction.atomic
def following_request(*, portal: Portal, actor_uri: str) -> Following:
    """This portal asks to follow a portal of another install."""
    if selectors.is_blocked(portal, actor_uri):
        raise InboxError(403, "Ce compte ou ce serveur est bloqué.")
    remote = remote_actor_fetch(actor_uri, portal=portal)
    existing = Following.objects.filter(portal=portal, actor=remote).first()
    if existing is not None:
        return existing
    follow = objects.activity(
        "Follow", portal, remote.uri, activity_id=_new_activity_id(portal, "follow")
    )
    follow["to"], follow["cc"] = [remote.uri], []
    following = Following.objects.create(
        portal=portal, actor=remote, follow_id=follow["id"]
    )
    deliveries_create(portal, follow, [remote.inbox])
    return following


@transaction.atomic
def following_stop(*, portal: Portal, following_id: int) -> None:
    following = Following.objects.select_related("actor").get(
        portal=portal, pk=following_id
    )
    undo = objects.activity(
        "Undo",
        portal,
        {
            "id": following.follow_id,
            "type": "Follow",
            "actor": addresses.actor_id(portal),
            "object": following.actor.uri,
        },
        activity_id=_new_activity_id(portal, "undo-follow"),
    )
    undo["to"], undo["cc"] = [following.actor.uri], []
    deliveries_create(portal, undo, [following.actor.inbox])
    SharedItem.objects.filter(portal=portal, origin=following.actor).filter(
        status=SharedItem.PROPOSED
    ).delete()
    following.delete()


def share_set_status(*, portal: Portal, share_id: int, status: str) -> SharedItem:
    """An animator accepts or refuses a proposal (404 for another portal's)."""
    share = SharedItem.objects.get(portal=portal, pk=share_id)
    if status not in dict(SharedItem.STATUS_CHOICES):
        raise ValueError(status)
    share.status = status
    share.save(update_fields=["status"])
    return share


@transaction.atomic
def reply_set_status(*, portal: Portal, reply_id: int, status: str) -> RemoteReply:
    """An animator publishes or refuses a reply (404 for another portal's).

    A reply published is relayed by the Group to its followers (FEP-1b12:
    a group announces what it accepts into its conversations)."""
    reply = RemoteReply.objects.get(portal=portal, pk=reply_id)
    if status not in dict(RemoteReply.STATUS_CHOICES):
        raise ValueError(status)
    newly_published = (
        status == RemoteReply.PUBLISHED and reply.status != RemoteReply.PUBLISHED
    )
    reply.status = status
    reply.save(update_fields=["status"])
    if newly_published:
        _announce_reply(portal, reply)
    return reply


def _announce_reply(portal: Portal, reply: RemoteReply) -> None:
    _to_followers(
        portal,
        objects.activity(
            "Announce",
            portal,
            reply.ap_id,
            activity_id=_new_activity_id(portal, f"announce-reply-{reply.pk}"),
        ),
    )


# --- Publishing ------------------------------------------------------------


@transaction.atomic
def item_federate(*, kind_key: str, object_id: int) -> str:
    """Tell followers what became of one item: Create (+ Announce), Update,
    Delete, or nothing. Idempotent: running it twice sends nothing more."""
    kind = registry.content_kind(kind_key)
    if kind is None or kind_key not in objects.OBJECT_TYPES:
        return "ignored"
    record = (
        FederatedObject.objects.select_for_update()
        .filter(kind=kind_key, object_id=object_id)
        .first()
    )
    found = visible(None, kind).filter(pk=object_id).first()
    if found is None:
        if record is not None and record.state == FederatedObject.PUBLISHED:
            _send_delete(record)
            return "deleted"
        return "nothing"
    item = kind.to_item(found)
    portal = item.portal
    if record is None and not selectors.follower_inboxes(portal):
        return "nothing"  # nobody to tell; the outbox still lists it
    document = objects.to_object(item)
    digest = objects.digest(document)
    if record is None or record.state == FederatedObject.DELETED:
        record, _ = FederatedObject.objects.update_or_create(
            kind=kind_key,
            object_id=object_id,
            defaults={
                "portal": portal,
                "ap_id": document["id"],
                "state": FederatedObject.PUBLISHED,
                "digest": digest,
            },
        )
        create = objects.activity(
            "Create",
            portal,
            document,
            activity_id=_new_activity_id(portal, f"create-{kind_key}-{object_id}"),
            published=item.published_at,
        )
        _to_followers(portal, create)
        announce = objects.activity(
            "Announce",
            portal,
            {k: v for k, v in create.items() if k != "@context"},
            activity_id=_new_activity_id(portal, f"announce-{kind_key}-{object_id}"),
        )
        _to_followers(portal, announce)
        return "created"
    if record.digest == digest:
        return "nothing"
    document["id"] = record.ap_id
    record.digest = digest
    record.save(update_fields=["digest", "updated_at"])
    _to_followers(
        portal,
        objects.activity(
            "Update",
            portal,
            document,
            activity_id=_new_activity_id(portal, f"update-{kind_key}-{object_id}"),
        ),
    )
    return "updated"


def _send_delete(record: FederatedObject) -> None:
    portal = record.portal
    record.state = FederatedObject.DELETED
    record.save(update_fields=["state", "updated_at"])
    _to_followers(
        portal,
        objects.activity(
            "Delete",
            portal,
            objects.tombstone(record.ap_id, record.kind),
            activity_id=_new_activity_id(
                portal, f"delete-{record.kind}-{record.object_id}"
            ),
        ),
    )


@transaction.atomic
def portal_sweep(*, portal_id: int) -> int:
    """Send Delete for every announced item the public may no longer see
    (a page above it unpublished, an image's consent withdrawn, a section
    switched off...). The number of items withdrawn."""
    portal = Portal.objects.filter(pk=portal_id).select_related("home_page").first()
    records = FederatedObject.objects.filter(
        portal_id=portal_id, state=FederatedObject.PUBLISHED
    ).select_related("portal")
    by_kind: dict[str, list[FederatedObject]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    withdrawn = 0
    for kind_key, kind_records in by_kind.items():
        kind = registry.content_kind(kind_key)
        still = set()
        if kind is not None and portal is not None:
            still = set(
                visible_ids(portal, kind)
                .filter(pk__in=[r.object_id for r in kind_records])
                .values_list("pk", flat=True)
            )
        for record in kind_records:
            if record.object_id not in still:
                _send_delete(record)
                withdrawn += 1
    return withdrawn


MAX_ANSWER_CHARS = 2000


@transaction.atomic
def reply_answer(*, portal: Portal, reply_id: int, text: str) -> GroupNote:
    """An animator answers a reply: it is published, and the portal's Group
    sends its Note to the remote author and to the portal's followers."""
    reply = RemoteReply.objects.select_related("actor").get(portal=portal, pk=reply_id)
    text = strip_controls(text or "").strip()
    if not text or len(text) > MAX_ANSWER_CHARS:
        raise ValueError(text)
    if reply.status != RemoteReply.PUBLISHED:
        reply.status = RemoteReply.PUBLISHED
        reply.save(update_fields=["status"])
        _announce_reply(portal, reply)
    note = GroupNote.objects.create(
        portal=portal, reply=reply, content_html=text_to_html(text)
    )
    create = objects.activity(
        "Create",
        portal,
        objects.group_note(note),
        activity_id=_new_activity_id(portal, f"note-{note.pk}"),
        published=note.created_at,
    )
    create["cc"] = [reply.actor.uri, addresses.followers(portal)]
    inboxes = set(selectors.follower_inboxes(portal)) | {reply.actor.delivery_inbox}
    deliveries_create(portal, create, sorted(inboxes))
    return note
