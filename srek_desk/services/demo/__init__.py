"""Demo data: fictitious clients, employers and offers spread over the real places of the region."""

from srek_desk.services.demo.generator import DemoGenerator

__all__ = ["DemoGenerator"]
