"""The passport editor: an approved passport's plan changes only by a committee decision."""

from django.utils.translation import gettext_lazy as _

from portal.slugs import LatinSlugPageForm

PLAN_CHANGE_NEEDS_DECISION = _(
    "A change of an approved passport (dates, indicators, budget) takes effect only by a decision "
    "of the project committee: save it as a draft and put the project on a meeting's agenda."
)


class ProjectPageForm(LatinSlugPageForm):
    """Drafts save freely; publishing (or submitting for moderation) a passport that has a
    committee-approved version is refused when its plan differs from that version's
    (projects.committee.decide publishes it instead)."""

    def is_valid(self):
        # The inline formsets are cleaned only here (ClusterForm.is_valid), after clean().
        valid = super().is_valid()
        if valid and not self.is_deferred_validation and self._changes_approved_plan():
            self.add_error(None, PLAN_CHANGE_NEEDS_DECISION)
            return False
        return valid

    def _changes_approved_plan(self):
        from projects.models import PassportVersion
        from projects.passport_versions import guarded_part, plan_of

        if self.instance.pk is None:
            return False
        version = (
            PassportVersion.objects.filter(project_id=self.instance.pk).order_by("-number").first()
        )
        if version is None:
            return False
        plan = plan_of(
            self.instance,
            control_points=self._rows("control_points"),
            indicators=self._rows("indicators"),
            budget_lines=self._rows("budget_lines"),
        )
        return guarded_part(plan) != guarded_part(version.plan)

    def _rows(self, name):
        """The rows the formset would save (its cleaned forms' instances), deleted ones left out."""
        formset = self.formsets[name]
        rows = []
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            rows.append(form.instance)
        return rows
