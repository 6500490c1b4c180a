"""Demo content of this section (being built): replaces the section's placeholder page."""


def load_demo(home, note):
    return None
