from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="weight",
            field=models.FloatField(default=0, verbose_name="poids"),
        ),
        migrations.AddField(
            model_name="withdrawal",
            name="review_message",
            field=models.TextField(blank=True, verbose_name="demande de réexamen"),
        ),
        migrations.AddField(
            model_name="withdrawal",
            name="review_requested_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
