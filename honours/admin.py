from django.contrib import admin

from core.admin import ReadOnlyAdmin
from honours.models import Honour


@admin.register(Honour)
class HonourAdmin(ReadOnlyAdmin):
    list_display = ["year", "title", "recipient_name", "unit", "decision_number", "decision_date", "source"]
    list_filter = ["year", "source", "method", "title"]
    list_select_related = ["title", "unit"]
    search_fields = ["search_text"]
    raw_id_fields = ["person", "unit", "sheet_import"]
