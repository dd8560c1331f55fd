"""The assessment's entry in the shell's navigation (its other pages are tabs under it: posted staff,
the party-building review, cadre files) and its panels on the home page."""
from django.utils.translation import gettext_lazy as _

from gongzhi.assessment import home_panels  # noqa: F401  (registers the assessment's home panels)
from gongzhi.common.access.roles import Permission
from gongzhi.common.navigation import NavigationEntry, navigation_register

navigation_register(NavigationEntry(label=_("Assessment"), url_name="assessment:periods",
                                    permission=Permission.ASSESSMENT_VIEW, order=60))
