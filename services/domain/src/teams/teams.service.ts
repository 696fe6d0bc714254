import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { teamRestriction } from '../access/scope.service';
import { Team } from './team.entity';

/** Reading the team tree within the caller's scope. */
export class TeamsService {
  constructor(private readonly db: DataSource) {}

  /** The teams the actor may see, parents before children, by name. */
  async list(actor: Actor): Promise<Team[]> {
    const scope = requirePermission(actor, 'teams');
    const teamIds = await teamRestriction(this.db.manager, actor, scope);
    const teams = await this.db.getRepository(Team).find({
      where: teamIds ? { tenantId: actor.tenantId, id: In(teamIds) } : { tenantId: actor.tenantId },
      order: { name: 'ASC' },
    });
    return sortParentsFirst(teams);
  }
}

/** Orders a tree depth-first so every team follows its parent. */
export function sortParentsFirst<T extends { id: string; parentId: string | null }>(teams: T[]): T[] {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string | null, T[]>();
  for (const team of teams) {
    const parent = team.parentId !== null && ids.has(team.parentId) ? team.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), team]);
  }
  const ordered: T[] = [];
  const visit = (parent: string | null) => {
    for (const team of children.get(parent) ?? []) {
      ordered.push(team);
      visit(team.id);
    }
  };
  visit(null);
  return ordered;
}
