/** CPU profiles of a tab (CDP Profiler): how much of its main thread a script's code took, and its longest stretch. */

/** The profiler's default is 1 ms; finer sampling shows short content script tasks. */
export const PROFILE_SAMPLING_US = 250;

export interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Main-thread time with a frame of `urlPrefix` anywhere on the stack: in total, and its longest unbroken stretch. */
export function timeInScripts(profile: Profile, urlPrefix: string): { totalMs: number; longestStretchMs: number } {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inScript = new Map<number, boolean>();
  const involves = (id: number): boolean => {
    let known = inScript.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      known = byId.get(id)!.callFrame.url.startsWith(urlPrefix) || (up !== undefined && involves(up));
      inScript.set(id, known);
    }
    return known;
  };
  let totalUs = 0;
  let stretchUs = 0;
  let longestUs = 0;
  profile.samples.forEach((id, i) => {
    // A sample stands for the time until the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (involves(id)) {
      totalUs += us;
      stretchUs += us;
      longestUs = Math.max(longestUs, stretchUs);
    } else stretchUs = 0;
  });
  return { totalMs: totalUs / 1000, longestStretchMs: longestUs / 1000 };
}
