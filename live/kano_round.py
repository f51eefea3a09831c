"""The Kano round of a live session: the facilitator picks some of the workshop's Kano
factors, every participant answers the functional and the dysfunctional question of each,
and the room's categories show on the projector. The questions, the five answers and the
analysis are the Kano app's own (kano.questions, kano.analysis); the answers are kept here,
per activity, and can be saved as a closed Kano survey round.

Registered through live.hooks by live.apps when the Kano app is installed.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from kano import questions
from kano.analysis import CATEGORIES, AnswerPair, analyze
from kano.models import Answer, Category, Respondent, RespondentSource, Survey, SurveyStatus
from workshops.language import method_language

from . import hooks, method, services
from .forms import KanoAnswerForm
from .models import Activity, ActivityKind, KanoAnswer

PARTICIPANT_TEMPLATE = "live/_kano_participant.html"
PRESENTER_TEMPLATE = "live/_kano_presenter.html"
RESULTS_TEMPLATE = "live/_kano_results.html"


def factors(activity) -> list:
    return list(activity.kano_factors.order_by("position", "created_at"))


def question_texts(factor, language: str) -> tuple[str, str]:
    """The factor's own questions; the method's default ones where a question is empty."""
    default_functional, default_dysfunctional = questions.default_questions(factor.name, language)
    return (
        factor.functional_question or default_functional,
        factor.dysfunctional_question or default_dysfunctional,
    )


def room_results(activity) -> list[dict]:
    """Per chosen factor: n, the count of each category (A, O, M, I, R, Q) and the mode
    category, by kano.analysis. Plain values only: the presenter's stamp hashes them."""
    chosen = factors(activity)
    pairs = [
        AnswerPair(
            respondent=str(row["participant"]),
            factor=str(row["factor"]),
            functional=row["functional"],
            dysfunctional=row["dysfunctional"],
        )
        for row in KanoAnswer.objects.filter(activity=activity)
        .values("participant", "factor", "functional", "dysfunctional")
        .order_by("pk")
    ]
    by_factor = {result.factor: result for result in analyze(pairs)}
    names = dict(Category.choices)
    rows = []
    for factor in chosen:
        result = by_factor.get(str(factor.pk))
        counts = result.counts if result else dict.fromkeys(CATEGORIES, 0)
        rows.append(
            {
                "factor_id": str(factor.pk),
                "name": factor.name,
                "n": result.n if result else 0,
                "counts": [(c, counts[c]) for c in CATEGORIES],
                "category": result.category if result else "",
                "category_name": str(names[result.category]) if result else "",
            }
        )
    return rows


def category_headers() -> list[tuple[str, str]]:
    names = dict(Category.choices)
    return [(c, str(names[c])) for c in CATEGORIES]


def context(activity, participant) -> dict:
    if participant is None:
        return {
            "kano_rows": room_results(activity),
            "kano_categories": category_headers(),
            "kano_survey_id": str(activity.kano_survey_id or ""),
        }
    language = method_language(activity.session.workshop)
    mine = {
        row.factor_id: row
        for row in KanoAnswer.objects.filter(activity=activity, participant=participant)
    }
    rows = []
    for factor in factors(activity):
        functional, dysfunctional = question_texts(factor, language)
        answer = mine.get(factor.pk)
        rows.append(
            {
                "factor": factor,
                "functional_question": functional,
                "dysfunctional_question": dysfunctional,
                "functional": answer.functional if answer else None,
                "dysfunctional": answer.dysfunctional if answer else None,
            }
        )
    return {
        "kano_rows": rows,
        "kano_answers": questions.answer_choices(language),
        "kano_answered": len(mine),
    }


def submit(request, participant, activity):
    from .participant_views import BUSY, _busy_message, _done

    form = KanoAnswerForm(activity, request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _done(request, participant, "status", {"error": error}, 422)
    data = form.cleaned_data

    def apply():
        # The participant's lock is held: nobody else writes this row meanwhile.
        mine = KanoAnswer.objects.filter(
            activity=activity, participant=participant, factor=data["factor"]
        )
        values = {"functional": data["functional"], "dysfunctional": data["dysfunctional"]}
        if not mine.update(**values, updated_at=timezone.now()):
            KanoAnswer.objects.create(
                activity=activity, participant=participant, factor=data["factor"], **values
            )
        return services.SAVED

    outcome = services.run_extra_submit(
        participant=participant,
        activity=activity,
        submission_id=data["submission_id"],
        apply=apply,
        reapply=True,
    )
    if outcome == services.RATE_LIMITED:
        return _done(request, participant, "status", {"error": _busy_message()}, BUSY)
    return _done(request, participant, "status", {"outcome": outcome})


@transaction.atomic
def save_as_survey(activity) -> Survey | None:
    """The round's answers as a closed Kano survey round of the workshop: one respondent per
    participant who answered. Saving again returns the round made the first time; None when
    nobody answered."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.kano_survey_id:
        survey = Survey.objects.filter(pk=activity.kano_survey_id).first()
        if survey is not None:
            return survey
    answers = list(
        KanoAnswer.objects.filter(activity=activity)
        .select_related("participant")
        .order_by("participant__joined_at", "pk")
    )
    if not answers:
        return None
    session = activity.session
    workshop = session.workshop
    day = timezone.localdate(session.started_at)
    survey = Survey.objects.create(
        workshop=workshop,
        name=method.kano_survey_name(method_language(workshop), day),
        date=day,
        status=SurveyStatus.CLOSED,
    )
    respondents = {}
    for answer in answers:
        if answer.participant_id not in respondents:
            respondents[answer.participant_id] = Respondent(
                id=uuid.uuid4(),
                survey=survey,
                key=f"live-{answer.participant_id}",
                created=answer.participant.joined_at,
                # Kano's choices have no "live"; a live answer is given on a web page.
                source=RespondentSource.WEB,
            )
    Respondent.objects.bulk_create(respondents.values())
    Answer.objects.bulk_create(
        Answer(
            respondent=respondents[a.participant_id],
            factor_id=a.factor_id,
            functional=a.functional,
            dysfunctional=a.dysfunctional,
        )
        for a in answers
    )
    activity.kano_survey = survey
    activity.save(update_fields=["kano_survey"])
    return survey


def register():
    hooks.register_activity_handler(
        hooks.ActivityHandler(
            kind=ActivityKind.KANO,
            participant_template=PARTICIPANT_TEMPLATE,
            presenter_template=PRESENTER_TEMPLATE,
            results_template=RESULTS_TEMPLATE,
            context=context,
            submit=submit,
        )
    )
