"""Background work of uploads: converting sound and video."""

from django_tasks import task


@task()
def process_media_asset(asset_id: int) -> str:
    """Make the published files of a MediaAsset (see processing.py).

    Takes an id, loads the asset again and quietly skips a deleted, ready or
    already running one; failures are recorded on the asset, and retried a
    bounded number of times when trying again may help.
    """
    from . import processing

    return processing.process(asset_id)
