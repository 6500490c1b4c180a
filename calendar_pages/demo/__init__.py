"""Demo of the commissioning calendar: facilities of 2023 and 2026 with their replans, and city
events, from the CSV files in data/; `loader.ensure_events` also adds other sections' events."""
