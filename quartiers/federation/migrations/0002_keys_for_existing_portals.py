"""Every portal that exists already gets its key pair now, so that reading a
portal's actor never has to write one."""

from django.db import migrations


def make_keys(apps, schema_editor):
    from quartiers.federation.signatures import generate_key_pair

    Portal = apps.get_model("portals", "Portal")
    PortalActor = apps.get_model("federation", "PortalActor")
    for portal in Portal.objects.filter(fediverse_actor__isnull=True):
        private_pem, public_pem = generate_key_pair()
        PortalActor.objects.create(
            portal=portal, private_key_pem=private_pem, public_key_pem=public_pem
        )


class Migration(migrations.Migration):
    dependencies = [("federation", "0001_initial")]

    operations = [migrations.RunPython(make_keys, migrations.RunPython.noop)]
