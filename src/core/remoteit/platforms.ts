// What a device's `platform` number means, in words (the numbers the remote.it platform assigns per OS and
// hardware family). Unknown numbers stay visible as numbers, so nothing is hidden.

const PLATFORM_NAMES: Readonly<Record<number, string>> = {
  0: 'Windows',
  5: 'Windows Desktop',
  10: 'Windows Server',
  256: 'macOS',
  769: 'Linux',
  1063: 'Amnimo',
  1072: 'Raspberry Pi',
  1075: 'Remote.It Pi',
  1076: 'Remote.It Pi Lite',
  1077: 'Remote.It Pi 64',
  1120: 'Debian Linux',
  1121: 'Red Hat Linux',
  1122: 'Alpine Linux',
  1185: 'AWS',
  1186: 'Azure',
  1187: 'Google Cloud',
  1200: 'Linux (ARM)',
  1201: 'NVIDIA Jetson',
  1205: 'OpenWrt',
  1206: 'Advantech',
  1209: 'AXIS',
  1210: 'Synology',
  1213: 'Android',
  1214: 'iPhone',
  1215: 'ASUS Tinker Board',
  1216: 'Firewalla',
  1218: 'Ubiquiti router',
  1219: 'Docker container',
  1220: 'Docker Desktop extension',
  1221: 'Docker jumpbox',
  1223: 'Embedded Works',
  1224: 'Cachengo',
  1225: 'IDY',
  1226: 'Liverock Technologies',
  1228: 'TOA',
  1281: 'Teltonika',
  65535: 'Unknown platform',
};

export function platformName(platform: number): string {
  return PLATFORM_NAMES[platform] ?? `platform ${platform}`;
}
