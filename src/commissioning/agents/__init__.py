"""Agent protocols over the same services: MCP (``mcp.py``) and A2A (``a2a.py``)."""
