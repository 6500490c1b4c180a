"""Demo of the news section: the news index and 24 illustrated news items of 2025-2026 (the
first retells the project committee's first meeting); `seeding` adds thousands for benchmarks."""
