import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { EventBus } from '../events/parley-event.js';
import type { Database } from '../storage/schema.js';
import { setVisitorsOnlineUntil } from '../storage/repositories/visitor-repository.js';

/** A node's presence rows are trusted for this long after its last heartbeat. */
export const PRESENCE_TTL_MS = 60_000;
export const HEARTBEAT_MS = 20_000;
/** A visitor counts as online this long after its socket's last heartbeat. */
export const VISITOR_ONLINE_TTL_MS = 75_000;

/**
 * Who is online. Each node counts its own sockets and writes one row per
 * online agent to the database, refreshed by a heartbeat; rows of a node that
 * died expire. Works the same with one node on SQLite and many on PostgreSQL.
 */
export class PresenceService {
  readonly #agentSockets = new Map<string, { workspaceId: string; count: number }>();
  readonly #visitorSockets = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    readonly nodeId: string,
  ) {}

  /** Returns true when the agent just came online here and the news was published to every socket. */
  async agentConnected(workspaceId: string, agentId: string): Promise<boolean> {
    const entry = this.#agentSockets.get(agentId) ?? { workspaceId, count: 0 };
    entry.count += 1;
    this.#agentSockets.set(agentId, entry);
    if (entry.count !== 1) return false;
    await this.#writeAgentRow(workspaceId, agentId, 1);
    await this.#publish(workspaceId);
    return true;
  }

  async agentDisconnected(workspaceId: string, agentId: string): Promise<void> {
    const entry = this.#agentSockets.get(agentId);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count > 0) return;
    this.#agentSockets.delete(agentId);
    await this.db.deleteFrom('agent_presence').where('agent_id', '=', agentId).where('node_id', '=', this.nodeId).execute();
    await this.#publish(workspaceId);
  }

  /** Returns true when this is the visitor's first socket on this node (they just came online). */
  async visitorConnected(visitorId: string): Promise<boolean> {
    const count = (this.#visitorSockets.get(visitorId) ?? 0) + 1;
    this.#visitorSockets.set(visitorId, count);
    const now = this.clock.now();
    await setVisitorsOnlineUntil(this.db, [visitorId], now + VISITOR_ONLINE_TTL_MS, now);
    return count === 1;
  }

  /** Returns true when the visitor's last socket on this node closed (they went offline). */
  async visitorDisconnected(visitorId: string): Promise<boolean> {
    const count = (this.#visitorSockets.get(visitorId) ?? 1) - 1;
    if (count > 0) {
      this.#visitorSockets.set(visitorId, count);
      return false;
    }
    this.#visitorSockets.delete(visitorId);
    const now = this.clock.now();
    await setVisitorsOnlineUntil(this.db, [visitorId], now, now);
    return true;
  }

  async #writeAgentRow(workspaceId: string, agentId: string, connections: number): Promise<void> {
    const now = this.clock.now();
    await this.db
      .insertInto('agent_presence')
      .values({ agent_id: agentId, workspace_id: workspaceId, node_id: this.nodeId, connections, heartbeat_at: now })
      .onConflict((oc) => oc.columns(['agent_id', 'node_id']).doUpdateSet({ connections, heartbeat_at: now }))
      .execute();
  }

  /** Ids of the workspace's agents online on any node. */
  async onlineAgentIds(workspaceId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('agent_presence')
      .select('agent_id')
      .distinct()
      .where('workspace_id', '=', workspaceId)
      .where('heartbeat_at', '>', this.clock.now() - PRESENCE_TTL_MS)
      .execute();
    return rows.map((r) => r.agent_id);
  }

  async #publish(workspaceId: string): Promise<void> {
    const online = new Set(await this.onlineAgentIds(workspaceId));
    const agents = await this.db.selectFrom('agents').select('id').where('workspace_id', '=', workspaceId).execute();
    await this.bus.publish({
      kind: 'presence.changed',
      workspaceId,
      agents: agents.map((a) => ({ id: a.id, online: online.has(a.id) })),
    });
  }

  /** Refreshes this node's rows; run every HEARTBEAT_MS. */
  async heartbeat(): Promise<void> {
    const now = this.clock.now();
    const agentIds = [...this.#agentSockets.keys()];
    if (agentIds.length > 0) {
      await this.db.updateTable('agent_presence').set({ heartbeat_at: now }).where('node_id', '=', this.nodeId).where('agent_id', 'in', agentIds).execute();
    }
    const visitorIds = [...this.#visitorSockets.keys()];
    for (let i = 0; i < visitorIds.length; i += 500) {
      await setVisitorsOnlineUntil(this.db, visitorIds.slice(i, i + 500), now + VISITOR_ONLINE_TTL_MS, now);
    }
    // Forget rows of nodes that stopped without saying so.
    await this.db.deleteFrom('agent_presence').where('heartbeat_at', '<', now - PRESENCE_TTL_MS).execute();
  }

  /** On shutdown: this node's agents are no longer online here. */
  async shutdown(): Promise<void> {
    const workspaces = new Set([...this.#agentSockets.values()].map((e) => e.workspaceId));
    this.#agentSockets.clear();
    await this.db.deleteFrom('agent_presence').where('node_id', '=', this.nodeId).execute();
    for (const workspaceId of workspaces) await this.#publish(workspaceId).catch(() => undefined);
  }
}
