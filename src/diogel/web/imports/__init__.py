"""Uploading partners' files into the hub, and the record of every import."""
