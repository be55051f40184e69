"""Diogel's web site: a Django project over the core package.

Dependencies point inward: modules here import :mod:`diogel` freely, and
nothing outside :mod:`diogel.web` imports Django or this package.
"""
