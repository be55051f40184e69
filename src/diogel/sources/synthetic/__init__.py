"""Synthetic data generators for sources whose real data is personal or not public.

Everything here is labelled SYNTHETIC in its output and must never be mistaken
for real records.
"""
