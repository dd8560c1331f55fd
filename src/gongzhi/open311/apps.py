from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    name = "gongzhi.open311"
    label = "open311"
    verbose_name = _("Open311 and the resident portal")

    def ready(self) -> None:
        from gongzhi.open311 import navigation  # noqa: F401  (the map in the navigation, home panels)
