"""The domain model: subjects, statements, listings, relations, agencies and accounts.

Pure data and validation; imports nothing from ICTD but ``ictd.exc`` and does no I/O.
"""

from ictd.model.account import Agency, ApiKey, Role, User
from ictd.model.listing import Action, Handling, Listing, ListingStatus, Sharing
from ictd.model.relation import RELATION_ENDS, Relation, RelationType, relation_misfit
from ictd.model.schema import PROPERTIES, Property, PropertyType, Schema, get_property
from ictd.model.statement import Statement
from ictd.model.subject import Subject
from ictd.model.value import DateValue, clean_value, parse_date

__all__ = [
    "PROPERTIES",
    "RELATION_ENDS",
    "Action",
    "Agency",
    "ApiKey",
    "DateValue",
    "Handling",
    "Listing",
    "ListingStatus",
    "Property",
    "PropertyType",
    "Relation",
    "RelationType",
    "Role",
    "Schema",
    "Sharing",
    "Statement",
    "Subject",
    "User",
    "clean_value",
    "get_property",
    "parse_date",
    "relation_misfit",
]
