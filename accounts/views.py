"""The citizen's own account page: what the portal knows about them and what they can do."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"emails": request.user.emailaddress_set.all()})
