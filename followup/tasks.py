"""Background tasks of the follow-up (django-tasks; in Django 6 the same API is django.tasks).

Run the digest regularly by enqueueing this task (`manage.py send_digests --enqueue` from cron
while `manage.py db_worker` runs) or by running `manage.py send_digests` from cron directly.
"""

from django_tasks import task

from .digest import send_digests


@task()
def send_digests_task(base_url: str = "") -> int:
    return send_digests(base_url=base_url)
