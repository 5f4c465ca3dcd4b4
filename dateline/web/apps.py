from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dateline.web"
    label = "web"
