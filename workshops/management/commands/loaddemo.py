from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from workshops import exchange
from workshops.models import Membership, Organisation, Role

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = (
        "Load the demo organisation and its two filled workshops (Finnish and English). "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-login",
            action="store_true",
            help="create the demo/demo login even when DEBUG is off",
        )

    @transaction.atomic
    def handle(self, *args, with_login=False, **options):
        organisation, _ = Organisation.objects.get_or_create(slug="demo", defaults={"name": "Demo"})
        if settings.DEMO_LOGIN or with_login:
            User = get_user_model()
            user, created = User.objects.get_or_create(username="demo")
            if created:
                user.set_password("demo")
                user.save()
            Membership.objects.get_or_create(
                organisation=organisation, user=user, defaults={"role": Role.OWNER}
            )
        existing = set(organisation.workshops.values_list("name", flat=True))
        for path in sorted(DEMO_DIR.glob("*.json")):
            document = exchange.parse(path.read_bytes())
            if document.workshop.name in existing:
                continue
            workshop = exchange.import_workshop(
                document.model_dump(mode="json"), organisation=organisation
            )
            self.stdout.write(f"loaded {workshop.name} ({workshop.pk})")
        self.stdout.write("demo ready")
