"""The project's history in git: versions at revisions, what changed between them, each object's history."""
