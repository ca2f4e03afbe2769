from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, to: str, subject: str, body: str) -> None:
    subject = f"[Avis de Quartiers] {subject}".replace("\n", " ")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
