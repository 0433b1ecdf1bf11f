# %% [markdown]
# # Screening a register in a notebook
#
# A pandas (or polars) DataFrame screened where it is, with no CSV written and no report
# parsed back: `duediligence.attribute` adds the answer to every row as `dd_` columns, and
# `Report.to_pandas()` gives one row per finding. Cells run top to bottom (`# %%`) in
# Jupyter, VS Code or any editor that reads the percent format; `python notebook.py` runs it
# as a script. Needs `pip install "duediligence[pandas]"`.

# %%
from datetime import date
from pathlib import Path

import pandas as pd

import duediligence

REGISTER = Path(__file__).parents[1] / "inventory.csv"
AS_OF = date(2026, 6, 1)  # a fixed date, so the answers here do not change with the calendar

pack = duediligence.load_pack()  # once: every call below reuses it
frame = pd.read_csv(REGISTER, dtype=str)
pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 48)

# %% [markdown]
# Each row with who made it and what binds. The columns are found as a scan finds them
# (by header and by what they hold); `column_map={"make": "Brand"}` names one outright.

# %%
screened = duediligence.attribute(frame, profile="us-federal", as_of=AS_OF, pack=pack)
print(screened[["Asset Tag", "Manufacturer", "dd_entity_name", "dd_severity", "dd_rules"]])

# %%
flagged = screened[screened["dd_flagged"]]
print(flagged.groupby("dd_entity_name")["Asset Tag"].count().sort_values(ascending=False))

# %% [markdown]
# One row per finding, with the sources that back it, from a scan of the file itself.

# %%
report = duediligence.scan([REGISTER], profile="us-federal", as_of=AS_OF, pack=pack)
findings = report.to_pandas()
print(findings[["dd_row", "Asset Tag", "dd_rule", "dd_severity", "dd_binds"]].head(10))
