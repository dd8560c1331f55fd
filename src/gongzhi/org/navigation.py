"""The organisation's entries in the shell's navigation and its panels on the home page."""
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.navigation import NavigationEntry, navigation_register
from gongzhi.org import home_panels  # noqa: F401  (registers the organisation's home panels)

navigation_register(NavigationEntry(label=_("Registry"), url_name="registry-tree",
                                    permission=Permission.REGISTRY_VIEW, order=20))
navigation_register(NavigationEntry(label=_("Departments"), url_name="registry-departments",
                                    permission=Permission.REGISTRY_VIEW, order=30))
navigation_register(NavigationEntry(label=_("Compounds"), url_name="registry-compounds",
                                    permission=Permission.REGISTRY_VIEW, order=40))
