"""Duty to intervene: interventions, reporting channels, cases, reviews, retaliation monitoring."""
