import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { assertReachesTeam, teamRestriction } from '../access/scope.service';
import { recordAudit } from '../audit/audit.service';
import { notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { assertVersion } from '../shared/versioning';
import { Team } from './team.entity';
import {
  assertNoCycle,
  assertTeamDeletable,
  assertTreeChangeInReach,
  assertUniqueAmongSiblings,
  teamMoveTarget,
  validTeamName,
} from './team.rules';

export interface NewTeam {
  name: string;
  parentId?: string | null;
}

export interface TeamChanges {
  name?: string | null;
  /** A new parent; see moveToTop for the top level. */
  parentId?: string | null;
  moveToTop?: boolean | null;
}

/** The team tree: reading it within the caller's scope, and changing its shape. */
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

  /** One team the actor may see: NOT_FOUND outside the tenant, FORBIDDEN beyond a team-scoped reach. */
  async get(actor: Actor, id: string): Promise<Team> {
    requirePermission(actor, 'teams');
    const team = isUuid(id) ? await this.db.getRepository(Team).findOneBy({ id, tenantId: actor.tenantId }) : null;
    if (!team) throw notFound('Team');
    await assertReachesTeam(this.db.manager, actor, 'teams', 'VIEW', team.id);
    return team;
  }

  /** Creates a team at the top level or under a parent; a team-scoped editor only under a team they reach. */
  async create(actor: Actor, input: NewTeam): Promise<Team> {
    const scope = requirePermission(actor, 'teams', 'EDIT');
    const name = validTeamName(input.name);
    const parentId = input.parentId ?? null;
    return this.db.transaction(async (tx) => {
      const teams = await lockTeamTree(tx, actor.tenantId);
      if (parentId !== null && !teams.some((t) => t.id === parentId)) throw notFound('Parent team');
      assertTreeChangeInReach(await reachOf(tx, actor, scope), [parentId]);
      assertUniqueAmongSiblings(teams, name, parentId, null);
      const repository = tx.getRepository(Team);
      const team = await repository.save(repository.create({ tenantId: actor.tenantId, name, parentId }));
      await recordAudit(tx, actor, { action: 'team.create', targetType: 'team', targetId: team.id, after: { name, parentId } });
      return team;
    });
  }

  /** Renames a team and/or moves it under another parent or to the top level; CONFLICT on a stale version. */
  async update(actor: Actor, id: string, changes: TeamChanges, version: number): Promise<Team> {
    const scope = requirePermission(actor, 'teams', 'EDIT');
    const newName = changes.name == null ? undefined : validTeamName(changes.name);
    const newParent = teamMoveTarget(changes);
    return this.db.transaction(async (tx) => {
      const teams = await lockTeamTree(tx, actor.tenantId);
      const team = teams.find((t) => t.id === id);
      if (!team) throw notFound('Team');
      if (newParent && !teams.some((t) => t.id === newParent)) throw notFound('Parent team');
      const parentId = newParent === undefined ? team.parentId : newParent;
      const moving = parentId !== team.parentId;
      assertTreeChangeInReach(await reachOf(tx, actor, scope), moving ? [team.id, parentId] : [team.id]);
      assertVersion(team, version, `Team "${team.name}"`);
      const name = newName ?? team.name;
      if (!moving && name === team.name) return team;
      if (moving) assertNoCycle(teams, team.id, parentId);
      assertUniqueAmongSiblings(teams, name, parentId, team.id);
      // update() bumps the version column and updatedAt itself.
      await tx.getRepository(Team).update({ id: team.id }, { name, parentId });
      await recordAudit(tx, actor, {
        action: 'team.update',
        targetType: 'team',
        targetId: team.id,
        before: { name: team.name, parentId: team.parentId },
        after: { name, parentId },
      });
      return tx.getRepository(Team).findOneByOrFail({ id: team.id });
    });
  }

  /** Deletes a team that has no sub-teams and no users; CONFLICT on a stale version. */
  async delete(actor: Actor, id: string, version: number): Promise<boolean> {
    const scope = requirePermission(actor, 'teams', 'EDIT');
    return this.db.transaction(async (tx) => {
      const teams = await lockTeamTree(tx, actor.tenantId);
      const team = teams.find((t) => t.id === id);
      if (!team) throw notFound('Team');
      assertTreeChangeInReach(await reachOf(tx, actor, scope), [team.id]);
      assertVersion(team, version, `Team "${team.name}"`);
      // Membership changes lock the team row, so none can slip in between the count and the delete.
      await tx.query(`SELECT 1 FROM teams WHERE id = $1 FOR UPDATE`, [team.id]);
      const [{ count }]: { count: number }[] = await tx.query(
        `SELECT count(*)::int AS count FROM team_memberships WHERE team_id = $1`,
        [team.id],
      );
      assertTeamDeletable(team.name, teams.filter((t) => t.parentId === team.id).length, count);
      await tx.getRepository(Team).delete({ id: team.id });
      await recordAudit(tx, actor, {
        action: 'team.delete',
        targetType: 'team',
        targetId: team.id,
        before: { name: team.name, parentId: team.parentId },
      });
      return true;
    });
  }
}

/**
 * Serialises changes to one tenant's team tree for the rest of the transaction (sibling names are
 * unique ignoring case, and two concurrent moves must not make a cycle), then reads the whole tree.
 * Anything else that creates, moves or deletes teams must call it too.
 */
export async function lockTeamTree(tx: EntityManager, tenantId: string): Promise<Team[]> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`teams:${tenantId}`]);
  return tx.getRepository(Team).findBy({ tenantId });
}

async function reachOf(tx: EntityManager, actor: Actor, scope: Parameters<typeof teamRestriction>[2]): Promise<Set<string> | null> {
  const teamIds = await teamRestriction(tx, actor, scope);
  return teamIds && new Set(teamIds);
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
