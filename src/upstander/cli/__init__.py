"""The ``upstander`` console script."""
