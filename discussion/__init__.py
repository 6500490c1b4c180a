"""Residents' discussion under news items and project passports, pre-moderated by «Модераторы».

Why our own models and not django-contrib-comments (2.2) or django-comments-xtd (2.10): both keep
a comment public or not by one `is_public` flag and moderate in Django's admin, which the portal
does not serve (staff work in Wagtail, by group). Neither has refusal reasons that the author
sees, a verified-resident rule (a confirmed e-mail, through accounts.verification), reports that
send a comment back to the queue, or official answers; xtd's threads and its JavaScript front end
would be switched off, and both libraries store the poster's e-mail and IP address with every
comment, personal data we do not need. What they would give us (a model, a form, a feed) is a
few dozen lines here; what we would add around them is the rest of this app.

Layers: above accounts, below news and projects, which make their pages `Discussable`.
"""
