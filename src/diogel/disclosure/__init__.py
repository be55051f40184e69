"""Statistical disclosure control for published tables.

Open police.uk data is already public at point level and is not suppressed;
outputs from health, ambulance and other sources derived from personal data are
(see :mod:`diogel.disclosure.rules`).
"""

from diogel.disclosure.rules import DisclosureRule, rule_for_source
from diogel.disclosure.suppression import ProtectedTable, protect_table

__all__ = ["DisclosureRule", "ProtectedTable", "protect_table", "rule_for_source"]
