"""Synthetic data for demos, tests and benchmarks: nothing in it is a real person."""
