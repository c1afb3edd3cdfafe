"""The domain model: subjects, statements, listings, relations, agencies and accounts;
airline manifests, travel documents and their reports, risk rules.

Pure data and validation; imports nothing from ICTD but ``ictd.exc`` and does no I/O.
"""

from ictd.model.account import Agency, ApiKey, Role, User
from ictd.model.issuing_state import icao_of_iso, iso_of_icao, issuing_state_of
from ictd.model.listing import Action, Handling, Listing, ListingStatus, Sharing
from ictd.model.manifest import Booking, FlightLeg, Interchange, ListType, Manifest, MessageType
from ictd.model.passenger import Passenger, TravellerName, TravellerRole
from ictd.model.relation import RELATION_ENDS, Relation, RelationType, relation_misfit
from ictd.model.risk_rule import RiskRule
from ictd.model.schema import PROPERTIES, Property, PropertyType, Schema, get_property
from ictd.model.statement import Statement
from ictd.model.subject import Subject
from ictd.model.travel_document import DocumentReport, DocumentStatus, TravelDocument
from ictd.model.value import DateValue, clean_value, parse_date

__all__ = [
    "PROPERTIES",
    "RELATION_ENDS",
    "Action",
    "Agency",
    "ApiKey",
    "Booking",
    "DateValue",
    "DocumentReport",
    "DocumentStatus",
    "FlightLeg",
    "Handling",
    "Interchange",
    "ListType",
    "Listing",
    "ListingStatus",
    "Manifest",
    "MessageType",
    "Passenger",
    "Property",
    "PropertyType",
    "Relation",
    "RelationType",
    "RiskRule",
    "Role",
    "Schema",
    "Sharing",
    "Statement",
    "Subject",
    "TravelDocument",
    "TravellerName",
    "TravellerRole",
    "User",
    "clean_value",
    "get_property",
    "icao_of_iso",
    "iso_of_icao",
    "issuing_state_of",
    "parse_date",
    "relation_misfit",
]
