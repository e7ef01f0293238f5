"""Proof under load and abuse: property-based, fuzz and crash tests."""
