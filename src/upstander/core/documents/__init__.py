"""Reading policy documents: extraction, section structure, metadata and revision diffs."""
