from django.utils.functional import SimpleLazyObject

from gongzhi.common.access.actor import actor_for_request


class ActorMiddleware:
    """Attach ``request.actor`` (lazily: most static and health requests never need it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: actor_for_request(request))
        return self.get_response(request)
