import { useEffect, useState } from 'react';
import { PageEvidenceProblemView } from '@/components/PageEvidenceProblemView';
import { onStoreEvent, pageEvidenceProblemReplySchema, type PageEvidenceProblem as Problem } from '@/lib/messaging';

/** Asks the background for a page it could not read: when the panel opens, and whenever pages change. */
export function PageEvidenceProblem() {
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    const ask = () =>
      void browser.runtime.sendMessage({ type: 'page-evidence-problem' }).then(
        (reply: unknown) => {
          const parsed = pageEvidenceProblemReplySchema.safeParse(reply);
          if (parsed.success && parsed.data.problem) setProblem(parsed.data.problem);
        },
        () => undefined,
      );
    ask();
    return onStoreEvent((event) => {
      if (event.type === 'notes') ask();
    });
  }, []);
  return problem && <PageEvidenceProblemView problem={problem} onDismiss={() => setProblem(null)} />;
}
