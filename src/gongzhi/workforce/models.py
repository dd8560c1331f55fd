"""The community workforce: personnel files, the "three posts, five levels" pay system (三岗五级),
the pay migration (工资套改), assessments and promotions, training, secondments and mentoring.

Money is kept in yuan with two decimals. Levels run from 1 (entry) to 5 (top). A worker's post and
level over time is the ``PostHistory``: pay runs and promotion checks read the entry in force on a
date, so a promotion recorded today can take effect next month without rewriting anything.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.common.masking import mask_identity_number, mask_phone

LEVELS = (1, 2, 3, 4, 5)
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
MONEY = {"max_digits": 10, "decimal_places": 2}


class PostCategory(models.TextChoices):
    HEAD = "head", _("Head (party secretary or director)")
    DEPUTY = "deputy", _("Deputy")
    STAFF = "staff", _("Staff")


class WorkerStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SECONDED = "seconded", _("Seconded elsewhere")
    LEFT = "left", _("Left")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    SECONDARY = "secondary", _("Secondary school")
    VOCATIONAL = "vocational", _("Vocational college")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree or higher")


class RecruitmentSource(models.TextChoices):
    REGULAR = "regular", _("Regular recruitment")
    GRADUATE = "graduate", _("Graduate recruitment")


class CredentialKind(models.TextChoices):
    ASSISTANT_SOCIAL_WORKER = "assistant_social_worker", _("Assistant social worker")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SENIOR_SOCIAL_WORKER = "senior_social_worker", _("Senior social worker")


# Higher rank, higher qualification: promotion rules and placement compare credentials by it.
CREDENTIAL_RANK: dict[str, int] = {
    CredentialKind.ASSISTANT_SOCIAL_WORKER: 1,
    CredentialKind.SOCIAL_WORKER: 2,
    CredentialKind.SENIOR_SOCIAL_WORKER: 3,
}


class AssessmentResult(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASICALLY_COMPETENT = "basically_competent", _("Basically competent")
    INCOMPETENT = "incompetent", _("Incompetent")


class Worker(models.Model):
    """A community worker's personnel file (社区工作者档案)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("community or street"), on_delete=models.PROTECT, related_name="workers"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="personnel_file",
    )
    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    # Encrypted at rest (workforce.identity); the keyed digest finds duplicates without decrypting.
    identity_number_encrypted = models.TextField(_("identity number (encrypted)"))
    identity_number_digest = models.CharField(_("identity number digest"), max_length=64, unique=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    education = models.CharField(_("education"), max_length=20, choices=Education.choices)
    source = models.CharField(
        _("recruited through"),
        max_length=20,
        choices=RecruitmentSource.choices,
        default=RecruitmentSource.REGULAR,
    )
    hire_date = models.DateField(_("hire date"))
    # The post and level of the latest PostHistory entry (which may take effect later).
    post_category = models.CharField(_("post category"), max_length=10, choices=PostCategory.choices)
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True, validators=LEVEL_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=10, choices=WorkerStatus.choices, default=WorkerStatus.ACTIVE
    )
    # Monthly pay before the move onto the pay system, as imported; None for those hired after it.
    previous_monthly_pay = models.DecimalField(
        _("monthly pay before the migration"), null=True, blank=True, **MONEY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("personnel file")
        verbose_name_plural = _("personnel files")
        ordering = ["unit__code", "name", "id"]
        indexes = [models.Index(fields=["status", "unit"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=5),
                name="worker_level_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def identity_number_masked(self) -> str:
        from gongzhi.workforce.identity import identity_number_decrypt

        return mask_identity_number(identity_number_decrypt(self.identity_number_encrypted))

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class Credential(models.Model):
    """A professional credential, such as the national social-work certificates."""

    worker = models.ForeignKey(
        Worker, verbose_name=_("worker"), on_delete=models.CASCADE, related_name="credentials"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=CredentialKind.choices)
    number = models.CharField(_("certificate number"), max_length=40, blank=True)
    obtained_on = models.DateField(_("obtained on"))

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["obtained_on", "id"]
        constraints = [models.UniqueConstraint(fields=["worker", "kind"], name="credential_one_per_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class PostChangeReason(models.TextChoices):
    PLACEMENT = "placement", _("Placed on hiring")
    MIGRATION = "migration", _("Pay migration")
    PROMOTION = "promotion", _("Promotion")
    APPOINTMENT = "appointment", _("Appointment or transfer")


class PostHistory(models.Model):
    """A worker's post, level and unit from a date on, until the next entry."""

    worker = models.ForeignKey(
        Worker, verbose_name=_("worker"), on_delete=models.CASCADE, related_name="post_history"
    )
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    post_category = models.CharField(_("post category"), max_length=10, choices=PostCategory.choices)
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    starts_on = models.DateField(_("in force from"))
    reason = models.CharField(_("reason"), max_length=20, choices=PostChangeReason.choices)
    basis = models.TextField(_("basis"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post history entry")
        verbose_name_plural = _("post history")
        ordering = ["worker", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "starts_on"], name="post_history_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.get_post_category_display()} {self.level} · {self.starts_on}"


class Assessment(models.Model):
    """A worker's yearly assessment result (年度考核)."""

    worker = models.ForeignKey(
        Worker, verbose_name=_("worker"), on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    result = models.CharField(_("result"), max_length=20, choices=AssessmentResult.choices)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["worker", "-year"]
        constraints = [models.UniqueConstraint(fields=["worker", "year"], name="assessment_one_per_year")]

    def __str__(self) -> str:
        return f"{self.worker} · {self.year} · {self.get_result_display()}"


class PayTable(models.Model):
    """The pay scale in force from a month on, until the next table (薪酬标准).

    Monthly pay = base pay of the post and level + seniority (per completed year of service, up to a
    cap) + the allowance of the worker's highest credential + the performance share of the base."""

    name = models.CharField(_("name"), max_length=100)
    effective_from = models.DateField(_("in force from"), unique=True)
    seniority_per_year = models.DecimalField(_("seniority increment per year of service"), **MONEY)
    seniority_cap_years = models.PositiveSmallIntegerField(_("years of service counted at most"))
    performance_share = models.DecimalField(
        _("performance share of the base pay"), max_digits=4, decimal_places=3
    )
    allowance_assistant_social_worker = models.DecimalField(_("allowance: assistant social worker"), **MONEY)
    allowance_social_worker = models.DecimalField(_("allowance: social worker"), **MONEY)
    allowance_senior_social_worker = models.DecimalField(_("allowance: senior social worker"), **MONEY)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pay table")
        verbose_name_plural = _("pay tables")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from:%Y-%m})"

    def allowance_for(self, kind: str):
        return getattr(self, f"allowance_{kind}")


class PayTableRate(models.Model):
    """The base monthly pay of one post and level in a pay table."""

    table = models.ForeignKey(
        PayTable, verbose_name=_("pay table"), on_delete=models.CASCADE, related_name="rates"
    )
    post_category = models.CharField(_("post category"), max_length=10, choices=PostCategory.choices)
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    base_pay = models.DecimalField(_("base pay"), **MONEY)

    class Meta:
        verbose_name = _("base pay rate")
        verbose_name_plural = _("base pay rates")
        ordering = ["table", "post_category", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "post_category", "level"], name="pay_rate_one_per_post_level"
            )
        ]


class PayRun(models.Model):
    """One month's pay for the workers of a unit (a community, a street or the whole city)."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"), help_text=_("The first day of the month paid."))
    table = models.ForeignKey(
        PayTable, verbose_name=_("pay table"), on_delete=models.PROTECT, related_name="pay_runs"
    )
    worker_count = models.PositiveIntegerField(_("workers paid"), default=0)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2, default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pay run")
        verbose_name_plural = _("pay runs")
        ordering = ["-month", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="pay_run_one_per_unit_month")]

    def __str__(self) -> str:
        return f"{self.unit.name} · {self.month:%Y-%m}"


class PayLine(models.Model):
    """A worker's pay in one run, with its breakdown: the pay slip (工资条)."""

    pay_run = models.ForeignKey(
        PayRun, verbose_name=_("pay run"), on_delete=models.CASCADE, related_name="lines"
    )
    worker = models.ForeignKey(
        Worker, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="pay_lines"
    )
    # Repeated from the run so that the database refuses paying a worker twice for one month.
    month = models.DateField(_("month"))
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    post_category = models.CharField(_("post category"), max_length=10, choices=PostCategory.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    years_of_service = models.PositiveSmallIntegerField(_("years of service"))
    credential_kind = models.CharField(
        _("credential counted"), max_length=30, choices=CredentialKind.choices, blank=True
    )
    base_pay = models.DecimalField(_("base pay"), **MONEY)
    seniority_pay = models.DecimalField(_("seniority pay"), **MONEY)
    credential_allowance = models.DecimalField(_("credential allowance"), **MONEY)
    performance_pay = models.DecimalField(_("performance pay"), **MONEY)
    total = models.DecimalField(_("total"), **MONEY)

    class Meta:
        verbose_name = _("pay slip")
        verbose_name_plural = _("pay slips")
        ordering = ["pay_run", "unit__code", "worker__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "month"], name="pay_line_one_per_worker_month")
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.month:%Y-%m}"


class MigrationRecord(models.Model):
    """A worker's move onto the pay system (工资套改): the pay before, the place given, the pay after."""

    worker = models.OneToOneField(
        Worker, verbose_name=_("worker"), on_delete=models.CASCADE, related_name="migration"
    )
    migrated_on = models.DateField(_("migrated on"))
    table = models.ForeignKey(
        PayTable, verbose_name=_("pay table"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    post_category = models.CharField(_("post category"), max_length=10, choices=PostCategory.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    years_of_service = models.PositiveSmallIntegerField(_("years of service"))
    pay_before = models.DecimalField(_("monthly pay before"), **MONEY)
    pay_after = models.DecimalField(_("monthly pay after"), **MONEY)

    class Meta:
        verbose_name = _("pay migration record")
        verbose_name_plural = _("pay migration records")
        ordering = ["unit__code", "worker__name"]


class Promotion(models.Model):
    """A move up one level, with the rules' evidence that made the worker eligible."""

    worker = models.ForeignKey(
        Worker, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="promotions"
    )
    period = models.PositiveSmallIntegerField(_("period (year)"))
    from_level = models.PositiveSmallIntegerField(_("from level"))
    to_level = models.PositiveSmallIntegerField(_("to level"))
    effective_on = models.DateField(_("takes effect on"))
    basis = models.JSONField(_("basis"), default=dict)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-period", "worker__name"]
        constraints = [models.UniqueConstraint(fields=["worker", "period"], name="promotion_one_per_period")]

    def __str__(self) -> str:
        return f"{self.worker} · {self.from_level} → {self.to_level} ({self.period})"


class Course(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=100)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    # Who runs it: the city's, a street's or a community's own course.
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return f"{self.course} · {self.held_on}"


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    worker = models.ForeignKey(
        Worker, verbose_name=_("worker"), on_delete=models.CASCADE, related_name="attendances"
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session", "worker"]
        constraints = [
            models.UniqueConstraint(fields=["session", "worker"], name="attendance_once_per_session")
        ]


class Secondment(models.Model):
    """A cadre seconded from a municipal department or a town to a community (下沉干部)."""

    name = models.CharField(_("name"), max_length=50)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("from department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    home_organisation = models.CharField(
        _("from organisation"),
        max_length=100,
        blank=True,
        help_text=_("A town or other body, when not a department."),
    )
    community = models.ForeignKey(
        "org.Unit", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    duty = models.CharField(_("duty"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        ordering = ["community__code", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False) | ~Q(home_organisation=""), name="secondment_names_home"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def home_name(self) -> str:
        return self.department.name if self.department_id else self.home_organisation

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class MentoringPair(models.Model):
    """An experienced worker paired with a new one (结对帮带)."""

    mentor = models.ForeignKey(
        Worker, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="mentees"
    )
    mentee = models.ForeignKey(
        Worker, verbose_name=_("mentee"), on_delete=models.PROTECT, related_name="mentors"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    goal = models.CharField(_("goal"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(mentor=models.F("mentee")), name="mentoring_pair_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"
