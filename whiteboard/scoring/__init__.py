"""Scoring: feasibility against documented limits, pillar scores with reasons, recommendations."""
