"""What both HTTP edges share: the server object, the exception-to-status table, the request
dependencies and the live alert stream.

The REST API (``ictd.api``) and the web console (``ictd.web``) answer in different shapes
(JSON errors, HTML pages) but map exceptions to the same statuses, find the server's parts
in the same way and stream alert events with the same loop.
"""

from ictd.edge.deps import (
    AlertsDep,
    LiveIndexDep,
    ServerDep,
    SettingsDep,
    StoreDep,
    get_alerts,
    get_live_index,
    get_server,
    get_settings,
    get_store,
)
from ictd.edge.server import Server
from ictd.edge.sse import SSE_HEADERS, event_stream
from ictd.edge.status import STATUS, status_of

__all__ = [
    "SSE_HEADERS",
    "STATUS",
    "AlertsDep",
    "LiveIndexDep",
    "Server",
    "ServerDep",
    "SettingsDep",
    "StoreDep",
    "event_stream",
    "get_alerts",
    "get_live_index",
    "get_server",
    "get_settings",
    "get_store",
    "status_of",
]
