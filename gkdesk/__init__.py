"""gkdesk: an editor for the government information disclosure annual report (政府信息公开工作年度报告)."""

import os

# gkdesk uses no pydantic plugins; without this pydantic scans every installed package's entry points on import
# (about 25 ms of every start, window and CLI alike).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__version__ = "0.1.0"
