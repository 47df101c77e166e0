"""Upstander: software for a police duty-to-intervene and use-of-force reform program."""

__version__ = "0.1.0"
__all__ = ["__version__"]
