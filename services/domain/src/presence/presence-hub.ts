import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { badInput } from '../errors/app-error';
import type { EventBus } from '../events/event-bus';
import type { PresenceChangedEvent } from '../events/topics';
import { EventStream } from './event-stream';
import { newDescribedRows, type DescribedRows, type PresenceReads, type StatusEventView } from './presence-reads';
import {
  accessMarkSql,
  currentPermissions,
  movedAgents,
  teamPlacements,
  visibilityKey,
  visibleAgents,
  type TeamPlacements,
  type VisibleAgents,
} from './presence-visibility';
import { refetchMessage, replayDecision } from './presence.rules';

/**
 * What a subscription stream yields: the event, wrapped once per audience, so everything downstream
 * (GraphQL execution, serialisation) can be done once per wrapper and shared by the audience's sockets.
 */
export interface PresenceDelivery {
  event: StatusEventView;
  /** Equal for every socket that received this very object. */
  audienceKey: string;
  /**
   * Changes whenever the hub drops the rows it read to describe events (the tenant's access changed,
   * or they grew old): anything a subscription keeps about agents (its field loaders) goes with them.
   */
  readGeneration: number;
}

/**
 * What a subscription stream yields instead of an event when the agents the subscriber may see
 * changed (an agent joined or left one of its teams), or one of them moved between teams: a board,
 * which holds agents no event may ever mention again, or groups them by team, loads again. The
 * stream goes on.
 */
export interface PresenceViewChanged {
  viewChanged: true;
}

const VIEW_CHANGED: PresenceViewChanged = { viewChanged: true };

/** One open agentStatusChanged subscription. */
interface Subscriber {
  actor: Actor;
  teamId: string | null;
  audience: Audience | null;
  stream: EventStream<PresenceDelivery | PresenceViewChanged>;
  /** Set while subscribing and replaying history: live events wait here, then go out after the replayed ones. */
  held: (PresenceDelivery | PresenceViewChanged)[] | null;
  /** The last sequence the client already has (given or replayed): live copies of those events are dropped. */
  replayedThrough: number;
}

/** Subscribers who see exactly the same agents: each event is filtered once for all of them. */
interface Audience {
  key: string;
  visible: VisibleAgents;
  subscribers: Set<Subscriber>;
}

interface TenantState {
  audiences: Map<string, Audience>;
  subscribers: Set<Subscriber>;
  /** The tenant's access mark (accessMarkSql) that visibility was last computed at. */
  accessMark: number;
  checkedAt: number;
  /**
   * Agents, changers and statuses already read for events, kept while the access mark stands: a
   * change of a user or status writes an audit event too, so the same check that recomputes
   * visibility drops them (fields changed without one, such as the last sign-in, are at most
   * DESCRIBED_MAX_AGE_MS old).
   */
  described: DescribedRows;
  describedAt: number;
  /** Counts the times `described` was dropped (PresenceDelivery.readGeneration). */
  readGeneration: number;
  /**
   * Agents that left subscribers' view when visibility was last recomputed, with those subscribers,
   * kept for DESCRIBED_MAX_AGE_MS: the change that took the agent out of their teams (leavesTeams)
   * may come after the recomputation it caused, and still reaches them.
   */
  lostSight: Map<string, { subscribers: Set<Subscriber>; until: number }>;
  /**
   * Each agent's teams as of the last access check that read them (when the mark advanced, at each
   * recheck, and when the first subscriber joins; dropped with the last): an agent moving between
   * teams a viewer sees both of leaves its visible agents as they were, yet its board groups the
   * agent elsewhere.
   */
  placements: TeamPlacements | null;
  pending: PresenceChangedEvent[];
  draining: boolean;
}

/** How often the access marks of tenants with subscribers are read when no event brings them. */
const ACCESS_POLL_MS = 1000;

/** How long agents and statuses read for events are kept while no audit event says they changed. */
const DESCRIBED_MAX_AGE_MS = 60_000;

export interface SubscribeOptions {
  teamId?: string | null;
  afterSequence?: number | null;
}

/**
 * Delivers presence events (from every api process, through Redis) to this process's subscribers,
 * each only the agents it may see. Visibility is computed per audience, not per socket, and is
 * recomputed as soon as the tenant's access may have changed: every change of memberships, roles,
 * teams or users writes an audit event in its transaction, and each event carries the tenant's
 * access mark (its latest audit event) as of the change's recording, so an event with a newer mark
 * than the hub's means "recompute first". The event brings the mark, so delivering takes no query.
 * As a safety net (audit times are transaction start times, so a long transaction can commit "in
 * the past") the mark is also read, and visibility recomputed, every `recheckMs`.
 */
export class PresenceHub {
  private readonly tenants = new Map<string, TenantState>();
  private unsubscribe: (() => Promise<void>) | null = null;
  private rechecks: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly db: DataSource,
    private readonly events: EventBus,
    private readonly reads: PresenceReads,
    private readonly recheckMs = 5000,
  ) {}

  /** Starts listening to presence events; resolves once subscribed in Redis. */
  async start(): Promise<void> {
    // A quiet tenant has no events to check access before: its subscribers' view still follows within a second.
    this.rechecks = setInterval(() => void this.pollQuietTenants(), ACCESS_POLL_MS);
    this.rechecks.unref();
    this.unsubscribe = await this.events.subscribe('presence.changed', (event) => this.enqueue(event));
  }

  /** Stops listening and ends every subscription. */
  async stop(): Promise<void> {
    if (this.rechecks) clearInterval(this.rechecks);
    await this.unsubscribe?.();
    for (const state of this.tenants.values()) for (const subscriber of state.subscribers) void subscriber.stream.return();
  }

  /**
   * Opens a stream of the changes the actor may see ("Monitoring - Agents" View), optionally of one
   * team and its sub-teams. With afterSequence, the changes missed since then are replayed first,
   * unless there are too many (BAD_USER_INPUT telling the client to refetch the board).
   */
  async subscribe(actor: Actor, options: SubscribeOptions = {}): Promise<AsyncIterableIterator<PresenceDelivery | PresenceViewChanged>> {
    const teamId = options.teamId ?? null;
    const state = this.tenant(actor.tenantId);
    if (state.subscribers.size === 0) {
      await this.markAccess(actor.tenantId, state);
      state.placements = await teamPlacements(this.db.manager, actor.tenantId);
    }
    const visible = await visibleAgents(this.db.manager, actor, teamId);
    // Joined, holding live events, before the sequence is read: an event recorded after that read
    // but delivered before joining would otherwise reach neither the replay nor the stream.
    const subscriber: Subscriber = {
      actor,
      teamId,
      audience: null,
      held: [],
      replayedThrough: 0,
      stream: new EventStream(() => this.remove(state, subscriber)),
    };
    state.subscribers.add(subscriber);
    this.join(state, subscriber, visible);
    let current: number;
    let decision: ReturnType<typeof replayDecision>;
    try {
      current = await this.reads.currentSequence(actor.tenantId);
      decision = replayDecision(options.afterSequence, current);
      if (decision.kind === 'refetch') throw badInput('afterSequence', refetchMessage(decision.missed));
    } catch (error) {
      this.remove(state, subscriber);
      throw error;
    }
    // A client claiming a sequence not reached yet has none of the events to come.
    if (decision.kind === 'replay') void this.replay(subscriber, decision.after, visible);
    else this.release(subscriber, Math.min(options.afterSequence ?? 0, current));
    return subscriber.stream;
  }

  /** Number of distinct audiences and subscribers held (for metrics and tests). */
  stats(): { audiences: number; subscribers: number } {
    let audiences = 0;
    let subscribers = 0;
    for (const state of this.tenants.values()) {
      audiences += state.audiences.size;
      subscribers += state.subscribers.size;
    }
    return { audiences, subscribers };
  }

  private async replay(subscriber: Subscriber, after: number, visible: VisibleAgents): Promise<void> {
    try {
      const tenantId = subscriber.actor.tenantId;
      const missed = await this.reads.replay(tenantId, after, visible);
      // Replays are per subscriber: a key of their own, never shared.
      for (const event of await this.reads.describe(tenantId, missed)) {
        const readGeneration = this.tenant(tenantId).readGeneration;
        subscriber.stream.push({ event, audienceKey: `replay:${event.sequence}:${Math.random()}`, readGeneration });
      }
      this.release(subscriber, missed.at(-1)?.sequence ?? after);
    } catch (error) {
      subscriber.stream.fail(error);
    }
  }

  /** Ends holding: live events after `sentThrough` (the last sequence the client has) go out in order. */
  private release(subscriber: Subscriber, sentThrough: number): void {
    subscriber.replayedThrough = sentThrough;
    const held = subscriber.held ?? [];
    subscriber.held = null;
    for (const delivery of held) this.deliver(subscriber, delivery);
  }

  private enqueue(event: PresenceChangedEvent): void {
    const state = this.tenants.get(event.tenantId);
    if (!state || state.subscribers.size === 0) return;
    state.pending.push(event);
    if (!state.draining) void this.drain(event.tenantId, state);
  }

  /** Delivers pending events of one tenant in order, a batch at a time (one access check per batch). */
  private async drain(tenantId: string, state: TenantState): Promise<void> {
    state.draining = true;
    try {
      while (state.pending.length > 0) {
        const batch = state.pending.splice(0);
        const checked = await this.refreshIfAccessChanged(tenantId, state, batch.reduce((mark, event) => Math.max(mark, event.accessMark), 0));
        await this.deliverBatch(tenantId, state, batch);
        // Team moves are looked for once the batch is delivered: it need not wait for that read.
        if (checked) await this.tellOfMoves(tenantId, state, checked.told);
      }
    } catch (error) {
      // A failed read must not stall the tenant: its subscribers are told, and may resubscribe with afterSequence.
      for (const subscriber of state.subscribers) subscriber.stream.fail(error);
    } finally {
      state.draining = false;
    }
  }

  /** Describes a batch of events (once) and delivers each to the audiences that see its agent. */
  private async deliverBatch(tenantId: string, state: TenantState, batch: readonly PresenceChangedEvent[]): Promise<void> {
    // An agent leaving their teams in a change (deactivation) is seen going by those who saw them
    // until then, though the access check (this batch's or an earlier one) may have left them out.
    const lostSight = (event: PresenceChangedEvent) => (event.leavesTeams ? state.lostSight.get(event.userId) : undefined);
    const audiences = [...state.audiences.values()];
    const wanted = batch.filter((event) => audiences.some((a) => sees(a, event.userId)) || lostSight(event) !== undefined);
    if (wanted.length === 0) return;
    const views = await this.reads.describe(tenantId, wanted, state.described);
    // The audiences as they are now: a subscriber may have joined while the events were described.
    for (const [index, view] of views.entries()) {
      this.deliverTo(state.audiences.values(), view, state);
      const lost = lostSight(wanted[index]);
      if (!lost) continue;
      // Those whose audience sees the agent still have it already.
      const farewell: PresenceDelivery = { event: view, audienceKey: `left:${view.sequence}`, readGeneration: state.readGeneration };
      for (const subscriber of lost.subscribers) {
        if (state.subscribers.has(subscriber) && !sees(subscriber.audience!, view.user.id)) this.deliver(subscriber, farewell);
      }
      state.lostSight.delete(view.user.id);
    }
  }

  /** Delivers an event to the audiences that see its agent, one shared delivery each. */
  private deliverTo(audiences: Iterable<Audience>, view: StatusEventView, state: TenantState): void {
    for (const audience of audiences) {
      if (!sees(audience, view.user.id)) continue;
      const delivery: PresenceDelivery = { event: view, audienceKey: audience.key, readGeneration: state.readGeneration };
      for (const subscriber of audience.subscribers) this.deliver(subscriber, delivery);
    }
  }

  /**
   * Reads the access marks of the tenants with subscribers and no events being drained, in one
   * statement, and checks access in those whose mark moved (or whose last check is recheckMs old).
   */
  private async pollQuietTenants(): Promise<void> {
    if (this.polling) return;
    const quiet = [...this.tenants].filter(([, state]) => !state.draining && state.subscribers.size > 0).map(([tenantId]) => tenantId);
    if (quiet.length === 0) return;
    this.polling = true;
    try {
      const marks: { tenantId: string; mark: number }[] = await this.db.query(
        `SELECT t AS "tenantId", ${accessMarkSql('t')} AS mark FROM unnest($1::uuid[]) t`,
        [quiet],
      );
      for (const { tenantId, mark } of marks) {
        const state = this.tenants.get(tenantId)!;
        if (!state.draining && (mark > state.accessMark || Date.now() - state.checkedAt > this.recheckMs)) void this.recheckQuiet(tenantId, state, mark);
      }
    } catch {
      // Nothing is lost: the next poll, or the next event's drain, checks again.
    } finally {
      this.polling = false;
    }
  }

  /** The access check of a tenant no event is being drained for; events arriving meanwhile are drained after it. */
  private async recheckQuiet(tenantId: string, state: TenantState, mark: number): Promise<void> {
    state.draining = true;
    try {
      const checked = await this.refreshIfAccessChanged(tenantId, state, mark);
      if (checked) await this.tellOfMoves(tenantId, state, checked.told);
    } catch {
      // As above: the next poll or event checks again (an event's drain tells the subscribers if it fails).
    } finally {
      state.draining = false;
    }
    if (state.pending.length > 0) void this.drain(tenantId, state);
  }

  private deliver(subscriber: Subscriber, delivery: PresenceDelivery | PresenceViewChanged): void {
    if (subscriber.held) {
      subscriber.held.push(delivery);
      return;
    }
    // Replayed and live events overlap around the moment of subscribing: each sequence goes out once.
    if ('event' in delivery && delivery.event.sequence <= subscriber.replayedThrough) return;
    subscriber.stream.push(delivery);
  }

  /**
   * Recomputes visibility when `seenMark` (the newest mark among the events to deliver) is newer, or
   * every `recheckMs`. When it did, returns the subscribers it told to load their board again: the
   * caller then looks for team moves (tellOfMoves), since a move leaves visibility as it was, and
   * at each recheck too, since a move whose transaction began before the last mark leaves the mark as it was.
   */
  private async refreshIfAccessChanged(tenantId: string, state: TenantState, seenMark: number): Promise<{ told: ReadonlySet<Subscriber> } | null> {
    const markBefore = state.accessMark;
    const rechecking = Date.now() - state.checkedAt > this.recheckMs;
    if (rechecking) await this.markAccess(tenantId, state);
    else if (seenMark > state.accessMark) state.accessMark = seenMark;
    else return null;
    const accessChanged = state.accessMark !== markBefore;
    if (accessChanged || Date.now() - state.describedAt > DESCRIBED_MAX_AGE_MS) {
      state.described = newDescribedRows();
      state.describedAt = Date.now();
      state.readGeneration++;
    }
    for (const [agentId, lost] of state.lostSight) if (lost.until < Date.now()) state.lostSight.delete(agentId);
    // Every socket of one person (or credential) on one team sees the same: compute once per identity.
    const byIdentity = new Map<string, Subscriber[]>();
    for (const subscriber of state.subscribers) {
      const identity = `${subscriber.actor.userId ?? subscriber.actor.credentialId}|${subscriber.teamId ?? ''}`;
      const group = byIdentity.get(identity);
      if (group) group.push(subscriber);
      else byIdentity.set(identity, [subscriber]);
    }
    const told = new Set<Subscriber>();
    for (const subscribers of byIdentity.values()) {
      const { actor, teamId } = subscribers[0];
      try {
        const permissions = await currentPermissions(this.db.manager, actor);
        if (!permissions) throw badInput('authorization', 'Your access ended; sign in again');
        const visible = await visibleAgents(this.db.manager, { ...actor, permissions }, teamId);
        for (const subscriber of subscribers) {
          subscriber.actor = { ...actor, permissions };
          const before = subscriber.audience;
          this.join(state, subscriber, visible);
          if (!before || before.key === subscriber.audience!.key) continue;
          if (before.visible) this.rememberLostSight(state, subscriber, before.visible, visible);
          this.deliver(subscriber, VIEW_CHANGED);
          told.add(subscriber);
        }
      } catch (error) {
        for (const subscriber of subscribers) subscriber.stream.fail(error);
      }
    }
    return { told };
  }

  /** Tells the audiences that see an agent moved since the last placements read (none at the first) to load the board again. */
  private async tellOfMoves(tenantId: string, state: TenantState, told: ReadonlySet<Subscriber>): Promise<void> {
    let placements: TeamPlacements;
    try {
      placements = await teamPlacements(this.db.manager, tenantId);
    } catch {
      // The snapshot stays as it was, so the next check still finds these moves.
      return;
    }
    const moved = state.placements ? movedAgents(state.placements, placements) : new Set<string>();
    state.placements = placements;
    if (moved.size === 0) return;
    for (const audience of state.audiences.values()) {
      if (![...moved].some((agentId) => sees(audience, agentId))) continue;
      for (const subscriber of audience.subscribers) if (!told.has(subscriber)) this.deliver(subscriber, VIEW_CHANGED);
    }
  }

  /** Notes the agents a subscriber saw and sees no more, for a while: their leaving change still reaches it. */
  private rememberLostSight(state: TenantState, subscriber: Subscriber, saw: ReadonlySet<string>, seesNow: VisibleAgents): void {
    if (seesNow === null) return;
    for (const agentId of saw) {
      if (seesNow.has(agentId)) continue;
      const lost = state.lostSight.get(agentId) ?? { subscribers: new Set<Subscriber>(), until: 0 };
      lost.subscribers.add(subscriber);
      lost.until = Date.now() + DESCRIBED_MAX_AGE_MS;
      state.lostSight.set(agentId, lost);
    }
  }

  private async markAccess(tenantId: string, state: TenantState): Promise<void> {
    const [row]: { mark: number }[] = await this.db.query(`SELECT ${accessMarkSql('$1')} AS mark`, [tenantId]);
    state.accessMark = row.mark;
    state.checkedAt = Date.now();
  }

  /** Moves a subscriber into the audience of its (new) visible set. */
  private join(state: TenantState, subscriber: Subscriber, visible: VisibleAgents): void {
    const key = visibilityKey(subscriber.actor.tenantId, visible);
    if (subscriber.audience?.key === key) return;
    this.leave(state, subscriber);
    let audience = state.audiences.get(key);
    if (!audience) {
      audience = { key, visible, subscribers: new Set() };
      state.audiences.set(key, audience);
    }
    audience.subscribers.add(subscriber);
    subscriber.audience = audience;
  }

  private leave(state: TenantState, subscriber: Subscriber): void {
    const audience = subscriber.audience;
    if (!audience) return;
    audience.subscribers.delete(subscriber);
    if (audience.subscribers.size === 0) state.audiences.delete(audience.key);
    subscriber.audience = null;
  }

  private remove(state: TenantState, subscriber: Subscriber): void {
    this.leave(state, subscriber);
    state.subscribers.delete(subscriber);
    // Read again when the next subscriber comes: meanwhile nobody needs them kept.
    if (state.subscribers.size === 0) state.placements = null;
  }

  private tenant(tenantId: string): TenantState {
    let state = this.tenants.get(tenantId);
    if (!state) {
      state = { audiences: new Map(), subscribers: new Set(), accessMark: 0, checkedAt: 0, described: newDescribedRows(), describedAt: Date.now(), readGeneration: 0, lostSight: new Map(), placements: null, pending: [], draining: false };
      this.tenants.set(tenantId, state);
    }
    return state;
  }
}

function sees(audience: Pick<Audience, 'visible'>, userId: string): boolean {
  return audience.visible === null || audience.visible.has(userId);
}
