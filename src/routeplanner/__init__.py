"""routeplanner: multi-day itinerary planning for industrial tourism in the Irkutsk region."""

from __future__ import annotations

__version__ = "0.1.0"
