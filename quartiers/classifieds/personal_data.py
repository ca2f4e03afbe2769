from .models import Ad, AdPhoto


def export_ads(user) -> dict:
    ads = (
        Ad.objects.filter(author=user)
        .select_related("portal")
        .prefetch_related("photos__image")
    )
    return {
        "petites_annonces": [
            {
                "quartier": ad.portal.name,
                "type": ad.get_kind_display(),
                "categorie": ad.get_category_display(),
                "titre": ad.title,
                "texte": ad.text,
                "lieu": ad.place,
                "prix": str(ad.price) if ad.price is not None else None,
                "etat": ad.get_status_display(),
                "creee_le": ad.created_at.isoformat(),
                "publiee_le": ad.published_at.isoformat() if ad.published_at else None,
                "expire_le": ad.expires_at.isoformat() if ad.expires_at else None,
                "photos": [photo.image.file.name for photo in ad.photos.all()],
            }
            for ad in ads
        ]
    }


def ad_photo_files(user) -> list:
    return [
        photo.image.file
        for photo in AdPhoto.objects.filter(ad__author=user).select_related("image")
    ]


def erase_ads(user, keep_contributions: bool) -> None:
    # keep_contributions does not apply here: an ad speaks for one person
    # about their own belongings and needs, and only they can answer it.
    # Unlike a published article, it has no value for the neighbourhood once
    # its author is gone, so ads and their photos go in both cases.
    from .services import _delete_with_photos

    for ad in Ad.objects.filter(author=user):
        _delete_with_photos(ad)
