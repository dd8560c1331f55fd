from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "gongzhi.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        from gongzhi.assessment import navigation  # noqa: F401  (navigation entries and home panels)
