from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = "Dateline"

    def ready(self) -> None:
        from dateline import clock

        def newest_article_time():  # type: ignore[no-untyped-def]
            from django.db.models import Max

            from dateline.articles.models import Article

            # The newest news article: a page triaged out (an error page, a home page with
            # today's date) never sets the clock.
            return Article.objects.news().aggregate(latest=Max("published_at"))["latest"]

        clock.set_latest_provider(newest_article_time)
