/**
 * The synthetic people: regular users (about one in five an API-key user without `user.email`, which
 * Claude Code sets for OAuth logins only) and one dedicated user per special scenario, so that a dashboard
 * evaluated for that one user isolates the scenario.
 */
import type { Random } from './random.js';
import type { ScenarioName, SyntheticUser } from './types.js';
import { FIRST_NAMES, TEAMS, TERMINALS } from './vocabulary.js';

/** Dedicated scenario users. The print user runs `claude -p` in CI with an API key, so it has no e-mail. */
const SCENARIO_USERS: readonly { scenario: ScenarioName; local: string | undefined }[] = [
  { scenario: 'print', local: undefined },
  { scenario: 'crossesWindowStart', local: 'eve.edges' },
  { scenario: 'idleOverExpiry', local: 'ian.idle+night' },
  { scenario: 'counterReset', local: 'rita.reset' },
  { scenario: 'processRestart', local: 'rob.restart' },
];

const ORGANIZATION = '7f3c1a52-0d4e-4c1b-9a77-2f1e5c3b8d10';

function makeUser(rng: Random, key: string, local: string | undefined, scenario: ScenarioName | undefined): SyntheticUser {
  const oauth = local !== undefined;
  const terminalCount = rng.int(1, 2);
  const terminals: string[] = [];
  while (terminals.length < terminalCount) {
    const t = rng.pick(TERMINALS);
    if (!terminals.includes(t)) terminals.push(t);
  }
  return {
    key,
    email: oauth ? `${local}@example.com` : undefined,
    userId: rng.hex(64),
    accountUuid: oauth ? rng.uuid() : undefined,
    organizationId: oauth ? ORGANIZATION : undefined,
    team: rng.pick(TEAMS),
    terminals,
    scenario,
  };
}

/**
 * Makes `regularCount` regular users and the scenario users.
 * @param apiKeyShare - share of regular users without e-mail (API-key logins)
 */
export function makeUsers(rng: Random, regularCount: number, apiKeyShare = 0.2): SyntheticUser[] {
  const users: SyntheticUser[] = [];
  for (let i = 0; i < regularCount; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const local = `${first}.${String(i).padStart(2, '0')}`;
    const apiKey = rng.chance(apiKeyShare);
    users.push(makeUser(rng, `u${String(i).padStart(2, '0')}`, apiKey ? undefined : local, undefined));
  }
  for (const { scenario, local } of SCENARIO_USERS) {
    users.push(makeUser(rng, `s-${scenario}`, local, scenario));
  }
  return users;
}
