"""Policy library: documents, versions, sections, diffs, search and standards assessments."""
