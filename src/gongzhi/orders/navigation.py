"""The work orders' entries in the shell's navigation and their panels on the home page."""
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.navigation import NavigationEntry, navigation_register
from gongzhi.orders import home_panels  # noqa: F401  (registers the work queues' home panels)

navigation_register(NavigationEntry(label=_("Work orders"), url_name="orders:queue",
                                    permission=Permission.ORDERS_VIEW, order=10))
navigation_register(NavigationEntry(label=_("Report a problem"), url_name="orders:new",
                                    permission=Permission.ORDERS_REPORT, order=11))
navigation_register(NavigationEntry(label=_("Statistics"), url_name="orders:statistics",
                                    permission=Permission.STATS_VIEW, order=50))
navigation_register(NavigationEntry(label=_("Inbox"), url_name="inbox", permission=None, order=90))
