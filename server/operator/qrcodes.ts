import { formatSceneUrl } from '../../core/parking/scene';
import type { ApiContext } from '../parking/api/context';
import { requireLot } from '../parking/places';
import { requireRight } from './access';
import { listGates, listSpots } from './places-admin';
import { type QrSettings, localQrImage, wxacodeImage } from './qr-render';

/** Every gate's and spot's QR scene and image of a lot (place.manage: printing codes is an owner's). */
export async function lotQrCodes(ctx: ApiContext, lotId: string, settings: QrSettings) {
  await requireRight(ctx, lotId, 'place.manage');
  const lot = await requireLot(ctx.deps.db, lotId);
  const targets = [
    ...(await listGates(ctx, lotId)).gates.map((g) => ({
      kind: 'gate' as const,
      id: g.id,
      name: g.name,
      gateKind: g.kind,
      scene: g.scene,
    })),
    ...(await listSpots(ctx, lotId)).spots.map((s) => ({
      kind: 'spot' as const,
      id: s.id,
      name: `${s.code} ${s.name}`,
      scene: s.scene,
    })),
  ];
  const codes = [];
  for (const t of targets) {
    const url = formatSceneUrl(settings.baseUrl, { kind: t.kind, id: t.id });
    const image =
      settings.mode === 'wxacode' ? await wxacodeImage(t.scene, settings) : await localQrImage(url);
    codes.push({ ...t, url, image });
  }
  return { lotId: lot.id, lotName: lot.name, mode: settings.mode, codes };
}
