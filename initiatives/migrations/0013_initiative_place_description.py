from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0012_initiative_name_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalinitiative",
            name="place_description",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="place in your own words"
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="place_description",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="place in your own words"
            ),
        ),
    ]
