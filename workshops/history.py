"""The change history: every saved field change is kept and can be restored."""

from .models import Change


def record_change(*, workshop_id, stage_id, target, field, old, new, by):
    return Change.objects.create(
        workshop_id=workshop_id,
        stage_id=stage_id,
        target_type=target._meta.model_name,
        target_id=target.pk,
        target_label=str(target)[:200],
        field=field,
        old_value=old,
        new_value=new,
        user=by if by and by.is_authenticated else None,
    )
