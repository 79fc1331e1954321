import { expect, it, vi } from 'vitest';
import { createStore } from './store';

it('notifies only on change', () => {
  const store = createStore((s: number, a: number) => (a === 0 ? s : s + a), 1);
  const l = vi.fn();
  const off = store.subscribe(l);
  store.dispatch(0);
  expect(l).not.toHaveBeenCalled();
  store.dispatch(2);
  expect(store.getState()).toBe(3);
  expect(l).toHaveBeenCalledTimes(1);
  off();
  store.dispatch(1);
  expect(l).toHaveBeenCalledTimes(1);
});
