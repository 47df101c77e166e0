"""Accounts, roles and the one access restriction every read goes through."""
