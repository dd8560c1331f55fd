from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "gongzhi.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from gongzhi.org import audit_registration  # noqa: F401  (registers models with auditlog)
        from gongzhi.org import navigation  # noqa: F401  (navigation entries and home panels)
