"""Newsletter URLs, mounted at ``/newsletter/``."""

from django.urls import path

from dateline.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.index, name="index"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("edition/<str:date>/", views.edition, name="edition"),
]
