"""The workforce's entries in the shell's navigation: the files for HR roles, one's own file for
everyone who has one; the workforce's other pages are reached from the list's tabs."""

from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.navigation import NavigationEntry, navigation_register
from gongzhi.workforce import home_panels  # noqa: F401  (registers the workforce's home panels)

navigation_register(
    NavigationEntry(
        label=_("Workforce"), url_name="workforce:workers", permission=Permission.WORKFORCE_VIEW, order=40
    )
)
navigation_register(
    NavigationEntry(
        label=_("My file"), url_name="workforce:my-file", permission=Permission.WORKFORCE_OWN_FILE, order=85
    )
)
