"""The site's frame: layout, home page, health check and error pages."""
