from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "dateline.sources"
    label = "sources"
