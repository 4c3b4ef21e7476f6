import type { Track } from '../store/schema';
import { rubricSchema, type Rubric, type RubricLevel } from './schema';

/**
 * Aspen's own career framework: two equal tracks. Moving to the manager track is a change of job, not a
 * promotion; IC5/IC6 sit alongside M3/M4 in scope. Behaviours are phrased the way people praise or coach
 * each other in chat, because captured messages are matched against them.
 */

interface CompetencyMeta {
  id: string;
  name: string;
}

/** Per level: title, summary, then per competency its expectation followed by 3–6 example behaviours. */
type LevelText = [title: string, summary: string, competencies: Record<string, [expectation: string, ...behaviours: string[]]>];

const IC_COMPETENCIES: CompetencyMeta[] = [
  { id: 'technical-craft', name: 'Technical craft' },
  { id: 'delivery-ownership', name: 'Delivery & ownership' },
  { id: 'collaboration', name: 'Collaboration' },
  { id: 'communication', name: 'Communication' },
  { id: 'mentoring', name: 'Mentoring & growing others' },
  { id: 'strategy-impact', name: 'Strategy & impact' },
];

const IC_LEVELS: LevelText[] = [
  ['Associate Engineer', 'Learns the codebase and delivers well-defined tasks with guidance.', {
    'technical-craft': ['Writes working, tested code for small, well-scoped changes.', 'fixed a starter bug with a test that covers it', 'wrote clean code for a small feature', 'learned a new part of the codebase quickly'],
    'delivery-ownership': ['Finishes assigned tasks and says when stuck.', 'finished the ticket on time', 'asked for help early when stuck', 'picked up review feedback and updated the PR the same day'],
    collaboration: ['Works well with the immediate team.', 'paired with a teammate to fix a bug', 'was friendly and helpful to the team', 'joined the on-call shadow rotation'],
    communication: ['Shares progress and asks clear questions.', 'posted a clear status update', 'asked a precise question with what was already tried', 'wrote down notes from the sync'],
    mentoring: ['Is open to feedback and applies it.', 'took feedback well and applied it', 'shared what they learned with the team', 'updated the onboarding docs after going through them'],
    'strategy-impact': ['Understands why the current task matters.', 'asked why the work matters to customers', 'connected the bug fix to the support tickets it closed', 'suggested a small improvement to the team process'],
  }],
  ['Software Engineer', 'Delivers features end to end on a known part of the system.', {
    'technical-craft': ['Builds features with tests and handles edge cases.', 'shipped a feature with tests for every path', 'handled the edge cases and error paths', 'fixed a tricky bug in the service'],
    'delivery-ownership': ['Owns features from ticket to production.', 'shipped the feature end to end', 'landed the work ahead of the deadline', 'kept the tracker up to date without being asked'],
    collaboration: ['Reviews code helpfully and pairs when useful.', 'left thoughtful code review comments', 'helped a teammate get unblocked', 'picked up work when the team was short-handed'],
    communication: ['Writes clear updates and PR descriptions.', 'wrote a clear PR description', 'raised early that the date was slipping', 'explained the change well in the demo'],
    mentoring: ['Helps newer teammates find their way.', 'helped a new hire set up their environment', 'answered questions from newer teammates patiently', 'documented the setup steps for others'],
    'strategy-impact': ['Makes choices that serve the user, not only the ticket.', 'pushed for the fix that helps customers most', 'noticed support tickets dropped after the change', 'proposed cutting scope to hit the date'],
  }],
  ['Software Engineer II', 'Owns a component and delivers small projects independently.', {
    'technical-craft': ['Designs components that are easy to change and operate.', 'untangled complex retry logic', 'cut the latency of the service significantly', 'made the system easier to operate and debug', 'spotted a serious bug before it shipped'],
    'delivery-ownership': ['Delivers multi-week projects independently and handles incidents calmly.', 'delivered the project without a single rollback', 'stayed calm through the incident and kept everyone informed', 'owned the migration from plan to cleanup'],
    collaboration: ['Works across functions to get the right result.', 'worked closely with design and product on the feature', 'turned around feedback from another team in an afternoon', 'paired with another engineer on a hard problem'],
    communication: ['Writes design docs others can act on.', 'wrote a clear design doc', 'documented every edge case', 'ran a clear and useful retro'],
    mentoring: ['Mentors newer engineers on the team.', 'mentored a junior engineer through a project', 'explained the why behind review suggestions', 'onboarded a new teammate'],
    'strategy-impact': ['Chooses work with outsized impact for the team.', 'saved the team a full sprint', 'unblocked several teams with the change', 'reduced the on-call load for everyone'],
  }],
  ['Senior Software Engineer', 'Leads projects across a team and raises the bar for quality.', {
    'technical-craft': ['Sets technical direction for a team’s systems.', 'designed the architecture for the new service', 'led the database upgrade safely', 'raised the quality bar in code review across the team', 'made a hard technical trade-off and explained it'],
    'delivery-ownership': ['Leads multi-person projects to a predictable finish.', 'led the project across several engineers and shipped on time', 'planned the rollout with a rollback plan', 'kept a multi-team launch on track'],
    collaboration: ['Builds alignment between engineering, product and design.', 'aligned product, design and engineering on the plan', 'resolved a disagreement between teams constructively', 'made other teams more effective'],
    communication: ['Communicates decisions crisply to any audience.', 'presented the project clearly to leadership', 'wrote a decision log so nobody had to re-litigate', 'led with the decision needed, then the context'],
    mentoring: ['Grows engineers on the team through coaching and delegation.', 'coached engineers through their first design docs', 'delegated work so others could grow', 'ran the design review so others learned from it'],
    'strategy-impact': ['Shapes the team’s roadmap with impact in mind.', 'shaped the roadmap for the team’s area', 'pushed back on scope creep to protect the goal', 'identified the highest-impact problem to solve next'],
  }],
  ['Staff Engineer', 'Sets technical direction across teams and solves the problems nobody owns.', {
    'technical-craft': ['Leads architecture that spans several teams.', 'drove a cross-team architecture change', 'set the technical standards other teams now follow', 'solved a long-standing problem nobody owned'],
    'delivery-ownership': ['Delivers organisation-level initiatives.', 'led a multi-quarter initiative to completion', 'de-risked the launch for the whole organisation', 'turned an ambiguous problem into a clear plan'],
    collaboration: ['Builds consensus across teams and leaders.', 'built consensus across several teams', 'brought leaders together to make a decision', 'partnered with other teams to unblock their roadmaps'],
    communication: ['Writes and speaks for the organisation.', 'wrote the strategy doc leadership adopted', 'gave a tech talk the whole org learned from', 'explained a complex trade-off to executives'],
    mentoring: ['Grows senior engineers and future leaders.', 'sponsored senior engineers into bigger roles', 'built a mentoring program for the org', 'coached tech leads on running projects'],
    'strategy-impact': ['Sets multi-quarter technical strategy.', 'set the technical strategy for the next year', 'changed the direction of the org for the better', 'made a call that leadership called out in the all-hands'],
  }],
  ['Principal Engineer', 'Shapes the company’s technical direction and industry standing.', {
    'technical-craft': ['Is the authority on the company’s hardest technical problems.', 'solved a company-wide technical problem', 'set the architecture direction for the whole company', 'was recognised as the expert across the industry'],
    'delivery-ownership': ['Owns outcomes that define the company’s year.', 'delivered a company-defining initiative', 'turned around a failing critical program', 'made the bet that paid off for the company'],
    collaboration: ['Partners with executives and external groups.', 'partnered with executives on company direction', 'represented engineering with partners and customers', 'aligned the whole company on a technical decision'],
    communication: ['Influences inside and outside the company.', 'spoke about our work at an industry conference', 'wrote the engineering vision the company follows', 'changed an executive decision with a clear argument'],
    mentoring: ['Builds the next generation of technical leaders.', 'grew several staff engineers', 'shaped how the company develops technical leaders', 'made mentoring part of the engineering culture'],
    'strategy-impact': ['Sets multi-year company strategy.', 'set the multi-year technical strategy for the company', 'opened a new line of business with a technical insight', 'changed how the industry approaches a problem'],
  }],
];

const MANAGER_COMPETENCIES: CompetencyMeta[] = [
  { id: 'people-development', name: 'People development' },
  { id: 'team-health', name: 'Team health' },
  { id: 'hiring', name: 'Hiring' },
  { id: 'delivery', name: 'Delivery' },
  { id: 'strategy', name: 'Strategy' },
  { id: 'cross-team-leadership', name: 'Cross-team leadership' },
];

const MANAGER_LEVELS: LevelText[] = [
  ['Team Lead', 'Leads a small team while still contributing hands-on.', {
    'people-development': ['Gives regular, specific feedback and runs good 1:1s.', 'gave specific and kind feedback', 'ran thoughtful 1:1s', 'helped a teammate set growth goals'],
    'team-health': ['Keeps the team’s workload and mood in view.', 'noticed the team was overloaded and adjusted', 'ran a retro that made things better', 'made the team feel safe to raise problems'],
    hiring: ['Interviews well and helps new hires land.', 'ran a fair and well-prepared interview', 'organised the new hire buddy list', 'made onboarding smooth for a new hire'],
    delivery: ['Plans the team’s work and keeps it moving.', 'kept the sprint on track', 'cleared blockers for the team quickly', 'planned the work in small pieces'],
    strategy: ['Connects the team’s work to its goals.', 'explained why the team’s work matters', 'said clearly what we are not doing this quarter', 'prioritised the backlog against the goals'],
    'cross-team-leadership': ['Coordinates with neighbouring teams.', 'coordinated a dependency with another team', 'kept stakeholders informed of progress', 'resolved a handoff problem between teams'],
  }],
  ['Engineering Manager', 'Manages a team of engineers and owns its outcomes.', {
    'people-development': ['Grows each report with a clear plan.', 'built a growth plan with each report', 'coached a report through a hard situation', 'wrote a strong promotion packet', 'gave direct feedback that helped someone improve'],
    'team-health': ['Builds a healthy, sustainable team.', 'improved the on-call rotation for the team', 'kept the team calm during a crisis', 'addressed a conflict on the team early', 'protected the team from burnout'],
    hiring: ['Hires well for the team.', 'hired a strong engineer for the team', 'improved the interview loop', 'closed a great candidate'],
    delivery: ['Delivers the team’s commitments predictably.', 'delivered the quarter’s commitments', 'ran the launch checklist so nothing slipped', 'raised risks to the date early'],
    strategy: ['Sets the team’s direction each quarter.', 'set clear quarterly goals for the team', 'made a hard prioritisation call', 'wrote the team’s roadmap'],
    'cross-team-leadership': ['Works well with product, design and peer managers.', 'aligned product and design on the plan', 'partnered with a peer manager on a shared problem', 'represented the team well in planning'],
  }],
  ['Senior Engineering Manager', 'Leads a larger team or several teams through other leads.', {
    'people-development': ['Grows leads and senior engineers.', 'developed a tech lead into a manager', 'coached leads on giving feedback', 'ran calibration fairly'],
    'team-health': ['Builds healthy teams at scale.', 'improved engagement across several teams', 'built an inclusive team culture', 'handled a reorganisation with care'],
    hiring: ['Builds hiring processes that scale.', 'built the hiring plan for the group', 'trained interviewers across teams', 'improved the diversity of the candidate pipeline'],
    delivery: ['Delivers across several teams.', 'delivered a multi-team program', 'set up planning that scales across teams', 'kept several teams aligned on a launch'],
    strategy: ['Shapes the group’s strategy.', 'set the strategy for a group of teams', 'made a headcount plan that matched the roadmap', 'turned leadership goals into team plans'],
    'cross-team-leadership': ['Leads across the organisation.', 'led an initiative across the organisation', 'resolved a conflict between groups', 'built strong partnerships with other departments'],
  }],
  ['Director of Engineering', 'Leads an organisation of teams and managers.', {
    'people-development': ['Develops managers and the org’s leadership bench.', 'grew the management bench', 'coached managers through hard people decisions', 'built a leadership development program'],
    'team-health': ['Sets the culture of the organisation.', 'shaped a healthy engineering culture', 'improved retention across the org', 'led the org through a difficult change'],
    hiring: ['Owns hiring strategy for the organisation.', 'set the hiring strategy for the org', 'hired strong managers', 'built the employer brand for engineering'],
    delivery: ['Owns the organisation’s delivery.', 'delivered the org’s annual goals', 'fixed delivery problems across teams', 'set the operating cadence for the org'],
    strategy: ['Sets the organisation’s multi-quarter strategy.', 'set the org’s strategy for the year', 'made the headcount and budget plan', 'aligned the org strategy with company goals'],
    'cross-team-leadership': ['Partners with other directors and executives.', 'partnered with other directors on company priorities', 'represented engineering to the executive team', 'led a company-wide initiative'],
  }],
  ['Senior Director of Engineering', 'Leads several organisations and shapes company direction.', {
    'people-development': ['Develops directors and senior leaders.', 'developed directors into executives', 'built the succession plan', 'shaped how the company grows leaders'],
    'team-health': ['Shapes culture across engineering.', 'set values the whole engineering team lives by', 'led the company through a hard period with trust intact', 'made engineering a place people want to stay'],
    hiring: ['Builds the leadership team.', 'hired directors who raised the bar', 'designed the org structure for growth', 'made engineering a magnet for talent'],
    delivery: ['Owns engineering’s outcomes for the company.', 'delivered the company’s most important programs', 'made engineering execution predictable at scale', 'turned around an organisation that was struggling'],
    strategy: ['Sets multi-year engineering strategy.', 'set the multi-year engineering strategy', 'shaped the company strategy with the executive team', 'made the big investment bet that paid off'],
    'cross-team-leadership': ['Leads with the executive team.', 'led company-wide change with the executive team', 'represented the company externally', 'aligned engineering, product and business on the plan'],
  }],
];

function buildLevels(metas: readonly CompetencyMeta[], levels: readonly LevelText[]): RubricLevel[] {
  return levels.map(([title, summary, texts], index) => ({
    level: index + 1,
    title,
    summary,
    competencies: metas.map(({ id, name }) => {
      const [description, ...behaviours] = texts[id];
      return { id, name, description, behaviours };
    }),
  }));
}

const trackLevels: Record<Track, RubricLevel[]> = {
  ic: buildLevels(IC_COMPETENCIES, IC_LEVELS),
  manager: buildLevels(MANAGER_COMPETENCIES, MANAGER_LEVELS),
};

/** Validated once at load: the shipped framework obeys the same schema as an imported one. */
export const DEFAULT_RUBRIC: Rubric = rubricSchema.parse({
  version: 1,
  id: 'aspen-default',
  name: 'Aspen engineering framework',
  tracks: {
    ic: {
      name: 'Individual contributor',
      description: 'Grows impact through technical work and technical leadership. Equal in standing to the manager track.',
      levels: trackLevels.ic,
    },
    manager: {
      name: 'Manager',
      description: 'Grows impact through people and teams. A different job from the IC track, not a promotion from it.',
      levels: trackLevels.manager,
    },
  },
});
