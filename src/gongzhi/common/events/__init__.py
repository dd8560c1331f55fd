"""Domain events: every business action records one, inside the action's transaction."""
from gongzhi.common.events.recording import event_record, events_for_object

__all__ = ["event_record", "events_for_object"]
