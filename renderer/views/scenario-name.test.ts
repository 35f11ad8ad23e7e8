import { describe, expect, it } from 'vitest';
import { scenarioNameNote } from './ScenarioView';

describe('scenarioNameNote', () => {
  const all = [
    { id: 'a', doc: { name: 'Flash crash' } },
    { id: 'b', doc: { name: 'Lender default' } },
  ];
  it('asks for a name where there is none, and says when another scenario has it', () => {
    expect(scenarioNameNote('   ', 'a', all)).toMatch(/^Give it a name/);
    expect(scenarioNameNote('Lender default ', 'a', all)).toMatch(/^Another scenario has this name/);
    expect(scenarioNameNote('Flash crash', 'a', all)).toBeNull();
    expect(scenarioNameNote('Flash crash 2', 'a', all)).toBeNull();
  });
});
