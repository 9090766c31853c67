"""Benchmarks against the floor: ``make bench`` runs ``bench.run`` (see BENCHMARKS.md)."""
