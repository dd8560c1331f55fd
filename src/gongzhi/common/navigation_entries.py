"""The kernel's entries in the shell's navigation: home for everyone, the audit trail for auditors."""
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.navigation import NavigationEntry, navigation_register

navigation_register(NavigationEntry(label=_("Home"), url_name="home", permission=None, order=0))
navigation_register(NavigationEntry(label=_("Audit trail"), url_name="audit-events",
                                    permission=Permission.AUDIT_VIEW, order=900))
