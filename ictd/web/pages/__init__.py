"""The page routers, one module per part of the console."""
