"""JUDGE: the evaluation stage. Rows are grouped by what their signals say (groups.py), read
by the one scan loop (scanner.py, columnar.py for Arrow blocks), and the rules of the pack
are judged once per group (engine.py)."""
