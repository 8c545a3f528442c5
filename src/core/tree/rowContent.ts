// What a row of the Devices view says: label, description, icon, menus and click, and apart from them its tooltip
// (asked for only when the pointer rests on the row: ten thousand tooltips would be most of every redraw), from the
// device, the service and its connection. Names and addresses are untrusted: labels go through `plain`, tooltip
// markdown through `markdownLiteral`, here and nowhere else.
import type { ConnectionSnapshot } from '../connections/types';
import { connectionDetail, isLive, stateText } from '../presentation/connectionText';
import { applicationType } from '../remoteit/applicationTypes';
import type { Device, Service } from '../remoteit/model';
import { platformName } from '../remoteit/platforms';
import { DEVICES_PER_PAGE } from './devicePage';
import { markdownLiteral, plain } from '../untrusted/text';

export interface RowContent {
  label: string;
  description: string;
  /** A theme icon id and the theme colour id it is drawn in. */
  icon: { id: string; color: string };
  /** Matched by the view's menus; both states of a toggle are named (menus can only match, not exclude). */
  contextValue: string;
  /** A click opens the service (only a ready connection has something to open). */
  opens: boolean;
}

export interface DeviceRowState {
  favourite: boolean;
  /** How many of its services have a live connection. */
  live: number;
}

export function deviceRow(device: Device, { favourite, live }: DeviceRowState): RowContent {
  const online = device.state === 'active';
  // Short, so it is not cut off: the icon says online; the count only when there is more than one service.
  const count = device.services.length === 1 ? '' : `${device.services.length} services`;
  const parts = [favourite ? '★' : '', online ? '' : 'offline', live > 0 ? `${live} connected` : count];
  return {
    label: plain(device.name || device.id),
    description: parts.filter(Boolean).join(' · '),
    icon: { id: online ? 'vm-active' : 'vm-outline', color: online ? 'charts.green' : 'disabledForeground' },
    contextValue: `rit.device.${online ? 'online' : 'offline'}${favourite ? '.favourite' : '.notFavourite'}`,
    opens: false,
  };
}

/** A device row's tooltip: markdown, every untrusted value in it literal. */
export function deviceTooltip(device: Device): string {
  const online = device.state === 'active';
  return [
    `**${markdownLiteral(device.name || device.id)}** — ${online ? 'online' : 'offline'}\n\n`,
    `- Address: ${markdownLiteral(device.id)}\n- Services: ${device.services.length}\n`,
    device.lastReported ? `- Last reported: ${new Date(device.lastReported).toLocaleString()}\n` : '',
    device.platform !== undefined ? `- Platform: ${markdownLiteral(platformName(device.platform))}\n` : '',
    device.owner ? `- Owner: ${markdownLiteral(device.owner.email)}\n` : '',
  ].join('');
}

/** The last row of a list shown a page at a time: a click shows the next page. */
export function moreRow(hidden: number): RowContent {
  const next = Math.min(hidden, DEVICES_PER_PAGE);
  return {
    label: `Show ${next} more device${next === 1 ? '' : 's'}`,
    description: `${hidden} not shown`,
    icon: { id: 'ellipsis', color: 'foreground' },
    contextValue: 'rit.more',
    opens: false,
  };
}

/** The "Show more" row's tooltip: where the devices it leaves out can be found at once. */
export function moreTooltip(hidden: number): string {
  return `The view lists devices ${DEVICES_PER_PAGE} at a time; ${hidden} are not shown yet. **Filter Devices…** searches them all.`;
}

export function serviceRow(service: Service, connection: ConnectionSnapshot | undefined): RowContent {
  const type = applicationType(service.application);
  const state = connection?.state ?? 'idle';
  const online = service.state === 'active';
  const color = state === 'ready' ? 'charts.green' : state === 'failed' ? 'errorForeground' : online ? 'foreground' : 'disabledForeground';
  return {
    label: plain(service.name || service.id),
    description: serviceDescription(service, connection, type.name),
    icon: { id: type.icon, color },
    contextValue: `rit.service.${state}.${type.open}${connection?.request.keepConnected ? '.kept' : '.unkept'}`,
    opens: state === 'ready',
  };
}

function serviceDescription(service: Service, c: ConnectionSnapshot | undefined, typeName: string): string {
  const kept = c?.request.keepConnected ? ' · kept' : '';
  if (c && (isLive(c) || c.failure)) return `${stateText(c)}${kept}`;
  const port = service.port ? `:${service.port}` : '';
  // The type only when the name does not already say it ("SSH  SSH:22" reads twice).
  const type = service.name.toLowerCase().includes(typeName.toLowerCase()) ? '' : `${typeName} `;
  return `${type}${port} · ${stateWord(service)}${kept}`.trim();
}

/** A service row's tooltip: markdown, every untrusted value in it literal. */
export function serviceTooltip(service: Service, deviceName: string, c: ConnectionSnapshot | undefined): string {
  const typeName = applicationType(service.application).name;
  return [
    `**${markdownLiteral(service.name || service.id)}** on ${markdownLiteral(deviceName)}\n\n`,
    `- Type: ${markdownLiteral(typeName)}${service.port ? ` (remote port ${service.port})` : ''}\n`,
    `- State: ${stateWord(service)}\n- Address: ${markdownLiteral(service.id)}\n`,
    // No throughput here: it changes every few seconds, and each change would redraw the row (the status bar has it).
    c && c.state !== 'idle' ? `- Connection: ${markdownLiteral(connectionDetail(c, { throughput: false }), 400)}\n` : '',
    c?.request.keepConnected ? '- Kept connected across restarts\n' : '',
  ].join('');
}

function stateWord(service: Service): string {
  return service.state === 'active' ? 'online' : 'offline';
}
