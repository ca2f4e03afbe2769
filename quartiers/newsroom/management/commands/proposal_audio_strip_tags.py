"""Strip the tags of sounds attached to proposals before this check existed.

Sounds sent since then are stored without tags; this rewrites the older
ones the same way (name, phone number, place, cover picture removed) under a
new random name, and deletes the old file. Safe to run again.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from quartiers.newsroom.models import Submission
from quartiers.uploads import audio_tags


class Command(BaseCommand):
    help = (
        "Retire les étiquettes (nom, téléphone, lieu) des sons joints aux propositions."
    )

    def handle(self, *args, **options):
        cleaned = failed = 0
        for submission in Submission.objects.exclude(audio="").iterator():
            old = submission.audio
            try:
                old.open("rb")
                try:
                    clean = audio_tags.strip_tags(old)
                finally:
                    old.close()
            except (OSError, ValidationError) as error:
                failed += 1
                self.stderr.write(f"proposition {submission.pk} : {error}")
                continue
            old_name = old.name
            submission.audio.save(clean.name, clean, save=False)
            Submission.objects.filter(pk=submission.pk).update(
                audio=submission.audio.name
            )
            old.storage.delete(old_name)
            cleaned += 1
        self.stdout.write(f"{cleaned} son(s) nettoyé(s), {failed} illisible(s).")
