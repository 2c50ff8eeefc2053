from __future__ import annotations

from django.db import models


class Category(models.TextChoices):
    ENGINEERING = "engineering", "Software engineering"
    DATA = "data", "Data & AI"
    DESIGN = "design", "Design"
    PRODUCT = "product", "Product management"
    MARKETING = "marketing", "Marketing"
    SALES = "sales", "Sales & customer success"
    FINANCE = "finance", "Finance"
    OPERATIONS = "operations", "Operations"
    PEOPLE = "people", "People & HR"
    MANAGEMENT = "management", "People management"
    LEADERSHIP = "leadership", "Leadership"
    COMMUNICATION = "communication", "Communication"
    CAREER = "career", "Career moves"
    ENTREPRENEURSHIP = "entrepreneurship", "Entrepreneurship"


class Skill(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=90, unique=True)
    category = models.CharField(max_length=20, choices=Category.choices, db_index=True)
    key = models.CharField(max_length=90, unique=True, help_text="Normalised name for matching.")

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class SkillAlias(models.Model):
    """A synonym, abbreviation or spelling variant that stands for a skill."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=80)
    key = models.CharField(max_length=90, unique=True)

    class Meta:
        ordering = ("alias",)
        verbose_name_plural = "skill aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.skill}"


class Industry(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=90, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "industries"

    def __str__(self) -> str:
        return self.name
