"""The pages of obstacles (see design.md's page map)."""

from django.urls import path

from obstacles import views

urlpatterns = [
    path("drempels/", views.obstacle_list, name="obstacle_list"),
    path(
        "initiatieven/<slug:slug>/drempels/nieuw/",
        views.obstacle_create,
        name="obstacle_create",
    ),
    path("drempels/<int:pk>/", views.obstacle_detail, name="obstacle_detail"),
    path("drempels/<int:pk>/bewerken/", views.obstacle_edit, name="obstacle_edit"),
    path("drempels/<int:pk>/antwoord/", views.obstacle_answer, name="obstacle_answer"),
]
