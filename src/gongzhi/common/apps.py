from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "gongzhi.common"
    label = "common"
    verbose_name = _("Platform kernel")

    def ready(self) -> None:
        from gongzhi.common import navigation_entries  # noqa: F401  (home and audit in the shell's navigation)
        from gongzhi.common.calendar import invalidation  # noqa: F401  (override edits reach every process)
