from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "upstander.policies"
    label = "policies"
    verbose_name = "Policy library"
