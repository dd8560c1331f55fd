from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "gongzhi.orders"
    label = "orders"
    verbose_name = _("Work orders")

    def ready(self) -> None:
        from gongzhi.orders import navigation  # noqa: F401  (navigation entries and home panels)
