"""In-app notifications and the outbound channels (SMS, WeCom) behind one interface."""
from gongzhi.common.notifications.delivery import (Delivery, notifications_deliver, notifications_deliver_many,
                                                   notifications_enabled, notifications_paused, unread_count)

__all__ = ["Delivery", "notifications_deliver", "notifications_deliver_many", "notifications_enabled",
           "notifications_paused", "unread_count"]
