"""Commute estimates per mode from postcode centres, or from an office's travel-time table.

The estimate: route km = straight-line km × detour factor; minutes = access time + route km /
average speed. Defaults (config.py, `commute.*`) reflect small-town and rural conditions in
North Hesse and South Lower Saxony: by car 1.3 detour at 55 km/h door to door plus 4 min parking;
by bus and train 1.45 detour at 30 km/h including stops and changes plus 15 min to walk and wait;
by bike 1.25 detour at 15 km/h plus 2 min; on foot 1.2 detour at 4.5 km/h plus 2 min (leaving
the house, crossings).

With a timetable loaded, bus-and-train minutes come from the journey search
(`srek_desk.geo.transit`) instead; the estimate is the fallback where the timetable does not
know the pair.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from srek_desk.geo.distance import haversine_km

MODES = ("car", "pt", "bike", "walk")
MODE_LABELS = {
    "car": "mit dem Auto",
    "pt": "mit Bus und Bahn",
    "bike": "mit dem Fahrrad",
    "walk": "zu Fuß",
}


@dataclass(frozen=True, slots=True)
class ModeParameters:
    detour_factor: float
    speed_kmh: float
    access_minutes: float


@dataclass(frozen=True, slots=True)
class CommuteParameters:
    car: ModeParameters = ModeParameters(1.3, 55.0, 4.0)
    pt: ModeParameters = ModeParameters(1.45, 30.0, 15.0)
    bike: ModeParameters = ModeParameters(1.25, 15.0, 2.0)
    walk: ModeParameters = ModeParameters(1.2, 4.5, 2.0)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> CommuteParameters:
        def mode(name: str) -> ModeParameters:
            return ModeParameters(
                float(settings[f"commute.{name}_detour_factor"]),
                float(settings[f"commute.{name}_speed_kmh"]),
                float(settings[f"commute.{name}_access_minutes"]),
            )

        return cls(car=mode("car"), pt=mode("pt"), bike=mode("bike"), walk=mode("walk"))

    def for_mode(self, mode: str) -> ModeParameters:
        return {"car": self.car, "pt": self.pt, "bike": self.bike, "walk": self.walk}[mode]


@dataclass(frozen=True, slots=True)
class Commute:
    mode: str
    minutes: float
    km: float
    from_table: bool = False

    @property
    def label(self) -> str:
        return MODE_LABELS[self.mode]


def estimate(straight_km: float, mode: str, parameters: CommuteParameters) -> Commute:
    p = parameters.for_mode(mode)
    route_km = straight_km * p.detour_factor
    minutes = p.access_minutes + route_km / p.speed_kmh * 60.0
    return Commute(mode, minutes, route_km)


def estimate_between(
    lat1: float, lon1: float, lat2: float, lon2: float, mode: str, parameters: CommuteParameters
) -> Commute:
    return estimate(haversine_km(lat1, lon1, lat2, lon2), mode, parameters)
