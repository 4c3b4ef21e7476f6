import { useCallback, useEffect, useState } from 'react';
import { catchUpStatusReplySchema, type CatchUpStatusReply } from '@/lib/messaging';
import type { CatchUpCommand } from '@/lib/slack';

const POLL_MS = 500;

async function ask(request: { type: 'catch-up-status' } | { type: 'catch-up-command'; command: CatchUpCommand }): Promise<CatchUpStatusReply> {
  const reply = catchUpStatusReplySchema.safeParse(await browser.runtime.sendMessage(request).catch(() => null));
  return reply.success ? reply.data : { status: null, error: 'Aspen’s background did not answer; try again.' };
}

/** The Slack tab in front's catch-up, through the background: read every half second while the panel shows it. */
export function useCatchUp(): CatchUpStatusReply & { start(targetMs: number, full: boolean, threads: boolean): void; stop(): void } {
  const [reply, setReply] = useState<CatchUpStatusReply>({ status: null });
  useEffect(() => {
    let current = true;
    const poll = async () => {
      const next = await ask({ type: 'catch-up-status' });
      if (current) setReply(next);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, []);
  const send = useCallback((command: CatchUpCommand) => void ask({ type: 'catch-up-command', command }).then(setReply), []);
  return { ...reply, start: (targetMs, full, threads) => send({ action: 'start', targetMs, full, threads }), stop: () => send({ action: 'stop' }) };
}
