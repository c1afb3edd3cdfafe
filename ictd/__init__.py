"""ICTD — International Counter-Terrorism Database.

A shared registry of persons and organisations involved in terrorism, with multilingual
screening, real-time alerts on reported movements, and a tamper-evident audit trail.
"""

from ictd.exc import (
    Conflict,
    Forbidden,
    IctdError,
    InvalidInput,
    NotFound,
    SourceError,
    StoreError,
    Unauthenticated,
)
from ictd.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Conflict",
    "Forbidden",
    "IctdError",
    "InvalidInput",
    "NotFound",
    "Settings",
    "SourceError",
    "StoreError",
    "Unauthenticated",
    "__version__",
]
