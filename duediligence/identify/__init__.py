"""ATTRIBUTE: from a row's make, model, MAC, supplier and description to the real maker."""
