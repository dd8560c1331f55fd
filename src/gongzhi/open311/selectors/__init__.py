"""Reads for Open311, the resident portal and the staff map.

The public reads (GeoReport, the portal) take no actor: they serve anyone, and show only what may
be published — orders that came in through the residents' own doors, and never a reporter's
contact or a staff member's name. The staff map reads through the work orders' scoped selectors."""
from gongzhi.open311.selectors.georeport import (public_channels, public_request_get, public_requests,
                                                 public_service_get, public_services, public_updates,
                                                 request_for_token)
from gongzhi.open311.selectors.places import (CompoundSuggestion, NearbyOrder, compound_matching_address,
                                              compound_suggestions, nearby_open_orders, order_for_tracking)

__all__ = [
    "public_channels", "public_request_get", "public_requests", "public_service_get", "public_services",
    "public_updates", "request_for_token", "CompoundSuggestion", "NearbyOrder", "compound_matching_address",
    "compound_suggestions", "nearby_open_orders", "order_for_tracking",
]
