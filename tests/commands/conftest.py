"""Fixtures of the query tests."""

from tests.datasets import mid_2024

__all__ = ["mid_2024"]
