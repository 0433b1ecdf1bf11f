"""GATE: which findings count for the exit code once reviewed waivers and an earlier
baseline report are taken into account. Findings are never removed, only marked."""
