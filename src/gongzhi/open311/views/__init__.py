"""Pages and endpoints of Open311 and the portal: georeport (GeoReport v2), portal (residents),
staff_map (the staff's map of orders)."""
