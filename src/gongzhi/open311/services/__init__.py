"""Open311 and portal actions: client systems' keys, and problems reported from outside (each
entering the work-order loop through its one intake action)."""
from gongzhi.open311.services.clients import (api_client_create, api_client_key_rotate, api_client_mark_used,
                                              api_client_set_active, api_client_update)
from gongzhi.open311.services.reports import resident_report, service_request_create

__all__ = ["api_client_create", "api_client_key_rotate", "api_client_mark_used", "api_client_set_active",
           "api_client_update", "resident_report", "service_request_create"]
