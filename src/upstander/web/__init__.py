"""The web shell: layout, navigation, sign-in, error pages."""
