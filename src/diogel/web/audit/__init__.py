"""The site's store of the one audit trail (:mod:`diogel.audit`): entries, the chain
head and sealed checkpoints in the site's database, for the site and the command line
alike (the command line reaches it through :func:`diogel.web.services.site_services`).

Views record with :func:`diogel.web.audit.trail.record`; everything else appends a
:class:`diogel.audit.AuditRecord` to :class:`diogel.web.audit.trail.SiteAuditTrail`.
"""
