from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, to: str, subject: str, body: str) -> None:
    # Any line break (\r too) would make the header invalid and lose the email.
    subject = " ".join(f"[Avis de Quartiers] {subject}".splitlines())
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
