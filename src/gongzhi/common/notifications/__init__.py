"""In-app notifications and the outbound channels (SMS, WeCom) behind one interface."""
from gongzhi.common.notifications.delivery import (notifications_deliver, notifications_enabled,
                                                   notifications_paused, unread_count)

__all__ = ["notifications_deliver", "notifications_enabled", "notifications_paused", "unread_count"]
