"""Diogel: a hub for community safety partnership working.

The core package (everything outside :mod:`diogel.web`) knows nothing of the
web; it can be used from a notebook or from the ``diogel`` command line.
"""

__version__ = "0.1.0"
