"""The inbox page: the user's own notifications, unread first, opened or marked read one by one or
all at once; the header counts the unread ones; another user's notification answers 404."""
import pytest
from django.urls import reverse

from gongzhi.common.models import Notification
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


@pytest.fixture
def notified(orders, small_city, django_capture_on_commit_callbacks):
    """Two orders dispatched to housing (their notifications delivered as after a commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        first = orders.dispatched(title="第一单")
    with django_capture_on_commit_callbacks(execute=True):
        second = orders.dispatched(title="第二单")
    return first, second


def inbox_of(small_city, page_client_for, who):
    return page_client_for(small_city.users[who]).get(reverse("inbox"))


def test_the_inbox_lists_unread_first_and_the_header_counts_them(notified, small_city, page_client_for):
    first, second = notified
    handler = small_city.users["housing_handler"]
    older, newer = Notification.objects.filter(recipient=handler).order_by("created_at", "id")
    Notification.objects.filter(pk=newer.pk).update(read_at=newer.created_at)
    response = inbox_of(small_city, page_client_for, "housing_handler")
    assert [n.pk for n in response.context["page"].object_list] == [older.pk, newer.pk]
    assert response.context["unread"] == 1 and response.context["unread_notifications"] == 1
    assert first.number in older.title and older.url == reverse("orders:detail", args=[first.number])


def test_opening_a_notification_marks_it_read_and_goes_to_the_order(notified, small_city, page_client_for):
    first, _second = notified
    notification = Notification.objects.filter(recipient=small_city.users["housing_handler"]).earliest("id")
    response = page_client_for(small_city.users["housing_handler"]).post(
        reverse("inbox-read", args=[notification.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("orders:detail", args=[first.number])
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_and_mark_all_read(notified, small_city, page_client_for):
    handler = small_city.users["housing_handler"]
    client = page_client_for(handler)
    one = Notification.objects.filter(recipient=handler).earliest("id")
    assert client.post(reverse("inbox-read", args=[one.pk])).status_code == 302
    assert Notification.objects.filter(recipient=handler, read_at__isnull=True).count() == 1
    assert client.post(reverse("inbox-read-all")).status_code == 302
    assert not Notification.objects.filter(recipient=handler, read_at__isnull=True).exists()
    # Others' inboxes are untouched.
    assert Notification.objects.filter(recipient=small_city.users["housing_leader"], read_at__isnull=True).count() == 2


def test_another_users_notification_answers_404_and_stays_unread(notified, small_city, page_client_for):
    theirs = Notification.objects.filter(recipient=small_city.users["housing_leader"]).earliest("id")
    response = page_client_for(small_city.users["housing_handler"]).post(reverse("inbox-read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert theirs not in inbox_of(small_city, page_client_for, "housing_handler").context["page"].object_list


def test_reading_needs_post(notified, small_city, page_client_for):
    mine = Notification.objects.filter(recipient=small_city.users["housing_handler"]).earliest("id")
    client = page_client_for(small_city.users["housing_handler"])
    assert client.get(reverse("inbox-read", args=[mine.pk])).status_code == 405
    assert client.get(reverse("inbox-read-all")).status_code == 405
