"""The website's URLs."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_control

from dateline.web import api, feeds, images, sitemaps, views

urlpatterns = [
    path("", views.home, name="home"),
    path("story/<slug:slug>/", views.story, name="story"),
    path("country/<str:code>/", views.country, name="country"),
    path(
        "country/<str:code>/atom.xml",
        cache_control(max_age=300, public=True)(feeds.CountryFeed()),
        name="country_feed",
    ),
    path("countries/", views.country_list, name="countries"),
    path("search", views.search, name="search"),
    path("about/", views.about, name="about"),
    path("corrections/", views.corrections, name="corrections"),
    path("report/", views.report, name="report"),
    path("report/thanks/", views.report_thanks, name="report_thanks"),
    path("atom.xml", cache_control(max_age=300, public=True)(feeds.LatestStoriesFeed()), name="feed"),
    path("api/stories/", api.stories, name="api_stories"),
    path("api/stories/<slug:slug>/", api.story_detail, name="api_story"),
    path("api/countries/", api.country_list, name="api_countries"),
    path("api/sources/", api.sources, name="api_sources"),
    path("api/openapi.json", api.openapi, name="api_openapi"),
    path(
        "sitemap.xml",
        cache_control(max_age=3600, public=True)(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap_news"),
    path(
        "sitemap-<section>.xml",
        cache_control(max_age=3600, public=True)(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("images/<str:name>", images.serve, name="lead_image"),
]
