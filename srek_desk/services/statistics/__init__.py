"""Office statistics for the Statistik page: aggregate counts only, small counts suppressed."""

from srek_desk.services.statistics.service import StatisticsService

__all__ = ["StatisticsService"]
