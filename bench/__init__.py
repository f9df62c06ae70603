"""Benchmarks, run with `python -m bench`: each row measures the reference and this project side by side."""
