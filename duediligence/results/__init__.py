"""RESULTS: the report model every stage hands on and every format writes. Where a row was
found (assets.py), what a scan concluded (findings.py, report.py), the flagged rows as read
(flagged.py, block.py) and their fingerprints; the Arrow helpers they share (compute.py).

Named `results`, not `model`: a model here is an equipment model (identify/model_numbers.py),
and `report/` is the stage that writes these results in each format."""
