"""The organisation's entry in the shell's navigation and its panels on the home page. One entry:
the registry's pages (departments, compounds) are reached from it, and the bar stays short enough
for a laptop screen."""
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.navigation import NavigationEntry, navigation_register
from gongzhi.org import home_panels  # noqa: F401  (registers the organisation's home panels)

navigation_register(NavigationEntry(label=_("Registry"), url_name="registry-tree",
                                    permission=Permission.REGISTRY_VIEW, order=20))
