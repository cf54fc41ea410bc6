"""SREK Desk: matching apprenticeships and jobs across the borders of Hessen, Niedersachsen and NRW."""

__version__ = "0.1.0"
