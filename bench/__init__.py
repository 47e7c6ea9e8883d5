"""Benchmarks: ``python -m bench`` runs them all; ``python -m bench core`` one of them."""
