"""Demo of the site's frame: the home page and its site, a landing page per section (replaced by
each section's own demo), the about pages, the home page's section cards, the main menu and the
site settings (contacts, social links, footer)."""
