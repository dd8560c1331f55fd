"""Careers over the API: promotion eligibility and promotions, training (courses, sessions,
attendance, the yearly shortfall), the staffing ratio, secondments and mentoring pairs."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from gongzhi.org.api import VisibleRecordField
from gongzhi.workforce import services
from gongzhi.workforce.api.base import HR, VisibleWorkerField, WorkforceViewSet
from gongzhi.workforce.api.workers import PromotionSerializer
from gongzhi.workforce.models import Course, MentoringPair, Promotion, Secondment, TrainingSession
from gongzhi.workforce.reports import promotion_checks, staffing_rows, training_shortfall
from gongzhi.workforce.selectors import (
    course_get_visible,
    courses_visible_to,
    mentoring_pair_get_visible,
    mentoring_pairs_visible_to,
    promotions_visible_to,
    secondment_get_visible,
    secondments_visible_to,
    training_session_get_visible,
    training_sessions_visible_to,
)
from gongzhi.workforce.validation import refuse


def year_parameter(request, name: str) -> int:
    """A year from the query string (default: this year); anything else is a named 400."""
    value = request.query_params.get(name, "")
    if not value:
        return timezone.localdate().year
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        refuse(name, _("Give a year such as %(year)d.") % {"year": timezone.localdate().year})
    return int(value)


def year_query(name: str, description) -> OpenApiParameter:
    return OpenApiParameter(name, int, description=description)


# ---------------------------------------------------------------------------------------------
# Promotion


class PromotionCheckSerializer(serializers.Serializer):
    worker = serializers.IntegerField(source="worker.pk")
    worker_name = serializers.CharField(source="worker.name")
    unit_code = serializers.CharField(source="worker.unit.code")
    unit_name = serializers.CharField(source="worker.unit.name")
    period = serializers.IntegerField()
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text=gettext_lazy("Why not, for those not eligible.")
    )
    evidence = serializers.JSONField()


class PromotionRecordSerializer(serializers.Serializer):
    worker = VisibleWorkerField()
    period = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PromotionViewSet(mixins.ListModelMixin, WorkforceViewSet):
    queryset = Promotion.objects.none()
    serializer_class = PromotionSerializer
    read_permissions = HR

    def get_queryset(self):
        return promotions_visible_to(self.actor)

    @extend_schema(request=PromotionRecordSerializer, responses={201: PromotionSerializer})
    def create(self, request):
        promotion = services.promotion_record(
            actor=self.actor, **self.validated_input(PromotionRecordSerializer)
        )
        return self.answer(PromotionSerializer, promotion, status.HTTP_201_CREATED)

    @extend_schema(
        responses=PromotionCheckSerializer(many=True),
        filters=False,
        parameters=[
            year_query("period", gettext_lazy("The year (default: this year).")),
            OpenApiParameter(
                "all", bool, description=gettext_lazy("Also those not eligible, with the reasons.")
            ),
        ],
    )
    @action(detail=False, pagination_class=None, filterset_class=None)
    def eligible(self, request):
        checks = promotion_checks(self.actor, year_parameter(request, "period"))
        if request.query_params.get("all") not in ("1", "true"):
            checks = [check for check in checks if check.eligible]
        return Response(PromotionCheckSerializer(checks, many=True).data)


# ---------------------------------------------------------------------------------------------
# Training


class CourseSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = Course
        fields = ["code", "title", "hours", "unit_code"]


class CourseCreateSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)
    unit_code = serializers.CharField(help_text=gettext_lazy("The organising city, street or community."))


class CourseViewSet(mixins.ListModelMixin, WorkforceViewSet):
    queryset = Course.objects.none()
    serializer_class = CourseSerializer
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return courses_visible_to(self.actor)

    def retrieve(self, request, code: str):
        return self.answer(CourseSerializer, course_get_visible(self.actor, code=code))

    @extend_schema(request=CourseCreateSerializer, responses={201: CourseSerializer})
    def create(self, request):
        course = services.course_create(actor=self.actor, **self.validated_input(CourseCreateSerializer))
        return self.answer(CourseSerializer, course, status.HTTP_201_CREATED)


class TrainingSessionSerializer(serializers.ModelSerializer):
    course = serializers.SlugRelatedField(slug_field="code", read_only=True)
    course_title = serializers.CharField(source="course.title", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    attendance_count = serializers.SerializerMethodField()

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "course",
            "course_title",
            "unit_code",
            "held_on",
            "place",
            "hours",
            "attendance_count",
        ]

    def get_attendance_count(self, session: TrainingSession) -> int:
        return session.attendances.count()


class TrainingSessionCreateSerializer(serializers.Serializer):
    course = VisibleRecordField(selector=courses_visible_to, model=Course, slug_field="code")
    unit_code = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField(required=False, allow_blank=True, default="")
    hours = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("Default: the course's hours."),
    )


class AttendanceSerializer(serializers.Serializer):
    workers = serializers.ListField(child=VisibleWorkerField(), allow_empty=False)
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True, default=None
    )


class TrainingShortfallSerializer(serializers.Serializer):
    worker = serializers.IntegerField(source="worker.pk")
    worker_name = serializers.CharField(source="worker.name")
    unit_code = serializers.CharField(source="worker.unit.code")
    unit_name = serializers.CharField(source="worker.unit.name")
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    required = serializers.DecimalField(max_digits=6, decimal_places=1)
    missing = serializers.DecimalField(max_digits=6, decimal_places=1)


class TrainingSessionViewSet(mixins.ListModelMixin, WorkforceViewSet):
    queryset = TrainingSession.objects.none()
    serializer_class = TrainingSessionSerializer

    def get_queryset(self):
        return training_sessions_visible_to(self.actor)

    def retrieve(self, request, pk: str):
        return self.answer(TrainingSessionSerializer, training_session_get_visible(self.actor, pk=int(pk)))

    @extend_schema(request=TrainingSessionCreateSerializer, responses={201: TrainingSessionSerializer})
    def create(self, request):
        session = services.training_session_create(
            actor=self.actor, **self.validated_input(TrainingSessionCreateSerializer)
        )
        return self.answer(TrainingSessionSerializer, session, status.HTTP_201_CREATED)

    @extend_schema(
        request=AttendanceSerializer,
        responses={201: TrainingSessionSerializer},
        filters=False,
        description=gettext_lazy(
            "Record who attended (workers by file id), for the session's hours or fewer."
        ),
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def attendance(self, request, pk: str):
        session = self.writable(training_session_get_visible(self.actor, pk=int(pk)))
        services.attendance_record(
            actor=self.actor, session=session, **self.validated_input(AttendanceSerializer)
        )
        return self.answer(TrainingSessionSerializer, session, status.HTTP_201_CREATED)

    @extend_schema(
        responses=TrainingShortfallSerializer(many=True),
        filters=False,
        parameters=[year_query("year", gettext_lazy("The year (default: this year)."))],
        description=gettext_lazy("Active workers in your reach short of the year's training hours."),
    )
    @action(detail=False, pagination_class=None, filterset_class=None)
    def shortfall(self, request):
        rows = training_shortfall(self.actor, year_parameter(request, "year"))
        return Response(TrainingShortfallSerializer(rows, many=True).data)


# ---------------------------------------------------------------------------------------------
# Staffing


class StaffingSerializer(serializers.Serializer):
    community_code = serializers.CharField(source="community.code")
    community_name = serializers.CharField(source="community.name")
    households = serializers.IntegerField()
    workers = serializers.IntegerField()
    households_per_worker = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    required = serializers.IntegerField(
        help_text=gettext_lazy("Workers needed at one per hundred households.")
    )
    missing = serializers.IntegerField()
    flagged = serializers.BooleanField(help_text=gettext_lazy("More than a hundred households per worker."))


class StaffingViewSet(WorkforceViewSet):
    read_permissions = HR

    @extend_schema(
        responses=StaffingSerializer(many=True),
        filters=False,
        parameters=[
            OpenApiParameter("flagged", bool, description=gettext_lazy("Only communities above the ratio."))
        ],
    )
    def list(self, request):
        rows = staffing_rows(self.actor)
        if request.query_params.get("flagged") in ("1", "true"):
            rows = [row for row in rows if row.flagged]
        return Response(StaffingSerializer(rows, many=True).data)


# ---------------------------------------------------------------------------------------------
# Secondments and mentoring


class SecondmentSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    home_name = serializers.CharField(read_only=True)
    community_code = serializers.CharField(source="community.code", read_only=True)
    community_name = serializers.CharField(source="community.name", read_only=True)
    phone = serializers.CharField(source="phone_masked", read_only=True)

    class Meta:
        model = Secondment
        fields = [
            "id",
            "name",
            "department",
            "home_organisation",
            "home_name",
            "community_code",
            "community_name",
            "duty",
            "phone",
            "starts_on",
            "ends_on",
        ]


class SecondmentCreateSerializer(serializers.Serializer):
    name = serializers.CharField()
    community_code = serializers.CharField()
    department_code = serializers.CharField(required=False, allow_blank=True, default="")
    home_organisation = serializers.CharField(required=False, allow_blank=True, default="")
    duty = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)


class EndSerializer(serializers.Serializer):
    ends_on = serializers.DateField()


class SecondmentViewSet(mixins.ListModelMixin, WorkforceViewSet):
    queryset = Secondment.objects.none()
    serializer_class = SecondmentSerializer

    def get_queryset(self):
        return secondments_visible_to(self.actor)

    def retrieve(self, request, pk: str):
        return self.answer(SecondmentSerializer, secondment_get_visible(self.actor, pk=int(pk)))

    @extend_schema(request=SecondmentCreateSerializer, responses={201: SecondmentSerializer})
    def create(self, request):
        secondment = services.secondment_create(
            actor=self.actor, **self.validated_input(SecondmentCreateSerializer)
        )
        return self.answer(SecondmentSerializer, secondment, status.HTTP_201_CREATED)

    @extend_schema(request=EndSerializer, responses=SecondmentSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def end(self, request, pk: str):
        secondment = self.writable(secondment_get_visible(self.actor, pk=int(pk)))
        secondment = services.secondment_end(
            actor=self.actor, secondment=secondment, **self.validated_input(EndSerializer)
        )
        return self.answer(SecondmentSerializer, secondment)


class MentoringPairSerializer(serializers.ModelSerializer):
    mentor_name = serializers.CharField(source="mentor.name", read_only=True)
    mentee_name = serializers.CharField(source="mentee.name", read_only=True)
    community_code = serializers.CharField(source="mentee.unit.code", read_only=True)

    class Meta:
        model = MentoringPair
        fields = [
            "id",
            "mentor",
            "mentor_name",
            "mentee",
            "mentee_name",
            "community_code",
            "starts_on",
            "ends_on",
            "goal",
        ]


class MentoringPairCreateSerializer(serializers.Serializer):
    mentor = VisibleWorkerField()
    mentee = VisibleWorkerField()
    starts_on = serializers.DateField()
    goal = serializers.CharField(required=False, allow_blank=True, default="")


class MentoringPairViewSet(mixins.ListModelMixin, WorkforceViewSet):
    queryset = MentoringPair.objects.none()
    serializer_class = MentoringPairSerializer

    def get_queryset(self):
        return mentoring_pairs_visible_to(self.actor)

    def retrieve(self, request, pk: str):
        return self.answer(MentoringPairSerializer, mentoring_pair_get_visible(self.actor, pk=int(pk)))

    @extend_schema(request=MentoringPairCreateSerializer, responses={201: MentoringPairSerializer})
    def create(self, request):
        pair = services.mentoring_pair_create(
            actor=self.actor, **self.validated_input(MentoringPairCreateSerializer)
        )
        return self.answer(MentoringPairSerializer, pair, status.HTTP_201_CREATED)

    @extend_schema(request=EndSerializer, responses=MentoringPairSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def end(self, request, pk: str):
        pair = self.writable(mentoring_pair_get_visible(self.actor, pk=int(pk)))
        pair = services.mentoring_pair_end(actor=self.actor, pair=pair, **self.validated_input(EndSerializer))
        return self.answer(MentoringPairSerializer, pair)
