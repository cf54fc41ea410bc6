"""Journeys by bus and train over an imported GTFS timetable: arrays, walking, the search."""
