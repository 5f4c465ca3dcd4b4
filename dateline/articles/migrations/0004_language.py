# The article's language is detected from its text (dateline.language), no longer taken from
# what the page or feed declares; existing articles are detected again.

from django.db import migrations, models


def detect_existing(apps, schema_editor):
    from dateline.language import article_language

    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("id", "title", "text", "language").iterator(chunk_size=500):
        language = article_language(article.title, article.text, article.language)[:16]
        if language != article.language:
            article.language = language
            batch.append(article)
        if len(batch) >= 500:
            Article.objects.bulk_update(batch, ["language"])
            batch = []
    if batch:
        Article.objects.bulk_update(batch, ["language"])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_lead_images'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='language',
            field=models.CharField(blank=True, db_index=True, help_text='ISO 639-1 code detected from the text; else as the page or feed declares it.', max_length=16),
        ),
        migrations.RunPython(detect_existing, migrations.RunPython.noop),
    ]
