"""API of assessment periods: the scheme (city administrators), the lifecycle, the streets' scores,
the results with their breakdown and ranking, appeals, the staff posted to streets, a department's
trend, and the Excel export. Reads go through assessment.selectors with ``self.actor``, changes
through assessment.services."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from gongzhi.assessment import services
from gongzhi.assessment.api.base import (CONFLICT, XLSX_RESPONSE, AssessmentView, Input, number_field,
                                         xlsx_response)
from gongzhi.assessment.api.serializers import (AppealSerializer, ManualScoreSerializer,
                                                PeriodDetailSerializer, PeriodSerializer,
                                                PostedStaffSerializer,
                                                ResultDetailSerializer, ResultSerializer,
                                                TrendPointSerializer)
from gongzhi.assessment.excel import period_workbook
from gongzhi.assessment.models import AppealState, ManualItemKind, Metric, PeriodKind, RuleKind
from gongzhi.assessment.selectors.periods import (actor_street, appeal_get_visible, appeals_visible_to,
                                                  department_breakdown, department_result_get_visible,
                                                  department_trend, indicator_values,
                                                  manual_scores_visible_to, period_get_visible,
                                                  periods_visible_to, posted_staff_get_visible,
                                                  posted_staff_visible_to, results_visible_to)
from gongzhi.common.access.roles import Permission
from gongzhi.assessment.selectors.common import record_in
from gongzhi.common.exceptions import ActionNotPermitted

# ---------------------------------------------------------------------------------------------
# Input


class PeriodCreateInput(Input):
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=PeriodKind.choices)
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(required=False, allow_null=True, help_text=_("1–4, for a quarter."))
    street_share = number_field(required=False, help_text=_("Percent; default 20."))
    copy_from = serializers.IntegerField(required=False, allow_null=True,
                                         help_text=_("The id of a period whose scheme to copy."))


class PeriodUpdateInput(Input):
    name = serializers.CharField(max_length=100, required=False)
    street_share = number_field(required=False)


class IndicatorUpdateInput(Input):
    weight = number_field(required=False)
    rule = serializers.ChoiceField(choices=RuleKind.choices, required=False)
    zero_at = number_field(required=False, allow_null=True,
                           help_text=_("Linear rule: the value that scores 0."))
    full_at = number_field(required=False, allow_null=True,
                           help_text=_("Linear rule: the value that scores 100."))
    steps = serializers.ListField(child=serializers.DictField(), required=False,
                                  help_text=_("Thresholds rule: [{\"at\": bound, \"score\": score}, …]."))


class IndicatorInput(IndicatorUpdateInput):
    metric = serializers.ChoiceField(choices=Metric.choices)
    weight = number_field()
    rule = serializers.ChoiceField(choices=RuleKind.choices)


class ItemUpdateInput(Input):
    name = serializers.CharField(max_length=100, required=False)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=ManualItemKind.choices, required=False)
    weight = number_field(required=False)
    max_score = number_field(required=False)


class ItemInput(ItemUpdateInput):
    name = serializers.CharField(max_length=100)
    weight = number_field()


class ScoreEntryInput(serializers.Serializer):
    item = serializers.IntegerField(help_text=_("The id of an item of the period's scheme."))
    department = serializers.CharField(required=False, allow_blank=True, help_text=_("A department's code."))
    staff = serializers.IntegerField(required=False, allow_null=True,
                                     help_text=_("For a posted-staff item: the id of the staff member."))
    score = number_field()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=500)


@extend_schema_field(ScoreEntryInput(many=True))
class ScoreEntriesField(serializers.ListField):
    """The entries as sent: the service checks each against the period's scheme and names the first
    one at fault by its place in the list (scores[2].score)."""


class ScoresInput(Input):
    scores = ScoreEntriesField(child=serializers.DictField(), allow_empty=True)


class AppealInput(Input):
    item_kind = serializers.ChoiceField(choices=[("indicator", _("An indicator's score")),
                                                 ("score", _("A street's score"))])
    item_id = serializers.IntegerField()
    reason = serializers.CharField(max_length=2000)


class DecisionInput(Input):
    outcome = serializers.ChoiceField(choices=[(AppealState.ADJUSTED, AppealState.ADJUSTED.label),
                                               (AppealState.DISMISSED, AppealState.DISMISSED.label)])
    reason = serializers.CharField(max_length=2000)
    score = number_field(required=False, allow_null=True, help_text=_("The adjusted score."))


class PostedStaffInput(Input):
    department = serializers.CharField(source="department_code", help_text=_("The department's code."))
    street = serializers.CharField(source="street_code", help_text=_("The street's code."))
    name = serializers.CharField(max_length=50)
    title = serializers.CharField(max_length=50, required=False, allow_blank=True)
    posted_on = serializers.DateField()


class PostingEndInput(Input):
    ended_on = serializers.DateField()


class TrendQuery(Input):
    kind = serializers.ChoiceField(choices=PeriodKind.choices, default=PeriodKind.YEAR)


# ---------------------------------------------------------------------------------------------
# Views


class PeriodListView(AssessmentView):
    """Assessment periods, newest first; city administrators create them."""

    @extend_schema(responses=PeriodSerializer(many=True))
    def get(self, request):
        return Response(PeriodSerializer(periods_visible_to(self.actor), many=True).data)

    @extend_schema(request=PeriodCreateInput, responses={201: PeriodDetailSerializer})
    def post(self, request):
        self.require(Permission.ASSESSMENT_MANAGE)
        period = services.period_create(actor=self.actor, **self.validated(PeriodCreateInput))
        return Response(PeriodDetailSerializer(period).data, status=status.HTTP_201_CREATED)


class PeriodMixin:
    def period(self):
        return period_get_visible(self.actor, period_id=self.kwargs["period_id"])


class PeriodDetailView(PeriodMixin, AssessmentView):
    """A period with its scheme."""

    @extend_schema(responses=PeriodDetailSerializer)
    def get(self, request, period_id):
        return Response(PeriodDetailSerializer(self.period()).data)

    @extend_schema(request=PeriodUpdateInput, responses={200: PeriodDetailSerializer, 409: CONFLICT})
    def patch(self, request, period_id):
        period = self.period()
        self.require(Permission.ASSESSMENT_MANAGE)
        period = services.period_update(actor=self.actor, period=period,
                                        changes=self.validated(PeriodUpdateInput))
        return Response(PeriodDetailSerializer(period).data)


def scheme_part_views(*, related: str, part: str, add, update, remove, add_input: type[Input],
                      update_input: type[Input], description: str):
    """The endpoints adding a part (an indicator or an item) to a scheme still open, and changing
    or removing one: ``related`` is the period's list of them, ``part`` the services' name for one."""

    class PartListView(PeriodMixin, AssessmentView):
        @extend_schema(request=add_input, responses={201: PeriodDetailSerializer, 409: CONFLICT},
                       description=description)
        def post(self, request, period_id):
            period = self.period()
            self.require(Permission.ASSESSMENT_MANAGE)
            add(actor=self.actor, period=period, **self.validated(add_input))
            return Response(PeriodDetailSerializer(self.period()).data, status=status.HTTP_201_CREATED)

    class PartDetailView(PeriodMixin, AssessmentView):
        def part(self):
            return record_in(getattr(self.period(), related).all(), self.kwargs["part_id"])

        @extend_schema(request=update_input, responses={200: PeriodDetailSerializer, 409: CONFLICT})
        def patch(self, request, period_id, part_id):
            record = self.part()
            self.require(Permission.ASSESSMENT_MANAGE)
            update(actor=self.actor, **{part: record}, changes=self.validated(update_input))
            return Response(PeriodDetailSerializer(self.period()).data)

        @extend_schema(request=None, responses={204: None, 409: CONFLICT})
        def delete(self, request, period_id, part_id):
            record = self.part()
            self.require(Permission.ASSESSMENT_MANAGE)
            remove(actor=self.actor, **{part: record})
            return Response(status=status.HTTP_204_NO_CONTENT)

    name = part.title().replace("_", "")
    PartListView.__name__, PartDetailView.__name__ = f"{name}ListView", f"{name}DetailView"
    return PartListView, PartDetailView


IndicatorListView, IndicatorDetailView = scheme_part_views(
    related="indicators", part="indicator", add=services.indicator_add, update=services.indicator_update,
    remove=services.indicator_remove, add_input=IndicatorInput, update_input=IndicatorUpdateInput,
    description=_("Add an automatic indicator to a scheme still open."))
ItemListView, ItemDetailView = scheme_part_views(
    related="manual_items", part="item", add=services.manual_item_add, update=services.manual_item_update,
    remove=services.manual_item_remove, add_input=ItemInput, update_input=ItemUpdateInput,
    description=_("Add an item the streets score to a scheme still open."))


class PeriodStepView(PeriodMixin, AssessmentView):
    """One step of the period's lifecycle (the ``step`` given where the URL is declared)."""

    step = None

    @extend_schema(request=None, responses={200: PeriodDetailSerializer, 409: CONFLICT})
    def post(self, request, period_id):
        period = self.period()
        self.require(Permission.ASSESSMENT_MANAGE)
        return Response(PeriodDetailSerializer(self.step(actor=self.actor, period=period)).data)


class ResultListView(PeriodMixin, AssessmentView):
    """The ranking: every department's total and parts (a department's members: their own only)."""

    @extend_schema(responses=ResultSerializer(many=True))
    def get(self, request, period_id):
        return Response(ResultSerializer(results_visible_to(self.actor, period=self.period()),
                                         many=True).data)


class ResultDetailView(PeriodMixin, AssessmentView):
    """How a department's total is made, indicator by indicator and street by street."""

    @extend_schema(responses=ResultDetailSerializer)
    def get(self, request, period_id, department_code):
        result = department_result_get_visible(self.actor, period=self.period(),
                                               department_code=department_code)
        result.breakdown = department_breakdown(self.actor, result=result)
        return Response(ResultDetailSerializer(result).data)


class ScoreListView(PeriodMixin, AssessmentView):
    """The streets' scores the actor may see; a street's staff record their street's scores."""

    @extend_schema(responses=ManualScoreSerializer(many=True))
    def get(self, request, period_id):
        return Response(ManualScoreSerializer(manual_scores_visible_to(self.actor, period=self.period()),
                                              many=True).data)

    @extend_schema(request=ScoresInput, responses={200: ManualScoreSerializer(many=True), 409: CONFLICT},
                   description=_("Record scores for your street, all or none; a score given before is "
                                 "replaced."))
    def post(self, request, period_id):
        period = self.period()
        self.require(Permission.ASSESSMENT_SCORE)
        street = actor_street(self.actor)
        if street is None:
            raise ActionNotPermitted(_("Only a street's own staff score for it."))
        saved = services.manual_scores_record(actor=self.actor, period=period, street=street,
                                              entries=self.validated(ScoresInput)["scores"])
        return Response(ManualScoreSerializer(saved, many=True).data)


class AppealListView(PeriodMixin, AssessmentView):
    @extend_schema(responses=AppealSerializer(many=True))
    def get(self, request, period_id):
        return Response(AppealSerializer(appeals_visible_to(self.actor, period=self.period()),
                                         many=True).data)

    @extend_schema(request=AppealInput, responses={201: AppealSerializer, 409: CONFLICT},
                   description=_("A department appeals one item of its result while the period is under "
                                 "review."))
    def post(self, request, period_id):
        period = self.period()
        self.require(Permission.ASSESSMENT_APPEAL)
        appeal = services.appeal_file(actor=self.actor, period=period, **self.validated(AppealInput))
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)


class AppealDecideView(AssessmentView):
    @extend_schema(request=DecisionInput, responses={200: AppealSerializer, 409: CONFLICT},
                   description=_("Adjust the appealed score (give the new score) or dismiss the appeal; "
                                 "a reason either way."))
    def post(self, request, appeal_id):
        appeal = appeal_get_visible(self.actor, appeal_id=appeal_id)
        self.require(Permission.ASSESSMENT_MANAGE)
        appeal = services.appeal_decide(actor=self.actor, appeal=appeal, **self.validated(DecisionInput))
        return Response(AppealSerializer(appeal).data)


class PeriodExportView(PeriodMixin, AssessmentView):
    @extend_schema(responses=XLSX_RESPONSE, operation_id="assessment_period_export_xlsx",
                   description=_("The scheme, the ranking and the streets' scores you may see, as Excel."))
    def get(self, request, period_id):
        period = self.period()
        results = list(results_visible_to(self.actor, period=period))
        content = period_workbook(period=period, results=results,
                                  scores=manual_scores_visible_to(self.actor, period=period),
                                  indicator_values=indicator_values(period, results))
        return xlsx_response(content, name=f"assessment-{period.pk}")


class DepartmentTrendView(AssessmentView):
    @extend_schema(parameters=[TrendQuery], responses=TrendPointSerializer(many=True),
                   description=_("The department's results over the periods, oldest first."))
    def get(self, request, department_code):
        query = self.validated(TrendQuery, data=request.query_params)
        results = department_trend(self.actor, department_code=department_code, kind=query["kind"])
        return Response(TrendPointSerializer(results, many=True).data)


class PostedStaffListView(AssessmentView):
    @extend_schema(responses=PostedStaffSerializer(many=True))
    def get(self, request):
        return Response(PostedStaffSerializer(posted_staff_visible_to(self.actor), many=True).data)

    @extend_schema(request=PostedStaffInput, responses={201: PostedStaffSerializer})
    def post(self, request):
        self.require(Permission.ASSESSMENT_MANAGE)
        staff = services.posted_staff_create(actor=self.actor, **self.validated(PostedStaffInput))
        return Response(PostedStaffSerializer(staff).data, status=status.HTTP_201_CREATED)


class PostingEndView(AssessmentView):
    @extend_schema(request=PostingEndInput, responses={200: PostedStaffSerializer, 409: CONFLICT})
    def post(self, request, staff_id):
        staff = posted_staff_get_visible(self.actor, staff_id=staff_id)
        self.require(Permission.ASSESSMENT_MANAGE)
        staff = services.posted_staff_end(actor=self.actor, staff=staff, **self.validated(PostingEndInput))
        return Response(PostedStaffSerializer(staff).data)

