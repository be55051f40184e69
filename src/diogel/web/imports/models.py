"""The imports app keeps no tables of its own: imports live in the warehouse
(:mod:`diogel.warehouse`), and their audit entries in the one trail
(:mod:`diogel.web.audit`), where ``audit.0002`` carried the old ``AuditEvent`` log."""
