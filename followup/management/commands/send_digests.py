from django.core.management.base import BaseCommand

from followup.digest import send_digests
from followup.tasks import send_digests_task


class Command(BaseCommand):
    help = (
        "E-mail each workshop member the actions due in the next 7 days, the overdue actions "
        "and the flagged feedback since their last digest. Schedule it (e.g. cron, Mondays "
        "07:00): `manage.py send_digests`, or `--enqueue` to hand it to the task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="Address of the site for the links, e.g. https://arvopolku.example.com "
            "(default: settings.SITE_URL).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the send_digests task for the worker (manage.py db_worker) instead "
            "of sending now.",
        )

    def handle(self, *args, base_url="", enqueue=False, **options):
        if enqueue:
            result = send_digests_task.enqueue(base_url=base_url)
            self.stdout.write(f"Enqueued the digest task {result.id}.")
            return
        sent = send_digests(base_url=base_url)
        self.stdout.write(f"Sent {sent} digest e-mails.")
