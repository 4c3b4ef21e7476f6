import type { SeedChannel, SeedMessage, SeedPerson, Workspace } from './workspace';
import { seededRandom } from '../lib/seeded-random';

/**
 * Deterministic demo workspace: a small engineering org's Slack over twelve weeks. Runs in Node (npm run seed)
 * and in the demo page (?size=N), so it uses no Node or DOM APIs.
 */

type Label = SeedMessage['label'];

export interface GenerateOptions {
  /** Approximate number of messages; the default gives the committed seeds/workspace.json. */
  messageCount?: number;
  seed?: number;
}

export const TEAM = { id: 'T0ASPEN01', name: 'Northwind', domain: 'northwind' } as const;
export const SELF_ID = 'U0MGR0001';
const END = Date.UTC(2026, 10, 20, 18, 0, 0);
const WEEKS = 12;

const PEOPLE: SeedPerson[] = [
  { id: 'U0MGR0001', name: 'Morgan Lee', title: 'Engineering Manager', track: 'manager', level: 2, reportsTo: 'U0DIR0010' },
  { id: 'U0ENG0002', name: 'Priya Raman', title: 'Senior Software Engineer', track: 'ic', level: 4, reportsTo: SELF_ID },
  { id: 'U0ENG0003', name: 'Diego Alvarez', title: 'Software Engineer', track: 'ic', level: 3, reportsTo: SELF_ID },
  { id: 'U0ENG0004', name: 'Hannah Okafor', title: 'Staff Engineer', track: 'ic', level: 5, reportsTo: SELF_ID },
  { id: 'U0ENG0005', name: 'Sam Whitfield', title: 'Software Engineer', track: 'ic', level: 2, reportsTo: SELF_ID },
  { id: 'U0ENG0009', name: 'Jordan Blake', title: 'Associate Software Engineer', track: 'ic', level: 1, reportsTo: SELF_ID },
  { id: 'U0DES0006', name: 'Aiko Tanaka', title: 'Product Designer', track: 'ic', level: 3, reportsTo: 'U0DIR0010' },
  { id: 'U0PM00007', name: 'Rafael Costa', title: 'Product Manager', track: 'ic', level: 4, reportsTo: 'U0DIR0010' },
  { id: 'U0MGR0008', name: 'Lena Novak', title: 'Engineering Manager', track: 'manager', level: 2, reportsTo: 'U0DIR0010' },
  { id: 'U0DIR0010', name: 'Grace Whitman', title: 'Director of Engineering', track: 'manager', level: 4, reportsTo: null },
];
/**
 * Someone who quietly unblocks others: answers asks for help in threads, rarely recognised for it. Added after
 * the main generation (own random stream, own channel membership), so the rest of the workspace is unchanged.
 */
const QUIET_HELPER: SeedPerson = { id: 'U0ENG0011', name: 'Tomás Reyes', title: 'Software Engineer', track: 'ic', level: 3, reportsTo: SELF_ID };
const QUIET_CHANNELS = ['C0PLATFRM1', 'C0DESIGN02'];
/** [the ask, the helper's answer in its thread] */
const QUIET_ANSWERS: Array<[string, string]> = [
  ['Blocked on a permissions error when deploying to staging, anyone seen this?', 'Had the same thing last week: your deploy role is missing the staging group. Added you, try again.'],
  ['The integration tests keep timing out in CI on my branch. Any ideas?', 'That is the CI cache. I pushed a fix to main, rebase and it should go green.'],
  ['Does anyone know where the runbook for the search cluster lives now?', 'It moved to the wiki; I linked the page in the ticket. The steps match what you need.'],
  ['The analytics export is returning empty rows since this morning, can someone help?', 'Looked into it: the export job reads the old replica. I switched it over, rows are back.'],
  ['My local dev database refuses connections after pulling main. Stuck.', 'Your local database needs the new migration. Run the reset script, it takes a minute.'],
  ['Could someone sanity-check my approach to the retry queue before I write the tests?', 'Happy to. The approach is sound; I left two comments on the doc about the backoff cap.'],
  ['Merge conflict in the generated client that I cannot make sense of, help?', 'The generated client is stale. Regenerate it from the schema and the conflict goes away.'],
  ['Which dashboard tracks queue latency? I need it for the design review.', 'It is the second panel on the queues dashboard. I gave you edit access.'],
  ['Who owns the payments sandbox? I need an account for the demo.', 'It belongs to payments infra; I asked them and they added you.'],
  ['The worker pods keep growing in memory overnight, any pointers?', 'That is the unclosed stream in the worker. Fix is up for review, two lines.'],
  ['How do I get read access to the prod replicas?', 'Read access goes through the access portal; I approved your request.'],
  ['The test tenant rejects half my requests today, is something broken?', 'That is the new rate limit on the test tenant. I bumped it for CI.'],
];
const QUIET_THANKS = 'Thanks <@U0ENG0011> for sorting out the staging permissions so fast.';

const ids = (...names: string[]) => names.map((n) => PEOPLE.find((p) => p.name.startsWith(n))!.id);
const EVERYONE = PEOPLE.map((p) => p.id);

const CHANNELS: SeedChannel[] = [
  { id: 'C0PLATFRM1', name: 'eng-platform', type: 'channel', members: ids('Morgan', 'Priya', 'Diego', 'Hannah', 'Sam', 'Jordan', 'Lena', 'Rafael') },
  { id: 'C0DESIGN02', name: 'design-review', type: 'channel', members: ids('Morgan', 'Aiko', 'Rafael', 'Priya', 'Diego', 'Jordan') },
  { id: 'C0LAUNCH03', name: 'launch-q4', type: 'private_channel', members: ids('Morgan', 'Rafael', 'Aiko', 'Hannah', 'Priya', 'Grace', 'Sam') },
  { id: 'C0RANDOM04', name: 'random', type: 'channel', members: EVERYONE },
  { id: 'D0MGRPRI05', name: 'Priya Raman', type: 'im', members: ids('Morgan', 'Priya') },
  { id: 'D0MGRDIE06', name: 'Diego Alvarez', type: 'im', members: ids('Morgan', 'Diego') },
  { id: 'D0MGRJOR07', name: 'Jordan Blake', type: 'im', members: ids('Morgan', 'Jordan') },
  { id: 'G0LEADS008', name: 'Hannah Okafor, Lena Novak', type: 'mpdm', members: ids('Morgan', 'Hannah', 'Lena') },
];
/**
 * Older history, before the twelve weeks, in the two busiest channels: so that catching up twelve weeks stops
 * at its date there, not at the start of the conversation. Drawn from a random stream of its own, so the
 * twelve weeks stay as they were.
 */
const OLDER_HISTORY = { channels: ['C0PLATFRM1', 'C0LAUNCH03'], weeks: 2, messagesPerChannel: 30 } as const;
/** Share of root messages per channel. */
const CHANNEL_WEIGHTS = [30, 14, 18, 12, 8, 7, 5, 6];

const WORK: Record<string, string[]> = {
  C0PLATFRM1: ['the connection-pool rewrite', 'the Postgres 16 upgrade', 'the flaky integration suite', 'the deploy pipeline migration', 'the rate limiter', 'the billing webhook retries', 'the on-call runbook', 'the cache invalidation fix', 'the accounts schema migration', 'the gRPC gateway', 'the queue backlog alerts', 'the feature-flag cleanup'],
  C0DESIGN02: ['the onboarding flow mocks', 'the empty-state illustrations', 'the settings page redesign', 'the colour contrast audit', 'the mobile nav prototype', 'the pricing page copy', 'the design tokens PR', 'the invite modal'],
  C0LAUNCH03: ['the launch checklist', 'the beta feedback summary', 'the press FAQ', 'the staged rollout plan', 'the pricing experiment', 'the support macros', 'the status page copy', 'the partner demo'],
  C0RANDOM04: ['the hack week project', 'the team offsite agenda', 'the book club pick', 'the new hire buddy list'],
};
WORK.D0MGRPRI05 = [...WORK.C0PLATFRM1.slice(0, 6), 'your promotion packet', 'the tech talk'];
WORK.D0MGRDIE06 = [...WORK.C0PLATFRM1.slice(4, 10), 'the design doc', 'your growth plan'];
WORK.D0MGRJOR07 = ['your first on-call shift', 'the starter bug', 'the flaky integration suite', 'the onboarding docs', 'your first design doc'];
WORK.G0LEADS008 = ['the Q1 headcount plan', 'the calibration prep', 'the on-call rotation', 'the interview loop', 'the promo committee notes'];

const POOLS: Record<string, string[]> = {
  doneThing: ['untangling the retry logic in {item}', 'writing such a clear design doc for {item}', 'landing {item} two days early', 'staying calm through last night\'s incident and keeping everyone informed', 'cutting the p95 latency of {item} by almost half', 'picking up {item} when we were short-handed', 'turning the feedback on {item} around in a single afternoon', 'documenting every edge case in {item}', 'running the retro so well', 'spotting the data-loss bug in {item} before it shipped'],
  impact: ['Support tickets dropped noticeably this week.', 'It unblocked three teams.', 'Customers are already noticing.', 'That saved us a full sprint.', 'The on-call load is way down because of it.', 'Leadership called it out in the all-hands.', 'We would have missed the date without it.', 'The whole team learned something from it.'],
  quality: ['with real care', 'faster than anyone expected', 'without a single rollback', 'with tests for every path', 'and made it look easy'],
  issue: ['the error paths are not tested', 'the migration is not reversible', 'the naming doesn\'t match the rest of the module', 'it changes behaviour for existing customers without a flag', 'the copy doesn\'t match the spec we agreed on', 'there is no rollback plan', 'it mixes a refactor with the actual fix', 'the estimate slipped twice without anyone hearing about it', 'the alert fires on every deploy, so people have started ignoring it'],
  fix: ['add a feature flag', 'split it into two smaller PRs', 'write down the rollback steps', 'add tests for the timeout case', 'walk through it with design first', 'get a second reviewer from the data team', 'post a short status update when the date moves'],
  situation: ['estimating bigger projects', 'running incident calls', 'writing design docs', 'leaving code review comments', 'presenting to leadership', 'pushing back on scope creep', 'onboarding a new teammate', 'planning a migration'],
  advice: ['break the work into pieces no bigger than two days and estimate those', 'open with the decision you need, then give the context', 'write the summary first and the details after', 'ask one clarifying question before proposing a fix', 'timebox the discussion and name an owner for every follow-up', 'explain the why behind each suggestion, not just the what', 'say out loud what you are not going to do this quarter', 'keep a running decision log so nobody has to re-litigate'],
  growth: ['you are ready to run the design review for {item} yourself', 'the next step for you is owning the roadmap for {item}, not just the code', 'try to delegate more of {item} so you have time for the architecture work', 'your written updates are great; the next lever is speaking up earlier in planning'],
  problem: ['a permissions error when deploying to staging', 'the integration tests timing out in CI', 'a merge conflict in the generated client', 'the local dev database refusing connections', 'a memory leak in the worker pods', 'the analytics export returning empty rows'],
  question: ['who owns the payments sandbox', 'where the runbook for the search cluster lives', 'how to get read access to the prod replicas', 'whether the Friday deploy freeze still applies', 'which dashboard tracks queue latency'],
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'tomorrow', 'end of day', 'Thursday noon'],
  time: ['9:30', '10:00', '10:30', '11:15', '1:00', '2:30', '3:45', '4:00'],
  event: ['the architecture review', 'the sprint demo', 'the all-hands', 'the quarterly planning session', 'the security training', 'the team lunch'],
  book: ['"The Manager\'s Path"', '"Accelerate"', '"Thinking in Systems"', '"An Elegant Puzzle"', '"Staff Engineer"'],
  excuse: ['the previous meeting ran over', 'my train is delayed', 'finishing up an interview', 'dealing with a deploy', 'sorry!'],
  count: ['two', 'three', 'a couple of'],
  food: ['the new ramen place on 3rd', 'the taco truck outside', 'the Ethiopian place near the station', 'the bakery that opened downstairs'],
};

interface Template {
  label: Label;
  /** {m}, {m2}: mentions of other channel members; other {slots} come from POOLS or the channel's work. */
  text: string;
  /** Who the message is about when it has no mention: the DM partner, the thread root's subjects, none. */
  about?: 'partner' | 'rootSubjects' | 'rootAuthor';
}

const t = (label: Label, text: string, about?: Template['about']): Template => ({ label, text, about });

const ROOTS: Template[] = [
  t('recognition', 'Huge thanks to {m} for {doneThing}. {impact}'),
  t('recognition', 'Shout-out to {m}: {item} went out {quality}, and it shows.'),
  t('recognition', '{m} really came through on {item} this week. Thank you!'),
  t('recognition', 'Credit where it\'s due: {m} did the hard part of {item} {quality}.'),
  t('recognition', 'I want to call out {m}\'s work on {item}. {impact}'),
  t('recognition', 'Kudos {m}! Shipping {item} without a single page overnight is no small thing.'),
  t('recognition', 'Thanks {m} for jumping on the outage so quickly yesterday. {impact}'),
  t('recognition', '{m} and {m2} paired on {item} and the result is excellent. {impact}'),
  t('recognition', 'Really appreciate {m} mentoring {m2} through {item}; it shows in the PRs.'),
  t('recognition', 'Big props to {m} for {doneThing} :raised_hands:'),
  t('recognition', 'Nice work {m}, {item} is the cleanest I\'ve seen it.'),
  t('constructive', '{m} the PR for {item} is close, but {issue}. Can we {fix} before merging?'),
  t('constructive', 'One concern on {item}, {m}: {issue}. I\'d rather we {fix}.'),
  t('constructive', '{m}, the demo ran long today and the key decision got lost at the end. Next time let\'s lead with the ask.'),
  t('constructive', 'Flagging that {item} missed Thursday without a heads-up. {m}, please raise it earlier when a date slips.'),
  t('constructive', '{m} the doc for {item} needs a clearer problem statement; right now it jumps straight to the solution.'),
  t('constructive', 'The review comments on {item} read as pretty curt, {m}. Explaining the why would help {m2} learn from them.'),
  t('constructive', '{m}, the test coverage on {item} is thin: {issue}.'),
  t('coaching', '{m} a habit that helped me with {situation}: {advice}.'),
  t('coaching', '{m}, for the next planning meeting, try to {advice}. It makes it easier for people to engage.'),
  t('coaching', 'Something to think about for your growth, {m}: {growth}.'),
  t('coaching', '{m} when you\'re stuck on {item} for more than an hour, write down what you\'ve tried and ask. Nobody expects you to grind alone.'),
  t('coaching', 'A tip for {m} on {situation}: {advice}. Happy to pair on it Friday if useful.'),
  t('request', 'Can someone help me with {problem}? I\'ve tried the usual fixes.'),
  t('request', 'Blocked on {problem}. {m}, do you have ten minutes today?'),
  t('request', 'Could I get a review on {item} by {day}? {m} you know this area best.'),
  t('request', 'Does anyone know {question}?'),
  t('request', '{m} could you take a look at {item} when you get a chance? I need sign-off by {day}.'),
  t('request', 'I\'m stuck on {problem}, any pointers appreciated.'),
  t('request', 'Need a volunteer to cover on-call {day}, I have a family thing. Anyone?'),
  t('other', 'Standup moves to {time} tomorrow because of {event}.'),
  t('other', 'Reminder: {event} is on {day} at {time}.'),
  t('other', 'Deploy window opens at {time}; the freeze starts {day}.'),
  t('other', 'I\'m out {day} morning for an appointment, back online after lunch.'),
  t('other', 'Notes from today\'s sync on {item} are in the shared doc.'),
  t('other', 'Book club this month is {book}. First chapter Thursday.'),
  t('other', 'Heads up: staging will be restarted at {time} for maintenance.'),
  t('other', 'Status on {item}: on track for {day}, nothing blocking right now.'),
  t('other', 'Has anyone tried {food}? Thinking of going {day}.'),
  t('other', 'Morning all! Coffee machine on 4 is fixed :coffee:'),
];

const DM_ROOTS: Template[] = [
  t('recognition', 'Really nice job on {item} today. {impact}', 'partner'),
  t('recognition', 'I noticed how you handled the questions in the review. Calm and precise, thank you.', 'partner'),
  t('constructive', 'Quick feedback on the sync: {issue}. Can we {fix} next time?', 'partner'),
  t('coaching', 'For {situation}, try to {advice}. Let\'s talk about it more in our 1:1.', 'partner'),
  t('coaching', 'Thinking about your next step: {growth}.', 'partner'),
  t('request', 'Can we move our 1:1 to {day} at {time}?'),
  t('request', 'Could you send me a short update on {item} before {day}? I have a leadership review.'),
  t('other', 'Running a few minutes late to our 1:1, {excuse}.'),
  t('other', 'Added {count} items to our 1:1 doc for {day}.'),
  t('other', 'Can we keep {day} short? I have {event} right after.'),
];

const REPLIES: Record<Label, Template[]> = {
  recognition: [
    t('recognition', '+1, this made my week.', 'rootSubjects'),
    t('recognition', 'Agreed, {m} was a huge help on this too.'),
    t('recognition', 'Seconding this. The write-up alone was worth it.', 'rootSubjects'),
    t('other', 'Thank you all, it was a team effort!'),
  ],
  constructive: [
    t('other', 'Fair point, I\'ll {fix} today.'),
    t('other', 'Makes sense. I\'ll update the PR this afternoon.'),
    t('constructive', 'Agree with this, and the rollout notes also need a section on monitoring.', 'rootSubjects'),
  ],
  coaching: [
    t('other', 'Thanks, that\'s really helpful. I\'ll try it this week.'),
    t('coaching', 'Adding to this: pick one thing to change at a time, otherwise it\'s hard to tell what worked.', 'rootSubjects'),
  ],
  request: [
    t('other', 'I can take a look after lunch.'),
    t('other', 'Try clearing the build cache, that fixed it for me last week.'),
    t('other', 'On it, will report back by {time}.'),
    t('other', 'Same issue here, following.'),
    t('other', '{m} hit this last month, they might know.'),
  ],
  other: [
    t('other', 'Sounds good, see you {day}.'),
    t('other', 'Works for me :+1:'),
    t('other', 'Noted, thanks for the heads up.'),
    t('other', 'Could we do {time} instead?'),
    t('other', 'I\'ll be a few minutes late, {excuse}.'),
  ],
};

const CONTINUATIONS: Template[] = [
  t('other', 'Doc is linked in the ticket if you want the details.'),
  t('other', 'I\'ll update the tracker for {item} too.'),
  t('other', '(no rush on this)'),
  t('other', 'Also, the dashboard link changed, it\'s pinned in the channel now.'),
  t('other', 'Ping me if anything is unclear.'),
  t('other', 'Sorry, I meant {day}, not today.'),
  t('other', 'Updated the ETA for {item} to {day}.'),
  t('other', 'Notes are in the usual folder.'),
];

/** Rare shapes the parser must handle; each appears once. */
const SPECIALS: Array<{ channel: string; author: string; template: Template }> = [
  { channel: 'C0PLATFRM1', author: 'U0ENG0003', template: t('request', 'Seeing this on staging after the deploy, any ideas?\n```TypeError: Cannot read properties of undefined (reading \'id\')\n    at resolveAccount (accounts.ts:88:14)```') },
  { channel: 'C0RANDOM04', author: 'U0ENG0005', template: t('other', ':tada: :tada: :tada:') },
  { channel: 'C0DESIGN02', author: 'U0DES0006', template: t('other', '来週のデザインレビュー、よろしくお願いします！') },
  { channel: 'C0RANDOM04', author: 'U0MGR0008', template: t('other', 'Всем хороших выходных! Have a great weekend, everyone.') },
];

const REACTIONS: Record<Label, string[]> = {
  recognition: [':tada:', ':raised_hands:', ':clap:', ':heart:', ':fire:', ':100:'],
  constructive: [':eyes:', ':+1:'],
  coaching: [':bulb:', ':pray:'],
  request: [':eyes:', ':white_check_mark:'],
  other: [':+1:', ':joy:', ':white_check_mark:', ':coffee:'],
};

/** A Slack ts within the given millisecond's second that no other message has. */
const tsAllocator =
  (random: () => number, usedTs: Set<string>) =>
  (ms: number): string => {
    for (let micro = Math.floor(random() * 900_000) + 1; ; micro++) {
      const ts = `${Math.floor(ms / 1000)}.${String(micro).padStart(6, '0')}`;
      if (!usedTs.has(ts)) {
        usedTs.add(ts);
        return ts;
      }
    }
  };

export function generateWorkspace(options: GenerateOptions = {}): Workspace {
  const target = options.messageCount ?? 340;
  let random = seededRandom(options.seed ?? 20261120);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const usedTs = new Set<string>();
  const messages: SeedMessage[] = [];

  const weekdayTime = (weeksBefore = 0, weeks = WEEKS): number => {
    for (;;) {
      const t = END - (weeksBefore + random() * weeks) * 7 * 86_400_000;
      const date = new Date(t);
      const hour = date.getUTCHours();
      if (date.getUTCDay() % 6 !== 0 && hour >= 9 && hour < 18) return t;
    }
  };
  const tsAt = tsAllocator(random, usedTs);

  const fill = (template: Template, channel: SeedChannel, author: string): { text: string; mentioned: string[] } => {
    const others = channel.members.filter((id) => id !== author);
    const mentioned: string[] = [];
    const slots = new Map<string, string>();
    const resolve = (key: string): string => {
      if (key === 'm' || key === 'm2') {
        const candidates = others.filter((id) => !mentioned.includes(id));
        const id = pick(candidates.length > 0 ? candidates : others);
        mentioned.push(id);
        return `<@${id}>`;
      }
      const pool = key === 'item' ? WORK[channel.id] : POOLS[key];
      return pick(pool);
    };
    const expand = (text: string): string =>
      text.replace(/\{(\w+)\}/g, (_, key: string) => {
        if (!slots.has(key)) slots.set(key, expand(resolve(key)));
        return slots.get(key)!;
      });
    const text = expand(template.text);
    return { text: text.charAt(0).toUpperCase() + text.slice(1), mentioned };
  };

  const subjectsOf = (template: Template, mentioned: string[], channel: SeedChannel, author: string, root?: SeedMessage): string[] => {
    if (mentioned.length > 0) return [...new Set(mentioned)];
    if (template.about === 'partner') return channel.members.filter((id) => id !== author);
    if (template.about === 'rootSubjects') return root?.subjects ?? [];
    if (template.about === 'rootAuthor' && root) return [root.authorId];
    return [];
  };

  const reactionsFor = (label: Label, probability: number): SeedMessage['reactions'] => {
    if (!chance(probability)) return [];
    const emojis = [...new Set([pick(REACTIONS[label]), pick(REACTIONS[label])])];
    return emojis.map((emoji) => ({ emoji, count: 1 + Math.floor(random() * 5) }));
  };

  const post = (channel: SeedChannel, author: string, template: Template, ms: number, root?: SeedMessage): SeedMessage => {
    const { text, mentioned } = fill(template, channel, author);
    const ts = tsAt(ms);
    const message: SeedMessage = {
      channelId: channel.id,
      ts,
      authorId: author,
      text,
      threadTs: root ? root.ts : null,
      reactions: reactionsFor(template.label, template.label === 'recognition' ? 0.6 : 0.15),
      edited: chance(0.07),
      label: template.label,
      subjects: subjectsOf(template, mentioned, channel, author, root),
    };
    messages.push(message);
    return message;
  };

  const authorFor = (channel: SeedChannel): string =>
    channel.type === 'im' || channel.type === 'mpdm' || chance(0.2) ? pick(channel.members) : pick(channel.members.filter((id) => id !== SELF_ID));

  for (const special of SPECIALS) {
    post(CHANNELS.find((c) => c.id === special.channel)!, special.author, special.template, weekdayTime());
  }
  const totalWeight = CHANNEL_WEIGHTS.reduce((a, b) => a + b, 0);
  while (messages.length < target) {
    let roll = random() * totalWeight;
    const channel = CHANNELS[CHANNEL_WEIGHTS.findIndex((w) => (roll -= w) < 0)];
    const direct = channel.type === 'im';
    const author = authorFor(channel);
    const start = weekdayTime();
    // Feedback in a DM comes from the manager; the report's side is requests and logistics.
    const dmTemplates = author === SELF_ID ? DM_ROOTS : DM_ROOTS.filter((d) => d.label === 'request' || d.label === 'other');
    const root = post(channel, author, pick(direct ? dmTemplates : ROOTS), start);
    if (chance(0.15)) {
      // Same author again within three minutes: Slack renders it as a continuation row without a header.
      post(channel, author, pick(CONTINUATIONS), start + 30_000 + Math.floor(random() * 150_000));
    }
    if (!direct && chance(0.25)) {
      const replies = 1 + Math.floor(random() * 4);
      root.threadTs = root.ts;
      const unused = [...REPLIES[root.label]];
      for (let i = 0, at = start; i < replies && unused.length > 0; i++) {
        at += 120_000 + Math.floor(random() * 3_600_000);
        const template = unused.splice(Math.floor(random() * unused.length), 1)[0];
        // Someone seconding feedback about a person is never that person.
        const repliers = channel.members.filter(
          (id) => id !== author && !(template.about === 'rootSubjects' && root.subjects.includes(id)),
        );
        if (repliers.length > 0) post(channel, pick(repliers), template, Math.min(at, END), root);
      }
    }
  }
  random = seededRandom((options.seed ?? 20261120) + 1);
  for (const id of OLDER_HISTORY.channels) {
    const channel = CHANNELS.find((c) => c.id === id)!;
    for (let i = 0; i < OLDER_HISTORY.messagesPerChannel; i++) {
      post(channel, authorFor(channel), pick(ROOTS), weekdayTime(WEEKS, OLDER_HISTORY.weeks));
    }
  }
  addQuietHelper(messages, usedTs);
  // Every ts has ten digits, a dot and six: string order is time order.
  messages.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  const channels = CHANNELS.map((c) => (QUIET_CHANNELS.includes(c.id) ? { ...c, members: [...c.members, QUIET_HELPER.id] } : c));
  return { version: 1, team: { ...TEAM }, selfId: SELF_ID, people: [...PEOPLE, QUIET_HELPER], channels, messages };
}

/**
 * The quiet helper's side of the workspace: asks for help from teammates in their channels, each answered in
 * its thread by the helper within the hour (nine in the last four weeks, three before), and one thank-you for
 * them in the last four weeks.
 */
function addQuietHelper(messages: SeedMessage[], usedTs: Set<string>): void {
  const random = seededRandom(11);
  const tsAt = tsAllocator(random, usedTs);
  const askers = ['U0ENG0002', 'U0ENG0003', 'U0ENG0005', 'U0ENG0009', 'U0DES0006', 'U0ENG0004'];
  QUIET_ANSWERS.forEach(([ask, answer], i) => {
    const daysAgo = i < 9 ? 1.2 + i * 2.9 : 29 + (i - 9) * 9;
    const at = END - Math.round(daysAgo * 86_400_000);
    const channelId = QUIET_CHANNELS[i % QUIET_CHANNELS.length];
    const root: SeedMessage = {
      channelId,
      ts: tsAt(at),
      authorId: askers[i % askers.length],
      text: ask,
      threadTs: null,
      reactions: [],
      edited: false,
      label: 'request',
      subjects: [],
    };
    root.threadTs = root.ts;
    messages.push(root, {
      channelId,
      ts: tsAt(at + 600_000 + Math.floor(random() * 2_400_000)),
      authorId: QUIET_HELPER.id,
      text: answer,
      threadTs: root.ts,
      reactions: i % 3 === 0 ? [{ emoji: ':white_check_mark:', count: 1 }] : [],
      edited: false,
      label: 'other',
      subjects: [root.authorId],
    });
  });
  messages.push({
    channelId: 'C0PLATFRM1',
    ts: tsAt(END - 9 * 86_400_000),
    authorId: 'U0ENG0003',
    text: QUIET_THANKS,
    threadTs: null,
    reactions: [{ emoji: ':raised_hands:', count: 2 }],
    edited: false,
    label: 'recognition',
    subjects: [QUIET_HELPER.id],
  });
}
