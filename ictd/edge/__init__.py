"""What both HTTP edges share: the exception-to-status table and the request dependencies.

The REST API (``ictd.api``) and the web console (``ictd.web``) answer in different shapes
(JSON errors, HTML pages) but map exceptions to the same statuses and find the store, the
settings and the live index on the application in the same way.
"""

from ictd.edge.deps import Holder, SettingsDep, StoreDep, get_holder, get_settings, get_store
from ictd.edge.status import STATUS, status_of

__all__ = [
    "STATUS",
    "Holder",
    "SettingsDep",
    "StoreDep",
    "get_holder",
    "get_settings",
    "get_store",
    "status_of",
]
