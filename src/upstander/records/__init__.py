"""Accountability records: agencies, units, officers and use-of-force reports."""
