"""The web console fixtures (``signed_in`` …) for this directory's console page tests."""

from tests.web.conftest import (  # noqa: F401
    browser_client,
    console,
    password_hash,
    signed_in,
    web_app,
)
