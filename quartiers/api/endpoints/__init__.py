"""The API's endpoints, one module per family, each with its router:

- ``portals``: the neighbourhoods;
- ``occurrences``: the dates of the agenda's events in a window;
- ``shows``: the radio's shows and their podcasts;
- ``kinds``: every content kind of the feature registry, list and detail.

They depend on ``common`` (portal lookup, images, error answers) and on
``..params`` and ``..schemas``; never on each other. ``..api`` assembles
them, in this order (the order of the paths in the OpenAPI schema).
"""
