"""Demo of "Выбирай сочинское!": product categories, 30 producers with about 200 products, eight
fairs with their days and rosters, and items waiting for moderation; `seeding` adds thousands of
producers and products for query-count tests and benchmarks."""
