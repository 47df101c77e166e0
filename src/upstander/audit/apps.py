from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "upstander.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from upstander.audit.admin_hooks import connect

        connect()
