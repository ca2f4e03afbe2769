"""Background work of uploads: converting sound and video."""

from django_tasks import task


@task(takes_context=True)
def process_media_asset(context, asset_id: int) -> str:
    """Make the published files of a MediaAsset (see processing.py).

    Takes an id, loads the asset again and quietly skips a deleted, ready or
    already running one; failures are recorded on the asset, and retried a
    bounded number of times when trying again may help. The asset records
    which worker and run took it, so that the next run takes it over at once
    if that worker dies (processing.claim).
    """
    from . import processing

    return processing.process(asset_id, processing.Holder.of(context))
