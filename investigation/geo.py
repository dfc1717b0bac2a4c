"""Distances: vectorised haversine, and each point's nearest branch of each institution."""

from __future__ import annotations

import numpy as np

EARTH_KM = 6371.0088


def haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance in km; broadcasts like numpy."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def nearest_km(
    lat: np.ndarray,
    lon: np.ndarray,
    branch_inst: np.ndarray,
    branch_lat: np.ndarray,
    branch_lon: np.ndarray,
    n_inst: int,
) -> np.ndarray:
    """(n_points, n_inst): km from each point to the nearest branch of each institution.

    NaN where the point or every branch of the institution has no coordinates, or the
    institution has no branch (online banks)."""
    out = np.full((len(lat), n_inst), np.nan)
    if len(lat) == 0 or len(branch_inst) == 0:
        return out
    d = haversine_km(
        np.asarray(lat, float)[:, None],
        np.asarray(lon, float)[:, None],
        np.asarray(branch_lat, float)[None, :],
        np.asarray(branch_lon, float)[None, :],
    )
    d = np.where(np.isnan(d), np.inf, d)
    for i in range(n_inst):
        cols = branch_inst == i
        if cols.any():
            out[:, i] = d[:, cols].min(axis=1)
    out[np.isinf(out)] = np.nan
    return out


def nearest_branch(lat: float, lon: float, branch_inst: np.ndarray, branch_lat: np.ndarray,
                   branch_lon: np.ndarray, inst: int) -> int:
    """Position of the institution's branch nearest to the point, or -1 (no branch with
    coordinates, or the point has none)."""
    cols = np.flatnonzero(branch_inst == inst)
    if len(cols) == 0 or np.isnan(lat) or np.isnan(lon):
        return -1
    d = haversine_km(np.full(len(cols), lat), np.full(len(cols), lon), branch_lat[cols], branch_lon[cols])
    if np.all(np.isnan(d)):
        return -1
    return int(cols[int(np.nanargmin(d))])
