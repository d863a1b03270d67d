"""The pages of stories (see design.md's page map)."""

from django.urls import path

from stories import views
from stories.feeds import KernStoryFeed, StoryFeed

urlpatterns = [
    path("verhalen/", views.story_list, name="story_list"),
    path("verhalen/feed/", StoryFeed(), name="story_feed"),
    path("verhalen/<int:pk>/", views.story_detail, name="story_detail"),
    path("verhalen/<int:pk>/bewerken/", views.story_edit, name="story_edit"),
    path("verhalen/<int:pk>/reactie/", views.story_react, name="story_react"),
    path("initiatieven/<slug:slug>/verhalen/nieuw/", views.story_create, name="story_create"),
    path("kernen/<slug:slug>/verhalen/feed/", KernStoryFeed(), name="kern_story_feed"),
]
