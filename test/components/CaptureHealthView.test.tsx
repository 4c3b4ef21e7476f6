// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { CaptureHealthView } from '../../components/CaptureHealthView';
import type { CaptureHealth } from '../../lib/slack/types';

afterEach(cleanup);

const recognized: CaptureHealth = {
  recognized: true,
  markup: '2025',
  rowsSeen: 40,
  rowsParsed: 38,
  matched: { row: 40 },
  problems: [],
};

describe('CaptureHealthView', () => {
  it('explains clearly when Slack\'s markup is not understood, with what failed', () => {
    const broken: CaptureHealth = { ...recognized, recognized: false, markup: 'unknown', rowsParsed: 0, problems: ['no message rows matched'] };
    render(<CaptureHealthView health={broken} capturedToday={0} queueLength={0} model={{ status: 'ready' }} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Aspen does not recognize this Slack page\'s layout, so it is not capturing messages.');
    expect(alert.textContent).toContain('no message rows matched');
  });

  it('shows a recognized layout, today\'s counts, the queue and the model state', () => {
    render(<CaptureHealthView health={recognized} capturedToday={12} queueLength={3} model={{ status: 'loading' }} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/Slack's layout was recognized \(2025 markup\): 38 of 40 visible rows read/)).toBeTruthy();
    expect(screen.getByText('Captured today').nextElementSibling?.textContent).toBe('12');
    expect(screen.getByText('Waiting to classify').nextElementSibling?.textContent).toBe('3');
    expect(screen.getByRole('status').textContent).toBe('Loading the classifier…');
  });

  it('says when the classifier is working through new messages', () => {
    render(<CaptureHealthView health={null} capturedToday={5} queueLength={40} model={{ status: 'classifying', message: '32 labelled in this run' }} />);
    expect(screen.getByRole('status').textContent).toBe('Classifying new messages: 32 labelled in this run');
  });

  it('says when the classifier is resting to free memory, and that it comes back by itself', () => {
    render(<CaptureHealthView health={null} capturedToday={0} queueLength={0} model={{ status: 'resting', message: 'use-lite' }} />);
    expect(screen.getByRole('status').textContent).toBe('Classifier resting to free memory; the next message starts it again: use-lite');
  });

  it('reports a model error with its message', () => {
    render(<CaptureHealthView health={null} capturedToday={0} queueLength={0} model={{ status: 'error', message: 'wasm missing' }} />);
    expect(screen.getByRole('alert').textContent).toBe('The classifier stopped: wasm missing');
    expect(screen.getByText(/No Slack tab has reported yet/)).toBeTruthy();
  });

  it('says why capture is paused, that nothing stored is lost, and offers to resume', () => {
    const onResume = vi.fn();
    render(
      <CaptureHealthView
        health={recognized}
        capturedToday={0}
        queueLength={0}
        model={{ status: 'ready' }}
        capturePaused
        pauseReason="Browser storage is full"
        onResumeCapture={onResume}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Capture is paused: Browser storage is full');
    expect(alert.textContent).toContain('Everything already stored is kept.');
    fireEvent.click(screen.getByRole('button', { name: 'Resume capture' }));
    expect(onResume).toHaveBeenCalledOnce();
  });

  it('shows the share of unsure labels, or a dash before anything is labelled', () => {
    const { rerender } = render(<CaptureHealthView health={recognized} capturedToday={0} queueLength={0} unsureShare={0.126} model={{ status: 'ready' }} />);
    expect(screen.getByText('Unsure labels').nextElementSibling!.textContent).toBe('13%');
    expect(screen.getByText(/left out of counts until you do/)).toBeTruthy();
    rerender(<CaptureHealthView health={recognized} capturedToday={0} queueLength={0} unsureShare={null} model={{ status: 'ready' }} />);
    expect(screen.getByText('Unsure labels').nextElementSibling!.textContent).toBe('–');
  });
});
