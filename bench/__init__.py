"""Benchmarks and generators of large designs (not timed tests)."""
