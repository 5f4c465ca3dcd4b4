from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "dateline.stories"
    label = "stories"
