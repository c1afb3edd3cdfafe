"""Embargo and trade screening: embargoed areas, commodity rules, shipment screening.

Owns agencies' areas (time-versioned GeoJSON shapes with their legal basis and sharing
scope) and commodity rules (HS-code ranges and keywords per area and period), and the
screening of shipments: parties and vessels through ``ictd.screening`` (sharing scope and
withheld hits as for any screening), places through the areas as they were on the
shipment's date, goods through the rules; findings raise ``trade`` alerts through
``ictd.outbox``. May import ``ictd.screening``, ``ictd.trade``, ``ictd.outbox``,
``ictd.store``, ``ictd.model``, ``ictd.security`` and ``ictd.exc``.
"""

from ictd.embargo.areas import (
    AreaInput,
    add_area_version,
    area_versions,
    create_area,
    get_area,
    import_areas,
    list_areas,
    parse_feature_collection,
    withdraw_area,
)
from ictd.embargo.demo import load_illustrative_areas

__all__ = [
    "STORE_READS",
    "STORE_WRITES",
    "AreaInput",
    "add_area_version",
    "area_versions",
    "create_area",
    "get_area",
    "import_areas",
    "list_areas",
    "load_illustrative_areas",
    "parse_feature_collection",
    "withdraw_area",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("areas",)
"""Repositories of this capability: read and written here."""
STORE_READS = ("accounts",)
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
