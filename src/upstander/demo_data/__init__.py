"""Texts of the fictional Riverbend Police Department used by the demo."""
