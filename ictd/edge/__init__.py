"""What both HTTP edges share: the server object, the exception-to-status table, the request
dependencies, the live alert stream, the bounded ids and cursors and the refusal of
control characters.

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
from ictd.edge.params import MAX_ID, Cursor, Id
from ictd.edge.server import Server
from ictd.edge.sse import SSE_HEADERS, event_stream
from ictd.edge.status import STATUS, status_of
from ictd.edge.text import (
    is_plain_json,
    json_strings,
    parameter_strings,
    refuse_control_characters,
)

__all__ = [
    "MAX_ID",
    "SSE_HEADERS",
    "STATUS",
    "AlertsDep",
    "Cursor",
    "Id",
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
    "is_plain_json",
    "json_strings",
    "parameter_strings",
    "refuse_control_characters",
    "status_of",
]
