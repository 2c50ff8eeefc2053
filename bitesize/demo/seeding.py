"""Demo data: a living platform of mentors and mentees in one organisation and two
networks. Fast enough for benchmarks: rows go in with bulk_create, in batches, and every
account shares one password hash (hashing 100,000 passwords with argon2 would take hours)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import time

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership
from bitesize.demo import content
from bitesize.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from bitesize.goals.models import Goal
from bitesize.profiles.choices import SESSION_LENGTHS, Format
from bitesize.profiles.models import Profile, ProfileLanguage, ProfileSkill
from bitesize.profiles.services import profile_skill_add
from bitesize.scheduling.models import Availability, WeeklyRule
from bitesize.skills.models import Industry, Skill

BATCH = 2000

COMMUNITIES = (
    (
        "Northwind Logistics",
        "northwind",
        Community.Kind.ORGANISATION,
        Community.JoinPolicy.INVITE,
        "Northwind's in-house mentoring: ask colleagues who have solved it before.",
    ),
    (
        "Data & AI Guild",
        "data-ai-guild",
        Community.Kind.NETWORK,
        Community.JoinPolicy.OPEN,
        "Practitioners in data engineering, analytics and machine learning helping each other "
        "with specific, hands-on questions.",
    ),
    (
        "Product Leaders Circle",
        "product-leaders",
        Community.Kind.NETWORK,
        Community.JoinPolicy.OPEN,
        "Product managers, designers and founders trading short, candid advice on discovery, "
        "strategy and careers.",
    ),
)

# The named people: (local part, name, area, region key, is mentor, community slug, role,
# skills they list first).
NAMED: tuple[tuple[str, str, str, str, bool, str | None, str | None, tuple[str, ...]], ...] = (
    (
        "alice",
        "Alice Moreau",
        "engineering",
        "france_belgium",
        True,
        "northwind",
        "mentor",
        ("Kubernetes", "Python", "System design", "Technical leadership"),
    ),
    (
        "bob",
        "Bob Okafor",
        "data",
        "west_africa",
        False,
        "northwind",
        "member",
        ("SQL", "Machine learning"),
    ),
    (
        "dana",
        "Dana Whitfield",
        "people",
        "uk_ireland",
        True,
        "northwind",
        "owner",
        ("Salary negotiation", "Promotion case", "Coaching"),
    ),
    ("charlie", "Charlie Tran", "product", "us_west", False, None, None, ("Product discovery",)),
)


@dataclass
class Person:
    name: str
    headline: str
    bio: str
    time_zone: str
    languages: list[str]
    help_with: str


Row = tuple[str, Person, str, bool, str | None, str | None]


@dataclass
class Stats:
    users: int = 0
    mentors: int = 0
    mentees: int = 0
    skills: int = 0
    memberships: int = 0
    by_zone: dict[str, int] = field(default_factory=dict)


def _region(key: str) -> content.Region:
    for region in content.REGIONS:
        if region.key == key:
            return region
    return content.REGIONS[0]


class Seeder:
    def __init__(self, *, seed: int, progress: Callable[[int], None] | None = None) -> None:
        self.rng = random.Random(seed)
        self.progress = progress or (lambda n: None)
        self.password = make_password(DEMO_PASSWORD)
        self.skills_by_category: dict[str, list[int]] = {}
        for skill_id, category in Skill.objects.order_by("id").values_list("id", "category"):
            self.skills_by_category.setdefault(category, []).append(skill_id)
        self.industries = list(Industry.objects.values_list("id", flat=True))
        self.communities = {
            slug: Community.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "kind": kind, "join_policy": policy, "description": desc},
            )[0]
            for name, slug, kind, policy, desc in COMMUNITIES
        }
        self.areas = list(content.AREAS)
        self.stats = Stats()
        self.serial = User.objects.count()

    # --- one person ---------------------------------------------------------------
    def _person(self, area: str, region: content.Region, mentor: bool) -> Person:
        rng = self.rng
        a = content.AREAS[area]
        first, last = rng.choice(region.first_names), rng.choice(region.last_names)
        years = rng.randint(4, 22)
        if mentor:
            title = rng.choice(a.titles)
            headline = rng.choice(a.headline_templates).format(
                title=title, company=rng.choice(a.companies_kinds)
            )
            sentences = rng.sample(a.bio_sentences, k=min(len(a.bio_sentences), rng.randint(3, 4)))
            bio = " ".join(s.format(years=years) for s in sentences)
        else:
            headline = rng.choice(content.MENTEE_HEADLINES)
            bio = ""
        return Person(
            name=f"{first} {last}",
            headline=headline[:140],
            bio=bio,
            time_zone=rng.choice(region.time_zones),
            languages=list(dict.fromkeys((*region.languages[: rng.randint(1, 2)], "en"))),
            help_with=rng.choice(content.HELP_STYLES) if mentor else "",
        )

    def _skills(self, area: str, mentor: bool) -> list[tuple[int, int]]:
        rng = self.rng
        pool = self.skills_by_category.get(area, [])
        # The catalogue lists a category's common skills first: weigh them up, so that the
        # demo has many people for "Python" and a few for "Bazel", as a real pool would.
        weights = [1 / (rank + 4) for rank in range(len(pool))]
        picks = rng.choices(pool, weights=weights, k=rng.randint(3, 6)) if pool else []
        extra_area = rng.choice(["career", "communication", "leadership", "management"])
        extra = self.skills_by_category.get(extra_area, [])
        picks += rng.sample(extra, k=min(len(extra), rng.randint(0, 2)))
        levels = (3, 4) if mentor else (1, 2)
        return [(skill_id, rng.choice(levels)) for skill_id in dict.fromkeys(picks)]

    # --- batches ------------------------------------------------------------------
    def create(self, *, mentors: int, mentees: int) -> Stats:
        plan: list[bool] = [True] * mentors + [False] * mentees
        for start in range(0, len(plan), BATCH):
            chunk = plan[start : start + BATCH]
            with transaction.atomic():
                self._batch(chunk)
            self.progress(len(chunk))
        return self.stats

    def create_named(self) -> None:
        with transaction.atomic():
            for local, name, area, region_key, mentor, community, role, listed in NAMED:
                email = f"{local}@{DEMO_DOMAIN}"
                if User.objects.filter(email=email).exists():
                    continue
                person = self._person(area, _region(region_key), mentor)
                person.name = name
                self._insert([(email, person, area, mentor, community, role)])
                profile = Profile.objects.get(user__email=email)
                for text in listed:
                    profile_skill_add(profile=profile, text=text, level=4 if mentor else 2)
            admin_email = f"admin@{DEMO_DOMAIN}"
            if not User.objects.filter(email=admin_email).exists():
                admin = User.objects.create(
                    email=admin_email, password=self.password, is_staff=True, is_superuser=True
                )
                EmailAddress.objects.create(
                    user=admin, email=admin_email, verified=True, primary=True
                )
                Profile.objects.create(user=admin, name="Operator", handle="operator")

    def _batch(self, chunk: list[bool]) -> None:
        rows: list[Row] = []
        for mentor in chunk:
            self.serial += 1
            area = self.rng.choice(self.areas)
            region = self.rng.choice(content.REGIONS)
            person = self._person(area, region, mentor)
            local = slugify(person.name).replace("-", ".")
            email = f"{local}.{self.serial}@{DEMO_DOMAIN}"
            draw = self.rng.random()
            if draw < 0.3:
                community, role = "northwind", "mentor" if mentor else "member"
            elif draw < 0.55:
                community, role = "data-ai-guild", "mentor" if mentor else "member"
            elif draw < 0.8:
                community, role = "product-leaders", "mentor" if mentor else "member"
            else:
                community, role = None, None
            if community == "data-ai-guild" and area not in ("data", "engineering"):
                area_for_skills = self.rng.choice(["data", area])
            else:
                area_for_skills = area
            rows.append((email, person, area_for_skills, mentor, community, role))
        self._insert(rows)

    def _availability(self, mentors: list[Profile]) -> None:
        """Weekly hours for each mentor: a few blocks on a few weekdays, in their own zone."""
        rng = self.rng
        availabilities = Availability.objects.bulk_create(
            Availability(
                user_id=p.user_id,
                auto_confirm=rng.random() < 0.7,
                buffer_after=rng.choice((0, 5, 10)),
                min_notice=rng.choice((60, 240, 720)),
            )
            for p in mentors
        )
        rules = []
        for availability in availabilities:
            for weekday in rng.sample(range(5), k=rng.randint(2, 4)) + (
                [rng.choice((5, 6))] if rng.random() < 0.2 else []
            ):
                start, end = rng.choice(HOURS)
                rules.append(
                    WeeklyRule(
                        availability=availability,
                        weekday=weekday,
                        start=time.fromisoformat(start),
                        end=time.fromisoformat(end),
                    )
                )
        WeeklyRule.objects.bulk_create(rules, batch_size=5000)

    def _insert(self, rows: list[Row]) -> None:
        rng = self.rng
        users = User.objects.bulk_create(
            [User(email=email, password=self.password) for email, *_ in rows]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        profiles = []
        for user, (_email, person, _area, mentor, community, _role) in zip(
            users, rows, strict=True
        ):
            handle_base = slugify(person.name)[:30]
            lengths = sorted(rng.sample(SESSION_LENGTHS, k=rng.randint(2, 4)))
            formats = [f for f in Format.values if rng.random() < 0.55] or [Format.VIDEO.value]
            private = community == "northwind" and rng.random() < 0.7
            profiles.append(
                Profile(
                    user=user,
                    handle=f"{handle_base}-{user.pk}",
                    name=person.name,
                    headline=person.headline,
                    bio=person.bio,
                    time_zone=person.time_zone,
                    is_mentor=mentor,
                    help_with=person.help_with,
                    session_lengths=lengths,
                    formats=formats,
                    weekly_capacity=rng.choice((1, 2, 3, 3, 4, 5, 8)),
                    available_now=mentor and rng.random() < 0.15,
                    visibility=Profile.Visibility.COMMUNITIES
                    if private
                    else Profile.Visibility.PUBLIC,
                )
            )
            self.stats.by_zone[person.time_zone] = self.stats.by_zone.get(person.time_zone, 0) + 1
        profiles = Profile.objects.bulk_create(profiles)
        skills, languages, industries, memberships, goals = [], [], [], [], []
        through = Profile.industries.through
        for profile, (_email, person, area, mentor, community, role) in zip(
            profiles, rows, strict=True
        ):
            for skill_id, level in self._skills(area, mentor):
                skills.append(ProfileSkill(profile=profile, skill_id=skill_id, level=level))
            for code in person.languages:  # type: ignore[attr-defined]
                languages.append(ProfileLanguage(profile=profile, code=code))
            for industry_id in rng.sample(
                self.industries, k=min(len(self.industries), rng.randint(1, 2))
            ):
                industries.append(through(profile_id=profile.pk, industry_id=industry_id))
            if community and role:
                memberships.append(
                    Membership(
                        community=self.communities[community], user_id=profile.user_id, role=role
                    )
                )
            if not mentor:
                for title in rng.sample(content.AREAS[area].goals, k=rng.randint(1, 2)):
                    goals.append(Goal(owner_id=profile.user_id, title=title))
        ProfileSkill.objects.bulk_create(skills, batch_size=5000)
        ProfileLanguage.objects.bulk_create(languages, batch_size=5000, ignore_conflicts=True)
        through.objects.bulk_create(industries, batch_size=5000)
        Membership.objects.bulk_create(memberships, batch_size=5000)
        Goal.objects.bulk_create(goals, batch_size=5000)
        self._availability([p for p, row in zip(profiles, rows, strict=True) if row[3]])
        mentors = sum(1 for r in rows if r[3])
        self.stats.users += len(rows)
        self.stats.mentors += mentors
        self.stats.mentees += len(rows) - mentors
        self.stats.skills += len(skills)
        self.stats.memberships += len(memberships)


HOURS = (
    ("08:00", "10:00"),
    ("09:00", "12:00"),
    ("12:30", "14:00"),
    ("16:00", "18:30"),
    ("18:00", "20:00"),
    ("07:30", "09:00"),
)


def chunks(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size
