"""Demo of the shelter: 60 pets in every status with drawn portraits, adoption applications at
every step and the shelter's events in the city calendar; `seeding` adds thousands of pets for
query-count tests and benchmarks."""
