import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ChatbotRunError } from '../api/types';
import { WebhookSignature } from './editors/WebhookSignature';
import { RunErrorsPanel, stepName } from './RunErrorsPanel';
import { sampleFlow } from './state/testFlow';

const NOW = new Date('2026-03-12T12:00:00Z');
const base = { versionId: 'ver1', message: 'https://hooks.test answered 502' };
const ERRORS: ChatbotRunError[] = [
  { ...base, id: 'e1', conversationId: 'conv1', nodeId: 'tag', code: 'webhook_failed', at: '2026-03-12T11:00:00Z' },
  { ...base, id: 'e2', conversationId: 'conv2', nodeId: 'gone', code: 'missing_node', at: '2026-03-12T10:00:00Z' },
  { ...base, id: 'e3', conversationId: 'conv3', nodeId: null, code: 'go_to_flow_unavailable', at: '2026-03-10T10:00:00Z' },
];

function render(nodeFilter: string | null = null, errors: ChatbotRunError[] | null = ERRORS): string {
  const noop = () => undefined;
  return renderToStaticMarkup(
    <MemoryRouter>
      <RunErrorsPanel
        errors={errors}
        loading={false}
        error={null}
        flow={sampleFlow()}
        versions={[{ id: 'ver1', number: 4, publishedAt: '2026-03-01T00:00:00Z', publishedBy: 'a1' }]}
        nodeFilter={nodeFilter}
        now={NOW}
        limit={50}
        onClearFilter={noop}
        onFocusNode={noop}
        onRefresh={noop}
        onClose={noop}
      />
    </MemoryRouter>,
  );
}

describe('the run errors panel', () => {
  it('lists each error with its hooks, a sentence, the step and a link to the conversation', () => {
    const html = render();
    expect(html.match(/data-testid="run-error"/g)).toHaveLength(3);
    expect(html).toContain('data-code="webhook_failed" data-node-id="tag" data-conversation-id="conv1" data-recent="true"');
    expect(html).toContain('data-code="go_to_flow_unavailable" data-node-id="" data-conversation-id="conv3" data-recent="false"');
    expect(html).toContain('href="/inbox/conv1"');
    expect(html).toContain('the flow took its failure path');
    expect(html).toContain('https://hooks.test answered 502');
    expect(html).toContain('Step: Add tag · tag');
    // a step that is not in the flow shown cannot be focused
    expect(html).toMatch(/data-testid="run-error-node" data-missing="true"[^>]*>Step <code>gone<\/code>/);
    expect(html).toContain('>v4<');
    expect(html).toContain('<strong class="run-errors__recent">2 errors</strong> in the last 24 hours');
  });

  it("filters to one step's errors and says when there are none", () => {
    expect(render('tag').match(/data-testid="run-error"/g)).toHaveLength(1);
    expect(render('welcome')).toContain('data-testid="run-errors-empty"');
    expect(render(null, [])).toContain('No errors recorded');
  });

  it('names steps by kind and name', () => {
    const flow = sampleFlow();
    flow.nodes.tag = { ...flow.nodes.tag!, name: 'Lead tag' };
    expect(stepName(flow, 'tag')).toBe('Add tag · Lead tag');
    expect(stepName(flow, 'menu')).toBe('Buttons · menu');
    expect(stepName(flow, 'nope')).toBe('nope');
  });
});

describe('the webhook signature note', () => {
  it('explains the header to everyone and offers the key to owners and admins only', () => {
    const agent = renderToStaticMarkup(<WebhookSignature canSeeKey={false} />);
    expect(agent).toContain('X-Parley-Signature');
    expect(agent).toContain('t=…,v1=…');
    expect(agent).not.toContain('show-signing-key');
    expect(renderToStaticMarkup(<WebhookSignature canSeeKey />)).toContain('data-testid="show-signing-key"');
  });
});
