"""Commissioning: where every data table of a venture stands, with evidence.

The library is the product; the ``commission`` CLI, the API and the Control Room are thin shells
over :mod:`commissioning.services`. The pure core is importable on its own.
"""

from commissioning.assess import Assessment, Waiver, assess
from commissioning.errors import CommissioningError
from commissioning.evidence import Evidence, EvidenceSnapshot, Kind, TableKey
from commissioning.machines import builtin_machine, parse_machine

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "CommissioningError",
    "Evidence",
    "EvidenceSnapshot",
    "Kind",
    "TableKey",
    "Waiver",
    "__version__",
    "assess",
    "builtin_machine",
    "parse_machine",
]
