"""Work-order actions, one function per action of the loop (see orders/transitions.py).

Each is keyword-only, runs in one transaction, locks the order row, checks role, relation and
state, stamps its timestamp, records a domain event and schedules notifications on commit."""
from gongzhi.orders.services.dispatching import (order_arbitrate, order_dispatch, order_handle_locally,
                                                 order_mark_duplicate, order_reject)
from gongzhi.orders.services.feedback import order_rate, order_reopen, order_rework, order_verify
from gongzhi.orders.services.handling import (order_accept, order_complete, order_extension_approve,
                                              order_extension_deny, order_extension_request, order_return)
from gongzhi.orders.services.intake import order_cancel, order_report
from gongzhi.orders.services.supervision import (order_escalate, order_urge, orders_overdue_sweep,
                                                 orders_reminder_sweep)

__all__ = [
    "order_report", "order_cancel", "order_dispatch", "order_handle_locally", "order_reject",
    "order_mark_duplicate", "order_arbitrate", "order_accept", "order_return", "order_complete",
    "order_extension_request", "order_extension_approve", "order_extension_deny", "order_verify",
    "order_rework", "order_rate", "order_reopen", "order_urge", "order_escalate", "orders_overdue_sweep",
    "orders_reminder_sweep",
]
