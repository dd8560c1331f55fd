"""What the assessment's API answers with. Scores and values are numbers (two decimals); rates are
percentages."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gongzhi.assessment.models import (Appeal, Cadre, CadreHonour, CadrePost, CadrePromotion,
                                       DepartmentResult,
                                       Indicator, ManualItem, ManualScore, Period, PostedStaff,
                                       ReviewCriterion, ReviewSession, ReviewSubject)


def _score(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=9, decimal_places=2, coerce_to_string=False, allow_null=True,
                                    read_only=True, **kwargs)


class OrganisationRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ThresholdSerializer(serializers.Serializer):
    at = serializers.FloatField(help_text=_("The bound: at least this (higher is better) or at most this."))
    score = serializers.FloatField()


class IndicatorSerializer(serializers.ModelSerializer):
    metric_label = serializers.CharField(source="get_metric_display", read_only=True)
    weight = _score()
    zero_at = _score()
    full_at = _score()
    steps = ThresholdSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "metric", "metric_label", "weight", "rule", "zero_at", "full_at", "steps"]


class ManualItemSerializer(serializers.ModelSerializer):
    weight = _score()
    max_score = _score()

    class Meta:
        model = ManualItem
        fields = ["id", "name", "description", "kind", "weight", "max_score"]


class PeriodSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    street_share = _score(help_text=_("The streets' share of a department's total, in percent."))

    class Meta:
        model = Period
        fields = ["id", "name", "kind", "year", "quarter", "starts_on", "ends_on", "state", "state_label",
                  "street_share", "computed_at", "locked_at"]


class PeriodDetailSerializer(PeriodSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)
    manual_items = ManualItemSerializer(many=True, read_only=True)

    class Meta(PeriodSerializer.Meta):
        fields = [*PeriodSerializer.Meta.fields, "indicators", "manual_items"]


class ResultSerializer(serializers.ModelSerializer):
    department = OrganisationRefSerializer()
    automatic_score = _score()
    street_score = _score()
    total = _score()
    figures = serializers.DictField(child=serializers.IntegerField(), read_only=True,
                                    help_text=_("The work-order counts the indicators come from."))

    class Meta:
        model = DepartmentResult
        fields = ["department", "rank", "total", "automatic_score", "street_score", "figures"]


class IndicatorLineSerializer(serializers.Serializer):
    indicator_result_id = serializers.IntegerField(source="result.pk", allow_null=True)
    metric = serializers.CharField(source="indicator.metric")
    label = serializers.CharField(source="indicator.get_metric_display")
    weight = _score(source="indicator.weight")
    value = _score(source="result.value")
    computed_score = _score(source="result.computed_score")
    score = _score(help_text=_("After the city's adjustment, if any."))
    adjustment_reason = serializers.CharField(source="result.adjustment_reason", allow_null=True)
    points = _score(help_text=_("What it adds to the total."))


class ManualScoreSerializer(serializers.ModelSerializer):
    street = OrganisationRefSerializer()
    department = OrganisationRefSerializer()
    item = serializers.CharField(source="item.name")
    item_id = serializers.IntegerField()
    staff = serializers.SerializerMethodField()
    score = _score()
    adjusted_score = _score()
    scored_by = serializers.StringRelatedField()

    class Meta:
        model = ManualScore
        fields = ["id", "street", "department", "item_id", "item", "staff", "score", "adjusted_score",
                  "adjustment_reason", "comment", "scored_by", "scored_at"]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_staff(self, score: ManualScore):
        return {"id": score.staff_id, "name": score.staff.name} if score.staff_id else None


class ItemLineSerializer(serializers.Serializer):
    item = serializers.CharField(source="item.name")
    weight = _score(source="item.weight")
    score = _score(help_text=_("0–100: the street's score as a share of the item's highest score."))
    scores = ManualScoreSerializer(many=True)


class StreetPartSerializer(serializers.Serializer):
    street = serializers.SerializerMethodField()
    score = _score()
    lines = ItemLineSerializer(many=True)

    @extend_schema_field(OrganisationRefSerializer)
    def get_street(self, part) -> dict:
        return {"code": part.street_code, "name": part.street_name}


class BreakdownSerializer(serializers.Serializer):
    automatic = _score()
    street_score = _score()
    total = _score()
    street_share = _score()
    automatic_factor = _score()
    street_factor = _score()
    indicators = IndicatorLineSerializer(many=True)
    streets = StreetPartSerializer(many=True)
    hidden_streets = serializers.IntegerField(
        help_text=_("Streets whose scores count in the streets' part but are not yours to see."))


class ResultDetailSerializer(ResultSerializer):
    breakdown = BreakdownSerializer(read_only=True)

    class Meta(ResultSerializer.Meta):
        fields = [*ResultSerializer.Meta.fields, "breakdown"]


class TrendPointSerializer(serializers.ModelSerializer):
    period = PeriodSerializer()
    total = _score()
    automatic_score = _score()
    street_score = _score()

    class Meta:
        model = DepartmentResult
        fields = ["period", "rank", "total", "automatic_score", "street_score"]


class AppealSerializer(serializers.ModelSerializer):
    department = OrganisationRefSerializer()
    item = serializers.CharField(source="item_label")
    item_kind = serializers.SerializerMethodField()
    item_id = serializers.SerializerMethodField()
    filed_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()
    score_before = _score()
    score_after = _score()

    class Meta:
        model = Appeal
        fields = ["id", "period", "department", "item_kind", "item_id", "item", "reason", "state", "filed_by",
                  "filed_at", "decided_by", "decided_at", "decision_reason", "score_before", "score_after"]

    def get_item_kind(self, appeal: Appeal) -> str:
        return "indicator" if appeal.indicator_result_id else "score"

    def get_item_id(self, appeal: Appeal) -> int:
        return appeal.indicator_result_id or appeal.manual_score_id


class PostedStaffSerializer(serializers.ModelSerializer):
    department = OrganisationRefSerializer()
    street = OrganisationRefSerializer()

    class Meta:
        model = PostedStaff
        fields = ["id", "name", "title", "department", "street", "posted_on", "ended_on"]


class ReviewCriterionSerializer(serializers.ModelSerializer):
    weight = _score()
    max_score = _score()

    class Meta:
        model = ReviewCriterion
        fields = ["id", "name", "description", "source", "weight", "max_score"]


class ReviewSubjectSerializer(serializers.ModelSerializer):
    cadre = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    score = _score()
    grade_label = serializers.CharField(source="get_grade_display", read_only=True)

    class Meta:
        model = ReviewSubject
        fields = ["id", "cadre", "title", "organisation", "score", "grade", "grade_label", "evaluator_count"]

    @extend_schema_field(serializers.DictField())
    def get_cadre(self, subject: ReviewSubject) -> dict:
        return {"id": subject.cadre_id, "name": subject.cadre.name}

    def get_organisation(self, subject: ReviewSubject) -> str:
        if subject.unit_id:
            return subject.unit.name
        return subject.department.name if subject.department_id else ""


class ReviewSessionSerializer(serializers.ModelSerializer):
    excellent_from = _score()
    good_from = _score()
    average_from = _score()

    class Meta:
        model = ReviewSession
        fields = ["id", "year", "title", "held_on", "state", "excellent_from", "good_from", "average_from",
                  "closed_at"]


class ReviewSessionDetailSerializer(ReviewSessionSerializer):
    criteria = ReviewCriterionSerializer(many=True, read_only=True)
    evaluators = serializers.SerializerMethodField()
    subjects = serializers.SerializerMethodField()
    my_scores = serializers.SerializerMethodField(
        help_text=_("For an evaluator: their own scores, by report and criterion id."))

    class Meta(ReviewSessionSerializer.Meta):
        fields = [*ReviewSessionSerializer.Meta.fields, "criteria", "evaluators", "subjects", "my_scores"]

    def get_evaluators(self, session: ReviewSession) -> list[str]:
        return [str(evaluator.user) for evaluator in session.evaluators.select_related("user")]

    @extend_schema_field(ReviewSubjectSerializer(many=True))
    def get_subjects(self, session: ReviewSession):
        return ReviewSubjectSerializer(self.context["subjects"], many=True).data

    @extend_schema_field(serializers.DictField())
    def get_my_scores(self, session: ReviewSession) -> dict:
        mine: dict[str, dict[str, float]] = {}
        for score in self.context["my_scores"]:
            mine.setdefault(str(score.subject_id), {})[str(score.criterion_id)] = float(score.score)
        return mine


class CadreSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation_name", read_only=True)
    post_kind_label = serializers.CharField(source="get_post_kind_display", read_only=True)

    class Meta:
        model = Cadre
        fields = ["id", "name", "post_kind", "post_kind_label", "title", "organisation"]


class CadrePostSerializer(serializers.ModelSerializer):
    organisation = serializers.SerializerMethodField()

    class Meta:
        model = CadrePost
        fields = ["post_kind", "title", "organisation", "started_on", "ended_on"]

    def get_organisation(self, post: CadrePost) -> str:
        return post.unit.name if post.unit_id else (post.department.name if post.department_id else "")


class CadreHonourSerializer(serializers.ModelSerializer):
    class Meta:
        model = CadreHonour
        fields = ["title", "awarded_by", "awarded_on"]


class CadrePromotionSerializer(serializers.ModelSerializer):
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = CadrePromotion
        fields = ["from_title", "to_title", "effective_on", "basis", "review_results", "recorded_by",
                  "recorded_at"]


class CadreReviewSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="session.year")
    session = serializers.CharField(source="session.title")
    score = _score()

    class Meta:
        model = ReviewSubject
        fields = ["year", "session", "title", "score", "grade"]


class CadreDetailSerializer(CadreSerializer):
    posts = CadrePostSerializer(many=True, read_only=True)
    honours = CadreHonourSerializer(many=True, read_only=True)
    promotions = CadrePromotionSerializer(many=True, read_only=True)
    reviews = serializers.SerializerMethodField()

    class Meta(CadreSerializer.Meta):
        fields = [*CadreSerializer.Meta.fields, "posts", "honours", "reviews", "promotions"]

    @extend_schema_field(CadreReviewSerializer(many=True))
    def get_reviews(self, cadre: Cadre):
        return CadreReviewSerializer(self.context["reviews"], many=True).data


class TalentSerializer(CadreSerializer):
    good_results = serializers.IntegerField(read_only=True,
                                            help_text=_("Results at the grade asked or better."))

    class Meta(CadreSerializer.Meta):
        fields = [*CadreSerializer.Meta.fields, "good_results"]
