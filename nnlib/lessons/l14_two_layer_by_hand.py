"""Lesson 14: its computations and exercise checks (being written)."""

from __future__ import annotations

LESSON = 14
__all__: list[str] = []
