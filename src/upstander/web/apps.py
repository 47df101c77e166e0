from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "upstander.web"
    label = "web"
    verbose_name = "Web shell"

    def ready(self) -> None:
        from upstander.web import signals  # noqa: F401  (connects the sign-in audit receivers)
