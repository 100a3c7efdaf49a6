"""Live evidence from test reports (JUnit XML, Playwright JSON): state 10, ``commissioned``."""

from commissioning.observe.reports.observer import ReportFile, ReportObserver, read_report

__all__ = ["ReportFile", "ReportObserver", "read_report"]
