"""Benchmark of location routing: many points assigned among many grid polygons."""
