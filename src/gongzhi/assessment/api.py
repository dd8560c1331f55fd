"""API views and serializers (thin: they call selectors and services)."""
api_urlpatterns: list = []
