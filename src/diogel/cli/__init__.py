"""The ``diogel`` command line: one module per command group."""
