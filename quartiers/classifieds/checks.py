"""Checks on messages relayed to ad authors: the usual scams are refused
with a plain explanation, before anything is sent."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_LINKS = 2
SHORTENERS = frozenset(
    {
        "bit.ly",
        "tinyurl.com",
        "t.co",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "cutt.ly",
        "rebrand.ly",
        "shorturl.at",
        "tiny.cc",
        "rb.gy",
        "s.id",
        "t.ly",
        "bl.ink",
        "lnkd.in",
        "urlz.fr",
        "shorturl.fr",
    }
)
PHISHING_WORDS = (
    "mot de passe",
    "mots de passe",
    "code de vérification",
    "code de verification",
    "code reçu par sms",
    "virement",
    "carte bancaire",
    "carte bleue",
    "numéro de carte",
    "cryptogramme",
    "western union",
    "mandat cash",
    "coupon pcs",
    "transcash",
)
LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>\"']*",
    re.IGNORECASE,
)
BARE_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)


def links_in(text: str) -> list[str]:
    return LINK.findall(text or "")


def _host(link: str) -> str:
    host = re.sub(r"^(?:https?://)?", "", link, flags=re.IGNORECASE)
    host = host.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def check_message(text: str) -> None:
    """Raise ValidationError with the reason when a message looks like a scam."""
    lowered = (text or "").lower()
    hosts = {_host(link) for link in links_in(text)}
    hosts |= {d.lower() for d in BARE_DOMAIN.findall(text or "")}
    if hosts & SHORTENERS:
        raise ValidationError(
            _(
                "Votre message contient un lien raccourci (comme bit.ly) : on ne "
                "peut pas savoir où il mène, il est donc refusé. Écrivez l'adresse "
                "complète du site ou retirez le lien."
            ),
            code="shortener",
        )
    if len(links_in(text)) > MAX_LINKS:
        raise ValidationError(
            _(
                "Votre message contient plus de %(max)s liens. Pour protéger les "
                "habitants des arnaques, retirez des liens : deux au plus."
            )
            % {"max": MAX_LINKS},
            code="links",
        )
    for word in PHISHING_WORDS:
        if word in lowered:
            raise ValidationError(
                _(
                    "Votre message parle de « %(word)s ». Ces mots sont souvent "
                    "utilisés dans les arnaques, le message n'est donc pas envoyé. "
                    "Entre voisins, réglez plutôt en main propre, et ne demandez "
                    "jamais de code, de mot de passe ou de coordonnées bancaires."
                )
                % {"word": word},
                code="phishing",
            )
