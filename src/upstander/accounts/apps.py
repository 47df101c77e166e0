from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "upstander.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from upstander.accounts.services import roles_sync

        def _sync(**kwargs: object) -> None:
            # Roles are data: bring groups and object permissions in line with the role table
            # after every migrate, once every app's models exist.
            if kwargs.get("app_config") is self:
                return
            roles_sync(using=str(kwargs.get("using", "default")))

        post_migrate.connect(_sync, dispatch_uid="upstander.accounts.roles_sync", weak=False)
