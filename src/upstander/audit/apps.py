from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "upstander.audit"
    label = "audit"
    verbose_name = "Audit log"
