"""Lead-image coverage on the recorded web.

Ingests ../shared/corpus into a fresh database and runs the story stages (which fetch lead
images), then counts multi-outlet stories: how many have a source page naming a picture, and
how many show one. The recorded web's rendered pages carry no pictures; its real pages name
pictures on their original hosts, which this machine may not reach, so a second pass serves a
generated photograph for every picture named (as if every host answered) to measure the choice
itself: logos refused, nosnippet and max-image-preview:none respected. The last line is JSON.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from types import MappingProxyType

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import serve_corpus  # noqa: E402


def coverage() -> dict[str, int]:
    from django.db.models import Exists, OuterRef

    from dateline.articles.models import LeadImage, StoryPicture
    from dateline.stories.models import Story

    multi = Story.objects.published().filter(outlet_count__gte=2)
    named = LeadImage.objects.filter(article__story=OuterRef("pk")).exclude(url="")
    with_named = multi.filter(Exists(named))
    shown = with_named.filter(Exists(StoryPicture.objects.filter(story=OuterRef("pk"))))
    return {
        "multi_outlet_stories": multi.count(),
        "naming_a_picture": with_named.count(),
        "showing_a_picture": shown.count(),
    }


def main() -> None:
    data_dir = tempfile.mkdtemp(prefix="dateline-bench-images-")
    os.environ.update(
        DATELINE_DATA_DIR=data_dir,
        DATELINE_FETCH_ALLOWED_NETWORKS="127.0.0.1",
        DATELINE_FETCH_HOST_DELAY="0",
        DATELINE_FETCH_PER_HOST="8",
        DATELINE_FETCH_CONNECT_TIMEOUT="2",
        DATELINE_FETCH_DEADLINE="4",
        DJANGO_SETTINGS_MODULE="dateline.project.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from PIL import Image

    from dateline.articles.models import LeadImage
    from dateline.pipeline import images as step
    from dateline.pipeline import stages
    from dateline.pipeline.ingest import ingest
    from dateline.sources.fetch import FetchResult
    from dateline.stories.models import Story

    call_command("migrate", verbosity=0)
    with serve_corpus() as base:
        call_command("sources", "import", f"{base}/sources.opml", stdout=open(os.devnull, "w"))
        ingest()
    start = time.perf_counter()
    summary = stages.process()
    seconds = time.perf_counter() - start
    statuses = {s: LeadImage.objects.filter(status=s).count() for s in LeadImage.Status.values}
    reachable = coverage()
    print(f"story stages with image fetching: {seconds:.1f} s; lead images stored: {summary.images}")
    print(f"  lead-image rows by status: {statuses}")
    print(f"  as reachable from here: {reachable}")

    buf = io.BytesIO()
    Image.effect_noise((1200, 800), 50).convert("RGB").save(buf, "JPEG", quality=85)
    photo = buf.getvalue()

    async def every_host_answers(urls: list[str]) -> dict[str, step.Outcome]:
        headers = MappingProxyType({"content-type": "image/jpeg"})
        answer = FetchResult("", "", 200, photo, headers, None, None, False, None, None, 0.0)
        return {u: step.outcome(answer) for u in urls}

    LeadImage.objects.filter(status=LeadImage.Status.FAILED).delete()
    os.environ["DATELINE_IMAGES"] = "true"
    step._fetch_all = every_host_answers  # type: ignore[assignment]
    while step.fetch_images():
        pass
    step.choose_pictures(list(Story.objects.values_list("id", flat=True)))
    available = coverage()
    print(f"  if every named picture could be fetched: {available}")
    share = available["showing_a_picture"] / max(1, available["naming_a_picture"])
    print(f"  multi-outlet stories showing a picture when a source names one: {share:.1%}")
    print(json.dumps({"reachable": reachable, "available": available, "share_available": round(share, 3)}))


if __name__ == "__main__":
    main()
