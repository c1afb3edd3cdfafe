"""Embargo and trade screening: embargoed areas, commodity rules, shipment screening.

Owns agencies' areas (time-versioned GeoJSON shapes with their legal basis and sharing
scope) and commodity rules (HS-code ranges and keywords per area and period), and the
screening of shipments: parties and vessels through ``ictd.screening`` (sharing scope and
withheld hits as for any screening), places through the areas as they were on the
shipment's date, goods through the rules; findings raise ``trade`` alerts (and AIS
findings ``ais`` alerts) through ``ictd.outbox``. May import ``ictd.screening``,
``ictd.trade``, ``ictd.outbox``, ``ictd.store``, ``ictd.model``, ``ictd.security`` and
``ictd.exc``.
"""

from ictd.embargo.ais import AisScreening, screen_ais
from ictd.embargo.areas import (
    AreaInput,
    add_area_version,
    area_versions,
    create_area,
    get_area,
    import_areas,
    list_areas,
    map_areas,
    parse_feature_collection,
    withdraw_area,
)
from ictd.embargo.demo import load_illustrative_areas
from ictd.embargo.rules import RuleInput, create_rule, list_rules, rule_versions, update_rule
from ictd.embargo.shipments import (
    MAX_SHIPMENTS,
    ShipmentInput,
    ShipmentScreening,
    parse_shipments,
    screen_shipments,
)

__all__ = [
    "MAX_SHIPMENTS",
    "STORE_READS",
    "STORE_WRITES",
    "AisScreening",
    "AreaInput",
    "RuleInput",
    "ShipmentInput",
    "ShipmentScreening",
    "add_area_version",
    "area_versions",
    "create_area",
    "create_rule",
    "get_area",
    "import_areas",
    "list_areas",
    "list_rules",
    "load_illustrative_areas",
    "map_areas",
    "parse_feature_collection",
    "parse_shipments",
    "rule_versions",
    "screen_ais",
    "screen_shipments",
    "update_rule",
    "withdraw_area",
]

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("areas", "commodity_rules")
"""Repositories of this capability: read and written here."""
STORE_READS = ("accounts", "listings")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
