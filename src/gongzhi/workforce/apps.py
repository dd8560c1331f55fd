from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "gongzhi.workforce"
    label = "workforce"
    verbose_name = _("Community workforce")

    def ready(self) -> None:
        from gongzhi.workforce import navigation  # noqa: F401  (navigation entries and home panels)
