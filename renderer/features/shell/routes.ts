// The app's top-level pages and which roles see them. The sidebar hides what a role cannot use;
// main refuses the calls anyway (FORBIDDEN), so hiding is a courtesy, not the guard.
import {
  FileOutput,
  NotebookText,
  ScrollText,
  Settings,
  UserCog,
  Users,
  type LucideIcon,
} from 'lucide-react';
import type { Role } from '../../../preload/contract.ts';

export type RouteId = 'clients' | 'notes' | 'releases' | 'audit' | 'staff' | 'settings';

export interface RouteDef {
  id: RouteId;
  label: string;
  icon: LucideIcon;
  roles: readonly Role[];
}

const EVERYONE: readonly Role[] = ['owner', 'clinician', 'front_desk'];

export const ROUTES: readonly RouteDef[] = [
  { id: 'clients', label: 'Clients', icon: Users, roles: EVERYONE },
  { id: 'notes', label: 'Notes', icon: NotebookText, roles: ['owner', 'clinician'] },
  { id: 'releases', label: 'Releases', icon: FileOutput, roles: EVERYONE },
  { id: 'audit', label: 'Audit', icon: ScrollText, roles: ['owner'] },
  { id: 'staff', label: 'Staff', icon: UserCog, roles: ['owner'] },
  { id: 'settings', label: 'Settings', icon: Settings, roles: EVERYONE },
];

/** The page for a hash path; its first segment names the page (clients/<id>/intake is Clients). */
export const findRoute = (path: string): RouteDef | undefined => {
  const page = path.split('/')[0];
  return ROUTES.find((r) => r.id === page);
};

export const routesFor = (role: Role): RouteDef[] => ROUTES.filter((r) => r.roles.includes(role));
