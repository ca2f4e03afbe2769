"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): the same photo
checks as every resident form, so a cut or broken photo is refused with a
message instead of breaking the upload or every page that shows it."""

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from . import photos


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, after the shared photo check.

    Wagtail measures the image by decoding it, which raises on a cut JPEG:
    the shared check runs first and answers with its French message.
    """

    def to_python(self, data):
        if data and hasattr(data, "read") and hasattr(data, "size"):
            photos.validate_photo(data)
        return super().to_python(data)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Keep the field Wagtail built (label, widget, help text) and
            # only add the check: same class plus one step.
            field.__class__ = CheckedImageField
