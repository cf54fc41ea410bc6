"""Tests for great-circle distances."""

import pytest

from srek_desk.geo.distance import haversine_km


def test_same_point_is_zero() -> None:
    assert haversine_km(51.31, 9.49, 51.31, 9.49) == 0.0


def test_kassel_to_goettingen() -> None:
    # Town centres about 38 km apart as the crow flies.
    assert haversine_km(51.3167, 9.5, 51.5341, 9.9355) == pytest.approx(38.0, abs=1.0)


def test_one_degree_of_latitude() -> None:
    assert haversine_km(50.0, 9.0, 51.0, 9.0) == pytest.approx(111.2, abs=0.1)


def test_symmetric() -> None:
    there = haversine_km(51.41, 9.65, 51.77, 9.38)
    back = haversine_km(51.77, 9.38, 51.41, 9.65)
    assert there == pytest.approx(back)


def test_antipodes_do_not_fail() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1, abs=1.0)
