// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App, type AppProps } from '../../components/App';

afterEach(cleanup);

function renderApp(overrides: Partial<AppProps> = {}) {
  const props: AppProps = {
    activeTab: 'team',
    onTabChange: vi.fn(),
    renderTeam: () => <p>team body</p>,
    renderPerson: () => <p>person body</p>,
    renderHealth: () => <p>health body</p>,
    renderSettings: () => <p>settings body</p>,
    extraTabs: [{ id: 'prep', label: '1:1 prep', render: () => <p>prep body</p> }],
    ...overrides,
  };
  render(<App {...props} />);
  return props;
}

describe('App', () => {
  it('shows tabs in order, extra tabs after Person, and renders only the active panel', () => {
    renderApp({ activeTab: 'prep', personLabel: 'Alice Chen' });
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Team', 'Alice Chen', '1:1 prep', 'Health', 'Settings']);
    expect(screen.getByRole('tab', { name: '1:1 prep' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').textContent).toBe('prep body');
    expect(screen.queryByText('team body')).toBeNull();
  });

  it('changes tab on click and with arrow keys', () => {
    const props = renderApp();
    fireEvent.click(screen.getByRole('tab', { name: 'Health' }));
    expect(props.onTabChange).toHaveBeenLastCalledWith('health');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Team' }), { key: 'ArrowLeft' });
    expect(props.onTabChange).toHaveBeenLastCalledWith('settings');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Team' }), { key: 'ArrowRight' });
    expect(props.onTabChange).toHaveBeenLastCalledWith('person');
  });

  it('marks the Health tab when capture needs attention', () => {
    renderApp({ healthAlert: true });
    expect(screen.getByRole('tab', { name: 'Health (needs attention)' })).toBeTruthy();
  });
});
