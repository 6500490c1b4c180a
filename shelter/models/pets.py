"""Pets of the municipal shelter: facts, photos and the kept history of every status change."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from portal.fields import HttpsURLField
from portal.search.backend import BODY_BOOST, LEAD_BOOST, TITLE_BOOST
from portal.section_pages import RecordPage

# A listing not checked by staff for this long is flagged as stale.
VERIFY_EVERY = datetime.timedelta(days=30)
# A found animal must be on the site within this many days of intake (owners look for it).
PUBLISH_FOUND_WITHIN = datetime.timedelta(days=3)


class Species(models.TextChoices):
    DOG = "dog", _("Dog")
    CAT = "cat", _("Cat")
    OTHER = "other", _("Other animal")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Size(models.TextChoices):
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class Colour(models.TextChoices):
    BLACK = "black", _("Black")
    WHITE = "white", _("White")
    GINGER = "ginger", _("Ginger")
    GREY = "grey", _("Grey")
    BROWN = "brown", _("Brown")
    TABBY = "tabby", _("Tabby")
    MIXED = "mixed", _("Mixed colours")


class Coat(models.TextChoices):
    HAIRLESS = "hairless", _("Hairless")
    SHORT = "short", _("Short coat")
    MEDIUM = "medium", _("Medium coat")
    LONG = "long", _("Long coat")


class Compatibility(models.TextChoices):
    """Getting on with children, dogs or cats: "unknown" is its own answer, never a yes."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known yet")


class AgeGroup(models.TextChoices):
    BABY = "baby", _("Up to 1 year")
    YOUNG = "young", _("1 to 3 years")
    ADULT = "adult", _("3 to 8 years")
    SENIOR = "senior", _("Over 8 years")


# (lowest age in years, highest age in years) of each group: [low, high).
AGE_GROUP_YEARS = {
    AgeGroup.BABY: (0, 1),
    AgeGroup.YOUNG: (1, 3),
    AgeGroup.ADULT: (3, 8),
    AgeGroup.SENIOR: (8, None),
}


class PetStatus(models.TextChoices):
    FOUND = "found", _("Found, owner sought")
    LOOKING = "looking", _("Looking for a home")
    RESERVED = "reserved", _("Reserved")
    ADOPTED = "adopted", _("Adopted")
    FOSTER = "foster", _("In foster care")
    TREATMENT = "treatment", _("Under treatment")
    RETURNED = "returned", _("Returned to owner")


# Which status may follow which; a change outside this table is refused.
PET_TRANSITIONS = {
    PetStatus.FOUND: {
        PetStatus.LOOKING,
        PetStatus.RETURNED,
        PetStatus.TREATMENT,
        PetStatus.FOSTER,
    },
    PetStatus.LOOKING: {
        PetStatus.RESERVED,
        PetStatus.ADOPTED,
        PetStatus.FOSTER,
        PetStatus.TREATMENT,
        PetStatus.RETURNED,
    },
    PetStatus.RESERVED: {PetStatus.LOOKING, PetStatus.ADOPTED, PetStatus.TREATMENT},
    PetStatus.FOSTER: {
        PetStatus.LOOKING,
        PetStatus.RESERVED,
        PetStatus.ADOPTED,
        PetStatus.TREATMENT,
    },
    PetStatus.TREATMENT: {
        PetStatus.FOUND,
        PetStatus.LOOKING,
        PetStatus.FOSTER,
        PetStatus.RESERVED,
    },
    # An adoption that did not work out, or an owner who lost the animal again.
    PetStatus.ADOPTED: {PetStatus.LOOKING},
    PetStatus.RETURNED: {PetStatus.FOUND},
}
# Shown in the catalog; adopted pets are on the "found a home" page; returned ones only by link.
CATALOG_STATUSES = [
    PetStatus.FOUND,
    PetStatus.LOOKING,
    PetStatus.RESERVED,
    PetStatus.FOSTER,
    PetStatus.TREATMENT,
]
# Nobody can adopt the pet any more: open applications are closed when it gets here.
UNAVAILABLE_STATUSES = {PetStatus.ADOPTED, PetStatus.RETURNED}


def age_in_years(born_on, today=None):
    today = today or timezone.localdate()
    years = today.year - born_on.year - ((today.month, today.day) < (born_on.month, born_on.day))
    return max(years, 0)


def born_between(group, today=None):
    """(earliest, latest) birth dates of an age group on `today`; None where open-ended."""
    today = today or timezone.localdate()
    low, high = AGE_GROUP_YEARS[AgeGroup(group)]
    latest = _years_before(today, low)
    earliest = _years_before(today, high) + datetime.timedelta(days=1) if high else None
    return earliest, latest


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class PetQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published_at__isnull=False)

    def in_catalog(self):
        return self.public().filter(status__in=CATALOG_STATUSES)

    def found_home(self):
        return self.public().filter(status=PetStatus.ADOPTED)

    def not_verified_since(self, now=None):
        """Listings nobody has checked for 30 days: staff must look at them."""
        cutoff = (now or timezone.now()) - VERIFY_EVERY
        return self.exclude(status__in=UNAVAILABLE_STATUSES).filter(last_verified_at__lt=cutoff)

    def late_for_publication(self, today=None):
        """Found animals still not on the site 3 days after intake."""
        today = today or timezone.localdate()
        return self.filter(
            status=PetStatus.FOUND,
            published_at__isnull=True,
            intake_on__lt=today - PUBLISH_FOUND_WITHIN,
        )


class Pet(RecordPage, index.Indexed, ClusterableModel):
    name = models.CharField(_("pet name"), max_length=100)
    species = models.CharField(_("species"), max_length=10, choices=Species.choices)
    breed = models.CharField(_("breed"), max_length=100, default="метис")
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    born_on = models.DateField(_("date of birth"))
    born_on_estimated = models.BooleanField(_("date of birth is estimated"), default=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices)
    colour = models.CharField(_("colour"), max_length=10, choices=Colour.choices)
    coat = models.CharField(_("coat"), max_length=10, choices=Coat.choices)
    sterilised = models.BooleanField(_("sterilised"), default=False)
    vaccinated = models.BooleanField(_("vaccinated"), default=False)
    vaccinated_on = models.DateField(_("date of the last vaccination"), null=True, blank=True)
    microchipped = models.BooleanField(_("microchipped"), default=False)
    microchip_number = models.CharField(
        _("microchip number"), max_length=30, blank=True, help_text=_("Never shown publicly.")
    )
    good_with_children = models.CharField(
        _("good with children"),
        max_length=10,
        choices=Compatibility.choices,
        default=Compatibility.UNKNOWN,
    )
    good_with_dogs = models.CharField(
        _("good with dogs"),
        max_length=10,
        choices=Compatibility.choices,
        default=Compatibility.UNKNOWN,
    )
    good_with_cats = models.CharField(
        _("good with cats"),
        max_length=10,
        choices=Compatibility.choices,
        default=Compatibility.UNKNOWN,
    )
    house_trained = models.BooleanField(_("house trained"), default=False)
    special_needs = models.BooleanField(_("special needs"), default=False)
    special_needs_description = models.TextField(
        _("about the special needs"), max_length=4000, blank=True
    )
    description = models.TextField(_("public description"), max_length=10000, blank=True)
    private_notes = models.TextField(
        _("private notes"), max_length=10000, blank=True, help_text=_("Seen by shelter staff only.")
    )
    intake_on = models.DateField(_("intake date"), default=timezone.localdate)
    intake_circumstances = models.TextField(_("intake circumstances"), max_length=4000, blank=True)
    found_place = models.CharField(
        _("place found"),
        max_length=255,
        blank=True,
        help_text=_("Kept for the legal notice to the owner."),
    )
    video_url = HttpsURLField(_("video link"), blank=True)
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("curator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="curated_pets",
        limit_choices_to={"is_staff": True},
    )
    # Changed only by change_status(), which keeps the history.
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PetStatus.choices,
        default=PetStatus.FOUND,
        editable=False,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    is_public = models.BooleanField(
        _("shown on the site"),
        default=True,
        help_text=_("Found animals must be on the site within 3 days of intake."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    last_verified_at = models.DateTimeField(
        _("last verified"),
        default=timezone.now,
        help_text=_("When staff last checked that the listing is true."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PetQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=TITLE_BOOST),
        index.AutocompleteField("name"),
        index.SearchField("breed", boost=LEAD_BOOST),
        index.SearchField("description", boost=BODY_BOOST),
        index.SearchField("species_label", boost=BODY_BOOST),
        index.FilterField("status"),
        index.FilterField("species"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = _("pet")
        verbose_name_plural = _("pets")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="shelter_pet_status_pub"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_species_display().lower()})"

    index_page_type = "shelter.ShelterIndexPage"
    page_route = "pet"

    def page_route_kwargs(self):
        return {"pet_id": self.pk}

    @classmethod
    def search_queryset(cls):
        """What the site search may show: published pets, adopted ones too ("Нашёл дом"), but
        not those returned to their owner."""
        return cls.objects.public().exclude(status=PetStatus.RETURNED)

    def save(self, *args, **kwargs):
        # Publication time is set once, the first time the listing goes public.
        if self.is_public and self.published_at is None:
            self.published_at = timezone.now()
        if not self.is_public:
            self.published_at = None
        super().save(*args, **kwargs)

    def clean(self):
        if self.born_on and self.born_on > timezone.localdate():
            raise ValidationError({"born_on": _("The date of birth cannot be in the future.")})
        if self.vaccinated_on and not self.vaccinated:
            raise ValidationError(
                {"vaccinated_on": _("Tick “vaccinated” or leave the vaccination date empty.")}
            )

    def species_label(self):
        # Indexed in Russian whatever language the indexing process runs in ("кошки" → cats).
        with translation.override(settings.LANGUAGE_CODE):
            return str(self.get_species_display())

    @property
    def age_years(self):
        return age_in_years(self.born_on)

    @property
    def age_months(self):
        today = timezone.localdate()
        return max((today.year - self.born_on.year) * 12 + today.month - self.born_on.month, 0)

    @property
    def is_available(self):
        return self.status not in UNAVAILABLE_STATUSES

    @property
    def accepts_applications(self):
        return self.is_public and self.status in (
            PetStatus.LOOKING,
            PetStatus.FOSTER,
            PetStatus.RESERVED,
            PetStatus.TREATMENT,
        )

    @property
    def needs_verification(self):
        return self.is_available and timezone.now() - self.last_verified_at > VERIFY_EVERY

    @property
    def is_late_for_publication(self):
        return (
            self.status == PetStatus.FOUND
            and self.published_at is None
            and timezone.localdate() - self.intake_on > PUBLISH_FOUND_WITHIN
        )

    def can_change_status(self, new):
        return new in PET_TRANSITIONS.get(PetStatus(self.status), set())

    @transaction.atomic
    def change_status(self, new, by=None, note=""):
        """Move the pet to status `new`, keeping who and when; the only way the status changes.

        When the pet becomes unavailable (adopted, returned to the owner), every other open
        application is closed and its applicant told.
        """
        new = PetStatus(new)
        current = Pet.objects.select_for_update().get(pk=self.pk)
        if not current.can_change_status(new):
            raise ValidationError(
                _("A pet cannot go from “%(old)s” to “%(new)s”.")
                % {"old": current.get_status_display(), "new": new.label}
            )
        change = PetStatusChange.objects.create(
            pet=current,
            from_status=current.status,
            to_status=new,
            changed_by=by if by is not None and by.is_authenticated else None,
            note=note,
        )
        now = timezone.now()
        Pet.objects.filter(pk=self.pk).update(status=new, status_changed_at=now, updated_at=now)
        self.status, self.status_changed_at = new, now
        if new in UNAVAILABLE_STATUSES:
            from shelter.models.applications import close_open_applications

            close_open_applications(self, by=by)
        return change

    def mark_verified(self, by=None):
        self.last_verified_at = timezone.now()
        Pet.objects.filter(pk=self.pk).update(last_verified_at=self.last_verified_at)


class PetPhoto(Orderable):
    pet = ParentalKey(Pet, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or str(self.image)


class PetStatusChange(models.Model):
    """One change of a pet's status: who, when, from what to what. Never edited."""

    pet = models.ForeignKey(
        Pet, verbose_name=_("pet"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("previous status"), max_length=10, choices=PetStatus.choices)
    to_status = models.CharField(_("new status"), max_length=10, choices=PetStatus.choices)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.pet}: {self.get_from_status_display()} → {self.get_to_status_display()}"
