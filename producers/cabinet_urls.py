"""The producer cabinet at /cabinet/: a producer's own profile, products and fair dates."""

app_name = "cabinet"
urlpatterns = []
