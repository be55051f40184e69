"""Organisations, people and the roles that decide what they may see."""
