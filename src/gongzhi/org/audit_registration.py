"""Admin and model edits of the registry are logged by django-auditlog (who, when, which fields);
business actions write domain events of their own in common/events."""
from auditlog.registry import auditlog

from gongzhi.org import models

for model in (models.Unit, models.Compound, models.Department, models.Liaison, models.PartyOrganisation,
              models.JointCommitteeSeat, models.Membership):
    auditlog.register(model)
auditlog.register(models.User, exclude_fields=["password", "last_login", "failed_login_count", "locked_until"])
