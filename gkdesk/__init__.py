"""gkdesk: an editor for the government information disclosure annual report (政府信息公开工作年度报告)."""

__version__ = "0.1.0"
