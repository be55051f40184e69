"""Django settings modules: ``base`` plus development, demo, test and production."""
