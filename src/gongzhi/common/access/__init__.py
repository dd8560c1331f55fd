"""Access control: roles and their permissions (declared once, in roles.py), the actor acting
in a request, and the resolver that walks the organisation tree."""
from gongzhi.common.access.roles import Permission, Role, ROLE_PERMISSIONS, role_has_permission

__all__ = ["Permission", "Role", "ROLE_PERMISSIONS", "role_has_permission"]
