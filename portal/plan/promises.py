"""A service's word on the plan's steps that name it: the form to mark one done, started or
stuck. The plan page shows each mark beside its step; the family's words stay the family's."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from plans import promises
from portal.db import attempt, db
from portal.plan.pages import blueprint, book_and_plan
from record_book.book.validation import Invalid
from record_book.policy import NotAllowed


@blueprint.route("/steps/<step_id>/mark", methods=["GET", "POST"])
@login_required
def mark_step(family_id: int, step_id: str):
    family, reader, plan = book_and_plan(family_id)
    if plan is None:
        abort(404)
    step = promises.step_to_mark(db(), reader, plan, step_id)
    if step is None:
        abort(404)
    problems: dict = {}
    if request.method == "POST":
        try:
            with attempt():
                promises.mark(db(), reader, plan, step_id, request.form.get("status", ""),
                              request.form.get("reason", ""))
        except Invalid as invalid:
            problems = invalid.problems
        except NotAllowed:
            abort(404)
        else:
            flash(_("Saved. The family sees what you said beside the step."), "success")
            return redirect(url_for("plans.view", family_id=family.id) + f"#step-{step_id}")
    newest = promises.marks(db(), plan, [step_id]).get(step_id)
    values = request.form if request.method == "POST" else {
        "status": newest.status if newest else "", "reason": newest.reason if newest else ""}
    return render_template("plan/mark_step.html", family=family, reader=reader, step=step,
                           newest=newest, problems=problems, values=values,
                           marks=promises.MARKS,
                           back=url_for("plans.view", family_id=family.id) + f"#step-{step_id}"
                           ), 400 if problems else 200
