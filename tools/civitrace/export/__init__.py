"""Open data: the traced objects as JSON and CSV, their JSON Schema, and an Atom feed of the changes."""
