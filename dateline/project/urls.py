"""The site's URLs: the admin, then each app's own."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Dateline editors"
admin.site.site_title = "Dateline"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("newsletter/", include("dateline.newsletter.urls")),
    path("", include("dateline.web.urls")),
]

handler404 = "dateline.web.errors.page_not_found"
handler500 = "dateline.web.errors.server_error"
