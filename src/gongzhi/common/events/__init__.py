"""Domain events: every business action records one, inside the action's transaction."""
from gongzhi.common.events.recording import event_build, event_record, events_for_object, events_record

__all__ = ["event_build", "event_record", "events_record", "events_for_object"]
