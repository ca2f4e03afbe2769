from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "quartiers.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self) -> None:
        from quartiers.portals.features import PersonalData, registry

        from . import admin_mail, personal_data

        admin_mail.install()

        registry.register_personal_data(
            PersonalData(
                name="compte",
                export=personal_data.export_account,
                erase=personal_data.erase_account,
                files=personal_data.account_files,
            )
        )
