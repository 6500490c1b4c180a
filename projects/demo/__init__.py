"""Demo of the municipal projects: the 10 approved passports and 23 proposals (33 planned), their
people, and links to the other sections' pages; `seeding` adds projects in bulk for benchmarks."""
