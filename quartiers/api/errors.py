from django.utils.translation import gettext_lazy as _


class ApiError(Exception):
    """A caller's mistake: answered with its status and a plain message."""

    def __init__(self, status: int, detail) -> None:
        super().__init__(str(detail))
        self.status = status
        self.detail = str(detail)


def not_found(detail=None) -> ApiError:
    return ApiError(
        404, detail or _("Rien ici : l'adresse ne correspond à rien de public.")
    )
