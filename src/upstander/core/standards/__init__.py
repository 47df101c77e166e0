"""Assessing policy documents against reform standards such as "8 Can't Wait"."""
