import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { MeetingStatus } from '../tables.js';

const kinds: Record<MeetingStatus, 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  new: 'warning',
  in_progress: 'info',
  scheduled: 'success',
  held: 'neutral',
  declined: 'danger',
  cancelled: 'danger',
};

export function StatusBadge({ view, status }: { view: View; status: MeetingStatus }): JSX.Element {
  return (
    <Badge kind={kinds[status]}>
      <span safe>{view.t(`workplace_meeting.status.${status}`)}</span>
    </Badge>
  );
}
