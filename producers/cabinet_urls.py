"""The producer cabinet at /cabinet/: a producer's own profile, products and fair dates."""

from django.urls import path

from producers.views import cabinet as cabinet_views

app_name = "cabinet"
urlpatterns = [
    path("", cabinet_views.dashboard, name="dashboard"),
    path("profile/", cabinet_views.profile, name="profile"),
    path("profile/submit/", cabinet_views.submit_profile, name="submit_profile"),
    path("products/new/", cabinet_views.product_form, name="product_new"),
    path("products/<int:pk>/", cabinet_views.product_form, name="product_edit"),
    path("products/<int:pk>/submit/", cabinet_views.submit_product, name="product_submit"),
    path("products/<int:pk>/delete/", cabinet_views.delete_product, name="product_delete"),
    path("fairs/", cabinet_views.fairs, name="fairs"),
    path("fairs/<int:pk>/leave/", cabinet_views.leave_fair, name="leave_fair"),
]
