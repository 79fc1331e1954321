// Scratch experiment (evidence, not part of `npm run bench`): what one chatbot
// click's transaction costs SQLite, statement by statement, and how many WAL
// frames (pages) its commit writes. It replays the click's writes (the
// statements the server runs, ids made as the server makes them) on a copy of
// a database that a bot-step run left behind:
//
//   BENCH_KEEP_DATA=1 node bench/run.mjs --only=bot-step     # prints "(kept /tmp/parley-bench-…)"
//   node bench/experiments/wal-frames-per-click.mjs /tmp/parley-bench-…/parley.sqlite [clicks per commit] [skip,…]
//
// `skip` leaves statements out (upd, insM, insE, updS) to see what each adds.
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
const Database = require('better-sqlite3');
const { newId } = await import(new URL('../../packages/server/dist/ids.js', import.meta.url));

const [source, batchArg = '1', skipArg = ''] = process.argv.slice(2);
if (!source) throw new Error('usage: wal-frames-per-click.mjs <parley.sqlite> [clicks per commit] [skip,…]');
const batch = Number(batchArg);
const skip = new Set(skipArg.split(',').filter(Boolean));
const file = join(tmpdir(), `parley-wal-frames-${process.pid}.sqlite`);
copyFileSync(source, file);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('wal_autocheckpoint = 0');

const conversations = db
  .prepare('select c.id, c.workspace_id, c.visitor_id from conversations c join chatbot_sessions s on s.conversation_id = c.id')
  .all();
if (conversations.length === 0) throw new Error('no chatbot conversations in this database');
const session = db.prepare('select * from chatbot_sessions where conversation_id = ?');
const bump = db.prepare(
  `update conversations set last_seq = last_seq + ?, visitor_message_count = visitor_message_count + ?, last_message_seq = last_seq + ?,
     last_message_text = ?, last_message_author_type = ?, last_message_at = ?, activity_at = ?, updated_at = ?,
     chatbot_id = ?, chatbot_status = ?, inbox_visible = ?, stats_dirty = ?
   where workspace_id = ? and id = ? returning last_seq`,
);
const insertMessages = db.prepare(
  `insert into messages (id, workspace_id, conversation_id, seq, client_id, author_type, author_id, author_name, text, meta, created_at)
   values ${Array(3).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
);
const insertEvents = db.prepare(
  `insert into chatbot_events (id, workspace_id, conversation_id, visitor_id, chatbot_id, version_id, language, event, node_id, choice_id, reason, at, dedupe_key)
   values ${Array(3).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict (dedupe_key) do nothing`,
);
const saveSession = db.prepare(
  'update chatbot_sessions set state = ?, status = ?, visitor_state = ?, email_capture = ?, counted = ?, step_count = ?, updated_at = ? where conversation_id = ? and id = ?',
);
const begin = db.prepare('begin');
const commit = db.prepare('commit');
const walBytes = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

const CLICKS = 3000;
const micros = { read: 0, upd: 0, insM: 0, insE: 0, updS: 0, commit: 0 };
let frames = 0;
let commits = 0;
const meta = '{"chatbot":{"id":"x","nodeId":"menu"},"buttons":[{"id":"hours","label":"Roasting days"},{"id":"shipping","label":"Shipping"}]}';
for (let k = 0; k < CLICKS; k += batch) {
  const before = walBytes();
  let t = process.hrtime.bigint();
  const lap = (key) => {
    const now = process.hrtime.bigint();
    micros[key] += Number(now - t) / 1000;
    t = now;
  };
  begin.run();
  for (let b = 0; b < batch; b++) {
    const c = conversations[((k + b) * 7) % conversations.length];
    const now = Date.now();
    const s = session.get(c.id);
    lap('read');
    const seq = skip.has('upd')
      ? 1_000_000 + k + b
      : bump.get(3, 1, 3, 'We roast Monday to Friday.', 'chatbot', now, now, now, s.chatbot_id, 'running', 1, newId(now), c.workspace_id, c.id).last_seq;
    lap('upd');
    if (!skip.has('insM')) {
      const rows = [0, 1, 2].map((m) => [newId(now), c.workspace_id, c.id, seq - 2 + m, m === 0 ? newId(now) : null, m === 0 ? 'visitor' : 'chatbot', 'x', 'Bot', 'We roast Monday to Friday, and ship what we roasted the same day.', meta, now]);
      insertMessages.run(...rows.flat());
    }
    lap('insM');
    if (!skip.has('insE')) {
      const rows = [0, 1, 2].map((e) => [newId(now), c.workspace_id, c.id, c.visitor_id, s.chatbot_id, s.version_id, 'en', e ? 'node_reached' : 'button_chosen', 'menu', e ? null : 'hours', null, now, `${s.id}:${s.step_count + 1}:${e}`]);
      insertEvents.run(...rows.flat());
    }
    lap('insE');
    if (!skip.has('updS')) saveSession.run(s.state, 'running', s.visitor_state, null, 1, s.step_count + 1, now, c.id, s.id);
    lap('updS');
  }
  commit.run();
  lap('commit');
  commits++;
  frames += (walBytes() - before) / (db.pragma('page_size', { simple: true }) + 24);
}
db.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
const perClick = Object.fromEntries(Object.entries(micros).map(([k, v]) => [k, Number((v / CLICKS).toFixed(1))]));
console.log(
  `${CLICKS} clicks, ${batch} per commit${skip.size ? `, without ${[...skip].join(', ')}` : ''}: µs per click ${JSON.stringify(perClick)}, ` +
    `total ${Object.values(perClick).reduce((a, b) => a + b, 0).toFixed(0)} µs; ${(frames / commits).toFixed(1)} WAL frames per commit (${(frames / CLICKS).toFixed(1)} per click)`,
);
