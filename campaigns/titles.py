"""The titles and commendations the seeds' campaigns refer to, shipped as reference data.

The schema migration loads them into a new database, and the demo loader
restores them where a test run has flushed the tables; administrators add more.
"""

DEFAULT_TITLES = [
    # code, name, subject, kind, level
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


def ensure_default_titles(title_model):
    """Create the default titles that are missing; never overwrite an administrator's edits."""
    for position, (code, name, subject, kind, level) in enumerate(DEFAULT_TITLES, start=1):
        title_model.objects.get_or_create(
            code=code, defaults={"name": name, "subject": subject, "kind": kind, "level": level, "position": position}
        )
