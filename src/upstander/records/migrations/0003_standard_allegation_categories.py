"""The six standard allegation categories every installation starts with."""

from django.db import migrations

STANDARD = [
    ("bias-based-policing", "Bias-based policing"),
    ("discourtesy", "Discourtesy"),
    ("excessive-force", "Excessive use of force"),
    ("harassment", "Harassment"),
    ("improper-conduct", "Improper member conduct"),
    ("improper-procedure", "Improper procedure"),
]


def add_standard(apps, schema_editor):
    category = apps.get_model("records", "AllegationCategory")
    for slug, name in STANDARD:
        category.objects.update_or_create(slug=slug, defaults={"name": name, "standard": True})


def remove_standard(apps, schema_editor):
    apps.get_model("records", "AllegationCategory").objects.filter(standard=True).delete()


class Migration(migrations.Migration):
    dependencies = [("records", "0002_officer_history_complaints_shootings_outcomes_imports")]

    operations = [migrations.RunPython(add_standard, remove_standard)]
