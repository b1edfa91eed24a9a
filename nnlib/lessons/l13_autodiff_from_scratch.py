"""Lesson 13: its computations and exercise checks (being written)."""

from __future__ import annotations

LESSON = 13
__all__: list[str] = []
