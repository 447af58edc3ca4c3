import { describe, expect, it } from 'vitest';
import { blockParity, describeSet, sampleFacts, storedRows } from '../../../harness/parity/facts.ts';

describe('block facts', () => {
  it('reads order ids however a language prints them', () => {
    expect(sampleFacts('state_management', ["Saving Order: {'orderId': '1'}\nResult after get: b\"{'orderId': '1'}\"\nDeleting Order: {'orderId': '1'}\nSaving Order: 2"]))
      .toEqual({ saved: ['1', '2'], read: ['1'], deleted: ['1'] });
    expect(sampleFacts('state_management', ['Saved Order: {"orderId":3}\nRetrieved Order: "{\\"orderId\\":3}"\n[TIMESTAMP] Deleted Order: {"orderId":3}\nSave order, Get order, and Delete order 4']))
      .toEqual({ saved: ['3'], read: ['3'], deleted: ['3'] });
    expect(sampleFacts('pub_sub', ['Published data: {"orderId":2}\nPublished data: {"orderId":10}', 'Subscriber received: {"orderId":10}'])).toEqual({ published: ['2', '10'], received: ['10'] });
  });
  it('reads configuration values by key, the value being the line\'s last number', () => {
    expect(sampleFacts('configuration', ['Configuration for orderId1 : 101\nConfiguration for orderId2: {"orderId2":{"value":"102","version":""}}\nConfiguration update orderId1 : 103']))
      .toEqual({ read: ['orderId1=101', 'orderId2=102'], updated: ['orderId1=103'] });
    expect(sampleFacts('configuration', ['Configuration for orderId1: {"Value":"101","Version":"","Metadata":null}\nget updated config key = orderId2, value = 104 ']))
      .toEqual({ read: ['orderId1=101'], updated: ['orderId2=104'] });
  });
  it('reads which jobs fired with which task: each task paired with the droid started just before it', () => {
    const service = 'Received job request...\nStarting droid: K-2SO\nExecuting maintenance job: Hull Polish\nReceived job request...\nStarting Droid: BB-9\nExecuting maintenance job: Wheel Check \n';
    // Scheduling lines name jobs that have not fired: they are not read.
    const scheduler = 'Job scheduled: K-2SO\nJob details: {"task":"Hull Polish"}\nExecuting maintenance job: orphan task';
    expect(sampleFacts('jobs', [scheduler, service])).toEqual({ fired: ['BB-9: Wheel Check', 'K-2SO: Hull Polish'] });
    expect(sampleFacts('jobs', ['Starting droid: K-2SO'])).toEqual({ fired: [] });
    // A job that repeats fires the same fact again.
    expect(sampleFacts('jobs', ['Starting Droid: K-2SO\nExecuting Maintenance: Hull Polish\nStarting Droid: K-2SO\nExecuting Maintenance: Hull Polish'])).toEqual({ fired: ['K-2SO: Hull Polish'] });
  });
  it('reads whether the workflow completed and how much stock it left, in each SDK\'s words', () => {
    expect(sampleFacts('workflows', ['There are 4 kites available\nThere are now 3 kites left in stock\nworkflow status: COMPLETED'])).toEqual({ completed: ['COMPLETED'], left: ['3'] });
    expect(sampleFacts('workflows', ['there are now 3 kite in stock\nWorkflow instance completed, out is: {}'])).toEqual({ completed: ['COMPLETED'], left: ['3'] });
    expect(sampleFacts('workflows', ['Workflow completed! Result: {}\nThere are now 3 kites left in stock'])).toEqual({ completed: ['COMPLETED'], left: ['3'] });
    expect(sampleFacts('workflows', ['Stock updated, there are now 3 kite in stock\nOrchestration completed! Result: {}'])).toEqual({ completed: ['COMPLETED'], left: ['3'] });
    // A run that never completed says so.
    const failed = sampleFacts('workflows', ['workflow status: FAILED\nThere are now 3 kites left in stock'])!;
    expect(failed).toEqual({ completed: [], left: ['3'] });
    expect(blockParity('workflows', [{ id: 'w', ran: true, facts: failed }]).problems).toEqual(['w: no line says the workflow completed']);
  });
  it('reads the secret as a map', () => {
    expect(sampleFacts('secrets_management', ['Fetched Secret: {\'secret\': \'YourPasskeyHere\'}'])).toEqual({ secret: ['{"secret":"YourPasskeyHere"}'] });
    expect(sampleFacts('nope', ['x'])).toBeUndefined();
  });
});

describe('blockParity', () => {
  const f = (published: string[], received: string[]) => ({ published, received });
  it('holds when every language reports the same facts', () => {
    const p = blockParity('pub_sub', [{ id: 'a', ran: true, facts: f(['1', '2'], ['2', '1']) }, { id: 'b', ran: true, facts: f(['1', '2'], ['1', '2']) }, { id: 'c', ran: false }]);
    expect(p).toMatchObject({ ok: true, checked: 2, problems: [] });
  });
  it('names a language that differs, and a sample that contradicts itself', () => {
    const p = blockParity('pub_sub', [{ id: 'a', ran: true, facts: f(['1', '2'], ['1', '2']) }, { id: 'b', ran: true, facts: f(['1', '2'], ['1']) }]);
    expect(p.ok).toBe(false);
    expect(p.problems).toEqual(['b: received ["1"], published ["1","2"]', 'b: received ["1"], a ["1","2"]']);
  });
  it('says a long run of ids as its range', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    const p = blockParity('pub_sub', [{ id: 'a', ran: true, facts: f(ids(10), ids(10)) }, { id: 'b', ran: true, facts: f(ids(9), ids(9)) }]);
    expect(p.problems).toEqual(['b: published 1..9 (9 ids), a 1..10 (10 ids)', 'b: received 1..9 (9 ids), a 1..10 (10 ids)']);
    expect(describeSet(['1', '2', '3', '5', '6', '7'])).toBe('["1","2","3","5","6","7"]');
    expect(describeSet(['1', '2', '3'])).toBe('["1","2","3"]');
  });
  it('never holds over nothing', () => {
    expect(blockParity('pub_sub', [{ id: 'a', ran: true }]).problems).toEqual(['no sample produced output to compare']);
    expect(blockParity('pub_sub', [{ id: 'a', ran: true, facts: f([], []) }]).problems).toEqual(['a: printed none of published, received']);
  });
  describe('recorded divergences', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    const why = 'its loop stops at 9';
    it('leaves a recorded fact out of the comparison and lists it as accepted, the rest still compared', () => {
      const p = blockParity('pub_sub', [
        { id: 'py', ran: true, facts: f(ids(9), ids(9)), divergences: [{ fact: 'published', why }, { fact: 'received', why }] },
        { id: 'go', ran: true, facts: f(ids(10), ids(10)) },
        { id: 'js', ran: true, facts: f(ids(10), ids(10)) },
      ]);
      expect(p.ok).toBe(true);
      expect(p.problems).toEqual([]);
      // The reference is the first sample not recorded as differing, whatever the order.
      expect(p.accepted).toEqual([`py: published 1..9 (9 ids), go 1..10 (10 ids) (accepted: ${why})`, `py: received 1..9 (9 ids), go 1..10 (10 ids) (accepted: ${why})`]);
    });
    it('still fails on a fact that is not recorded, and on the sample contradicting itself', () => {
      const p = blockParity('pub_sub', [
        { id: 'go', ran: true, facts: f(ids(10), ids(10)) },
        { id: 'py', ran: true, facts: f(ids(9), ids(8)), divergences: [{ fact: 'published', why }] },
      ]);
      expect(p.ok).toBe(false);
      expect(p.problems).toEqual(['py: received 1..8 (8 ids), published 1..9 (9 ids)', 'py: received 1..8 (8 ids), go 1..10 (10 ids)']);
    });
    it('fails when a recorded divergence agrees again, or names a fact the rule does not read', () => {
      const agrees = blockParity('pub_sub', [{ id: 'go', ran: true, facts: f(['1'], ['1']) }, { id: 'py', ran: true, facts: f(['1'], ['1']), divergences: [{ fact: 'published', why }] }]);
      expect(agrees.ok).toBe(false);
      expect(agrees.problems).toEqual([`py: published now agrees with go (["1"]): remove its recorded divergence ("${why}")`]);
      const typo = blockParity('pub_sub', [{ id: 'go', ran: true, facts: f(['1'], ['1']) }, { id: 'py', ran: true, facts: f(['1'], ['1']), divergences: [{ fact: 'publshed', why }] }]);
      expect(typo.problems).toEqual(['py: its recorded divergence names "publshed", a fact the pub_sub rule does not read (it reads published, received)']);
    });
  });
});

describe('bindings: the rows a database held after the run', () => {
  it('reads the readout, not what the apps printed, as a set', () => {
    const stored = 'orders.orders: 2, Jane Bond, 15.4\norders.orders: 1, John Smith, 100.32\norders.orders: 1, John Smith, 100.32\n';
    expect(sampleFacts('bindings', ['insert into orders … values (9, …)'], stored)).toEqual({ rows: ['orders.orders: 1, John Smith, 100.32', 'orders.orders: 2, Jane Bond, 15.4'] });
    expect(storedRows(['', 'not a row', 'db.t: x'])).toEqual(['db.t: x']);
  });

  it('has no facts when the store was not read (the run failed before)', () => {
    expect(sampleFacts('bindings', ['stored'])).toBeUndefined();
  });

  it('fails the block when two samples left different rows', () => {
    const p = blockParity('bindings', [
      { id: 'a', ran: true, facts: { rows: ['o.o: 1, x'] } },
      { id: 'b', ran: true, facts: { rows: ['o.o: 1, x', 'o.o: 2, y'] } },
    ]);
    expect(p.ok).toBe(false);
    expect(p.problems).toEqual(['b: rows ["o.o: 1, x","o.o: 2, y"], a ["o.o: 1, x"]']);
  });
});

describe('service invocation and cryptography facts', () => {
  it('reads the ids the caller passed and the called app received, however each language prints them', () => {
    const f = sampleFacts('service_invocation', ['Order passed: {"orderId": 1}\nOrder passed: {"orderId":2}', 'Order received : {"orderId": 1}\nOrder received: { orderId: 2 }\nOrder received: 3']);
    expect(f).toEqual({ passed: ['1', '2'], received: ['1', '2', '3'] });
    const p = blockParity('service_invocation', [{ id: 'a', ran: true, facts: f! }]);
    expect(p.problems).toEqual(['a: received ["1","2","3"], passed ["1","2"]']);
  });
  it('reads the decrypted text as the line after the decrypted length, and the length', () => {
    expect(sampleFacts('cryptography', ['Encrypted the message, got 856 bytes\nDecrypted the message, got 24 bytes\nThe secret is "passw0rd"\nWrote decrypted data to decrypted.out.jpg']))
      .toEqual({ decrypted: ['The secret is "passw0rd"'], bytes: ['24'] });
    const p = blockParity('cryptography', [
      { id: 'a', ran: true, facts: { decrypted: ['x'], bytes: ['1'] } },
      { id: 'b', ran: true, facts: { decrypted: ['y'], bytes: ['1'] } },
    ]);
    expect(p.problems).toEqual(['b: decrypted ["y"], a ["x"]']);
  });
});
