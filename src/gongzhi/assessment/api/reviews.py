"""API of the party-building review and the cadre files: sessions with their criteria, evaluators and
reporting cadres; the evaluators' scores; closing a session; cadre files with posts, honours, review
results and promotions; the talent pool."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from gongzhi.assessment import services
from gongzhi.assessment.api.base import CONFLICT, AssessmentView, Input, number_field
from gongzhi.assessment.api.serializers import (CadreDetailSerializer, CadreSerializer,
                                                ReviewSessionDetailSerializer,
                                                ReviewSessionSerializer, TalentSerializer)
from gongzhi.assessment.models import CriterionSource, Grade, PostKind
from gongzhi.assessment.selectors.reviews import (cadre_get_visible, cadre_reviews, cadres_visible_to,
                                                  review_scores_given_by, review_session_get_visible,
                                                  review_sessions_visible_to, review_subject_get_visible,
                                                  review_subjects_visible_to, talent_pool)
from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import ActionNotPermitted

# ---------------------------------------------------------------------------------------------
# Input


class SessionInput(Input):
    year = serializers.IntegerField()
    title = serializers.CharField(max_length=100)
    held_on = serializers.DateField()
    excellent_from = number_field(required=False)
    good_from = number_field(required=False)
    average_from = number_field(required=False)


class CriterionInput(Input):
    name = serializers.CharField(max_length=100)
    weight = number_field()
    source = serializers.ChoiceField(choices=CriterionSource.choices, required=False)
    max_score = number_field(required=False)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)


class EvaluatorInput(Input):
    username = serializers.CharField(max_length=150)


class SubjectInput(Input):
    cadre = serializers.IntegerField(source="cadre_id", help_text=_("The id of the cadre's file."))
    title = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                  help_text=_("The post reported for; default the cadre's current post."))


class ReviewScoresInput(Input):
    scores = serializers.DictField(child=number_field(), allow_empty=False,
                                   help_text=_("Each criterion's id and its score."))


class CadreInput(Input):
    name = serializers.CharField(max_length=50)
    post_kind = serializers.ChoiceField(choices=PostKind.choices)
    title = serializers.CharField(max_length=100)
    started_on = serializers.DateField()
    unit = serializers.CharField(source="unit_code", required=False, allow_blank=True)
    department = serializers.CharField(source="department_code", required=False, allow_blank=True)
    username = serializers.CharField(required=False, allow_blank=True,
                                     help_text=_("The cadre's user account."))


class HonourInput(Input):
    title = serializers.CharField(max_length=100)
    awarded_by = serializers.CharField(max_length=100)
    awarded_on = serializers.DateField()


class PromotionInput(Input):
    post_kind = serializers.ChoiceField(choices=PostKind.choices)
    title = serializers.CharField(max_length=100)
    effective_on = serializers.DateField()
    basis = serializers.CharField(max_length=2000)
    unit = serializers.CharField(source="unit_code", required=False, allow_blank=True)
    department = serializers.CharField(source="department_code", required=False, allow_blank=True)


class TalentQuery(Input):
    grade = serializers.ChoiceField(choices=Grade.choices, default=Grade.GOOD,
                                    help_text=_("The lowest grade that counts."))
    since = serializers.IntegerField(source="since_year", min_value=2000, max_value=2100, default=2000,
                                     help_text=_("The first year that counts."))
    times = serializers.IntegerField(min_value=1, max_value=50, default=1,
                                     help_text=_("How many results at that grade or better, at least."))
    post_kind = serializers.ChoiceField(choices=PostKind.choices, required=False)


# ---------------------------------------------------------------------------------------------
# Views


class ReviewView(AssessmentView):
    read_permission = None  # sessions are seen by their evaluators and by readers of cadre files

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not any(self.actor.has_permission(permission) for permission in
                   (Permission.REVIEW_SCORE, Permission.CADRE_VIEW, Permission.CADRE_MANAGE)):
            raise ActionNotPermitted()

    def session(self):
        return review_session_get_visible(self.actor, session_id=self.kwargs["session_id"])

    def session_response(self, session, status_code=status.HTTP_200_OK) -> Response:
        context = {"subjects": review_subjects_visible_to(self.actor, session=session),
                   "my_scores": review_scores_given_by(self.actor, session=session)}
        return Response(ReviewSessionDetailSerializer(session, context=context).data, status=status_code)


class ReviewSessionListView(ReviewView):
    @extend_schema(responses=ReviewSessionSerializer(many=True))
    def get(self, request):
        return Response(ReviewSessionSerializer(review_sessions_visible_to(self.actor), many=True).data)

    @extend_schema(request=SessionInput, responses={201: ReviewSessionDetailSerializer})
    def post(self, request):
        self.require(Permission.CADRE_MANAGE)
        session = services.review_session_create(actor=self.actor, **self.validated(SessionInput))
        return self.session_response(session, status.HTTP_201_CREATED)


class ReviewSessionDetailView(ReviewView):
    @extend_schema(responses=ReviewSessionDetailSerializer)
    def get(self, request, session_id):
        return self.session_response(self.session())


def session_part_view(service, input_class: type[Input], description: str):
    """The endpoint adding one part to a session being prepared: a criterion, an evaluator or a cadre."""

    class SessionPartView(ReviewView):
        @extend_schema(request=input_class, responses={201: ReviewSessionDetailSerializer, 409: CONFLICT},
                       description=description)
        def post(self, request, session_id):
            session = self.session()
            self.require(Permission.CADRE_MANAGE)
            service(actor=self.actor, session=session, **self.validated(input_class))
            return self.session_response(self.session(), status.HTTP_201_CREATED)

    SessionPartView.__name__ = f"{input_class.__name__.removesuffix('Input')}AddView"
    return SessionPartView


CriterionAddView = session_part_view(services.review_criterion_add, CriterionInput,
                                     _("Add a criterion to a session being prepared."))
EvaluatorAddView = session_part_view(services.review_evaluator_add, EvaluatorInput,
                                     _("Add an evaluator (a user whose role may score reviews)."))
SubjectAddView = session_part_view(services.review_subject_add, SubjectInput,
                                   _("Add a cadre who reports in the session."))


class ReviewSessionStepView(ReviewView):
    step = None

    @extend_schema(request=None, responses={200: ReviewSessionDetailSerializer, 409: CONFLICT})
    def post(self, request, session_id):
        session = self.session()
        self.require(Permission.CADRE_MANAGE)
        return self.session_response(self.step(actor=self.actor, session=session))


class ReviewScoresView(ReviewView):
    @extend_schema(request=ReviewScoresInput, responses={200: ReviewSessionDetailSerializer, 409: CONFLICT},
                   description=_("An evaluator's scores of one report, by criterion id."))
    def post(self, request, session_id, subject_id):
        session = self.session()
        subject = review_subject_get_visible(self.actor, session=session, subject_id=subject_id)
        self.require(Permission.REVIEW_SCORE)
        services.review_scores_record(actor=self.actor, session=session, subject=subject,
                                      **self.validated(ReviewScoresInput))
        return self.session_response(session)


class CadreView(AssessmentView):
    read_permission = Permission.CADRE_VIEW

    def cadre(self):
        return cadre_get_visible(self.actor, cadre_id=self.kwargs["cadre_id"])

    def cadre_response(self, cadre, status_code=status.HTTP_200_OK) -> Response:
        return Response(CadreDetailSerializer(cadre, context={"reviews": cadre_reviews(cadre)}).data,
                        status=status_code)


class CadreListView(CadreView):
    @extend_schema(responses=CadreSerializer(many=True))
    def get(self, request):
        return Response(CadreSerializer(cadres_visible_to(self.actor), many=True).data)

    @extend_schema(request=CadreInput, responses={201: CadreDetailSerializer})
    def post(self, request):
        self.require(Permission.CADRE_MANAGE)
        return self.cadre_response(services.cadre_create(actor=self.actor, **self.validated(CadreInput)),
                                   status.HTTP_201_CREATED)


class CadreDetailView(CadreView):
    @extend_schema(responses=CadreDetailSerializer)
    def get(self, request, cadre_id):
        return self.cadre_response(self.cadre())


class CadreHonourView(CadreView):
    @extend_schema(request=HonourInput, responses={201: CadreDetailSerializer})
    def post(self, request, cadre_id):
        cadre = self.cadre()
        self.require(Permission.CADRE_MANAGE)
        services.cadre_honour_add(actor=self.actor, cadre=cadre, **self.validated(HonourInput))
        return self.cadre_response(self.cadre(), status.HTTP_201_CREATED)


class CadrePromotionView(CadreView):
    @extend_schema(request=PromotionInput, responses={201: CadreDetailSerializer})
    def post(self, request, cadre_id):
        cadre = self.cadre()
        self.require(Permission.CADRE_MANAGE)
        services.cadre_promote(actor=self.actor, cadre=cadre, **self.validated(PromotionInput))
        return self.cadre_response(self.cadre(), status.HTTP_201_CREATED)


class TalentPoolView(CadreView):
    @extend_schema(parameters=[TalentQuery], responses=TalentSerializer(many=True),
                   description=_("Cadres whose review results since a year reached a grade often enough."))
    def get(self, request):
        query = self.validated(TalentQuery, data=request.query_params)
        return Response(TalentSerializer(talent_pool(self.actor, **query), many=True).data)
