// connectd's UDP socket: bound for real so the port it reports exists, but nothing is sent on it.
import * as dgram from 'node:dgram';

/** The bound port (0 when no UDP socket could be bound). The socket lives as long as the process. */
export function bindUdp(): Promise<number> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.on('error', () => resolve(0));
    socket.bind(0, () => {
      resolve(socket.address().port);
      socket.unref();
    });
  });
}
