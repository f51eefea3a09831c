from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from workshops import exchange, registry
from workshops.models import Membership, Organisation, Role

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
ORGANISATION = "Northlight Consulting"
FACILITATOR = ("Kaisa", "Lehtonen")


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
        organisation, _ = Organisation.objects.get_or_create(
            slug="demo", defaults={"name": ORGANISATION}
        )
        if organisation.name == "Demo":  # a demo loaded before it had a real name
            organisation.name = ORGANISATION
            organisation.save(update_fields=["name"])
        user = None
        if settings.DEMO_LOGIN or with_login:
            User = get_user_model()
            user, created = User.objects.get_or_create(username="demo")
            if created:
                user.set_password("demo")
            if not user.first_name and not user.last_name:
                # The report's cover names the facilitator by full name.
                user.first_name, user.last_name = FACILITATOR
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
                document.model_dump(mode="json"), organisation=organisation, by=user
            )
            for loader in registry.ordered(registry.demo_loaders):
                loader.load(workshop=workshop, by=user)
            self.stdout.write(f"loaded {workshop.name} ({workshop.pk})")
        self.stdout.write("demo ready")
