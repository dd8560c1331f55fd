"""The assessment's reads, each taking the acting user."""
