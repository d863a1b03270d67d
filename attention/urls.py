"""The pages of attention (see design.md's page map)."""

from django.urls import path

from attention import views

urlpatterns = [
    path("aandacht/", views.worklist, name="attention"),
]
