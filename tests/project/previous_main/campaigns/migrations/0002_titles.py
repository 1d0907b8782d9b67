from django.db import migrations

# The titles and commendations main shipped, frozen as campaigns/titles.py stood at d290e13:
# code, name, subject, kind, level.
DEFAULT_TITLES = [
    ("ldtt", "Lao động tiên tiến", "individual", "title", "unit"),
    ("cstdcs", "Chiến sĩ thi đua cơ sở", "individual", "title", "unit"),
    ("ttldtt", "Tập thể lao động tiên tiến", "collective", "title", "unit"),
    ("ttldxs", "Tập thể lao động xuất sắc", "collective", "title", "province"),
    ("co-thi-dua-tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", "collective", "title", "province"),
    ("bang-khen-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "collective", "commendation", "province"),
    (
        "bang-khen-tinh-ca-nhan",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (cá nhân)",
        "individual",
        "commendation",
        "province",
    ),
    ("giay-khen", "Giấy khen", "collective", "commendation", "unit"),
    ("giay-khen-ca-nhan", "Giấy khen (cá nhân)", "individual", "commendation", "unit"),
    ("cstd-tinh", "Chiến sĩ thi đua cấp tỉnh", "individual", "title", "province"),
]


def add_titles(apps, schema_editor):
    """Create the default titles that are missing; never overwrite an administrator's edits."""
    title_model = apps.get_model("campaigns", "Title")
    for position, (code, name, subject, kind, level) in enumerate(DEFAULT_TITLES, start=1):
        title_model.objects.get_or_create(
            code=code, defaults={"name": name, "subject": subject, "kind": kind, "level": level, "position": position}
        )


def remove_titles(apps, schema_editor):
    apps.get_model("campaigns", "Title").objects.filter(code__in=[row[0] for row in DEFAULT_TITLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(add_titles, remove_titles)]
