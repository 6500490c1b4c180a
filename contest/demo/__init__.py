"""Demo of the ТОС contest: the 2026 contest open for voting with 12 entries, the 2025 contest
with published results, and a verified demo citizen; `seeding` adds entries, voters and votes in
bulk for query-count tests and benchmarks."""
