import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { MeetingStatus } from '../tables.js';
import { meetingStatusLabel } from '../labels.js';

/** The badge colour of each status, shared by the badges and the queue's count cards. */
export const statusKinds: Record<MeetingStatus, 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  new: 'warning',
  in_progress: 'info',
  scheduled: 'success',
  held: 'neutral',
  declined: 'danger',
  cancelled: 'danger',
};

export function StatusBadge({ view, status }: { view: View; status: MeetingStatus }): JSX.Element {
  return (
    <Badge kind={statusKinds[status]}>
      <span safe>{view.t(meetingStatusLabel[status])}</span>
    </Badge>
  );
}
