from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationSettingsForm(forms.Form):
    email = forms.BooleanField(label=_("Also send me each notification by email"), required=False)
