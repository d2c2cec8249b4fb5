import type { TableServiceClientOptions } from '@azure/data-tables';

type AdditionalPolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number];

/** What Azure bills a table workload by: transactions (HTTP requests) and the entities they return. */
export interface TableUsage {
  readonly transactions: number;
  readonly entitiesRead: number;
  /** Transactions per table ('$batch' for entity group transactions); for seeing where a cost comes from. */
  readonly byTable: Readonly<Record<string, number>>;
}

export interface TableMeter {
  /** For connectTables' options: every table client built with it is counted. */
  readonly options: TableServiceClientOptions;
  /** Usage since the meter was created; subtract two readings for a phase. */
  usage(): TableUsage;
}

/** `/devstoreaccount1/chatCases(PartitionKey='…',RowKey='…')` → `chatCases`; `/…/$batch` → `$batch`. */
function tableOf(url: string): string {
  const path = new URL(url).pathname.split('/').filter((part) => part !== '');
  return decodeURIComponent(path[path.length - 1] ?? '').replace(/\(.*$/, '');
}

/** Entities in a successful read: a query answers `{ value: [...] }`, a point read one entity. */
function entitiesIn(method: string, status: number, body: string | undefined): number {
  if (method !== 'GET' || status !== 200 || body === undefined) return 0;
  const parsed = JSON.parse(body) as { value?: unknown };
  return Array.isArray(parsed.value) ? parsed.value.length : 1;
}

/**
 * Counts every attempt the table clients send (perRetry: a retried request is billed again) and the entities
 * each read returns. A pipeline policy rather than a wrapper round the store, so nothing the bot does escapes it.
 */
export function createTableMeter(): TableMeter {
  let transactions = 0;
  let entitiesRead = 0;
  const byTable = new Map<string, number>();
  const policy: AdditionalPolicy = {
    position: 'perRetry',
    policy: {
      name: 'tableMeter',
      async sendRequest(request, next) {
        const response = await next(request);
        const table = tableOf(request.url);
        transactions += 1;
        byTable.set(table, (byTable.get(table) ?? 0) + 1);
        entitiesRead += entitiesIn(request.method, response.status, response.bodyAsText ?? undefined);
        return response;
      },
    },
  };
  return {
    options: { additionalPolicies: [policy] },
    usage: () => ({ transactions, entitiesRead, byTable: Object.fromEntries(byTable) }),
  };
}

export function usageBetween(before: TableUsage, after: TableUsage): TableUsage {
  const byTable: Record<string, number> = {};
  for (const [table, count] of Object.entries(after.byTable)) {
    const delta = count - (before.byTable[table] ?? 0);
    if (delta > 0) byTable[table] = delta;
  }
  return { transactions: after.transactions - before.transactions, entitiesRead: after.entitiesRead - before.entitiesRead, byTable };
}
