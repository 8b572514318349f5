import type { Actor } from '../../lib/context.ts';
import { holdsAnywhere } from '../access/scope.ts';

// Who may do what with the indicator catalogue (danh mục chỉ tiêu):
// - anyone signed in reads it (every party reports against the same indicators);
// - adding, editing, deactivating and deleting indicators needs a leader (or admin) grant on
//   some unit: the catalogue is shared by every agreement, so its definitions are the call of
//   the people who sign programs and approve reports, not of every officer who files one.
//   Admins rank above leaders, so they are included.
// Links to an agreement and its yearly targets are part of planning that agreement: they follow
// the agreement's manageTasks ability (agreements/policy.ts), checked in the service.
export function catalogueAbilities(actor: Actor) {
  const manage = holdsAnywhere(actor, 'leader');
  return { create: manage, update: manage, delete: manage };
}
