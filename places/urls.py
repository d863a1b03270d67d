"""The pages of places (see design.md's page map)."""

from django.urls import path

from places import views

urlpatterns = [
    path("kernen/", views.kern_list, name="kern_list"),
    path("kernen/<slug:slug>/", views.kern_detail, name="kern_detail"),
]
