from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "upstander.records"
    label = "records"
    verbose_name = "Accountability records"
