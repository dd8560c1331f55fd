"""The inbox is personal: every signed-in user, with a role or without, reads and marks their own
notifications (another user's answer 404, see test_api_notifications); anonymous callers nothing."""
import pytest
from django.urls import reverse

from tests.api_support import EVERYONE, assert_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", EVERYONE)
def test_every_user_reads_and_marks_their_own_inbox(small_city, api_client_for, who):
    client = api_client_for(small_city.users[who])
    assert client.get(reverse("api:notification-list")).status_code == 200
    assert client.post(reverse("api:notification-read-all")).status_code == 200


def test_the_inbox_is_closed_to_anonymous_callers(small_city, client):
    assert_error(client.get(reverse("api:notification-list")), 401)
    assert_error(client.post(reverse("api:notification-read-all")), 401)
    assert_error(client.post(reverse("api:notification-read", args=[1])), 401)
