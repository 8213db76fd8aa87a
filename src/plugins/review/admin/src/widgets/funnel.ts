/**
 * The only place that knows the shape of the statistics endpoint the funnel
 * widget reads (GET /api/portal/statistics?year=Y → data.funnel). If that
 * shape changes, adapt `toFunnel` and nothing else.
 */
export type FunnelRow = { label: string; value: number };

type PortalFunnel = {
  registered?: number;
  levels?: Array<{ name: string; entered: number; recognised: number; proposedOnward: number }>;
};

import { backendUrl } from '../utils/format';

export const funnelUrl = (year: number) => `${backendUrl()}/api/portal/statistics?year=${year}`;

export function toFunnel(body: unknown): FunnelRow[] {
  const funnel = (body as { data?: { funnel?: PortalFunnel } } | null)?.data?.funnel;
  if (!funnel) return [];
  return [
    { label: 'Đăng ký', value: funnel.registered ?? 0 },
    ...(funnel.levels ?? []).flatMap((level) => [
      { label: `Vào ${level.name}`, value: level.entered },
      { label: `Công nhận ở ${level.name}`, value: level.recognised },
      ...(level.proposedOnward > 0 ? [{ label: `Đề nghị lên trên từ ${level.name}`, value: level.proposedOnward }] : []),
    ]),
  ];
}
