"""Placeholder (Teams lands next)."""

from __future__ import annotations

from fastapi import APIRouter

from store.settings import Settings


def build_router(settings: Settings) -> APIRouter:
    return APIRouter()
